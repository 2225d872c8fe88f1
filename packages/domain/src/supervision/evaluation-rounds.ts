import { evaluationRounds, evaluations, facilities, ratingSchemes, selectRows, type Tx, users } from "@carecircle/db";
import { CreateEvaluationInput, OpenRoundInput, type Role } from "@carecircle/shared";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { permissionsOf, requireInScope, requirePermission } from "../core/permissions.ts";
import { parseInput } from "../elders/parse-input.ts";
import { schemeInScope } from "./rating-schemes.ts";

/** Roles whose accounts may score evaluations (third-party assessors). */
function scoringRoles(): string[] {
  const roles: Role[] = ["city_admin", "district_admin", "street_staff", "community_worker", "operator", "provider_admin", "worker", "assessor", "volunteer", "elder", "family"];
  return roles.filter((r) => permissionsOf(r).has("evaluation:score"));
}

/** Assessors the bureau may assign: enabled accounts that may score, in its region or above it (a city-wide agency). */
export async function listEvaluationAssessors({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.actor, "supervision:manage");
  const rows = await ctx.database.db
    .select({ id: users.id, username: users.username, displayName: users.displayName, regionCode: users.regionCode })
    .from(users)
    .where(and(inArray(users.role, scoringRoles()), eq(users.disabled, false), sql`(${users.regionCode} LIKE ${`${ctx.actor.regionCode}%`} OR ${ctx.actor.regionCode} LIKE ${users.regionCode} || '%')`))
    .orderBy(asc(users.displayName));
  return { items: rows };
}

async function checkAssessors(ctx: Ctx, tx: Tx, ids: string[]) {
  const found = await tx
    .select({ id: users.id, regionCode: users.regionCode })
    .from(users)
    .where(and(inArray(users.id, ids), inArray(users.role, scoringRoles()), eq(users.disabled, false)));
  const ok = new Set(found.filter((u) => u.regionCode.startsWith(ctx.actor.regionCode) || ctx.actor.regionCode.startsWith(u.regionCode)).map((u) => u.id));
  const bad = ids.filter((i) => !ok.has(i));
  if (bad.length) throw new ValidationError("评估员无效", [{ path: "assessorId", message: `不是本辖区可用的评估员：${bad.join("、")}` }]);
}

async function facilitiesInScope(ctx: Ctx, tx: Tx, ids: string[]) {
  const rows = await tx.select({ id: facilities.id, regionCode: facilities.regionCode, status: facilities.status }).from(facilities).where(inArray(facilities.id, ids));
  const ok = new Map(rows.filter((f) => f.regionCode.startsWith(ctx.actor.regionCode)).map((f) => [f.id, f]));
  const bad = ids.filter((i) => !ok.has(i));
  // another region's facility reads as absent: existence is not disclosed
  if (bad.length) throw new NotFoundError(`设施不存在：${bad.join("、")}`);
  const closed = [...ok.values()].filter((f) => f.status === "closed");
  if (closed.length) throw new ValidationError("已关闭的设施不能参加评定", [{ path: "facilityIds", message: `已关闭：${closed.map((f) => f.id).join("、")}` }]);
  return ok;
}

/** The bureau opens a round for a set of facilities, each assigned to an assessor. */
export async function openEvaluationRound({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePermission(ctx.actor, "supervision:manage");
  const v = parseInput(OpenRoundInput, input);
  return withTransaction(ctx, async (tx) => {
    const scheme = await schemeInScope(ctx, v.schemeId, tx);
    const found = await facilitiesInScope(ctx, tx, v.facilityIds);
    const assessorOf = (f: string) => v.assessors[f] ?? v.assessorId!;
    await checkAssessors(ctx, tx, [...new Set(v.facilityIds.map(assessorOf))]);
    const [round] = await tx
      .insert(evaluationRounds)
      .values({ regionCode: ctx.actor.regionCode, name: v.name, schemeId: scheme.id, appealDays: v.appealDays, recheck: v.recheck, openedBy: ctx.actor.id })
      .returning();
    await tx.insert(evaluations).values(v.facilityIds.map((f) => ({ roundId: round!.id, facilityId: f, regionCode: found.get(f)!.regionCode, assessorId: assessorOf(f) })));
    await recordAudit(tx, ctx, { action: "evaluation_round.open", targetType: "evaluation_round", targetId: round!.id, detail: { name: v.name, facilities: v.facilityIds.length, recheck: v.recheck } });
    return { ...round!, schemeName: scheme.name, evaluations: v.facilityIds.length };
  });
}

export async function roundInScope(ctx: Ctx, id: string, tx?: Tx) {
  if (!isUuid(id)) throw new NotFoundError("评定批次不存在");
  const [round] = await (tx ?? ctx.database.db).select().from(evaluationRounds).where(eq(evaluationRounds.id, id));
  if (!round) throw new NotFoundError("评定批次不存在");
  requireInScope(ctx.actor, round.regionCode, "评定批次");
  return round;
}

/** One more facility in an open round. */
export async function createEvaluation({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePermission(ctx.actor, "supervision:manage");
  const v = parseInput(CreateEvaluationInput, input);
  return withTransaction(ctx, async (tx) => {
    const round = await roundInScope(ctx, v.roundId, tx);
    if (round.status !== "open") throw new InvalidStateError("评定批次已结束");
    const found = await facilitiesInScope(ctx, tx, [v.facilityId]);
    await checkAssessors(ctx, tx, [v.assessorId]);
    const [dup] = await tx.select({ id: evaluations.id }).from(evaluations).where(and(eq(evaluations.roundId, round.id), eq(evaluations.facilityId, v.facilityId)));
    if (dup) throw new InvalidStateError("该设施已在本批次中");
    const [row] = await tx.insert(evaluations).values({ roundId: round.id, facilityId: v.facilityId, regionCode: found.get(v.facilityId)!.regionCode, assessorId: v.assessorId }).returning();
    await recordAudit(tx, ctx, { action: "evaluation.create", targetType: "evaluation", targetId: row!.id, regionCode: row!.regionCode });
    return { id: row!.id, roundId: round.id, facilityId: row!.facilityId, assessorId: row!.assessorId, status: row!.status };
  });
}

/** The bureau's rounds, newest first, with how far each has got. */
export async function listEvaluationRounds({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.actor, "supervision:manage");
  const rows = await ctx.database.db
    .select({ r: evaluationRounds, schemeName: ratingSchemes.name })
    .from(evaluationRounds)
    .innerJoin(ratingSchemes, eq(ratingSchemes.id, evaluationRounds.schemeId))
    .where(sql`${evaluationRounds.regionCode} LIKE ${`${ctx.actor.regionCode}%`}`)
    .orderBy(desc(evaluationRounds.createdAt), desc(evaluationRounds.id))
    .limit(500);
  const ids = rows.map((r) => r.r.id);
  const counts = ids.length
    ? await selectRows<{ round_id: string; status: string; n: string }>(
        ctx.database.db,
        sql`SELECT round_id, status, count(*) AS n FROM evaluations WHERE round_id = ANY(${sql.param(ids)}::uuid[]) GROUP BY round_id, status`,
      )
    : [];
  return {
    items: rows.map(({ r, schemeName }) => {
      const byStatus = Object.fromEntries(counts.filter((c) => c.round_id === r.id).map((c) => [c.status, Number(c.n)]));
      return { id: r.id, name: r.name, schemeId: r.schemeId, schemeName, appealDays: r.appealDays, recheck: r.recheck, status: r.status, createdAt: r.createdAt, byStatus };
    }),
  };
}
