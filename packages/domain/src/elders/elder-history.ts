import { auditEvents } from "@carecircle/db";
import { eq } from "drizzle-orm";
import { AuditListQuery, queryAuditEvents } from "../audit/list-audit-events.ts";
import type { Ctx } from "../core/context.ts";
import { requirePermission } from "../core/permissions.ts";
import { getElderInScope } from "./internal.ts";
import { parseInput } from "./parse-input.ts";

/** The change history of one record: its audit events, newest first. */
export async function elderHistory({ ctx, elderId, input }: { ctx: Ctx; elderId: string; input: unknown }) {
  requirePermission(ctx.actor, "elder:read");
  await getElderInScope(ctx, elderId);
  const query = parseInput(AuditListQuery, input);
  // the scope check above already passed: history events of a record moved in from another region stay visible
  return queryAuditEvents({ ...ctx, actor: { ...ctx.actor, regionCode: "" } }, query, [eq(auditEvents.targetId, elderId)]);
}
