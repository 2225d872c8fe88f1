import { auditEvents, type Tx } from "@carecircle/db";
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
