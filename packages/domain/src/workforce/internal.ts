import { facilities, staff, type Tx } from "@carecircle/db";
import { bonusEligibility, certificateState, type StaffCertificate } from "@carecircle/shared";
import { and, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { NotFoundError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { requirePermission } from "../core/permissions.ts";
import { scopePrefix } from "../facilities/internal.ts";

export type StaffRow = typeof staff.$inferSelect;

/** Days before expiry a certificate is flagged (the reminder's window). */
export const EXPIRY_WARNING_DAYS = 30;

/**
 * Which staff the actor sees: the bureau those of its region's subtree; a provider admin its provider's own and
 * those of the facilities it operates.
 */
export function staffScope(ctx: Ctx, regionCode?: string): SQL {
  if (ctx.actor.role === "provider_admin") {
    const pid = ctx.actor.providerId;
    if (!pid) return sql`false`;
    const run = ctx.database.db.select({ id: facilities.id }).from(facilities).where(eq(facilities.operatorProviderId, pid));
    const own = or(eq(staff.providerId, pid), inArray(staff.facilityId, run))!;
    return regionCode ? and(own, like(staff.regionCode, `${regionCode}%`))! : own;
  }
  requirePermission(ctx.actor, "facility:read");
  return like(staff.regionCode, `${scopePrefix(ctx, regionCode)}%`);
}

export async function staffInScope(ctx: Ctx, id: string, tx?: Tx): Promise<StaffRow> {
  if (!isUuid(id)) throw new NotFoundError("从业人员不存在");
  const [row] = await (tx ?? ctx.database.db).select().from(staff).where(and(eq(staff.id, id), staffScope(ctx)));
  if (!row) throw new NotFoundError("从业人员不存在");
  return row;
}

export interface BonusRule {
  years: number;
  educations: readonly string[];
}

export function staffView(s: StaffRow, today: string, rule: BonusRule, extra: { employerName?: string | null; lastPassedOn?: string | null } = {}) {
  const certificates = (s.certificates as StaffCertificate[]).map((c) => ({ ...c, state: certificateState(c.validTo, today, EXPIRY_WARNING_DAYS) }));
  return {
    id: s.id,
    name: s.name,
    idNumber: s.idNumberMasked,
    regionCode: s.regionCode,
    facilityId: s.facilityId,
    providerId: s.providerId,
    employerName: extra.employerName ?? null,
    post: s.post,
    certificates,
    certificateAlert: certificates.some((c) => c.state === "expired") ? "expired" : certificates.some((c) => c.state === "expiring") ? "expiring" : null,
    education: s.education,
    graduatedOn: s.graduatedOn,
    hiredOn: s.hiredOn,
    active: s.active,
    bonus: bonusEligibility({ education: s.education, graduatedOn: s.graduatedOn }, today, rule),
    lastPassedTrainingOn: extra.lastPassedOn ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}
