import { facilities, staff } from "@carecircle/db";
import { type Residents, staffingShortfall } from "@carecircle/shared";
import { and, count, eq, inArray, ne } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { facilityScope } from "../facilities/internal.ts";
import { ruleResolver } from "../regions/rules.ts";

/**
 * The staffing-ratio check of every institution in scope (not closed): its residents by ability, its active
 * caregivers on record, the caregivers its residents require under the region's ratios, and the shortfall —
 * shortfalls first, largest first.
 */
export async function staffingReport({ ctx, regionCode }: { ctx: Ctx; regionCode?: string }) {
  const db = ctx.database.db;
  const rows = await db
    .select()
    .from(facilities)
    .where(and(facilityScope(ctx, regionCode), eq(facilities.tier, "institution"), ne(facilities.status, "closed")));
  const ids = rows.map((r) => r.id);
  const [counts, disabled, semi, self] = await Promise.all([
    ids.length ? db.select({ id: staff.facilityId, n: count() }).from(staff).where(and(inArray(staff.facilityId, ids), eq(staff.active, true), eq(staff.post, "caregiver"))).groupBy(staff.facilityId) : [],
    ruleResolver(ctx, "staffing.disabled"),
    ruleResolver(ctx, "staffing.semiDisabled"),
    ruleResolver(ctx, "staffing.selfCare"),
  ]);
  const caregivers = new Map(counts.map((c) => [c.id, c.n]));
  const items = rows.map((f) => {
    const residents = f.residents as Residents;
    const ratios = { disabled: disabled(f.regionCode), semiDisabled: semi(f.regionCode), selfCare: self(f.regionCode) };
    const r = staffingShortfall(residents, caregivers.get(f.id) ?? 0, ratios);
    return { facilityId: f.id, name: f.name, regionCode: f.regionCode, status: f.status, residents, ratios, ...r };
  });
  items.sort((a, b) => b.shortfall - a.shortfall || a.name.localeCompare(b.name, "zh-CN"));
  return { items, withShortfall: items.filter((i) => i.shortfall > 0).length };
}
