import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import { alarmActions, alarms, deviceBindings, devices, elders, followUps, selectRows, serviceOrders, serviceProducts, type Tx, volunteers, workers } from "@carecircle/db";
import type { AlarmActionInput } from "@carecircle/shared";
import { shanghaiDate } from "@carecircle/shared";
import { BindDeviceInput, type DeviceMessage, type MessageKind, parseDeviceMessage, RegisterDeviceInput } from "@carecircle/shared";
import { and, desc, eq, gte, ne, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { BadRequestError, ConflictError, InvalidStateError, NotFoundError, UnauthenticatedError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { requirePermission, SYSTEM_ACTOR } from "../core/permissions.ts";
import { elderForActor } from "../elders/access.ts";
import { getElderInScope } from "../elders/internal.ts";
import { alarmsFor } from "./alarm-rules.ts";
import { alarmSteps } from "./alarm-steps.ts";
import { volunteerForAlarm } from "./volunteer-responders.ts";
import { placeOrder } from "../orders/place-order.ts";
import { systemTransition } from "../orders/transition.ts";
import { refreshVisitPlan } from "../visits/plans.ts";

type DeviceRow = typeof devices.$inferSelect;

export interface AlarmEvent {
  kind: "raised" | "grouped" | "updated";
  alarmId: string;
  type: string;
  regionCode: string;
  status: string;
}

/** This process, in the alarm news it sends to the other servers on the same database. */
const ORIGIN = crypto.randomUUID();
const CHANNEL = "carecircle_alarms";

/**
 * Tells the live consoles about alarm changes that have committed: this server's at once, the other servers' on the same
 * PostgreSQL through NOTIFY (each relays what it hears to its own consoles, see relayAlarmNews). Best effort: a console
 * that misses a push still re-reads its queue periodically.
 */
function announce(ctx: Ctx, events: AlarmEvent[]) {
  for (const e of events) alarmBus(ctx.database).emit("alarm", e);
  if (ctx.database.kind !== "postgres" || events.length === 0) return;
  for (const e of events) {
    ctx.database.db.execute(sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify({ origin: ORIGIN, event: e })})`).catch(() => undefined);
  }
}

/** Relays alarm news from the other servers on the same PostgreSQL to this server's consoles; resolves with a stop function. */
export async function relayAlarmNews(database: Ctx["database"]): Promise<() => Promise<void>> {
  if (!database.listen) return async () => undefined;
  return database.listen(CHANNEL, (payload) => {
    try {
      const m = JSON.parse(payload) as { origin: string; event: AlarmEvent };
      if (m.origin !== ORIGIN) alarmBus(database).emit("alarm", m.event);
    } catch {
      /* not ours */
    }
  });
}

/** Alarm news for the live console, per database: emitted after the change has committed. */
const buses = new WeakMap<object, EventEmitter>();
export function alarmBus(database: object): EventEmitter {
  let b = buses.get(database);
  if (!b) {
    buses.set(database, (b = new EventEmitter()));
    b.setMaxListeners(1000);
  }
  return b;
}

/**
 * Where device credentials must also be set when the devices connect to an external broker (Mosquitto's dynamic
 * security): called inside the registering or rotating transaction, so a broker that refuses the change undoes it.
 */
export type DeviceCredentialSink = (serial: string, secret: string) => Promise<void>;
const credentialSinks = new WeakMap<object, DeviceCredentialSink>();
export function setDeviceCredentialSink(database: object, sink: DeviceCredentialSink | null) {
  if (sink) credentialSinks.set(database, sink);
  else credentialSinks.delete(database);
}

function deviceView(d: DeviceRow) {
  return {
    id: d.id,
    serial: d.serial,
    type: d.type,
    vendor: d.vendor,
    model: d.model,
    simPhone: d.simPhone,
    firmware: d.firmware,
    heartbeatSeconds: d.heartbeatSeconds,
    elderId: d.elderId,
    regionCode: d.regionCode,
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    battery: d.battery,
  };
}

/**
 * Registers a terminal, optionally bound to an elder of the actor's region; answers its credentials once (the
 * secret is kept only as an argon2 hash): the device signs its MQTT connection or HTTP messages with them.
 */
export async function registerDevice({ ctx, input }: { ctx: Ctx; input: z.input<typeof RegisterDeviceInput> }) {
  requirePermission(ctx.actor, "device:manage");
  const v = RegisterDeviceInput.parse(input);
  const secret = crypto.randomBytes(18).toString("base64url");
  const secretHash = await hashPassword(secret);
  return withTransaction(ctx, async (tx) => {
    const elder = v.elderId ? await getElderInScope(ctx, v.elderId, tx) : null;
    const [dup] = await tx.select({ id: devices.id }).from(devices).where(eq(devices.serial, v.serial));
    if (dup) throw new ConflictError("该序列号的设备已登记");
    const [row] = await tx
      .insert(devices)
      .values({ ...v, elderId: elder?.id ?? null, regionCode: elder?.regionCode ?? ctx.actor.regionCode, secretHash, simPhone: v.simPhone ?? null, firmware: v.firmware ?? null })
      .returning();
    if (elder) await tx.insert(deviceBindings).values({ deviceId: row!.id, elderId: elder.id, actorId: ctx.actor.id });
    await credentialSinks.get(ctx.database)?.(row!.serial, secret);
    await recordAudit(tx, ctx, { action: "device.register", targetType: "device", targetId: row!.id, regionCode: row!.regionCode, detail: { serial: v.serial, type: v.type, elderId: elder?.id ?? null } });
    return { ...deviceView(row!), credentials: { username: row!.serial, password: secret } };
  });
}

async function deviceInScope(ctx: Ctx, id: string, tx?: Tx): Promise<DeviceRow> {
  if (!isUuid(id)) throw new NotFoundError("设备不存在");
  const [d] = await (tx ?? ctx.database.db).select().from(devices).where(eq(devices.id, id));
  if (!d || !d.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("设备不存在");
  return d;
}

/** Binds a device to an elder (or unbinds it: null); the binding's history is kept. */
export async function bindDevice({ ctx, id, input }: { ctx: Ctx; id: string; input: z.input<typeof BindDeviceInput> }) {
  requirePermission(ctx.actor, "device:manage");
  const v = BindDeviceInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const d = await deviceInScope(ctx, id, tx);
    const elder = v.elderId ? await getElderInScope(ctx, v.elderId, tx) : null;
    const [row] = await tx.update(devices).set({ elderId: elder?.id ?? null, regionCode: elder?.regionCode ?? d.regionCode }).where(eq(devices.id, d.id)).returning();
    await tx.insert(deviceBindings).values({ deviceId: d.id, elderId: elder?.id ?? null, actorId: ctx.actor.id });
    await recordAudit(tx, ctx, { action: elder ? "device.bind" : "device.unbind", targetType: "device", targetId: d.id, regionCode: row!.regionCode, detail: { from: d.elderId, to: elder?.id ?? null } });
    return deviceView(row!);
  });
}

/** Issues a device a new secret (a lost or leaked one, a simulator taking over demo devices); the old one stops working. */
export async function rotateDeviceSecret({ ctx, id }: { ctx: Ctx; id: string }) {
  requirePermission(ctx.actor, "device:manage");
  const secret = crypto.randomBytes(18).toString("base64url");
  const secretHash = await hashPassword(secret);
  return withTransaction(ctx, async (tx) => {
    const d = await deviceInScope(ctx, id, tx);
    await tx.update(devices).set({ secretHash }).where(eq(devices.id, d.id));
    await credentialSinks.get(ctx.database)?.(d.serial, secret);
    await recordAudit(tx, ctx, { action: "device.rotate_secret", targetType: "device", targetId: d.id, regionCode: d.regionCode, detail: { serial: d.serial } });
    return { ...deviceView(d), credentials: { username: d.serial, password: secret } };
  });
}

export async function listDevices({ ctx, elderId }: { ctx: Ctx; elderId?: string }) {
  if (!ctx.actor.permissions.has("device:manage") && !ctx.actor.permissions.has("alarm:handle")) requirePermission(ctx.actor, "device:manage");
  const conds = [sql`${devices.regionCode} LIKE ${`${ctx.actor.regionCode}%`}`];
  if (elderId) conds.push(isUuid(elderId) ? eq(devices.elderId, elderId) : sql`false`);
  const rows = await ctx.database.db
    .select({ d: devices, elderName: elders.name })
    .from(devices)
    .leftJoin(elders, eq(elders.id, devices.elderId))
    .where(and(...conds))
    .orderBy(desc(devices.createdAt))
    .limit(500);
  return { items: rows.map(({ d, elderName }) => ({ ...deviceView(d), elderName })) };
}

// verified credentials, per database, for a minute: argon2 on every message would cap ingestion at a few dozen a second
const verified = new WeakMap<object, Map<string, { deviceId: string; secretHash: string; at: number }>>();

/** The device a serial and secret belong to (HTTP Basic, MQTT username/password), or 401. */
export async function authenticateDevice(ctx: Ctx, serial: string, secret: string): Promise<DeviceRow> {
  let cache = verified.get(ctx.database);
  if (!cache) verified.set(ctx.database, (cache = new Map()));
  const key = crypto.createHash("sha256").update(`${serial}\u0000${secret}`).digest("base64url");
  const [d] = await ctx.database.db.select().from(devices).where(eq(devices.serial, serial));
  const hit = cache.get(key);
  // a cached check holds only while the device's secret is the one it was made against (a rotation ends it)
  if (d && hit && hit.deviceId === d.id && hit.secretHash === d.secretHash && Date.now() - hit.at < 60_000) return d;
  if (!d || !(await verifyPassword(d.secretHash, secret))) throw new UnauthenticatedError("设备认证失败");
  cache.set(key, { deviceId: d.id, secretHash: d.secretHash, at: Date.now() });
  return d;
}

const bySerial = new WeakMap<object, Map<string, { device: DeviceRow | null; at: number }>>();

/**
 * The device a serial names, for messages that arrive through an external broker (which has authenticated the device
 * and checked its topic already); remembered for 30 seconds. null: no such device.
 */
export async function deviceBySerial(ctx: Ctx, serial: string): Promise<DeviceRow | null> {
  let cache = bySerial.get(ctx.database);
  if (!cache) bySerial.set(ctx.database, (cache = new Map()));
  const hit = cache.get(serial);
  if (hit && Date.now() - hit.at < 30_000) return hit.device;
  const [d] = await ctx.database.db.select().from(devices).where(eq(devices.serial, serial));
  if (cache.size > 100_000) cache.clear();
  cache.set(serial, { device: d ?? null, at: Date.now() });
  return d ?? null;
}

/** Minutes within which an identical alarm from the same device joins the open one instead of raising another. */
export const GROUP_WINDOW_MINUTES = 10;

/**
 * Stores one message from a device and raises what its rules say, in one transaction: the message once (a re-send
 * with the same event id stores nothing and raises nothing), the device's last-seen time and battery, and each alarm —
 * grouped into an open one of the same device and type raised within the window. Only after this commits may the
 * transport acknowledge the message.
 */
export interface IngestResult {
  stored: boolean;
  duplicate: boolean;
  alarms: { id: string; type: string; grouped: boolean }[];
}

/** Validates one message for its kind; throws a ValidationError naming the fields. */
export function validateDeviceMessage(kind: MessageKind, body: unknown): DeviceMessage {
  const parsed = parseDeviceMessage(kind, body);
  if (!parsed.ok) throw new ValidationError("设备消息格式错误", parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  return parsed.message;
}

/** One message from one device (HTTP): validated, then stored as a batch of one. */
export async function ingestDeviceMessage(ctx: Ctx, device: DeviceRow, kind: MessageKind, body: unknown): Promise<IngestResult> {
  const m = validateDeviceMessage(kind, body);
  return (await ingestBatch(ctx, [{ device, message: m }]))[0]!;
}

/**
 * Stores a batch of validated messages and raises what their rules say, in ONE transaction (group commit): the
 * messages in one statement (a re-send with the same event id, in this batch or before, is not stored again), each
 * device's last-seen time and battery in one statement, then — for the few messages that raise alarms — each alarm,
 * grouped into an open one of the same device and type raised within the window. Only after this commits may the
 * transport acknowledge the messages; if it fails, none is acknowledged and the devices send them again.
 */
export async function ingestBatch(ctx: Ctx, items: { device: DeviceRow; message: DeviceMessage }[]): Promise<IngestResult[]> {
  if (items.length === 0) return [];
  const results: IngestResult[] = items.map(() => ({ stored: false, duplicate: true, alarms: [] }));
  const regionOf = new Map<string, string>();
  await withTransaction(ctx, async (tx) => {
    const rows = await selectRows<{ id: number | string; device_id: string; kind: string; event_id: string }>(
      tx,
      sql`INSERT INTO device_messages (device_id, kind, event_id, at, payload)
          SELECT * FROM unnest(
            ${sql.param(items.map((x) => x.device.id))}::uuid[], ${sql.param(items.map((x) => x.message.kind))}::text[],
            ${sql.param(items.map((x) => x.message.payload.eventId))}::text[], ${sql.param(items.map((x) => x.message.payload.at))}::timestamptz[],
            ${sql.param(items.map((x) => JSON.stringify(x.message.payload)))}::jsonb[])
          ON CONFLICT DO NOTHING
          RETURNING id, device_id, kind, event_id`,
    );
    // which item each stored row is: the first with its (device, kind, event id); later copies in the batch are duplicates
    const key = (d: string, k: string, e: string) => `${d}|${k}|${e}`;
    const firstIndex = new Map<string, number>();
    for (const [i, x] of items.entries()) {
      const k = key(x.device.id, x.message.kind, x.message.payload.eventId);
      if (!firstIndex.has(k)) firstIndex.set(k, i);
    }
    const storedAt = new Map<number, number>();
    for (const r of rows) storedAt.set(firstIndex.get(key(r.device_id, r.kind, r.event_id))!, Number(r.id));
    // each device's last word: seen now, its latest battery and firmware
    const last = new Map<string, { battery: number | null; firmware: string | null }>();
    for (const [i, x] of items.entries()) {
      if (!storedAt.has(i)) continue;
      const prev = last.get(x.device.id) ?? { battery: null, firmware: null };
      if (x.message.kind === "battery") prev.battery = x.message.payload.percent;
      if (x.message.kind === "heartbeat" && x.message.payload.firmware) prev.firmware = x.message.payload.firmware;
      last.set(x.device.id, prev);
    }
    if (last.size) {
      const ids = [...last.keys()];
      await tx.execute(sql`UPDATE devices d SET last_seen_at = now(), battery = COALESCE(v.battery, d.battery), firmware = COALESCE(v.firmware, d.firmware)
          FROM unnest(${sql.param(ids)}::uuid[], ${sql.param(ids.map((k) => last.get(k)!.battery))}::int[], ${sql.param(ids.map((k) => last.get(k)!.firmware))}::text[]) AS v(id, battery, firmware)
          WHERE d.id = v.id`);
    }
    for (const [i, x] of items.entries()) {
      const messageId = storedAt.get(i);
      if (messageId === undefined) continue;
      const raised: IngestResult["alarms"] = [];
      for (const a of alarmsFor(x.message)) {
        const [open] = await tx
          .select()
          .from(alarms)
          .where(and(eq(alarms.deviceId, x.device.id), eq(alarms.type, a.type), ne(alarms.status, "closed"), gte(alarms.lastAt, new Date(Date.now() - GROUP_WINDOW_MINUTES * 60_000))))
          .for("update");
        if (open) {
          await tx.update(alarms).set({ groupCount: sql`${alarms.groupCount} + 1`, lastAt: new Date() }).where(eq(alarms.id, open.id));
          regionOf.set(open.id, open.regionCode);
          raised.push({ id: open.id, type: a.type, grouped: true });
          continue;
        }
        // the binding as it stands now (a connection may hold a device row from before a re-binding)
        const [bound] = await tx.select({ elderId: devices.elderId, regionCode: devices.regionCode }).from(devices).where(eq(devices.id, x.device.id));
        const [row] = await tx
          .insert(alarms)
          .values({ deviceId: x.device.id, elderId: bound!.elderId, regionCode: bound!.regionCode, type: a.type, messageId, detail: { ...a.detail, serial: x.device.serial, occurredAt: x.message.payload.at } })
          .returning({ id: alarms.id, regionCode: alarms.regionCode });
        regionOf.set(row!.id, row!.regionCode);
        raised.push({ id: row!.id, type: a.type, grouped: false });
      }
      results[i] = { stored: true, duplicate: false, alarms: raised };
    }
  });
  announce(
    ctx,
    results.flatMap((r, i) => r.alarms.map((a): AlarmEvent => ({ kind: a.grouped ? "grouped" : "raised", alarmId: a.id, type: a.type, regionCode: regionOf.get(a.id) ?? items[i]!.device.regionCode, status: "open" }))),
  );
  return results;
}

const MINUTE = 60_000;

/** Alarms of the actor's region, newest first, with the timers (seconds to acknowledge and to close). */
/** After a keyset position in a newest-first list of alarms: (raised_at as the database wrote it, id); true without one. */
function afterCursor(cursor: string | undefined, raisedAt: SQLWrapper, id: SQLWrapper): SQL {
  if (!cursor) return sql`true`;
  const [at, key] = decodeCursor(cursor, 2);
  if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof key !== "string" || !isUuid(key)) throw new BadRequestError("分页游标无效");
  return sql`(${raisedAt}, ${id}) < (${at}::timestamptz, ${key}::uuid)`;
}

export async function listAlarms({ ctx, status, cursor, limit = 50 }: { ctx: Ctx; status?: "open" | "acknowledged" | "closed"; cursor?: string; limit?: number }) {
  requirePermission(ctx.actor, "alarm:handle");
  const rows = await selectRows<{ id: string; type: string; status: string; raised_at: string; raised_key: string; last_at: string; group_count: number; acknowledged_at: string | null; closed_at: string | null; outcome: string | null; elder_id: string | null; elder_name: string | null; address: string | null; serial: string; device_type: string; detail: Record<string, unknown> }>(
    ctx.database.db,
    sql`SELECT a.id, a.type, a.status, a.raised_at, a.raised_at::text AS raised_key, a.last_at, a.group_count, a.acknowledged_at, a.closed_at, a.outcome, a.elder_id, e.name AS elder_name, e.address, d.serial, d.type AS device_type, a.detail
        FROM alarms a JOIN devices d ON d.id = a.device_id LEFT JOIN elders e ON e.id = a.elder_id
        WHERE a.region_code LIKE ${`${ctx.actor.regionCode}%`} ${status ? sql`AND a.status = ${status}` : sql``} AND ${afterCursor(cursor, sql`a.raised_at`, sql`a.id`)}
        ORDER BY a.raised_at DESC, a.id DESC LIMIT ${limit + 1}`,
  );
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const page = rows.slice(0, limit);
  const now = Date.now();
  return {
    nextCursor: last ? encodeCursor([last.raised_key, last.id]) : null,
    items: page.map((r) => {
      const raised = new Date(r.raised_at).getTime();
      const ack = r.acknowledged_at ? new Date(r.acknowledged_at).getTime() : null;
      return {
        id: r.id,
        type: r.type,
        status: r.status,
        raisedAt: new Date(r.raised_at).toISOString(),
        lastAt: new Date(r.last_at).toISOString(),
        groupCount: Number(r.group_count),
        elderId: r.elder_id,
        elderName: r.elder_name,
        address: r.address,
        serial: r.serial,
        deviceType: r.device_type,
        detail: r.detail,
        secondsToAcknowledge: ack !== null ? Math.round((ack - raised) / 1000) : null,
        secondsToClose: r.closed_at ? Math.round((new Date(r.closed_at).getTime() - raised) / 1000) : null,
        // not acknowledged within a minute: the console escalates it visibly
        escalated: ack === null && r.status === "open" && now - raised > MINUTE,
        outcome: r.outcome,
      };
    }),
  };
}

/** One alarm of the actor's region with its steps (who, when, result, notes). */
export async function getAlarm({ ctx, id }: { ctx: Ctx; id: string }) {
  requirePermission(ctx.actor, "alarm:handle");
  if (!isUuid(id)) throw new NotFoundError("告警不存在");
  const [a] = await ctx.database.db.select().from(alarms).where(eq(alarms.id, id));
  if (!a || !a.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("告警不存在");
  const steps = await alarmSteps(ctx.database.db, id);
  const raised = a.raisedAt.getTime();
  return {
    id: a.id,
    type: a.type,
    status: a.status,
    deviceId: a.deviceId,
    elderId: a.elderId,
    raisedAt: a.raisedAt.toISOString(),
    lastAt: a.lastAt.toISOString(),
    groupCount: a.groupCount,
    detail: a.detail,
    outcome: a.outcome,
    secondsToAcknowledge: a.acknowledgedAt ? Math.round((a.acknowledgedAt.getTime() - raised) / 1000) : null,
    secondsToClose: a.closedAt ? Math.round((a.closedAt.getTime() - raised) / 1000) : null,
    actions: steps,
  };
}

/** One step the operator took: acknowledge first; calls, dispatch and notes are recorded in order; close with an outcome. */
export async function actOnAlarm({ ctx, id, input }: { ctx: Ctx; id: string; input: z.output<typeof AlarmActionInput> }) {
  requirePermission(ctx.actor, "alarm:handle");
  if (!isUuid(id)) throw new NotFoundError("告警不存在");
  if (input.action === "dispatch" && input.volunteerId && (input.workerId || input.productId)) {
    throw new ValidationError("志愿者与服务人员不能同时派", [{ path: "volunteerId", message: "请只选一位：志愿者，或服务人员和服务" }]);
  }
  const order = input.action === "dispatch" && (input.workerId || input.productId) ? await dispatchOrder(ctx, id, input) : null;
  const out = await withTransaction(ctx, async (tx) => {
    const [a] = await tx.select().from(alarms).where(eq(alarms.id, id)).for("update");
    if (!a || !a.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("告警不存在");
    if (a.status === "closed") throw new InvalidStateError("告警已关闭");
    const now = new Date();
    if (input.action === "acknowledge") {
      if (a.status !== "open") throw new InvalidStateError("告警已确认");
      await tx.update(alarms).set({ status: "acknowledged", acknowledgedAt: now, acknowledgedBy: ctx.actor.id }).where(eq(alarms.id, id));
    } else if (a.status === "open") {
      throw new InvalidStateError("请先确认（接警）再处置");
    } else if (input.action === "close") {
      await tx.update(alarms).set({ status: "closed", closedAt: now, closedBy: ctx.actor.id, outcome: input.outcome }).where(eq(alarms.id, id));
      // a real alarm: the call centre calls the elder again the next day
      if (input.outcome !== "false_alarm" && a.elderId) {
        const tomorrow = new Date(Date.parse(`${shanghaiDate(now)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        await tx.insert(followUps).values({ elderId: a.elderId, regionCode: a.regionCode, kind: "care_call", alarmId: id, dueDate: tomorrow }).onConflictDoNothing();
        // a real alarm (a hospital stay) makes the elder's visits more frequent for a while
        await refreshVisitPlan(tx, a.elderId);
      }
    }
    // 请志愿者前往: a neighbour asked by phone; the step names them and no order is placed (they are not paid staff)
    const volunteer = input.action === "dispatch" && input.volunteerId ? await volunteerForAlarm(tx, ctx, a.regionCode, input.volunteerId) : null;
    await tx.insert(alarmActions).values({
      alarmId: id,
      action: input.action,
      result: order ? order.orderNo : volunteer ? null : "result" in input ? (input.result ?? null) : "outcome" in input ? input.outcome : null,
      volunteerId: volunteer?.id ?? null,
      notes: order ? `${input.notes ?? ""}（${order.summary}）` : volunteer ? `${input.notes ?? ""}（请志愿者 ${volunteer.name} 前往）` : (input.notes ?? null),
      actorId: ctx.actor.id,
      actorName: ctx.actor.username,
    });
    await recordAudit(tx, ctx, {
      action: `alarm.${input.action}`,
      targetType: "alarm",
      targetId: id,
      regionCode: a.regionCode,
      ...(volunteer ? { detail: { volunteerId: volunteer.id, volunteerName: volunteer.name } } : {}),
    });
    const [after] = await tx.select().from(alarms).where(eq(alarms.id, id));
    return { id, type: a.type, regionCode: a.regionCode, status: after!.status, outcome: after!.outcome, actions: await alarmSteps(tx, id) };
  });
  announce(ctx, [{ kind: "updated", alarmId: id, type: out.type, regionCode: out.regionCode, status: out.status }]);
  return out;
}

/**
 * "Dispatched a worker" with a caregiver from the nearby list: an emergency order is placed for the elder now under the
 * chosen product (the ordering capability's rules, prices and subsidies apply) and handed to that caregiver when their
 * provider has accepted it. Idempotent per alarm and worker: a retry after a failure finds the same order.
 */
async function dispatchOrder(ctx: Ctx, alarmId: string, input: { workerId?: string; productId?: string; notes: string }): Promise<{ orderNo: string; orderId: string; summary: string }> {
  if (!input.workerId || !input.productId) throw new ValidationError("派人上门须同时选定服务人员和服务", [{ path: input.workerId ? "productId" : "workerId", message: "请从附近服务人员中选择" }]);
  const [a] = await ctx.database.db.select().from(alarms).where(eq(alarms.id, alarmId));
  if (!a || !a.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("告警不存在");
  if (a.status === "closed") throw new InvalidStateError("告警已关闭");
  if (a.status === "open") throw new InvalidStateError("请先确认（接警）再处置");
  if (!a.elderId) throw new InvalidStateError("该设备未绑定老人，无法派单");
  const [w] = await ctx.database.db.select({ id: workers.id, name: workers.name, providerId: workers.providerId, active: workers.active }).from(workers).where(eq(workers.id, input.workerId));
  const [p] = await ctx.database.db.select({ providerId: serviceProducts.providerId }).from(serviceProducts).where(eq(serviceProducts.id, input.productId));
  if (!w || !w.active) throw new ValidationError("服务人员不存在或已停用", [{ path: "workerId", message: "服务人员不存在或已停用" }]);
  if (!p || p.providerId !== w.providerId) throw new ValidationError("该服务不属于此服务人员所在的服务商", [{ path: "productId", message: "该服务不属于此服务人员所在的服务商" }]);
  const { order } = await placeOrder({
    ctx,
    input: { elderId: a.elderId, productId: input.productId, slotStart: new Date().toISOString(), notes: `告警派单：${input.notes}`.slice(0, 500), channel: "hotline" },
    idempotencyKey: `alarm:${alarmId}:${input.workerId}`,
  });
  let summary = `订单 ${order.orderNo}，派 ${w.name}`;
  if (order.status === "accepted" || (order.status === "assigned" && order.workerId !== w.id)) {
    try {
      await withTransaction(ctx, async (tx) => {
        const [locked] = await tx.select().from(serviceOrders).where(eq(serviceOrders.id, order.id)).for("update");
        await systemTransition(ctx, tx, locked!, { action: "assign", workerId: w.id, reason: "告警中心指派" });
      });
    } catch (err) {
      // the worker cannot take it (hours, another job): the order stays with the provider's dispatch
      summary = `订单 ${order.orderNo}，${w.name}无法接单（${err instanceof Error ? err.message : String(err)}），已交服务商派单`;
    }
  } else if (order.status === "placed") summary = `订单 ${order.orderNo}，待服务商接单后派 ${w.name}`;
  return { orderNo: order.orderNo, orderId: order.id, summary };
}

/** An elder's alarms as the elder or a bound family member sees them: what happened, what was done, how it ended. */
export async function myAlarms({ ctx, elderId, cursor, limit = 20 }: { ctx: Ctx; elderId: string; cursor?: string; limit?: number }) {
  await elderForActor(ctx, elderId);
  const page = await ctx.database.db
    .select({ a: alarms, raisedKey: sql<string>`${alarms.raisedAt}::text` })
    .from(alarms)
    .where(and(eq(alarms.elderId, elderId), afterCursor(cursor, alarms.raisedAt, alarms.id)))
    .orderBy(desc(alarms.raisedAt), desc(alarms.id))
    .limit(limit + 1);
  const last = page.length > limit ? page[limit - 1] : undefined;
  const rows = page.slice(0, limit).map((r) => r.a);
  const steps = rows.length
    ? await ctx.database.db
        .select({ alarmId: alarmActions.alarmId, action: alarmActions.action, result: alarmActions.result, at: alarmActions.at, volunteerName: volunteers.name })
        .from(alarmActions)
        .leftJoin(volunteers, eq(volunteers.id, alarmActions.volunteerId))
        .where(sql`${alarmActions.alarmId} = ANY(${sql.param(rows.map((r) => r.id))}::uuid[])`)
        .orderBy(alarmActions.id)
    : [];
  return {
    nextCursor: last ? encodeCursor([last.raisedKey, last.a.id]) : null,
    items: rows.map((a) => ({
      id: a.id,
      type: a.type,
      status: a.status,
      raisedAt: a.raisedAt.toISOString(),
      occurredAt: typeof (a.detail as { occurredAt?: unknown } | null)?.occurredAt === "string" ? (a.detail as { occurredAt: string }).occurredAt : null,
      acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
      closedAt: a.closedAt?.toISOString() ?? null,
      outcome: a.outcome,
      // a volunteer asked to go is named: the family may meet them at the door
      steps: steps.filter((s) => s.alarmId === a.id).map((s) => ({ action: s.action, result: s.result, at: s.at.toISOString(), ...(s.volunteerName ? { volunteerName: s.volunteerName } : {}) })),
    })),
  };
}

/**
 * Response to alarms over a period in the actor's region: how many, the share acknowledged within 60 s and within
 * 180 s (the TSA targets: 97.5 % and 99 %), median seconds to acknowledge and to close, and by type and outcome.
 */
export async function alarmStats({ ctx, from, to }: { ctx: Ctx; from: string; to: string }) {
  requirePermission(ctx.actor, "alarm:handle");
  const [r] = await selectRows<{ n: string; acked: string; within60: string; within180: string; decided60: string; decided180: string; p50_ack: number | null; p50_close: number | null }>(
    ctx.database.db,
    sql`SELECT count(*) AS n, count(acknowledged_at) AS acked,
          count(*) FILTER (WHERE acknowledged_at <= raised_at + interval '60 seconds') AS within60,
          count(*) FILTER (WHERE acknowledged_at <= raised_at + interval '180 seconds') AS within180,
          -- an alarm still inside its window and not yet acknowledged is not a miss yet
          count(*) FILTER (WHERE acknowledged_at IS NOT NULL OR raised_at < now() - interval '60 seconds') AS decided60,
          count(*) FILTER (WHERE acknowledged_at IS NOT NULL OR raised_at < now() - interval '180 seconds') AS decided180,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - raised_at)) AS p50_ack,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - raised_at)) AS p50_close
        FROM alarms WHERE region_code LIKE ${`${ctx.actor.regionCode}%`} AND raised_at >= ${from}::timestamptz AND raised_at < ${to}::timestamptz`,
  );
  const byType = await selectRows<{ type: string; n: string }>(
    ctx.database.db,
    sql`SELECT type, count(*) AS n FROM alarms WHERE region_code LIKE ${`${ctx.actor.regionCode}%`} AND raised_at >= ${from}::timestamptz AND raised_at < ${to}::timestamptz GROUP BY 1 ORDER BY 2 DESC`,
  );
  const byOutcome = await selectRows<{ outcome: string; n: string }>(
    ctx.database.db,
    sql`SELECT outcome, count(*) AS n FROM alarms WHERE region_code LIKE ${`${ctx.actor.regionCode}%`} AND raised_at >= ${from}::timestamptz AND raised_at < ${to}::timestamptz AND outcome IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`,
  );
  const n = Number(r?.n ?? 0);
  const share = (x: string | undefined, of: string | undefined) => (Number(of ?? 0) ? Math.round((Number(x ?? 0) / Number(of)) * 1000) / 10 : null);
  return {
    from,
    to,
    alarms: n,
    acknowledged: Number(r?.acked ?? 0),
    acknowledgedWithin60sPercent: share(r?.within60, r?.decided60),
    acknowledgedWithin180sPercent: share(r?.within180, r?.decided180),
    medianSecondsToAcknowledge: r?.p50_ack == null ? null : Math.round(Number(r.p50_ack)),
    medianSecondsToClose: r?.p50_close == null ? null : Math.round(Number(r.p50_close)),
    byType: byType.map((t) => ({ type: t.type, count: Number(t.n) })),
    byOutcome: byOutcome.map((t) => ({ outcome: t.outcome, count: Number(t.n) })),
  };
}

/**
 * Silence checks, run every minute by the server (and by tests with their own `now`): a device not heard from for
 * `offlineMultiple` × its heartbeat interval raises `offline`; a safety bell or presence sensor with no "I'm OK" press
 * and no movement for `inactivityHours` raises `inactivity` (平安钟). One open alarm of each kind per device at most.
 */
export async function checkDeviceSilence(baseCtx: Ctx, now = new Date(), opts: { offlineMultiple?: number; inactivityHours?: number } = {}) {
  const ctx: Ctx = { ...baseCtx, actor: SYSTEM_ACTOR };
  const multiple = opts.offlineMultiple ?? 3;
  const hours = opts.inactivityHours ?? 24;
  const nowIso = now.toISOString();
  // several servers run this check every minute: one at a time (a transaction-scoped advisory lock), so that two of
  // them never both find a device silent and raise its offline alarm twice
  const events: AlarmEvent[] = [];
  const out = await withTransaction(ctx, async (tx) => {
    if (ctx.database.kind === "postgres") {
      const [got] = await selectRows<{ ok: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(hashtext('carecircle.device-silence')) AS ok`);
      if (!got?.ok) return { offline: 0, inactivity: 0, raised: [] as string[] };
    }
    const offline = await selectRows<{ id: string; elder_id: string | null; region_code: string; serial: string; last_seen_at: string | null }>(
      tx,
      sql`SELECT d.id, d.elder_id, d.region_code, d.serial, d.last_seen_at FROM devices d
          WHERE d.elder_id IS NOT NULL AND COALESCE(d.last_seen_at, d.created_at) < ${nowIso}::timestamptz - make_interval(secs => d.heartbeat_seconds * ${multiple})
            AND NOT EXISTS (SELECT 1 FROM alarms a WHERE a.device_id = d.id AND a.type = 'offline' AND a.status <> 'closed')
          LIMIT 1000`,
    );
    const inactive = await selectRows<{ id: string; elder_id: string | null; region_code: string; serial: string; last_seen_at: string | null }>(
      tx,
      sql`SELECT d.id, d.elder_id, d.region_code, d.serial, d.last_seen_at FROM devices d
          WHERE d.elder_id IS NOT NULL AND d.type IN ('safety_bell', 'presence') AND d.created_at < ${nowIso}::timestamptz - make_interval(hours => ${hours})
            AND NOT EXISTS (SELECT 1 FROM device_messages m WHERE m.device_id = d.id AND m.kind = 'event' AND m.payload->>'type' IN ('ok_press', 'movement')
                            AND m.at >= ${nowIso}::timestamptz - make_interval(hours => ${hours}))
            AND NOT EXISTS (SELECT 1 FROM alarms a WHERE a.device_id = d.id AND a.type = 'inactivity' AND a.status <> 'closed')
          LIMIT 1000`,
    );
    const raised: string[] = [];
    for (const [type, rows] of [["offline", offline], ["inactivity", inactive]] as const) {
      for (const d of rows) {
        const [row] = await tx
          .insert(alarms)
          .values({ deviceId: d.id, elderId: d.elder_id, regionCode: d.region_code, type, detail: { serial: d.serial, lastSeenAt: d.last_seen_at ? new Date(d.last_seen_at).toISOString() : null, ...(type === "inactivity" ? { hours } : { multiple }) } })
          .returning({ id: alarms.id });
        raised.push(row!.id);
        events.push({ kind: "raised", alarmId: row!.id, type, regionCode: d.region_code, status: "open" });
      }
    }
    return { offline: offline.length, inactivity: inactive.length, raised };
  });
  announce(ctx, events);
  return out;
}

/** Follow-ups due (care calls after real alarms), for the call centre's list: the region's, by due date. */
export async function listFollowUps({ ctx, status = "open" }: { ctx: Ctx; status?: string }) {
  requirePermission(ctx.actor, "alarm:handle");
  const rows = await selectRows<{ id: string; kind: string; due_date: string; status: string; alarm_id: string | null; elder_id: string; elder_name: string | null; alarm_type: string | null; outcome: string | null }>(
    ctx.database.db,
    sql`SELECT f.id, f.kind, f.due_date::text AS due_date, f.status, f.alarm_id, f.elder_id, e.name AS elder_name, a.type AS alarm_type, a.outcome
        FROM follow_ups f LEFT JOIN elders e ON e.id = f.elder_id LEFT JOIN alarms a ON a.id = f.alarm_id
        WHERE f.region_code LIKE ${`${ctx.actor.regionCode}%`} AND f.status = ${status} ORDER BY f.due_date, f.created_at LIMIT 500`,
  );
  return { items: rows.map((r) => ({ id: r.id, kind: r.kind, dueDate: r.due_date, status: r.status, alarmId: r.alarm_id, elderId: r.elder_id, elderName: r.elder_name, alarmType: r.alarm_type, outcome: r.outcome })) };
}
