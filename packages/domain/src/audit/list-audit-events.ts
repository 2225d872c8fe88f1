import { auditEvents } from "@carecircle/db";
import { and, desc, eq, gte, like, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { BadRequestError } from "../core/errors.ts";
import { requirePermission } from "../core/permissions.ts";
import { regionNames } from "../regions/regions.ts";

export const AuditListQuery = z
  .object({
    actor: z.string().trim().max(50).optional(),
    action: z.string().trim().max(50).optional(),
    targetId: z.string().trim().max(100).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export interface AuditEventView {
  id: number;
  at: string;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  regionCode: string | null;
  regionName: string | null;
  ip: string | null;
  requestId: string | null;
  detail: unknown;
}

/** Newest first; scoped to the actor's region subtree (events are stamped with the record's region). */
export async function listAuditEvents({ ctx, input }: { ctx: Ctx; input: AuditListQuery }) {
  requirePermission(ctx.actor, "audit:read");
  return queryAuditEvents(ctx, input, []);
}

/** Shared by the audit page and an elder's change history. */
export async function queryAuditEvents(ctx: Ctx, input: AuditListQuery, extra: SQL[]) {
  const where: (SQL | undefined)[] = [...extra];
  if (ctx.actor.regionCode) where.push(like(auditEvents.regionCode, `${ctx.actor.regionCode}%`));
  if (input.actor) where.push(eq(auditEvents.actorUsername, input.actor));
  if (input.action) where.push(or(eq(auditEvents.action, input.action), like(auditEvents.action, `${input.action}.%`)));
  if (input.targetId) where.push(eq(auditEvents.targetId, input.targetId));
  if (input.from) where.push(gte(auditEvents.at, new Date(input.from)));
  if (input.to) where.push(lt(auditEvents.at, new Date(input.to)));
  if (input.cursor) {
    const [id] = decodeCursor(input.cursor, 1);
    if (!Number.isSafeInteger(id)) throw new BadRequestError("分页游标无效");
    where.push(lt(auditEvents.id, id as number));
  }
  const rows = await ctx.database.db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const names = await regionNames(ctx, page.flatMap((r) => (r.regionCode ? [r.regionCode] : [])));
  const items: AuditEventView[] = page.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorUsername: r.actorUsername,
    actorRole: r.actorRole,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    regionCode: r.regionCode,
    regionName: r.regionCode ? (names.get(r.regionCode) ?? null) : null,
    ip: r.ip,
    requestId: r.requestId,
    detail: r.detail,
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null };
}
