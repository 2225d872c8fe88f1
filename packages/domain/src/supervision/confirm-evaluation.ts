import { evaluationRounds, evaluations, facilities, type Tx } from "@carecircle/db";
import { ConfirmEvaluationInput, scoreEvaluation, shanghaiDate } from "@carecircle/shared";
import { and, eq, ne } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ForbiddenError, InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { parseInput } from "../elders/parse-input.ts";
import { ruleFor } from "../regions/rules.ts";
import { evaluationView, type LoadedEvaluation, loadEvaluation } from "./evaluation-access.ts";
import { resultErrors } from "./evaluations.ts";
import { openRectification } from "./inspections.ts";

export const UNQUALIFIED_RECTIFICATION = "星级评定不合格，限期整改";
export const RECHECK_SUSPENSION = "星级复评仍不合格，暂停提供政府购买服务";
export const RECHECK_RESUMED = "星级复评合格，恢复服务";
/** The budget line a star reward is booked to (the operating reward of starred facilities, 星级运营奖补). */
export const STAR_REWARD_BUDGET_LINE = "facility_star_reward";

const REWARD_RULE = { 1: "ratings.rewardFenStar1", 2: "ratings.rewardFenStar2", 3: "ratings.rewardFenStar3", 4: "ratings.rewardFenStar4", 5: "ratings.rewardFenStar5" } as const;

async function starReward(ctx: Ctx, tx: Tx, regionCode: string, stars: number) {
  if (stars < 1 || stars > 5) return null;
  const amountFen = await ruleFor(ctx, regionCode, REWARD_RULE[stars as 1 | 2 | 3 | 4 | 5], tx);
  return amountFen > 0 ? { amountFen, period: "year", year: Number(shanghaiDate().slice(0, 4)), budgetLine: STAR_REWARD_BUDGET_LINE } : null;
}

/**
 * The bureau answers an appeal and/or confirms a handed-in result, possibly re-scoring it. In the same transaction the
 * result takes effect: the facility's stars; the operating reward of its band; for an unqualified result a major
 * rectification task under 13710; for an unqualified re-check, suspension from serving.
 */
export async function confirmEvaluation({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  const v = parseInput(ConfirmEvaluationInput, input);
  return withTransaction(ctx, async (tx) => {
    const l: LoadedEvaluation = await loadEvaluation(ctx, id, tx, true);
    if (!l.roles.has("bureau")) throw l.roles.size ? new ForbiddenError("只有民政部门可以确认评定结果") : new NotFoundError("评定记录不存在");
    if (l.e.status === "assigned") throw new InvalidStateError("评估员尚未提交评分");
    if (l.e.status === "confirmed") throw new InvalidStateError("评定结果已确认");
    if (l.e.status === "appealed" && !v.answer) throw new ValidationError("请答复设施的申诉", [{ path: "answer", message: "设施已申诉，确认前须答复" }]);
    let { scoreCenti, stars, unqualified, result } = l.e;
    let scores = l.e.scores as Record<string, number>;
    if (v.scores) {
      const r = scoreEvaluation(l.scheme, v.scores);
      const errors = resultErrors(l.scheme, r);
      if (errors.length) throw new ValidationError("复核评分不完整或超出范围", errors);
      // the assessor's own figures stay on record beside the bureau's correction
      result = { score: r.score, stars: r.stars, unqualified: r.unqualified, sections: r.sections, rescored: { byId: ctx.actor.id, assessorScores: scores, assessorScore: l.e.scoreCenti! / 100, assessorStars: l.e.stars } };
      ({ stars, unqualified } = r);
      scoreCenti = Math.round(r.score * 100);
      scores = v.scores;
    }
    const reward = await starReward(ctx, tx, l.facility.regionCode, stars ?? 0);
    const now = new Date();
    const [row] = await tx
      .update(evaluations)
      .set({ status: "confirmed", scores, scoreCenti, stars, unqualified, result: { ...(result as object), reward }, appealAnswer: v.answer ?? l.e.appealAnswer, confirmedAt: now, confirmedBy: ctx.actor.id })
      .where(eq(evaluations.id, l.e.id))
      .returning();
    const suspend = l.round.recheck && unqualified === true && l.facility.status === "operating";
    // a later re-check passed lifts a suspension this capability imposed (never one the bureau decided for another reason)
    const resume = l.round.recheck && unqualified === false && l.facility.status === "suspended" && l.facility.statusReason === RECHECK_SUSPENSION;
    const statusChange = suspend ? { status: "suspended", statusReason: RECHECK_SUSPENSION, statusAt: now } : resume ? { status: "operating", statusReason: RECHECK_RESUMED, statusAt: now } : {};
    await tx
      .update(facilities)
      .set({ stars, unqualified: unqualified ?? false, ratedAt: now, ...statusChange })
      .where(eq(facilities.id, l.facility.id));
    let rectificationId: string | null = null;
    if (unqualified) {
      const foundOn = shanghaiDate(now);
      // the region's 13710 rule, as for an inspection's finding
      const t = await openRectification(ctx, tx, { regionCode: l.facility.regionCode, evaluationId: l.e.id, facilityId: l.facility.id, providerId: l.facility.operatorProviderId, description: UNQUALIFIED_RECTIFICATION, severity: "major", foundOn });
      rectificationId = t.id;
    }
    const [open] = await tx.select({ id: evaluations.id }).from(evaluations).where(and(eq(evaluations.roundId, l.round.id), ne(evaluations.status, "confirmed"))).limit(1);
    if (!open) await tx.update(evaluationRounds).set({ status: "closed" }).where(eq(evaluationRounds.id, l.round.id));
    await recordAudit(tx, ctx, {
      action: "evaluation.confirm",
      targetType: "evaluation",
      targetId: l.e.id,
      regionCode: l.e.regionCode,
      detail: { facilityId: l.facility.id, score: scoreCenti! / 100, stars, unqualified, rescored: Boolean(v.scores), answered: Boolean(v.answer), rewardFen: reward?.amountFen ?? 0, rectificationId },
    });
    if (suspend || resume) {
      await recordAudit(tx, ctx, { action: suspend ? "facility.suspend" : "facility.resume", targetType: "facility", targetId: l.facility.id, regionCode: l.facility.regionCode, detail: { reason: suspend ? RECHECK_SUSPENSION : RECHECK_RESUMED, evaluationId: l.e.id } });
    }
    return { ...evaluationView({ ...l, e: row! }), rectificationId, facilityStatus: suspend ? "suspended" : resume ? "operating" : l.facility.status };
  });
}
