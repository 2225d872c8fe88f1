import fc from "fast-check";
import { DEVICE_PAYLOADS } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { decodeWatchFrame, encodeWatchFrame, WatchFrameReader } from "./watch-protocol.ts";

const AL = (status: string) => encodeWatchFrame("3G", "8800000015", `AL,231126,021530,A,29.503500,N,106.510500,E,0.00,0,0,8,100,64,1024,0,${status},00000000,6,1,460,0,9360,4082,131`);
const at = new Date("2026-11-23T02:16:00Z");

describe("watch protocol framing", () => {
  it("reads frames split across chunks, several in one chunk, with garbage between", () => {
    const a = encodeWatchFrame("3G", "8800000015", "LK,1200,0,87");
    const b = AL("00010000");
    const stream = `xx${a}\r\n${b}junk[3G*1*zz]`;
    const r = new WatchFrameReader();
    const frames = [...stream].flatMap((ch) => r.push(ch));
    expect(frames.map((f) => f.command)).toEqual(["LK", "AL"]);
    expect(frames[0]).toMatchObject({ vendor: "3G", deviceId: "8800000015", fields: ["1200", "0", "87"] });
  });

  it("frames any split of any sequence of frames the same way (property)", () => {
    const content = fc.constantFrom("LK", "LK,10,0,50", "UD,231126,021530,V,0,N,0,E", "bphrt,120,79,73", "oxygen,97");
    fc.assert(
      fc.property(fc.array(content, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 30 }), (contents, cuts) => {
        const stream = contents.map((c) => encodeWatchFrame("CS", "1234567890", c)).join("");
        const r = new WatchFrameReader();
        const out = [];
        let i = 0;
        for (const n of [...cuts, stream.length]) {
          out.push(...r.push(stream.slice(i, i + n)));
          i += n;
          if (i >= stream.length) break;
        }
        expect(out.map((f) => [f.command, ...f.fields].join(","))).toEqual(contents);
        expect(r.dropped).toBe(0);
      }),
    );
  });

  it("counts the content's length in bytes (Chinese text in a message) and drops a frame whose length lies", () => {
    const zh = encodeWatchFrame("3G", "1", "MESSAGE,你好");
    expect(zh).toContain("*000E*"); // 8 ASCII bytes and 2 × 3 bytes of UTF-8
    const r = new WatchFrameReader();
    expect(r.push(zh)[0]!.fields).toEqual(["你好"]);
    expect(r.push("[3G*1*0009*LK]" + encodeWatchFrame("3G", "1", "LK")).map((f) => f.command)).toEqual(["LK"]);
    expect(r.dropped).toBeGreaterThan(0);
  });
});

describe("watch protocol decoding", () => {
  it("a link frame is a heartbeat with battery and steps, answered with LK", () => {
    const [f] = new WatchFrameReader().push(encodeWatchFrame("3G", "8800000015", "LK,1200,0,87"));
    const d = decodeWatchFrame(f!, at);
    expect(d.reply).toBe("[3G*8800000015*0002*LK]");
    expect(d.messages.map((m) => m.kind)).toEqual(["heartbeat", "battery", "vitals"]);
    expect(d.messages[1]!.payload).toMatchObject({ percent: 87 });
  });

  it("an alarm frame with the SOS bit is an SOS event at the watch's time and position, answered with AL; a re-send keeps its id", () => {
    const [f] = new WatchFrameReader().push(AL("00010000"));
    const d = decodeWatchFrame(f!, at);
    expect(d.reply).toBe("[3G*8800000015*0002*AL]");
    const sos = d.messages.find((m) => m.kind === "event")!;
    expect(sos.payload).toMatchObject({ type: "sos", at: "2026-11-23T02:15:30Z", lat: 29.5035, lng: 106.5105, datum: "wgs84" });
    const again = decodeWatchFrame(new WatchFrameReader().push(AL("00010000"))[0]!, new Date(at.getTime() + 60_000));
    expect(again.messages.find((m) => m.kind === "event")!.payload.eventId).toBe(sos.payload.eventId);
    // every decoded message satisfies our own schema
    for (const m of [...d.messages, ...again.messages]) expect(DEVICE_PAYLOADS[m.kind].safeParse(m.payload).success).toBe(true);
  });

  it("maps the fall and wrist-removal bits, several at once, and ignores a location without a fix", () => {
    const d = decodeWatchFrame(new WatchFrameReader().push(AL("00300000"))[0]!, at);
    expect(d.messages.filter((m) => m.kind === "event").map((m) => (m.payload as { type: string }).type)).toEqual(["removed", "fall"]);
    const v = decodeWatchFrame(new WatchFrameReader().push(encodeWatchFrame("3G", "1", "UD,231126,021530,V,0,N,0,E,0,0,0,0,100,50,0,0,00000000"))[0]!, at);
    expect(v.messages.map((m) => m.kind)).toEqual(["battery"]);
    expect(v.reply).toBeNull();
  });

  it("blood pressure, heart rate and oxygen are vitals; unknown commands decode to nothing", () => {
    const bp = decodeWatchFrame(new WatchFrameReader().push(encodeWatchFrame("3G", "1", "bphrt,135,88,92,1,2"))[0]!, at);
    expect(bp.messages[0]!.payload).toMatchObject({ systolic: 135, diastolic: 88, heartRate: 92 });
    const ox = decodeWatchFrame(new WatchFrameReader().push(encodeWatchFrame("3G", "1", "oxygen,96"))[0]!, at);
    expect(ox.messages[0]!.payload).toMatchObject({ spo2: 96 });
    expect(decodeWatchFrame(new WatchFrameReader().push(encodeWatchFrame("3G", "1", "TKQ"))[0]!, at)).toEqual({ messages: [], reply: null });
  });
});
