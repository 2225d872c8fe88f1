import { auditEvents } from "@carecircle/db";
import { eq, inArray } from "drizzle-orm";
import { AuditListQuery, queryAuditEvents } from "../audit/list-audit-events.ts";
import type { Ctx } from "../core/context.ts";
import { requirePermission } from "../core/permissions.ts";
import { getElderInScope } from "./internal.ts";
import { parseInput } from "./parse-input.ts";

const CHANGE_ACTIONS = ["elder.create", "elder.update", "elder.status", "elder.status_correction", "elder.contact_add", "elder.contact_remove", "elder.consent_add"];

/** The change history of one record: its audit events, newest first. */
export async function elderHistory({ ctx, elderId, input }: { ctx: Ctx; elderId: string; input: unknown }) {
  requirePermission(ctx.actor, "elder:read");
  await getElderInScope(ctx, elderId);
  const query = parseInput(AuditListQuery, input);
  // the scope check above already passed: history events of a record moved in from another region stay visible
  const full = ctx.actor.permissions.has("audit:read");
  const where = [eq(auditEvents.targetId, elderId)];
  // without audit:read the history shows changes only: not who looked at full values, not addresses of staff
  if (!full) where.push(inArray(auditEvents.action, CHANGE_ACTIONS));
  const page = await queryAuditEvents({ ...ctx, actor: { ...ctx.actor, regionCode: "" } }, query, where);
  return full ? page : { ...page, items: page.items.map((e) => ({ ...e, ip: null, requestId: null })) };
}
