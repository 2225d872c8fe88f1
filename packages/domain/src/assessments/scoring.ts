/**
 * The scoring engine: reads a ScaleDefinition, never a particular scale. Pure functions, no I/O.
 *
 *   validateScores   → problems naming the item, in Chinese (for the form and the API's 422)
 *   scoreAssessment  → subtotals, total, preliminary level from the bands, final level after the adjustments
 *   describeLevel    → the level's name
 */
import type { AdjustmentCondition, AssessmentFacts, ScaleAdjustment, ScaleDefinition, ScoreProblem, ScoreResult } from "./scale-types.ts";

/**
 * Checks submitted item scores against the scale. `items` is the raw `{ [code]: score }` from a request.
 * A score must be one of the item's allowed scores (an integer: "3" or 2.5 are refused). An absent score
 * (`undefined` or `null`, e.g. cleared on a draft) is only a problem when `complete` is set.
 * Problems come in request order for unknown codes and wrong scores, then the missing items in the scale's order.
 */
export function validateScores(def: ScaleDefinition, items: Record<string, unknown>, opts: { complete: boolean }): ScoreProblem[] {
  if (items === null || typeof items !== "object" || Array.isArray(items)) {
    return [{ path: "items", message: "评估项目应为对象：{ 项目代码: 得分 }" }];
  }
  const problems: ScoreProblem[] = [];
  const byCode = new Map(def.items.map((i) => [i.code, i]));
  for (const [code, value] of Object.entries(items)) {
    const item = byCode.get(code);
    if (!item) {
      problems.push({ path: `items.${code}`, message: `未知的评估项目：${code}` });
    } else if (value !== undefined && value !== null && !(typeof value === "number" && Number.isInteger(value) && item.scores.includes(value))) {
      problems.push({ path: `items.${code}`, message: `${item.name}的得分应为 ${item.scores.join("、")} 之一` });
    }
  }
  if (opts.complete) {
    for (const item of def.items) {
      const value = Object.hasOwn(items, item.code) ? items[item.code] : undefined;
      if (value === undefined || value === null) {
        problems.push({ path: `items.${item.code}`, message: `缺少评估项目：${item.name}（${item.code}）` });
      }
    }
  }
  return problems;
}

/**
 * Scores a complete, validated assessment on a computed scale (throws on a recorded scale or a missing item:
 * both are programming errors, since validateScores runs first).
 *
 * Adjustments, all decided from `facts`:
 *  - setLevel: every one that applies sets the level; the least able (highest) wins. It never makes the level
 *    more able than the preliminary one.
 *  - lowerBy: those that apply lower the preliminary level by their steps — added up when
 *    settings.adjustmentsCumulative, otherwise only the largest single step.
 *  - the final level is the least able of the two results, and never beyond settings.worstLevel.
 * So the final level always lies in [preliminaryLevel, worstLevel].
 */
export function scoreAssessment(def: ScaleDefinition, items: Record<string, number>, facts: AssessmentFacts): ScoreResult {
  if (def.kind !== "computed") throw new Error(`${def.name}的等级按评估机构的结论录入，平台不计算`);
  const subtotals: Record<string, number> = Object.fromEntries(def.groups.map((g) => [g.code, 0]));
  let total = 0;
  for (const item of def.items) {
    const score = Object.hasOwn(items, item.code) ? items[item.code] : undefined;
    if (score === undefined) throw new Error(`缺少评估项目：${item.name}（${item.code}）`);
    subtotals[item.group] = (subtotals[item.group] ?? 0) + score;
    total += score;
  }
  const band = def.bands.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new Error(`${def.name}：总分 ${total} 不在任何等级区间内`);
  const { finalLevel, reasons } = applyAdjustments(def, band.level, facts);
  return { subtotals, total, preliminaryLevel: band.level, finalLevel, reasons };
}

/** The name of a level: the band's on a computed scale, the recorded level's on a recorded one. */
export function describeLevel(def: ScaleDefinition, level: number): string | undefined {
  return def.bands.find((b) => b.level === level)?.name ?? def.recordedLevels?.find((l) => l.level === level)?.name;
}

/** Whether a condition holds. Care-risk events are counted as recorded: two falls are two events. */
export function conditionHolds(when: AdjustmentCondition, facts: AssessmentFacts): boolean {
  switch (when.fact) {
    case "coma":
      return facts.coma === true;
    case "dementia":
      return facts.dementia === true;
    case "mentalDisorder":
      return facts.mentalDisorder === true;
    case "riskEvents":
      return (facts.riskEvents?.length ?? 0) >= when.atLeast;
  }
}

type SetLevel = Extract<ScaleAdjustment, { kind: "setLevel" }>;
type LowerBy = Extract<ScaleAdjustment, { kind: "lowerBy" }>;

function applyAdjustments(def: ScaleDefinition, preliminary: number, facts: AssessmentFacts): Pick<ScoreResult, "finalLevel" | "reasons"> {
  const { worstLevel, adjustmentsCumulative } = def.settings;
  const name = (level: number) => describeLevel(def, level) ?? `${level}级`;
  const applied = def.adjustments.filter((a) => conditionHolds(a.when, facts));
  const sets = applied.filter((a): a is SetLevel => a.kind === "setLevel");
  const lowers = applied.filter((a): a is LowerBy => a.kind === "lowerBy" && a.steps > 0);
  const reasons: ScoreResult["reasons"] = [];

  let afterSet = preliminary;
  for (const a of sets) {
    afterSet = Math.max(afterSet, Math.min(a.level, worstLevel));
    const kept = a.level < preliminary ? `（初评等级已为${name(preliminary)}，维持不变）` : "";
    reasons.push({ code: a.code, text: `${a.name}：直接评定为${name(a.level)}${kept}` });
  }

  const stepList = lowers.map((a) => a.steps);
  const steps = lowers.length === 0 ? 0 : adjustmentsCumulative ? stepList.reduce((s, n) => s + n, 0) : Math.max(...stepList);
  const lowered = Math.min(worstLevel, preliminary + steps);
  const finalLevel = Math.min(worstLevel, Math.max(afterSet, lowered));

  if (lowers.length > 0 && sets.length > 0 && afterSet >= lowered) {
    const names = lowers.map((a) => a.name).join("、");
    reasons.push({ code: "superseded", text: `${names}：已直接评定为${name(finalLevel)}，不再另行降级` });
  } else if (lowers.length > 0) {
    for (const a of lowers) reasons.push({ code: a.code, text: `${a.name}：降低${levelsText(a.steps)}` });
    if (!adjustmentsCumulative && lowers.length > 1) {
      reasons.push({ code: "nonCumulative", text: `按规则设置，多项降级条件不叠加，只降低${levelsText(steps)}` });
    }
    if (preliminary + steps > worstLevel) {
      const text = preliminary >= worstLevel
        ? `初评等级已是${name(worstLevel)}，不再降低`
        : `最多降至${name(worstLevel)}`;
      reasons.push({ code: "floor", text });
    }
  }
  return { finalLevel, reasons };
}

const NUMERALS = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九"];
function levelsText(steps: number): string {
  return `${NUMERALS[steps] ?? steps}级`;
}
