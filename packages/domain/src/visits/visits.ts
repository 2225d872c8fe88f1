import { elders, followUps, selectRows, visitPlans, visits, volunteers } from "@carecircle/db";
import { distanceMeters, isWorrying, shanghaiDate, toGcj02, VisitInput } from "@carecircle/shared";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ForbiddenError, InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { requirePermission } from "../core/permissions.ts";
import { placeOrder } from "../orders/place-order.ts";
import { ruleFor } from "../regions/rules.ts";
import { escalation } from "./plans.ts";

/** Care calls unanswered in a row before a home visit is due at once. */
export const UNANSWERED_CALLS_FOR_VISIT = 3;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function myVolunteerId(ctx: Ctx): Promise<string | null> {
  if (ctx.actor.role !== "volunteer" || !ctx.actor.id) return null;
  const [v] = await ctx.database.db.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.userId, ctx.actor.id));
  return v?.id ?? null;
}

/**
 * Records a visit or a care call: a community worker or street staff (their region), an operator (calls), or the
 * volunteer the plan is given to. A home visit checks in near the home (the geofence rule) or is refused with the
 * distance; "nobody answered" is its own outcome. What was found is kept (append-only); a worrying finding may raise an
 * alarm-center task, a referral and a service order. The plan moves on: visited → next due after its interval;
 * nobody there → try again tomorrow; a third unanswered call in a row → a home visit is due today.
 */
export async function recordVisit({ ctx, input }: { ctx: Ctx; input: z.input<typeof VisitInput> }) {
  const v = VisitInput.parse(input);
  const today = shanghaiDate();
  const volunteerId = await myVolunteerId(ctx);
  const staff = ctx.actor.permissions.has("elder:write") || (v.kind === "phone" && ctx.actor.permissions.has("alarm:handle"));
  if (!staff && !volunteerId) throw new ForbiddenError("您不能记录探访");
  const [e] = await ctx.database.db.select().from(elders).where(eq(elders.id, v.elderId));
  const [plan] = await ctx.database.db.select().from(visitPlans).where(eq(visitPlans.elderId, v.elderId));
  const mayStaff = staff && e && e.regionCode.startsWith(ctx.actor.regionCode);
  const mayVolunteer = volunteerId !== null && plan?.assigneeVolunteerId === volunteerId;
  if (!e || (!mayStaff && !mayVolunteer)) throw new NotFoundError("老人档案不存在");
  let at: { lat: number; lng: number } | null = null;
  if (v.lat !== undefined && v.lng !== undefined) at = toGcj02({ lat: v.lat, lng: v.lng }, v.datum);
  if (v.kind === "home" && v.outcome === "visited" && at && e.lat !== null && e.lng !== null) {
    const fence = await ruleFor(ctx, e.regionCode, "orders.geofenceMeters");
    const distance = Math.round(distanceMeters(at, { lat: e.lat, lng: e.lng }));
    if (distance > fence) throw new ValidationError(`签到位置距老人住址 ${distance} 米，超出 ${fence} 米范围`, [{ path: "lat", message: `距住址 ${distance} 米` }], { distanceMeters: distance, geofenceMeters: fence });
  }
  const worrying = isWorrying(v.findings);
  const follow: { kind: string; ref?: string; note?: string }[] = [];
  if (v.followUp?.serviceProductId) {
    if (!ctx.actor.permissions.has("order:place")) throw new ValidationError("志愿者不能代老人下单，请转社区工作人员", [{ path: "followUp.serviceProductId", message: "无下单权限" }]);
    // the order first, idempotent per elder, day and product: a retry after a failure below finds the same order
    const { order } = await placeOrder({
      ctx,
      input: { elderId: e.id, productId: v.followUp.serviceProductId, slotStart: new Date(Date.now() + 3600_000).toISOString(), notes: "探访发现需要服务", channel: "community" },
      idempotencyKey: `visit:${e.id}:${today}:${v.followUp.serviceProductId}`,
    });
    follow.push({ kind: "service_order", ref: order.orderNo });
  }
  if (v.followUp?.referral) follow.push({ kind: "referral", note: v.followUp.referral });
  return withTransaction(ctx, async (tx) => {
    if (v.followUp?.alarmTask) {
      const [f] = await tx.insert(followUps).values({ elderId: e.id, regionCode: e.regionCode, kind: "visit_concern", dueDate: today }).returning({ id: followUps.id });
      follow.push({ kind: "alarm_task", ref: f!.id });
    }
    let unanswered = plan?.unansweredCalls ?? 0;
    if (plan) {
      let next = plan.nextDue;
      let lastDone = plan.lastDoneOn;
      if (v.outcome === "visited") {
        unanswered = 0;
        lastDone = today;
        next = addDays(today, plan.everyDays);
      } else {
        next = addDays(today, 1);
        if (v.kind === "phone") unanswered += 1;
      }
      if (v.kind === "phone" && unanswered >= UNANSWERED_CALLS_FOR_VISIT) {
        // three calls in a row nobody answered: someone goes to the door today
        const [f] = await tx.insert(followUps).values({ elderId: e.id, regionCode: e.regionCode, kind: "home_visit", dueDate: today }).returning({ id: followUps.id });
        follow.push({ kind: "home_visit", ref: f!.id });
        unanswered = 0;
      }
      await tx.update(visitPlans).set({ nextDue: next, lastDoneOn: lastDone, unansweredCalls: unanswered, updatedAt: new Date() }).where(eq(visitPlans.elderId, e.id));
    }
    // what this visit answers is done: a home visit the home-visit task; a call that got through the care call owed after an alarm
    if (v.kind === "home") await tx.update(followUps).set({ status: "done" }).where(sql`${followUps.elderId} = ${e.id}::uuid AND ${followUps.kind} = 'home_visit' AND ${followUps.status} = 'open'`);
    if (v.kind === "phone" && v.outcome === "visited") await tx.update(followUps).set({ status: "done" }).where(sql`${followUps.elderId} = ${e.id}::uuid AND ${followUps.kind} = 'care_call' AND ${followUps.status} = 'open'`);
    const [row] = await tx
      .insert(visits)
      .values({
        elderId: e.id,
        regionCode: e.regionCode,
        kind: v.kind,
        dueOn: plan?.nextDue ?? today,
        outcome: v.outcome,
        byUserId: volunteerId ? null : ctx.actor.id,
        byVolunteerId: volunteerId,
        checkInLat: at?.lat ?? null,
        checkInLng: at?.lng ?? null,
        findings: v.findings ?? {},
        worrying,
        photos: v.photos,
        followUps: follow,
      })
      .returning();
    await recordAudit(tx, ctx, { action: `visit.${v.kind}`, targetType: "elder", targetId: e.id, regionCode: e.regionCode, detail: { outcome: v.outcome, worrying, followUps: follow.map((f) => f.kind) } });
    return { id: row!.id, elderId: e.id, kind: v.kind, outcome: v.outcome, worrying, followUps: follow, unansweredCalls: unanswered };
  });
}

/**
 * Today's list for the signed-in visitor: the plans given to them (a community worker, or a volunteer) due today or
 * earlier, and home-visit tasks of their community — most overdue first, with the address and position to go to, the
 * masked phone and (a phone plan) the unanswered calls in a row. `kind: "phone"` is a community worker's own care calls.
 */
export async function myVisits({ ctx, kind = "home" }: { ctx: Ctx; kind?: "home" | "phone" }) {
  const volunteerId = await myVolunteerId(ctx);
  if (!volunteerId && !ctx.actor.permissions.has("elder:write")) throw new ForbiddenError("您没有探访任务");
  const today = shanghaiDate();
  const mine = volunteerId ? sql`p.assignee_volunteer_id = ${volunteerId}::uuid` : sql`p.assignee_user_id = ${ctx.actor.id}::uuid`;
  const rows = await selectRows<{ elder_id: string; name: string; address: string; lat: number | null; lng: number | null; kind: string; reasons: string[]; next_due: string; every_days: number; task: boolean; phone_masked: string | null; unanswered: number }>(
    ctx.database.db,
    sql`SELECT p.elder_id, e.name, e.address, e.lat, e.lng, p.kind, p.reasons, p.next_due::text AS next_due, p.every_days, false AS task, e.phone_masked, p.unanswered_calls AS unanswered
        FROM visit_plans p JOIN elders e ON e.id = p.elder_id
        WHERE ${mine} AND p.kind = ${kind} AND p.next_due <= ${today}::date
        UNION ALL
        SELECT f.elder_id, e.name, e.address, e.lat, e.lng, 'home', ARRAY['连续三次电话无人接听'], f.due_date::text, 0, true, e.phone_masked, 0
        FROM follow_ups f JOIN elders e ON e.id = f.elder_id
        WHERE ${kind === "home" && !volunteerId ? sql`true` : sql`false`} AND f.kind = 'home_visit' AND f.status = 'open' AND f.region_code LIKE ${`${ctx.actor.regionCode}%`}
        ORDER BY 8, 2 LIMIT 200`,
  );
  return { items: rows.map((r) => ({ elderId: r.elder_id, elderName: r.name, address: r.address, lat: r.lat, lng: r.lng, kind: r.kind, reasons: r.reasons, dueOn: r.next_due, everyDays: Number(r.every_days), task: r.task, phoneMasked: r.phone_masked, unansweredCalls: Number(r.unanswered), ...escalation(r.next_due, today) })) };
}

/** The call centre's care calls for today: plans by phone due in the region, and the follow-up calls after alarms. */
export async function careCalls({ ctx }: { ctx: Ctx }) {
  if (!ctx.actor.permissions.has("alarm:handle") && !ctx.actor.permissions.has("elder:write")) requirePermission(ctx.actor, "alarm:handle");
  const today = shanghaiDate();
  const rows = await selectRows<{ elder_id: string; name: string; phone_masked: string | null; reasons: string[]; due: string; unanswered: number; source: string; follow_up_id: string | null }>(
    ctx.database.db,
    sql`SELECT p.elder_id, e.name, e.phone_masked, p.reasons, p.next_due::text AS due, p.unanswered_calls AS unanswered, 'plan' AS source, NULL::uuid AS follow_up_id
        FROM visit_plans p JOIN elders e ON e.id = p.elder_id
        WHERE p.kind = 'phone' AND p.next_due <= ${today}::date AND p.region_code LIKE ${`${ctx.actor.regionCode}%`}
        UNION ALL
        SELECT f.elder_id, e.name, e.phone_masked, ARRAY['告警后回访'], f.due_date::text, 0, 'alarm', f.id
        FROM follow_ups f JOIN elders e ON e.id = f.elder_id
        WHERE f.kind = 'care_call' AND f.status = 'open' AND f.due_date <= ${today}::date AND f.region_code LIKE ${`${ctx.actor.regionCode}%`}
        ORDER BY 5, 2 LIMIT 500`,
  );
  return { items: rows.map((r) => ({ elderId: r.elder_id, elderName: r.name, phone: r.phone_masked, reasons: r.reasons, dueOn: r.due, unansweredCalls: Number(r.unanswered), source: r.source, followUpId: r.follow_up_id, ...escalation(r.due, today) })) };
}

/** A region's visit board: plans, how many are covered (done within their interval), overdue by level, findings of the last 30 days. */
export async function visitBoard({ ctx, regionCode }: { ctx: Ctx; regionCode?: string }) {
  requirePermission(ctx.actor, "elder:read");
  const region = regionCode ?? ctx.actor.regionCode;
  if (!region.startsWith(ctx.actor.regionCode)) throw new NotFoundError("区划不存在");
  const today = shanghaiDate();
  const [p] = await selectRows<{ plans: string; home: string; phone: string; covered: string; overdue: string; community: string; street: string; unassigned: string }>(
    ctx.database.db,
    sql`SELECT count(*) AS plans, count(*) FILTER (WHERE kind = 'home') AS home, count(*) FILTER (WHERE kind = 'phone') AS phone,
          count(*) FILTER (WHERE last_done_on IS NOT NULL AND last_done_on + every_days >= ${today}::date) AS covered,
          count(*) FILTER (WHERE next_due < ${today}::date) AS overdue,
          count(*) FILTER (WHERE next_due < ${today}::date - 3 AND next_due >= ${today}::date - 7) AS community,
          count(*) FILTER (WHERE next_due < ${today}::date - 7) AS street,
          count(*) FILTER (WHERE assignee_user_id IS NULL AND assignee_volunteer_id IS NULL) AS unassigned
        FROM visit_plans WHERE region_code LIKE ${`${region}%`}`,
  );
  const [f] = await selectRows<{ visits: string; no_answer: string; worrying: string; health: string; safety: string; mood: string }>(
    ctx.database.db,
    sql`SELECT count(*) AS visits, count(*) FILTER (WHERE outcome = 'no_answer') AS no_answer, count(*) FILTER (WHERE worrying) AS worrying,
          count(*) FILTER (WHERE findings->>'health' IN ('poor', 'concern')) AS health,
          count(*) FILTER (WHERE findings->>'homeSafety' IN ('poor', 'concern')) AS safety,
          count(*) FILTER (WHERE findings->>'mood' IN ('poor', 'concern')) AS mood
        FROM visits WHERE region_code LIKE ${`${region}%`} AND at >= now() - interval '30 days'`,
  );
  const n = (x: string | undefined) => Number(x ?? 0);
  const plans = n(p?.plans);
  return {
    regionCode: region,
    plans,
    home: n(p?.home),
    phone: n(p?.phone),
    covered: n(p?.covered),
    coveragePercent: plans ? Math.round((n(p?.covered) / plans) * 1000) / 10 : null,
    overdue: n(p?.overdue),
    escalatedToCommunity: n(p?.community),
    escalatedToStreet: n(p?.street),
    unassigned: n(p?.unassigned),
    last30Days: { visits: n(f?.visits), noAnswer: n(f?.no_answer), worrying: n(f?.worrying), findings: { health: n(f?.health), homeSafety: n(f?.safety), mood: n(f?.mood) } },
  };
}

/** Closes a follow-up task (an alarm-center task from a visit, a care call, a home-visit task) with what was done; on record. */
export async function closeFollowUp({ ctx, id, note }: { ctx: Ctx; id: string; note: string }) {
  if (!ctx.actor.permissions.has("alarm:handle") && !ctx.actor.permissions.has("elder:write")) throw new ForbiddenError("您不能处理跟进任务");
  if (!isUuid(id)) throw new NotFoundError("跟进任务不存在");
  return withTransaction(ctx, async (tx) => {
    const [f] = await tx.select().from(followUps).where(eq(followUps.id, id)).for("update");
    if (!f || !f.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("跟进任务不存在");
    if (f.status !== "open") throw new InvalidStateError("该跟进任务已处理");
    await tx.update(followUps).set({ status: "done" }).where(eq(followUps.id, id));
    await recordAudit(tx, ctx, { action: "follow_up.close", targetType: "elder", targetId: f.elderId, regionCode: f.regionCode, detail: { kind: f.kind, note } });
    return { id, status: "done" };
  });
}
