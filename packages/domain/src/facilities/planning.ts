import { elders, facilities, regions } from "@carecircle/db";
import { and, asc, count, eq, inArray, like, sum } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { NotFoundError } from "../core/errors.ts";
import { requirePermission } from "../core/permissions.ts";
import { rulesFor } from "../regions/rules.ts";
import { isVillage, scopePrefix } from "./internal.ts";

const KEYS = ["planning.bedsPer1000Elders", "planning.nursingBedShare", "planning.centersPerStreet", "planning.stationsPerCommunity", "planning.areaM2Per100Households"] as const;

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * A region's planning targets (rules) against the actual figures: elders from the registry (active records), beds
 * and nursing beds of operating facilities, centers per street, stations (or village points) per community; and the
 * streets with no center, the communities with no station. Households are not in our data: that target's actual is
 * reported unknown rather than guessed.
 */
export async function planningReport({ ctx, regionCode }: { ctx: Ctx; regionCode?: string }) {
  requirePermission(ctx.actor, "facility:read");
  const prefix = scopePrefix(ctx, regionCode);
  const db = ctx.database.db;
  const [region] = await db.select({ code: regions.code, name: regions.name, level: regions.level }).from(regions).where(eq(regions.code, prefix));
  if (!region) throw new NotFoundError("区划不存在");
  const under = like(regions.code, `${prefix}%`);
  const operating = and(like(facilities.regionCode, `${prefix}%`), eq(facilities.status, "operating"));
  const [rules, [elderRow], [bedRow], areas, tiers] = await Promise.all([
    rulesFor(ctx, prefix, KEYS),
    db.select({ n: count() }).from(elders).where(and(like(elders.regionCode, `${prefix}%`), eq(elders.status, "active"))),
    db.select({ beds: sum(facilities.beds), nursingBeds: sum(facilities.nursingBeds), areaM2: sum(facilities.areaM2) }).from(facilities).where(operating),
    db.select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode }).from(regions).where(and(under, inArray(regions.level, [4, 5]))).orderBy(asc(regions.code)),
    db.select({ tier: facilities.tier, regionCode: facilities.regionCode, n: count() }).from(facilities).where(operating).groupBy(facilities.tier, facilities.regionCode),
  ]);
  const elderCount = elderRow?.n ?? 0;
  const beds = Number(bedRow?.beds ?? 0);
  const nursingBeds = Number(bedRow?.nursingBeds ?? 0);
  const areaM2 = Number(bedRow?.areaM2 ?? 0);
  const streets = areas.filter((a) => a.level === 4);
  const communities = areas.filter((a) => a.level === 5);
  const has = (tier: string[], code: string) => tiers.some((t) => tier.includes(t.tier) && t.regionCode === code);
  const total = (tier: string) => tiers.filter((t) => t.tier === tier).reduce((a, t) => a + t.n, 0);
  const streetName = new Map(streets.map((s) => [s.code, s.name]));
  const streetsWithoutCenter = streets.filter((s) => !has(["center"], s.code)).map((s) => ({ code: s.code, name: s.name }));
  // a village's mutual-aid point serves it as a station would
  const communitiesWithoutStation = communities
    .filter((c) => !has(["station", "point"], c.code))
    .map((c) => ({ code: c.code, name: c.name, village: isVillage(c.name), streetCode: c.parentCode, streetName: c.parentCode ? (streetName.get(c.parentCode) ?? null) : null }));
  const centers = total("center");
  const stations = total("station") + total("point");
  const perThousand = ratio(beds * 1000, elderCount);
  const share = ratio(nursingBeds, beds);
  const centersPerStreet = ratio(centers, streets.length);
  const stationsPerCommunity = ratio(stations, communities.length);
  const targets = [
    { key: "planning.bedsPer1000Elders", target: rules["planning.bedsPer1000Elders"], actual: perThousand, met: perThousand === null ? null : perThousand >= rules["planning.bedsPer1000Elders"] },
    { key: "planning.nursingBedShare", target: rules["planning.nursingBedShare"], actual: share, met: share === null ? null : share >= rules["planning.nursingBedShare"] },
    // "one per street": every street has its center, not merely as many centers as streets
    { key: "planning.centersPerStreet", target: rules["planning.centersPerStreet"], actual: centersPerStreet, met: streets.length === 0 ? null : streets.every((s) => tiers.filter((t) => t.tier === "center" && t.regionCode === s.code).reduce((a, t) => a + t.n, 0) >= rules["planning.centersPerStreet"]) },
    { key: "planning.stationsPerCommunity", target: rules["planning.stationsPerCommunity"], actual: stationsPerCommunity, met: communities.length === 0 ? null : communities.every((c) => tiers.filter((t) => (t.tier === "station" || t.tier === "point") && t.regionCode === c.code).reduce((a, t) => a + t.n, 0) >= rules["planning.stationsPerCommunity"]) },
    { key: "planning.areaM2Per100Households", target: rules["planning.areaM2Per100Households"], actual: null, met: null, unknown: "households" as const },
  ];
  return {
    regionCode: region.code,
    regionName: region.name,
    level: region.level,
    figures: { elders: elderCount, beds, nursingBeds, areaM2, streets: streets.length, communities: communities.length, centers, stations: total("station"), points: total("point"), institutions: total("institution"), households: null },
    targets,
    streetsWithoutCenter,
    communitiesWithoutStation,
  };
}
