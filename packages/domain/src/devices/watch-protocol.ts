import type { DeviceMessage, EventType } from "@carecircle/shared";

/**
 * The text "watch protocol" that many elder wristbands and children's watches speak over TCP:
 * `[VV*DEVICEID*LLLL*CONTENT]`, VV a vendor tag (3G, CS, SG …), LLLL the content's length in bytes as 4 hex digits,
 * CONTENT a command and its comma-separated fields (LK link/heartbeat, UD/UD2 location, AL alarm, bphrt blood
 * pressure and heart rate, oxygen …). This adapter frames a TCP byte stream, decodes what it can into our device
 * messages, and says what to answer (the watch re-sends LK and AL until answered).
 */

export interface WatchFrame {
  vendor: string;
  deviceId: string;
  command: string;
  fields: string[];
  /** The whole frame as received, for the record. */
  raw: string;
}

const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const STAR = 0x2a; // *
const MAX_CONTENT = 64 * 1024;

/**
 * Splits a TCP byte stream into frames: frames may arrive split across chunks or several in one chunk; bytes that do
 * not start a frame are skipped; a frame whose declared length does not end at a `]` is dropped (and reading resumes
 * at the next `[`).
 */
export class WatchFrameReader {
  private buf: Buffer = Buffer.alloc(0);
  /** Frames dropped as malformed since the reader was made. */
  dropped = 0;

  push(chunk: Buffer | string): WatchFrame[] {
    this.buf = Buffer.concat([this.buf, typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk]);
    const frames: WatchFrame[] = [];
    for (;;) {
      const start = this.buf.indexOf(OPEN);
      if (start < 0) {
        this.buf = Buffer.alloc(0);
        break;
      }
      if (start > 0) this.buf = this.buf.subarray(start);
      // header: [VV*ID*LLLL*
      const s1 = this.buf.indexOf(STAR, 1);
      const s2 = s1 < 0 ? -1 : this.buf.indexOf(STAR, s1 + 1);
      const s3 = s2 < 0 ? -1 : this.buf.indexOf(STAR, s2 + 1);
      if (s3 < 0) {
        if (this.buf.length > 64) this.skip(); // no header within reach: not a frame
        else break; // the header is still arriving
        continue;
      }
      const vendor = this.buf.subarray(1, s1).toString("latin1");
      const deviceId = this.buf.subarray(s1 + 1, s2).toString("latin1");
      const lenText = this.buf.subarray(s2 + 1, s3).toString("latin1");
      const len = /^[0-9A-Fa-f]{4}$/.test(lenText) ? parseInt(lenText, 16) : -1;
      if (!/^[A-Za-z0-9]{1,8}$/.test(vendor) || !/^[0-9A-Za-z]{1,20}$/.test(deviceId) || len < 0 || len > MAX_CONTENT) {
        this.skip();
        continue;
      }
      const end = s3 + 1 + len;
      if (this.buf.length < end + 1) break; // the content is still arriving
      if (this.buf[end] !== CLOSE) {
        this.skip();
        continue;
      }
      const content = this.buf.subarray(s3 + 1, end).toString("utf8");
      const [command = "", ...fields] = content.split(",");
      frames.push({ vendor, deviceId, command, fields, raw: this.buf.subarray(0, end + 1).toString("utf8") });
      this.buf = this.buf.subarray(end + 1);
    }
    return frames;
  }

  private skip() {
    this.dropped++;
    this.buf = this.buf.subarray(1);
  }
}

/** A frame for the watch: `[VV*ID*LLLL*CONTENT]` with the length in bytes. */
export function encodeWatchFrame(vendor: string, deviceId: string, content: string): string {
  const len = Buffer.byteLength(content, "utf8").toString(16).toUpperCase().padStart(4, "0");
  return `[${vendor}*${deviceId}*${len}*${content}]`;
}

/**
 * The terminal-status bits of UD/AL frames that mean an alarm, as most vendors document them (low 16 bits are
 * states, high 16 bits alarms). A vendor with another assignment passes its own map.
 */
export const WATCH_ALARM_BITS: Record<number, EventType> = {
  16: "sos",
  17: "low_battery",
  18: "geofence_exit",
  19: "geofence_enter",
  20: "removed",
  21: "fall",
  22: "fall",
};

/** DDMMYY + HHMMSS (the watch's clock, UTC) as ISO 8601; null when not a valid time. */
function frameTime(date: string | undefined, time: string | undefined): string | null {
  if (!date || !time || !/^\d{6}$/.test(date) || !/^\d{6}(\.\d+)?$/.test(time)) return null;
  const iso = `20${date.slice(4, 6)}-${date.slice(2, 4)}-${date.slice(0, 2)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

const num = (s: string | undefined) => (s !== undefined && s !== "" && Number.isFinite(Number(s)) ? Number(s) : undefined);

export interface WatchDecoded {
  /** Our messages, with event ids derived from the watch's own time (a re-sent alarm keeps its id). */
  messages: DeviceMessage[];
  /** What to send back, if the command expects an answer. */
  reply: string | null;
}

/**
 * Decodes one frame. `receivedAt` stands in for frames without a time of their own (LK); their ids then change each
 * minute, which is harmless for heartbeats. Commands this adapter does not know decode to nothing (and no reply).
 */
export function decodeWatchFrame(f: WatchFrame, receivedAt: Date, alarmBits: Record<number, EventType> = WATCH_ALARM_BITS): WatchDecoded {
  const messages: DeviceMessage[] = [];
  const cmd = f.command.toUpperCase();
  const answer = (c: string) => encodeWatchFrame(f.vendor, f.deviceId, c);
  const minute = receivedAt.toISOString().slice(0, 16);
  if (cmd === "LK") {
    const at = receivedAt.toISOString();
    messages.push({ kind: "heartbeat", payload: { eventId: `LK-${minute}`, at } });
    const battery = num(f.fields[2]);
    if (battery !== undefined && battery >= 0 && battery <= 100) messages.push({ kind: "battery", payload: { eventId: `LK-${minute}-b`, at, percent: Math.round(battery) } });
    const steps = num(f.fields[0]);
    if (steps !== undefined && steps >= 0) messages.push({ kind: "vitals", payload: { eventId: `LK-${minute}-s`, at, steps: Math.round(steps) } });
    return { messages, reply: answer("LK") };
  }
  if (cmd === "UD" || cmd === "UD2" || cmd === "AL") {
    // UD,DDMMYY,HHMMSS,A|V,lat,N|S,lng,E|W,speed,course,altitude,satellites,gsm,battery,steps,rolls,status,…
    const [date, time, valid, lat, ns, lng, ew, , , , , , battery, , , status] = f.fields;
    const at = frameTime(date, time) ?? receivedAt.toISOString();
    const id = `${cmd}-${date ?? ""}${time ?? minute}`;
    const la = num(lat);
    const lo = num(lng);
    const position = valid === "A" && la !== undefined && lo !== undefined && (la !== 0 || lo !== 0) ? { lat: ns === "S" ? -la : la, lng: ew === "W" ? -lo : lo } : null;
    if (position) messages.push({ kind: "location", payload: { eventId: `${id}-p`, at, ...position, datum: "wgs84", source: "gps" } });
    const b = num(battery);
    if (b !== undefined && b >= 0 && b <= 100) messages.push({ kind: "battery", payload: { eventId: `${id}-b`, at, percent: Math.round(b) } });
    if (cmd === "AL" && status && /^[0-9A-Fa-f]{1,8}$/.test(status)) {
      const bits = parseInt(status, 16);
      const seen = new Set<EventType>();
      for (const [bit, type] of Object.entries(alarmBits)) {
        if ((bits >>> Number(bit)) & 1 && !seen.has(type)) {
          seen.add(type);
          messages.push({ kind: "event", payload: { eventId: `${id}-${type}`, at, type, datum: "wgs84", ...(position ?? {}), detail: { vendor: f.vendor, status } } });
        }
      }
    }
    return { messages, reply: cmd === "AL" ? answer("AL") : null };
  }
  if (cmd === "BPHRT") {
    // bphrt,systolic,diastolic,heart rate,…
    const at = receivedAt.toISOString();
    const [sys, dia, hr] = f.fields.map(num);
    const vitals = { ...(sys ? { systolic: sys } : {}), ...(dia ? { diastolic: dia } : {}), ...(hr ? { heartRate: hr } : {}) };
    if (Object.keys(vitals).length) messages.push({ kind: "vitals", payload: { eventId: `BPHRT-${minute}-${f.fields.slice(0, 3).join("-")}`, at, ...vitals } });
    return { messages, reply: answer("BPHRT") };
  }
  if (cmd === "OXYGEN") {
    const spo2 = num(f.fields[0]);
    if (spo2 !== undefined && spo2 > 0 && spo2 <= 100) messages.push({ kind: "vitals", payload: { eventId: `OXYGEN-${minute}-${spo2}`, at: receivedAt.toISOString(), spo2: Math.round(spo2) } });
    return { messages, reply: answer("OXYGEN") };
  }
  return { messages, reply: null };
}
