import { elders, regions } from "@carecircle/db";
import { type AbilityLevel, ageOn, shanghaiDate } from "@carecircle/shared";
import { and, eq, like } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { NotFoundError } from "../core/errors.ts";
import { inScope } from "../core/permissions.ts";
import type { Tx } from "@carecircle/db";
import { ruleResolver } from "../regions/rules.ts";
import type { RegionFacts } from "./normalize.ts";
import { isUuid } from "../core/ids.ts";

export type ElderRow = typeof elders.$inferSelect;

/** The elder, if it exists and lies in the actor's region; otherwise 404 (existence is not disclosed). */
export async function getElderInScope(ctx: Ctx, id: string, tx?: Tx, lock = true): Promise<ElderRow> {
  if (!isUuid(id)) throw new NotFoundError("老人档案不存在");
  const db = tx ?? ctx.database.db;
  const query = db
    .select()
    .from(elders)
    .where(and(eq(elders.id, id), like(elders.regionCode, `${ctx.actor.regionCode}%`)));
  // inside a write, lock the row so that concurrent edits serialise
  const [row] = tx && lock ? await query.for("update") : await query;
  if (!row || !inScope(ctx.actor, row.regionCode)) throw new NotFoundError("老人档案不存在");
  return row;
}

/** Community codes in the actor's scope and the min-age rule per community, loaded once. */
export async function loadRegionFacts(ctx: Ctx): Promise<RegionFacts & { communityNames: Map<string, string>; codeByName: Map<string, string[]> }> {
  const db = ctx.database.db;
  const communities = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(and(eq(regions.level, 5), like(regions.code, `${ctx.actor.regionCode}%`)));
  const minAge = await ruleResolver(ctx, "elders.minAge");
  const communityNames = new Map(communities.map((c) => [c.code, c.name]));
  const codeByName = new Map<string, string[]>();
  for (const c of communities) codeByName.set(c.name, [...(codeByName.get(c.name) ?? []), c.code]);
  return {
    communityNames,
    codeByName,
    isCommunityInScope: (code) => communityNames.has(code),
    minAge: (code) => Number(minAge(code)),
  };
}

export interface ElderListItem {
  id: string;
  name: string;
  sex: string;
  birthDate: string;
  age: number;
  idNumber: string;
  phone: string;
  regionCode: string;
  regionName: string | null;
  address: string;
  livingSituation: string;
  economicStatus: string;
  disabilityKind: string;
  abilityLevel: AbilityLevel | null;
  tags: string[];
  status: string;
}

/** The masked view every list and detail starts from. */
export function toListItem(row: ElderRow, regionName: string | null, today = shanghaiDate()): ElderListItem {
  return {
    id: row.id,
    name: row.name,
    sex: row.sex,
    birthDate: row.birthDate,
    age: ageOn(row.birthDate, today),
    idNumber: row.idNumberMasked,
    phone: row.phoneMasked,
    regionCode: row.regionCode,
    regionName,
    address: row.address,
    livingSituation: row.livingSituation,
    economicStatus: row.economicStatus,
    disabilityKind: row.disabilityKind,
    abilityLevel: row.abilityLevel as AbilityLevel | null,
    tags: row.tags,
    status: row.status,
  };
}

export function toDetail(row: ElderRow, regionName: string | null) {
  return {
    ...toListItem(row, regionName),
    lat: row.lat,
    lng: row.lng,
    hukouType: row.hukouType,
    hukouAddress: row.hukouAddress,
    disabilityGrade: row.disabilityGrade,
    health: row.health,
    notes: row.notes,
    abilityAssessedAt: row.abilityAssessedAt,
    abilityDueAt: row.abilityDueAt,
    abilityAssessmentId: row.abilityAssessmentId,
    statusReason: row.statusReason,
    statusDate: row.statusDate,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type ElderDetail = ReturnType<typeof toDetail>;

/** Fields compared for the change history; sensitive ones are recorded masked. */
export const TRACKED_FIELDS = [
  "name",
  "idNumberMasked",
  "phoneMasked",
  "regionCode",
  "address",
  "lat",
  "lng",
  "hukouType",
  "hukouAddress",
  "livingSituation",
  "economicStatus",
  "disabilityKind",
  "disabilityGrade",
  "abilityLevel",
  "tags",
  "health",
  "notes",
] as const;

export function diffElder(before: Partial<ElderRow>, after: Partial<ElderRow>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of TRACKED_FIELDS) {
    if (!(f in after)) continue;
    const a = before[f] ?? null;
    const b = after[f] ?? null;
    if (canonical(a) !== canonical(b)) {
      const key = f === "idNumberMasked" ? "idNumber" : f === "phoneMasked" ? "phone" : f;
      changes[key] = { from: a, to: b };
    }
  }
  return changes;
}

/** JSON with sorted keys: jsonb does not keep key order, so plain JSON.stringify would see false changes. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === "object" && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : val,
  );
}
