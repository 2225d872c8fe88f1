import { evaluationRounds, evaluations, facilities, ratingSchemes, type Tx } from "@carecircle/db";
import type { RatingScheme } from "@carecircle/shared";
import { eq } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { NotFoundError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { inScope } from "../core/permissions.ts";

type EvaluationRow = typeof evaluations.$inferSelect;
type RoundRow = typeof evaluationRounds.$inferSelect;
type FacilityRow = typeof facilities.$inferSelect;

/** How the actor stands to an evaluation: the bureau of its region, its assessor, the facility's operator, a reader. */
export type EvaluationRole = "bureau" | "assessor" | "facility" | "reader";

export interface LoadedEvaluation {
  e: EvaluationRow;
  round: RoundRow;
  facility: FacilityRow;
  scheme: RatingScheme;
  schemeName: string;
  roles: Set<EvaluationRole>;
}

/**
 * An evaluation the actor may see, with its round, facility and scheme — or "not found" (another region's, another
 * assessor's, a facility's own before its result is handed in). `lock` takes the row for update inside a write.
 */
export async function loadEvaluation(ctx: Ctx, id: string, tx?: Tx, lock = false): Promise<LoadedEvaluation> {
  if (!isUuid(id)) throw new NotFoundError("评定记录不存在");
  const db = tx ?? ctx.database.db;
  const q = db.select().from(evaluations).where(eq(evaluations.id, id));
  const [e] = lock ? await q.for("update") : await q;
  if (!e) throw new NotFoundError("评定记录不存在");
  const [joined] = await db
    .select({ round: evaluationRounds, facility: facilities, scheme: ratingSchemes.scheme, schemeName: ratingSchemes.name })
    .from(evaluationRounds)
    .innerJoin(ratingSchemes, eq(ratingSchemes.id, evaluationRounds.schemeId))
    .innerJoin(facilities, eq(facilities.id, e.facilityId))
    .where(eq(evaluationRounds.id, e.roundId));
  const { round, facility, scheme, schemeName } = joined!;
  const a = ctx.actor;
  const roles = new Set<EvaluationRole>();
  if (a.permissions.has("supervision:manage") && inScope(a, e.regionCode)) roles.add("bureau");
  if (a.permissions.has("evaluation:score") && a.id && e.assessorId === a.id) roles.add("assessor");
  if (a.providerId && facility.operatorProviderId === a.providerId && e.status !== "assigned") roles.add("facility");
  if (a.permissions.has("facility:read") && inScope(a, e.regionCode) && e.status === "confirmed") roles.add("reader");
  if (roles.size === 0) throw new NotFoundError("评定记录不存在");
  return { e, round, facility, scheme: scheme as RatingScheme, schemeName, roles };
}

/** The last instant the facility may appeal: `appealDays` after the result was handed in. */
export function appealDeadline(e: EvaluationRow, round: RoundRow): Date | null {
  return e.submittedAt ? new Date(e.submittedAt.getTime() + round.appealDays * 86_400_000) : null;
}

export function evaluationView(l: Omit<LoadedEvaluation, "scheme"> & { scheme?: RatingScheme }, withPhotos = true) {
  const { e, round, facility } = l;
  const photos = e.photos as { id: string; itemKey: string; photo: string; addedAt: string }[];
  return {
    id: e.id,
    roundId: e.roundId,
    roundName: round.name,
    recheck: round.recheck,
    appealDays: round.appealDays,
    facilityId: e.facilityId,
    facilityName: facility.name,
    facilityTier: facility.tier,
    facilityAddress: facility.address,
    regionCode: e.regionCode,
    assessorId: e.assessorId,
    status: e.status,
    scores: e.scores as Record<string, number>,
    remarks: e.remarks as Record<string, string>,
    photos: withPhotos ? photos : photos.map(({ photo: _p, ...rest }) => rest),
    score: e.scoreCenti === null ? null : e.scoreCenti / 100,
    scoreCenti: e.scoreCenti,
    stars: e.stars,
    unqualified: e.unqualified,
    result: e.result,
    submittedAt: e.submittedAt,
    appealDeadline: appealDeadline(e, round),
    appealReason: e.appealReason,
    appealedAt: e.appealedAt,
    appealAnswer: e.appealAnswer,
    confirmedAt: e.confirmedAt,
    ...(l.scheme ? { schemeName: l.schemeName, scheme: l.scheme } : {}),
    ...("roles" in l && l.roles ? { myRoles: [...l.roles] } : {}),
  };
}
