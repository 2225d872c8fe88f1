import { selectRows, serviceOrders } from "@carecircle/db";
import { eq, sql } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { SYSTEM_ACTOR } from "../core/permissions.ts";
import { RULE_DEFAULTS, ruleResolver } from "../regions/rules.ts";
import { recordOrderEvent } from "./access.ts";
import { systemTransition } from "./transition.ts";

/**
 * The dispatch timers, run every half minute by the server (and by tests with their own `now`):
 *  - an assigned job the worker has not accepted within the region's minutes goes to another worker (flag not_accepted);
 *  - an accepted order with nobody assigned is dispatched again;
 *  - a job not started (checked in) by its slot is flagged late_start, once;
 *  - an order of a provider that accepts automatically, still placed a minute on (the process stopped between the
 *    placement and its acceptance), is accepted and dispatched.
 * Each order is handled in its own transaction, rows locked with SKIP LOCKED so that several servers share the work.
 */
export async function sweepOrders(baseCtx: Ctx, now = new Date()): Promise<{ redispatched: number; dispatched: number; flaggedLate: number; accepted: number }> {
  const ctx: Ctx = { ...baseCtx, actor: SYSTEM_ACTOR };
  const db = ctx.database.db;
  const acceptMinutes = await ruleResolver(ctx, "orders.acceptMinutes");
  const stats = { redispatched: 0, dispatched: 0, flaggedLate: 0, accepted: 0 };
  const stranded = await selectRows<{ id: string }>(
    db,
    sql`SELECT o.id FROM service_orders o JOIN providers p ON p.id = o.provider_id
        WHERE o.status = 'placed' AND p.auto_accept AND p.status = 'approved' AND o.created_at < ${new Date(now.getTime() - 60_000).toISOString()}::timestamptz LIMIT 500`,
  );
  for (const { id } of stranded) {
    await db.transaction(async (tx) => {
      const [o] = await tx.select().from(serviceOrders).where(eq(serviceOrders.id, id)).for("update", { skipLocked: true });
      if (o?.status !== "placed") return;
      await systemTransition(ctx, tx, o, { action: "accept" });
      stats.accepted++;
    });
  }
  // only the orders that need something, earliest slot first, page by page (not the first rows of every open order)
  const [{ min } = { min: null }] = await selectRows<{ min: number | null }>(db, sql`SELECT min((value)::text::numeric) AS min FROM region_rules WHERE key = 'orders.acceptMinutes'`);
  const soonest = Math.min(RULE_DEFAULTS["orders.acceptMinutes"], min === null ? Infinity : Number(min));
  const lapseBefore = new Date(now.getTime() - soonest * 60_000).toISOString();
  const nowIso = now.toISOString();
  const candidates: { id: string; region_code: string; status: string; assigned_at: string | null; worker_accepted_at: string | null; worker_id: string | null; slot_start: string; flags: string[] }[] = [];
  let after: [string, string] | null = null;
  for (let page = 0; page < 20; page++) {
    const rows: typeof candidates = await selectRows(
      db,
      sql`SELECT id, region_code, status, assigned_at, worker_accepted_at, worker_id, to_char(slot_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS slot_start, flags FROM service_orders
          WHERE status IN ('accepted','assigned','on_the_way')
            AND ((status = 'assigned' AND worker_accepted_at IS NULL AND assigned_at <= ${lapseBefore}::timestamptz)
              OR (status = 'accepted' AND worker_id IS NULL AND slot_start > ${nowIso}::timestamptz)
              OR (slot_start <= ${nowIso}::timestamptz AND NOT ('late_start' = ANY(flags))))
            ${after ? sql`AND (slot_start, id) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
          ORDER BY slot_start, id LIMIT 500`,
    );
    candidates.push(...rows);
    if (rows.length < 500) break;
    after = [rows.at(-1)!.slot_start, rows.at(-1)!.id];
  }
  for (const c of candidates) {
    const lapsed = c.status === "assigned" && !c.worker_accepted_at && c.assigned_at && new Date(c.assigned_at).getTime() + acceptMinutes(c.region_code) * 60_000 <= now.getTime();
    const unassigned = c.status === "accepted" && !c.worker_id;
    const late = new Date(c.slot_start).getTime() <= now.getTime() && !c.flags.includes("late_start");
    if (!lapsed && !unassigned && !late) continue;
    await db.transaction(async (tx) => {
      const [o] = await tx.select().from(serviceOrders).where(eq(serviceOrders.id, c.id)).for("update", { skipLocked: true });
      if (!o || o.status !== c.status) return;
      let row = o;
      if (late && !o.flags.includes("late_start")) {
        [row] = await tx.update(serviceOrders).set({ flags: [...o.flags, "late_start"], updatedAt: now }).where(eq(serviceOrders.id, o.id)).returning() as [typeof o];
        await recordOrderEvent(tx, ctx, { order: o, action: "flag", from: o.status, to: o.status, detail: { flag: "late_start" } });
        stats.flaggedLate++;
      }
      if (lapsed && row.status === "assigned" && !row.workerAcceptedAt) {
        await systemTransition(ctx, tx, row, { action: "lapse" });
        stats.redispatched++;
      } else if (unassigned && late === false) {
        const after = await systemTransition(ctx, tx, row, { action: "assign" });
        if (after.workerId) stats.dispatched++;
      }
    });
  }
  return stats;
}
