import { z } from "zod";

/**
 * Alarm terminals and the messages they send (C9). These zod schemas are the source of truth for the payloads
 * documented in docs/devices.md: over MQTT (topic `cc/v1/devices/{serial}/{kind}`) and over HTTP
 * (`POST /api/v1/device-messages`, the same bodies with `serial` and `kind`).
 */
export const DEVICE_TYPES = [
  "call_button", // 一键通
  "safety_bell", // 平安钟
  "wristband", // 智能手环 / 手表
  "fall_sensor", // 跌倒探测
  "smoke", // 烟感
  "gas", // 燃气
  "door", // 门磁
  "presence", // 床垫 / 人体存在
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const MESSAGE_KINDS = ["heartbeat", "event", "location", "vitals", "battery"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** What a device reports as an event; the alarm rules turn some of them into alarms. */
export const EVENT_TYPES = [
  "sos", // the one-key button, the watch's SOS key
  "fall", // a fall detected
  "smoke",
  "gas",
  "door_open",
  "ok_press", // 平安钟: "I'm OK"
  "movement", // presence / bed sensor: someone moved
  "removed", // the wristband was taken off
  "geofence_exit",
  "geofence_enter",
  "low_battery",
  "tamper",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const at = z.iso.datetime({ offset: true, error: "时间格式应为 ISO 8601（含时区）" });
/** A device's own id for a message: a retry carries the same one, so it is stored (and alarms raised) once. */
const eventId = z.string().trim().min(1).max(64);

export const HeartbeatPayload = z
  .object({
    eventId,
    at,
    /** Signal strength 0–100 and firmware, when the device says. */
    signal: z.number().int().min(0).max(100).optional(),
    firmware: z.string().max(40).optional(),
  })
  .strict();

export const EventPayload = z
  .object({
    eventId,
    at,
    type: z.enum(EVENT_TYPES, { error: "事件类型无效" }),
    /** Where the device was, in GCJ-02 unless `datum` says WGS-84 (most GPS chips). */
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    datum: z.enum(["wgs84", "gcj02"]).default("wgs84"),
    detail: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const LocationPayload = z
  .object({
    eventId,
    at,
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    datum: z.enum(["wgs84", "gcj02"]).default("wgs84"),
    accuracy: z.number().min(0).max(100_000).optional(),
    /** gps, wifi or cell (base station) fix. */
    source: z.enum(["gps", "wifi", "cell"]).default("gps"),
  })
  .strict();

export const VitalsPayload = z
  .object({
    eventId,
    at,
    heartRate: z.number().int().min(0).max(300).optional(),
    systolic: z.number().int().min(0).max(300).optional(),
    diastolic: z.number().int().min(0).max(250).optional(),
    spo2: z.number().int().min(0).max(100).optional(),
    temperature: z.number().min(25).max(45).optional(),
    steps: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).some((k) => !["eventId", "at", "steps"].includes(k)) || v.steps !== undefined, { message: "至少要有一项体征或步数" });

export const BatteryPayload = z.object({ eventId, at, percent: z.number().int().min(0).max(100), charging: z.boolean().optional() }).strict();

export const DEVICE_PAYLOADS = { heartbeat: HeartbeatPayload, event: EventPayload, location: LocationPayload, vitals: VitalsPayload, battery: BatteryPayload } as const;

export type DeviceMessage =
  | { kind: "heartbeat"; payload: z.output<typeof HeartbeatPayload> }
  | { kind: "event"; payload: z.output<typeof EventPayload> }
  | { kind: "location"; payload: z.output<typeof LocationPayload> }
  | { kind: "vitals"; payload: z.output<typeof VitalsPayload> }
  | { kind: "battery"; payload: z.output<typeof BatteryPayload> };

/** The MQTT topic a device publishes a kind of message to; a device may publish under its own serial only. */
export function deviceTopic(serial: string, kind: MessageKind): string {
  return `cc/v1/devices/${serial}/${kind}`;
}

/** The serial and kind of a device topic, or null for any other topic. */
export function parseDeviceTopic(topic: string): { serial: string; kind: MessageKind } | null {
  const m = /^cc\/v1\/devices\/([A-Za-z0-9_-]{1,64})\/([a-z]+)$/.exec(topic);
  if (!m || !(MESSAGE_KINDS as readonly string[]).includes(m[2]!)) return null;
  return { serial: m[1]!, kind: m[2] as MessageKind };
}

/** Parses one message body for its kind; the errors are zod's, with Chinese messages where they matter. */
export function parseDeviceMessage(kind: MessageKind, body: unknown): { ok: true; message: DeviceMessage } | { ok: false; error: z.ZodError } {
  const r = DEVICE_PAYLOADS[kind].safeParse(body);
  return r.success ? { ok: true, message: { kind, payload: r.data } as DeviceMessage } : { ok: false, error: r.error };
}

export const RegisterDeviceInput = z
  .object({
    serial: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "设备序列号为1–64位字母、数字、- 或 _"),
    type: z.enum(DEVICE_TYPES, { error: "设备类型无效" }),
    vendor: z.string().trim().min(1, "厂商不能为空").max(50),
    model: z.string().trim().min(1, "型号不能为空").max(50),
    simPhone: z.string().trim().max(20).optional(),
    firmware: z.string().trim().max(40).optional(),
    /** Expected heartbeat interval of the model, in seconds (平安钟 often report hourly, watches every few minutes). */
    heartbeatSeconds: z.number().int().min(10).max(7 * 24 * 3600),
    elderId: z.uuid({ error: "老人编号无效" }).optional(),
  })
  .strict();

export const BindDeviceInput = z.object({ elderId: z.uuid({ error: "老人编号无效" }).nullable() }).strict();

/** A message over HTTP: the kind and the payload's fields side by side. */
export const HttpDeviceMessage = z.object({ kind: z.enum(MESSAGE_KINDS, { error: "消息类型无效" }) }).passthrough();

export const ALARM_TYPES = ["sos", "fall", "smoke", "gas", "vitals", "geofence_exit", "low_battery", "tamper", "offline", "inactivity"] as const;
export type AlarmType = (typeof ALARM_TYPES)[number];
export const ALARM_OUTCOMES = ["false_alarm", "resolved_at_home", "worker_sent", "sent_to_hospital", "family_handled", "other"] as const;

export const AlarmActionInput = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("acknowledge"), notes: z.string().trim().max(500).optional() }).strict(),
    z.object({ action: z.literal("call_elder"), result: z.enum(["answered", "no_answer"], { error: "结果应为 answered 或 no_answer" }), notes: z.string().trim().max(500).optional() }).strict(),
    z.object({ action: z.literal("call_family"), result: z.enum(["answered", "no_answer"], { error: "结果应为 answered 或 no_answer" }), notes: z.string().trim().max(500).optional() }).strict(),
    z
      .object({
        action: z.literal("dispatch"),
        notes: z.string().trim().min(1, "请写明派了谁").max(500),
        /** A caregiver from the nearby list: an emergency service order is placed for the elder and given to them. */
        workerId: z.uuid({ error: "服务人员编号无效" }).optional(),
        productId: z.uuid({ error: "服务产品编号无效" }).optional(),
        /** A volunteer from the nearby list, asked by phone to go: recorded on the step, no order placed. */
        volunteerId: z.uuid({ error: "志愿者编号无效" }).optional(),
      })
      .strict(),
    z.object({ action: z.literal("call_emergency"), result: z.enum(["120", "110", "119"], { error: "应为 120、110 或 119" }), notes: z.string().trim().max(500).optional() }).strict(),
    z.object({ action: z.literal("note"), notes: z.string().trim().min(1).max(1000) }).strict(),
    z.object({ action: z.literal("close"), outcome: z.enum(ALARM_OUTCOMES, { error: "处置结果无效" }), notes: z.string().trim().max(1000).optional() }).strict(),
  ],
  { error: "操作无效" },
);

/** A caregiver near an alarm's elder whom the operator could send (`GET /api/v1/alarms/{id}/responders` items). */
export interface WorkerResponder {
  kind: "worker";
  workerId: string;
  name: string;
  /** Masked. */
  phone: string;
  providerId: string;
  providerName: string;
  distanceMeters: number;
  /** Within their working days and hours now (Beijing time). */
  onDuty: boolean;
  /** On the way to or inside another home now. */
  busy: boolean;
  /** The product an emergency order for them would be placed under, or null when their provider offers none here. */
  product: { id: string; name: string; category: string } | null;
}

/**
 * A verified time-bank volunteer living near an alarm's elder (志愿者): asked to go by phone, no order placed. The full
 * phone comes from `POST /api/v1/alarms/{id}/volunteers/{volunteerId}/reveal` (audited).
 */
export interface VolunteerResponder {
  kind: "volunteer";
  volunteerId: string;
  name: string;
  /** Masked. */
  phone: string;
  team: string | null;
  /** From the volunteer's home. */
  distanceMeters: number;
}

export type Responder = WorkerResponder | VolunteerResponder;
