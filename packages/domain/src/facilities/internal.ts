import { facilities, regions, type Tx } from "@carecircle/db";
import type { Residents } from "@carecircle/shared";
import { and, eq, like, type SQL, sql } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { requirePermission } from "../core/permissions.ts";

export type FacilityRow = typeof facilities.$inferSelect;

/** The region prefix a list or figure covers: the actor's subtree, or a region inside it (another one is 404). */
export function scopePrefix(ctx: Ctx, regionCode?: string): string {
  const own = ctx.actor.regionCode;
  if (!regionCode) return own;
  if (regionCode.startsWith(own)) return regionCode;
  if (own.startsWith(regionCode)) return own;
  throw new NotFoundError("区划不存在");
}

/**
 * Which facilities the actor sees: the bureau those of its region's subtree (facility:read); a provider admin those
 * its provider operates, read-only, wherever they are.
 */
export function facilityScope(ctx: Ctx, regionCode?: string): SQL {
  if (ctx.actor.role === "provider_admin") {
    if (!ctx.actor.providerId) return sql`false`;
    const own = eq(facilities.operatorProviderId, ctx.actor.providerId);
    return regionCode ? and(own, like(facilities.regionCode, `${regionCode}%`))! : own;
  }
  requirePermission(ctx.actor, "facility:read");
  return like(facilities.regionCode, `${scopePrefix(ctx, regionCode)}%`);
}

/** One facility the actor may see, or 404 (another region's facility is "absent"). */
export async function facilityInScope(ctx: Ctx, id: string, tx?: Tx, lock = false): Promise<FacilityRow> {
  if (!isUuid(id)) throw new NotFoundError("设施不存在");
  const q = (tx ?? ctx.database.db).select().from(facilities).where(and(eq(facilities.id, id), facilityScope(ctx)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("设施不存在");
  return row;
}

/** A facility the actor may change: facility:manage and inside its region (a provider admin reads only). */
export async function managedFacility(ctx: Ctx, id: string, tx: Tx): Promise<FacilityRow> {
  const row = await facilityInScope(ctx, id, tx, true);
  requirePermission(ctx.actor, "facility:manage");
  return row;
}

export interface RegionInfo {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

export async function regionInfo(tx: Tx, code: string): Promise<RegionInfo | null> {
  const [r] = await tx.select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode }).from(regions).where(eq(regions.code, code));
  return r ?? null;
}

/** A village (村), as opposed to an urban community (社区): its mutual-aid point plays the station's part. */
export const isVillage = (name: string) => /村(民委员会|委会)?$/.test(name);

export function facilityView(f: FacilityRow, extra: { regionName?: string | null; parentName?: string | null } = {}) {
  return {
    id: f.id,
    name: f.name,
    tier: f.tier,
    parentId: f.parentId,
    parentName: extra.parentName ?? null,
    regionCode: f.regionCode,
    regionName: extra.regionName ?? null,
    address: f.address,
    lat: f.lat,
    lng: f.lng,
    operatorName: f.operatorName,
    operatorProviderId: f.operatorProviderId,
    operatingModel: f.operatingModel,
    areaM2: f.areaM2,
    beds: f.beds,
    nursingBeds: f.nursingBeds,
    staffCount: f.staffCount,
    openingHours: f.openingHours,
    services: f.services,
    videoUrl: f.videoUrl,
    kitchenCameraUrl: f.kitchenCameraUrl,
    filingNo: f.filingNo,
    filedAt: f.filedAt,
    filingDocuments: f.filingDocuments as { name: string; url?: string | null; note?: string | null }[],
    residents: f.residents as Residents,
    status: f.status,
    statusReason: f.statusReason,
    statusAt: f.statusAt?.toISOString() ?? null,
    stars: f.stars,
    unqualified: f.unqualified,
    ratedAt: f.ratedAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
  };
}

/**
 * The network's placement rules: a center in a street (level 4), a station or point in a community (level 5), an
 * institution anywhere from the district down; a station's or point's center is a center of the same street.
 */
export async function checkPlacement(tx: Tx, ctx: Ctx, v: { tier: string; regionCode: string; parentId?: string | null }, selfId?: string): Promise<void> {
  const region = await regionInfo(tx, v.regionCode);
  if (!region || !v.regionCode.startsWith(ctx.actor.regionCode)) throw new ValidationError("所在区划不存在或不在您的辖区", [{ path: "regionCode", message: "所在区划不存在或不在您的辖区" }]);
  const need: Record<string, [number[], string]> = {
    center: [[4], "养老服务中心应登记在街道或乡镇"],
    station: [[5], "养老服务站应登记在社区"],
    point: [[5], "互助养老点应登记在村或社区"],
    institution: [[3, 4, 5], "养老机构应登记在区县、街道或社区"],
  };
  const [levels, message] = need[v.tier]!;
  if (!levels.includes(region.level)) throw new ValidationError(message, [{ path: "regionCode", message }]);
  if (!v.parentId) return;
  if (v.tier !== "station" && v.tier !== "point") throw new ValidationError("只有站、点可以有上级中心", [{ path: "parentId", message: "只有站、点可以有上级中心" }]);
  const [parent] = await tx.select().from(facilities).where(and(eq(facilities.id, v.parentId), like(facilities.regionCode, `${ctx.actor.regionCode}%`)));
  if (!parent || parent.id === selfId) throw new ValidationError("上级中心不存在", [{ path: "parentId", message: "上级中心不存在或不在您的辖区" }]);
  if (parent.tier !== "center") throw new ValidationError("上级应为养老服务中心", [{ path: "parentId", message: "上级应为养老服务中心" }]);
  if (parent.regionCode !== region.parentCode) throw new ValidationError("上级中心应在同一街道", [{ path: "parentId", message: "上级中心应在本社区所在的街道" }]);
}
