import { describe, expect, it } from "vitest";
import { alarmsFor } from "./alarm-rules.ts";

const at = "2026-11-23T10:00:00+08:00";
describe("alarm rules", () => {
  it("SOS, falls, smoke and gas raise alarms; an 'I'm OK' press or movement does not", () => {
    expect(alarmsFor({ kind: "event", payload: { eventId: "1", at, type: "sos", datum: "wgs84" } })[0]!.type).toBe("sos");
    expect(alarmsFor({ kind: "event", payload: { eventId: "1", at, type: "fall", datum: "wgs84", lat: 29.5, lng: 106.5 } })[0]).toMatchObject({ type: "fall", detail: { lat: 29.5 } });
    for (const t of ["smoke", "gas"] as const) expect(alarmsFor({ kind: "event", payload: { eventId: "1", at, type: t, datum: "wgs84" } })[0]!.type).toBe(t);
    expect(alarmsFor({ kind: "event", payload: { eventId: "1", at, type: "ok_press", datum: "wgs84" } })).toEqual([]);
    expect(alarmsFor({ kind: "event", payload: { eventId: "1", at, type: "movement", datum: "wgs84" } })).toEqual([]);
  });

  it("low battery at or below the limit, unless charging; heartbeats and locations raise nothing", () => {
    expect(alarmsFor({ kind: "battery", payload: { eventId: "1", at, percent: 20 } })[0]!.type).toBe("low_battery");
    expect(alarmsFor({ kind: "battery", payload: { eventId: "1", at, percent: 21 } })).toEqual([]);
    expect(alarmsFor({ kind: "battery", payload: { eventId: "1", at, percent: 5, charging: true } })).toEqual([]);
    expect(alarmsFor({ kind: "heartbeat", payload: { eventId: "1", at } })).toEqual([]);
    expect(alarmsFor({ kind: "location", payload: { eventId: "1", at, lat: 1, lng: 1, datum: "wgs84", source: "gps" } })).toEqual([]);
  });

  it("vital signs outside the limits, each finding named", () => {
    expect(alarmsFor({ kind: "vitals", payload: { eventId: "1", at, heartRate: 72, systolic: 130, spo2: 97 } })).toEqual([]);
    const a = alarmsFor({ kind: "vitals", payload: { eventId: "1", at, heartRate: 35, systolic: 190, spo2: 86, temperature: 39 } });
    expect(a).toEqual([{ type: "vitals", detail: { findings: ["心率 35", "收缩压 190", "血氧 86%", "体温 39℃"] } }]);
    expect(alarmsFor({ kind: "vitals", payload: { eventId: "1", at, steps: 3000 } })).toEqual([]);
  });
});
