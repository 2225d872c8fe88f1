import { auditEvents, bulkInsert, type Tx } from "@carecircle/db";
import type { Ctx } from "../core/context.ts";

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  /** The region the record belongs to: bureau admins see events of their subtree. */
  regionCode?: string;
  detail?: Record<string, unknown>;
}

/** Appends one audit event inside the caller's transaction: if it fails, the change fails with it. */
export async function recordAudit(tx: Tx, ctx: Ctx, event: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: ctx.actor.id,
    actorUsername: ctx.actor.username,
    actorRole: ctx.actor.role,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    regionCode: event.regionCode ?? (/^\d+$/.test(ctx.actor.regionCode) ? ctx.actor.regionCode : null),
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent ?? null,
    requestId: ctx.requestId ?? null,
    detail: event.detail ?? {},
  });
}

/** Appends many audit events in one statement (imports): same columns as `recordAudit`, the actor from `ctx`. */
export async function recordAuditMany(tx: Tx, ctx: Ctx, events: (AuditInput & { regionCode: string })[]): Promise<void> {
  if (events.length === 0) return;
  const same = <T>(v: T) => events.map(() => v);
  await bulkInsert(tx, "audit_events", [
    { name: "actor_id", type: "uuid", values: same(ctx.actor.id) },
    { name: "actor_username", type: "text", values: same(ctx.actor.username) },
    { name: "actor_role", type: "text", values: same(ctx.actor.role) },
    { name: "action", type: "text", values: events.map((e) => e.action) },
    { name: "target_type", type: "text", values: events.map((e) => e.targetType ?? null) },
    { name: "target_id", type: "text", values: events.map((e) => e.targetId ?? null) },
    { name: "region_code", type: "text", values: events.map((e) => e.regionCode) },
    { name: "ip", type: "text", values: same(ctx.ip ?? null) },
    { name: "user_agent", type: "text", values: same(ctx.userAgent ?? null) },
    { name: "request_id", type: "text", values: same(ctx.requestId ?? null) },
    { name: "detail", type: "jsonb", values: events.map((e) => e.detail ?? {}) },
  ]);
}
