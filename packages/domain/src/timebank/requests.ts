import { elderContacts, elders, timebankAccounts, timebankRequests, type Tx, volunteers } from "@carecircle/db";
import {
  distanceMeters,
  servedMinutes,
  shanghaiDate,
  TIMEBANK_REQUEST_TRANSITIONS,
  TimebankRequestActionInput,
  TimebankRequestInput,
  type TimebankRequestAction,
  type TimebankRequestParty,
  type TimebankRequestStatus,
  type TimebankRequestView,
  toGcj02,
} from "@carecircle/shared";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ForbiddenError, InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { elderForActor } from "../elders/access.ts";
import { ruleFor } from "../regions/rules.ts";
import { depositService, redeemHours, timebankRules } from "./ledger.ts";

type RequestRow = typeof timebankRequests.$inferSelect;
type VolunteerRow = typeof volunteers.$inferSelect;

/** The volunteer record of a signed-in volunteer, or null. */
async function myVolunteer(ctx: Ctx, tx?: Tx): Promise<VolunteerRow | null> {
  if (ctx.actor.role !== "volunteer" || !ctx.actor.id) return null;
  const [v] = await (tx ?? ctx.database.db).select().from(volunteers).where(eq(volunteers.userId, ctx.actor.id));
  return v ?? null;
}

/** Which sides of a request the actor is: the elder's (the elder, bound family, staff of the region) and/or its volunteer. */
async function partiesOf(ctx: Ctx, tx: Tx, r: RequestRow, vol: VolunteerRow | null): Promise<TimebankRequestParty[]> {
  const parties: TimebankRequestParty[] = [];
  if (ctx.actor.role === "elder" && ctx.actor.elderId === r.elderId) parties.push("client");
  if (ctx.actor.role === "family") {
    const [bound] = await tx.select({ id: elderContacts.id }).from(elderContacts).where(and(eq(elderContacts.elderId, r.elderId), eq(elderContacts.familyUserId, ctx.actor.id!)));
    if (bound) parties.push("client");
  }
  if (ctx.actor.permissions.has("timebank:manage") && r.regionCode.startsWith(ctx.actor.regionCode)) parties.push("client");
  if (vol) parties.push("volunteer");
  return parties;
}

function view(r: RequestRow & { elderName?: string | null; address?: string | null; volunteerName?: string | null }, actions: TimebankRequestAction[] = []): TimebankRequestView {
  return {
    id: r.id,
    elderId: r.elderId,
    elderName: r.elderName ?? null,
    address: r.address ?? null,
    regionCode: r.regionCode,
    description: r.description,
    day: r.day,
    startTime: r.startTime,
    minutes: r.minutes,
    status: r.status as TimebankRequestStatus,
    volunteerId: r.volunteerId,
    volunteerName: r.volunteerName ?? null,
    checkInAt: r.checkInAt?.toISOString() ?? null,
    checkOutAt: r.checkOutAt?.toISOString() ?? null,
    servedMinutes: r.servedMinutes,
    confirmedBy: r.confirmedBy,
    actions,
  };
}

/** An elder (or their family, or a community worker for them) asks for a volunteer's help. */
export async function createTimebankRequest({ ctx, input }: { ctx: Ctx; input: z.input<typeof TimebankRequestInput> }) {
  const v = TimebankRequestInput.parse(input);
  if (!["elder", "family"].includes(ctx.actor.role) && !ctx.actor.permissions.has("timebank:manage")) throw new ForbiddenError("只有老人、家属或社区工作人员可以发布求助");
  if (v.day < shanghaiDate()) throw new ValidationError("日期不能早于今天", [{ path: "day", message: "日期不能早于今天" }]);
  return withTransaction(ctx, async (tx) => {
    const elder = await elderForActor(ctx, v.elderId, { tx, lock: false });
    if (elder.status !== "active") throw new InvalidStateError("该老人档案已注销");
    const [row] = await tx
      .insert(timebankRequests)
      .values({ elderId: elder.id, regionCode: elder.regionCode, description: v.description, day: v.day, startTime: v.startTime ?? null, minutes: v.minutes, createdBy: ctx.actor.id })
      .returning();
    await recordAudit(tx, ctx, { action: "timebank.request", targetType: "timebank_request", targetId: row!.id, regionCode: elder.regionCode, detail: { description: v.description, day: v.day } });
    return view({ ...row!, elderName: elder.name });
  });
}

/**
 * Requests as each sees them: a volunteer the open ones in their 通存通兑 scope and their own; the elder and family
 * the elder's; staff their region's. Newest day first.
 */
export async function listTimebankRequests({ ctx, status, elderId }: { ctx: Ctx; status?: TimebankRequestStatus; elderId?: string }) {
  const vol = await myVolunteer(ctx);
  const conds = [];
  if (vol) {
    const scopeDigits = await ruleFor(ctx, vol.regionCode, "timebank.scopeDigits");
    conds.push(sql`((${timebankRequests.status} = 'open' AND ${timebankRequests.regionCode} LIKE ${`${vol.regionCode.slice(0, scopeDigits)}%`}) OR ${timebankRequests.volunteerId} = ${vol.id}::uuid)`);
  } else if (ctx.actor.role === "elder" || ctx.actor.role === "family") {
    const id = elderId ?? ctx.actor.elderId;
    if (!id) throw new ValidationError("请给出老人", [{ path: "elderId", message: "请给出老人" }]);
    await elderForActor(ctx, id, { lock: false });
    conds.push(eq(timebankRequests.elderId, id));
  } else if (ctx.actor.permissions.has("timebank:manage")) {
    conds.push(sql`${timebankRequests.regionCode} LIKE ${`${ctx.actor.regionCode}%`}`);
    if (elderId) conds.push(isUuid(elderId) ? eq(timebankRequests.elderId, elderId) : sql`false`);
  } else throw new ForbiddenError("您没有查看互助需求的权限");
  if (status) conds.push(eq(timebankRequests.status, status));
  const rows = await ctx.database.db
    .select({ r: timebankRequests, elderName: elders.name, address: elders.address, volunteerName: volunteers.name })
    .from(timebankRequests)
    .innerJoin(elders, eq(elders.id, timebankRequests.elderId))
    .leftJoin(volunteers, eq(volunteers.id, timebankRequests.volunteerId))
    .where(and(...conds))
    .orderBy(desc(timebankRequests.day), desc(timebankRequests.createdAt))
    .limit(200);
  const out = [];
  for (const { r, elderName, address, volunteerName } of rows) {
    // a volunteer sees an open request's street address only once they have taken it
    const mine = vol !== null && r.volunteerId === vol.id;
    const parties: TimebankRequestParty[] = vol ? (mine ? ["volunteer"] : []) : ["client"];
    out.push(view({ ...r, elderName, address: vol && !mine ? null : address, volunteerName }, actionsFor(r, parties, vol)));
  }
  return { items: out };
}

function actionsFor(r: RequestRow, parties: TimebankRequestParty[], vol: VolunteerRow | null): TimebankRequestAction[] {
  return (Object.keys(TIMEBANK_REQUEST_TRANSITIONS) as TimebankRequestAction[]).filter((a) => {
    const t = TIMEBANK_REQUEST_TRANSITIONS[a];
    if (!(t.from as readonly string[]).includes(r.status)) return false;
    if (a === "take") return vol !== null && vol.status === "verified";
    return t.by.some((p) => parties.includes(p));
  });
}

/**
 * One step of a request: a verified volunteer takes it (or gives it back), checks in at the door (within the geofence
 * of the home, the phone's WGS-84 converted to GCJ-02) and out; the elder's side confirms — which deposits the time
 * served, in the rule's granularity — or cancels it before it is served. Wrong party 403, wrong state 409.
 */
export async function actOnTimebankRequest({ ctx, id, input }: { ctx: Ctx; id: string; input: z.input<typeof TimebankRequestActionInput> }) {
  const v = TimebankRequestActionInput.parse(input);
  if (!isUuid(id)) throw new NotFoundError("互助需求不存在");
  return withTransaction(ctx, async (tx) => {
    const [r] = await tx.select().from(timebankRequests).where(eq(timebankRequests.id, id)).for("update");
    if (!r) throw new NotFoundError("互助需求不存在");
    const vol = await myVolunteer(ctx, tx);
    const rules = await timebankRules(ctx, r.regionCode, tx);
    const inScope = vol !== null && r.regionCode.startsWith(vol.regionCode.slice(0, rules.scopeDigits));
    const mine = vol !== null && r.volunteerId === vol.id;
    const parties = (await partiesOf(ctx, tx, r, vol)).filter((p) => p !== "volunteer" || (v.action === "take" ? inScope : mine));
    if (parties.length === 0) throw new NotFoundError("互助需求不存在");
    const t = TIMEBANK_REQUEST_TRANSITIONS[v.action];
    if (!t.by.some((p) => parties.includes(p))) throw new ForbiddenError("您不能执行此操作");
    if (!(t.from as readonly string[]).includes(r.status)) throw new InvalidStateError(`当前状态（${r.status}）不能执行此操作`);
    const now = new Date();
    const set: Partial<typeof timebankRequests.$inferInsert> = { status: t.to };
    if (v.action === "take") {
      if (vol!.status !== "verified") throw new InvalidStateError("志愿者尚未通过审核");
      Object.assign(set, { volunteerId: vol!.id, takenAt: now });
    } else if (v.action === "release") {
      Object.assign(set, { volunteerId: null, takenAt: null });
    } else if (v.action === "check_in") {
      const [home] = await tx.select({ lat: elders.lat, lng: elders.lng }).from(elders).where(eq(elders.id, r.elderId));
      const fence = await ruleFor(ctx, r.regionCode, "orders.geofenceMeters", tx);
      const at = toGcj02(v, v.datum);
      if (home?.lat != null && home.lng != null) {
        const distance = Math.round(distanceMeters(at, { lat: home.lat, lng: home.lng }));
        if (distance > fence) throw new ValidationError(`签到位置距老人住址 ${distance} 米，超出 ${fence} 米范围`, [{ path: "lat", message: `距住址 ${distance} 米` }], { distanceMeters: distance, geofenceMeters: fence });
      }
      Object.assign(set, { checkInAt: now, checkInLat: at.lat, checkInLng: at.lng });
    } else if (v.action === "check_out") {
      Object.assign(set, { checkOutAt: now, servedMinutes: servedMinutes(r.checkInAt!, now, rules.granularityMinutes) });
    } else if (v.action === "confirm") {
      const [vrow] = await tx.select().from(volunteers).where(eq(volunteers.id, r.volunteerId!));
      const [elder] = await tx.select({ id: elders.id, name: elders.name, regionCode: elders.regionCode }).from(elders).where(eq(elders.id, r.elderId));
      const day = shanghaiDate(r.checkInAt!);
      const out = await depositService(ctx, tx, { volunteer: vrow, elder: elder!, day, minutes: r.servedMinutes!, description: r.description, checkInAt: r.checkInAt!.toISOString(), checkOutAt: r.checkOutAt!.toISOString(), requestId: r.id });
      if (v.redeem) {
        // the elder pays with her own hours (those gifted to her): the same minutes leave her account
        const [acct] = await tx.select().from(timebankAccounts).where(eq(timebankAccounts.elderId, r.elderId));
        if (!acct) throw new ValidationError("老人还没有时间账户（没有受赠或存入的时间）", [{ path: "redeem", message: "时间余额不足" }]);
        await redeemHours(ctx, tx, acct, { minutes: r.servedMinutes!, beneficiaryElderId: r.elderId, relation: "self", description: r.description, requestId: r.id });
      }
      Object.assign(set, { opId: out.opId, confirmedBy: ctx.actor.permissions.has("timebank:manage") ? "community_worker" : ctx.actor.role });
    }
    const [row] = await tx.update(timebankRequests).set(set).where(eq(timebankRequests.id, id)).returning();
    await recordAudit(tx, ctx, { action: `timebank.request.${v.action}`, targetType: "timebank_request", targetId: id, regionCode: r.regionCode, detail: { from: r.status, to: t.to } });
    const names = await tx
      .select({ elderName: elders.name, address: elders.address, volunteerName: volunteers.name })
      .from(elders)
      .leftJoin(volunteers, row!.volunteerId ? eq(volunteers.id, row!.volunteerId) : sql`false`)
      .where(eq(elders.id, row!.elderId));
    const after = (await partiesOf(ctx, tx, row!, vol)).filter((p) => p !== "volunteer" || row!.volunteerId === vol?.id);
    return view({ ...row!, ...names[0] }, actionsFor(row!, after, vol));
  });
}

/** The signed-in volunteer's own record (the app's "me"). */
export async function myVolunteerRecord({ ctx }: { ctx: Ctx }) {
  const v = await myVolunteer(ctx);
  if (!v) throw new NotFoundError("您还没有登记为志愿者");
  return { id: v.id, name: v.name, status: v.status, regionCode: v.regionCode, team: v.team };
}

