import { elderContacts, elders, type Tx } from "@carecircle/db";
import { and, eq } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { NotFoundError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { type ElderRow, getElderInScope } from "./internal.ts";

/**
 * The elder record the actor may act for: an elder account its own record, a family account the elders bound to it,
 * staff with `elder:read` (or `extra`) the elders of their region. Anything else is 404 (existence is not disclosed).
 */
export async function elderForActor(ctx: Ctx, elderId: string, opts: { tx?: Tx; staffPermission?: "elder:read" | "subsidy:read" | "order:place"; lock?: boolean } = {}): Promise<ElderRow> {
  const db = opts.tx ?? ctx.database.db;
  const absent = new NotFoundError("老人档案不存在");
  if (!isUuid(elderId)) throw absent;
  if (ctx.actor.role === "elder") {
    if (!ctx.actor.elderId || ctx.actor.elderId !== elderId) throw absent;
  } else if (ctx.actor.role === "family") {
    const [bound] = await db.select({ id: elderContacts.id }).from(elderContacts).where(and(eq(elderContacts.elderId, elderId), eq(elderContacts.familyUserId, ctx.actor.id!)));
    if (!bound) throw absent;
  } else {
    const perm = opts.staffPermission ?? "elder:read";
    if (!ctx.actor.permissions.has(perm) && !ctx.actor.permissions.has("elder:read")) throw absent;
    return getElderInScope(ctx, elderId, opts.tx, opts.lock !== false);
  }
  const [row] = await db.select().from(elders).where(eq(elders.id, elderId));
  if (!row) throw absent;
  return row;
}
