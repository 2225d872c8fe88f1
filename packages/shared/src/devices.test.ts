import { describe, expect, it } from "vitest";
import { deviceTopic, parseDeviceMessage, parseDeviceTopic } from "./devices.ts";

describe("device topics and payloads", () => {
  it("names and reads a device's own topics, and nothing else", () => {
    expect(deviceTopic("SB-000123", "event")).toBe("cc/v1/devices/SB-000123/event");
    expect(parseDeviceTopic("cc/v1/devices/SB-000123/event")).toEqual({ serial: "SB-000123", kind: "event" });
    for (const t of ["cc/v1/devices/SB-000123/alarm", "cc/v1/devices/+/event", "cc/v1/devices/a/b/event", "other/SB/event"]) expect(parseDeviceTopic(t)).toBeNull();
  });

  it("accepts our payloads and refuses wrong ones with field paths", () => {
    const ok = parseDeviceMessage("event", { eventId: "e1", at: "2026-11-23T10:00:00+08:00", type: "sos" });
    expect(ok).toMatchObject({ ok: true, message: { kind: "event", payload: { type: "sos", datum: "wgs84" } } });
    const bad = parseDeviceMessage("event", { eventId: "e1", at: "yesterday", type: "panic", extra: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues.map((i) => i.path.join(".") || i.code)).toEqual(expect.arrayContaining(["at", "type"]));
    expect(parseDeviceMessage("vitals", { eventId: "v", at: "2026-11-23T10:00:00Z" }).ok).toBe(false);
    expect(parseDeviceMessage("battery", { eventId: "b", at: "2026-11-23T10:00:00Z", percent: 101 }).ok).toBe(false);
  });
});
