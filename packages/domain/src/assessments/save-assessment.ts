import { assessments, type Tx } from "@carecircle/db";
import { CreateAssessmentInput, UpdateAssessmentInput, shanghaiDate } from "@carecircle/shared";
import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { InvalidStateError, ValidationError } from "../core/errors.ts";
import { requirePermission } from "../core/permissions.ts";
import { getElderInScope, recordAbilityLevel } from "../elders/index.ts";
import { parseInput } from "../elders/parse-input.ts";
import { ruleFor } from "../regions/rules.ts";
import { type AssessmentDraft, evaluateDraft } from "./evaluate.ts";
import { getAssessment } from "./get-assessment.ts";
import { addMonths, type AssessmentRow, getAssessmentInScope, loadScale, REGISTRY_SCALE } from "./internal.ts";
import type { AssessmentFacts, ScaleDefinition } from "./scale-types.ts";

function checkDate(assessedAt: string) {
  if (assessedAt > shanghaiDate()) throw new ValidationError("评估日期不能晚于今天", [{ path: "assessedAt", message: "评估日期不能晚于今天" }]);
}

/** Starts an assessment (a draft), or with `submit: true` records a finished one; `supersedes` makes it a correction. */
export async function createAssessment({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePermission(ctx.actor, "assessment:write");
  const a = parseInput(CreateAssessmentInput, input);
  if ((a.supersedes == null) !== (a.correctionReason == null)) {
    throw new ValidationError("更正评估须同时填写被更正的评估和更正原因", [{ path: a.supersedes ? "correctionReason" : "supersedes", message: "更正评估须同时填写被更正的评估和更正原因" }]);
  }
  const assessedAt = a.assessedAt ?? shanghaiDate();
  checkDate(assessedAt);
  const scale = await loadScale(ctx, a.scale, a.scaleVersion);
  const draft: AssessmentDraft = { items: a.items, facts: a.adjustments as AssessmentFacts, assessors: a.assessors, informant: a.informant ?? null, recordedLevel: a.recordedLevel ?? null };
  const result = evaluateDraft(scale, draft, a.submit);
  const id = await withTransaction(ctx, async (tx) => {
    const elder = await getElderInScope(ctx, a.elderId, tx);
    if (elder.status !== "active") throw new InvalidStateError("该老人档案已标记为去世或迁出，不能评估");
    let superseded: AssessmentRow | undefined;
    if (a.supersedes) {
      superseded = await getAssessmentInScope(ctx, a.supersedes, tx);
      if (superseded.elderId !== a.elderId || superseded.scaleCode !== scale.code) {
        throw new ValidationError("被更正的评估须是同一老人、同一量表的评估", [{ path: "supersedes", message: "被更正的评估须是同一老人、同一量表的评估" }]);
      }
      if (superseded.status !== "submitted") throw new InvalidStateError("只能更正已提交且尚未被更正的评估");
      if (!a.submit) throw new ValidationError("更正评估须直接提交", [{ path: "submit", message: "更正评估须直接提交" }]);
    }
    const [row] = await tx
      .insert(assessments)
      .values({
        elderId: a.elderId,
        regionCode: elder.regionCode,
        scaleCode: scale.code,
        scaleVersion: scale.version,
        reason: a.reason,
        reasonNote: a.reasonNote ?? null,
        status: a.submit ? "submitted" : "draft",
        items: a.items,
        facts: a.adjustments,
        assessors: a.assessors,
        informant: a.informant ?? null,
        assessedAt,
        ...result,
        supersedesId: a.supersedes ?? null,
        correctionReason: a.correctionReason ?? null,
        createdBy: ctx.actor.id,
        submittedBy: a.submit ? ctx.actor.id : null,
        submittedAt: a.submit ? new Date() : null,
      })
      .returning();
    if (a.submit) await afterSubmit(ctx, tx, row!, scale, superseded);
    await recordAudit(tx, ctx, {
      action: a.submit ? (superseded ? "assessment.correct" : "assessment.submit") : "assessment.create",
      targetType: "elder",
      targetId: a.elderId,
      regionCode: elder.regionCode,
      detail: { name: elder.name, assessmentId: row!.id, scale: scale.code, reason: a.reason, finalLevel: row!.finalLevel, ...(superseded ? { supersedes: superseded.id, correctionReason: a.correctionReason } : {}) },
    });
    return row!.id;
  });
  return getAssessment({ ctx, id });
}

/** Edits a draft; `submit: true` submits it. A submitted assessment is immutable (409): correct it with a new one. */
export async function updateAssessment({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  requirePermission(ctx.actor, "assessment:write");
  const patch = parseInput(UpdateAssessmentInput, input);
  if (patch.assessedAt) checkDate(patch.assessedAt);
  await withTransaction(ctx, async (tx) => {
    const row = await getAssessmentInScope(ctx, id, tx);
    if (row.status !== "draft") throw new InvalidStateError("已提交的评估不能修改；如需更正，请新建一份更正评估");
    if (patch.version !== undefined && patch.version !== row.version) throw new InvalidStateError("该评估已被他人修改，请刷新后重试");
    const scale = await loadScale(ctx, row.scaleCode, row.scaleVersion, tx);
    const items = patch.items ? { ...(row.items as Record<string, unknown>), ...patch.items } : (row.items as Record<string, unknown>);
    const draft: AssessmentDraft = {
      items,
      facts: (patch.adjustments ?? row.facts) as AssessmentFacts,
      assessors: patch.assessors ?? row.assessors,
      informant: patch.informant !== undefined ? patch.informant : row.informant,
      recordedLevel: patch.recordedLevel !== undefined ? patch.recordedLevel : row.finalLevel,
    };
    const submit = patch.submit === true;
    const result = evaluateDraft(scale, draft, submit);
    const [updated] = await tx
      .update(assessments)
      .set({
        reason: patch.reason ?? row.reason,
        reasonNote: patch.reasonNote !== undefined ? patch.reasonNote : row.reasonNote,
        items,
        facts: draft.facts,
        assessors: draft.assessors,
        informant: draft.informant,
        assessedAt: patch.assessedAt ?? row.assessedAt,
        ...result,
        status: submit ? "submitted" : "draft",
        submittedBy: submit ? ctx.actor.id : null,
        submittedAt: submit ? new Date() : null,
        version: sql`${assessments.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(assessments.id, id))
      .returning();
    if (submit) await afterSubmit(ctx, tx, updated!, scale, undefined);
    await recordAudit(tx, ctx, {
      action: submit ? "assessment.submit" : "assessment.update",
      targetType: "elder",
      targetId: row.elderId,
      regionCode: row.regionCode,
      detail: { assessmentId: id, scale: scale.code, finalLevel: updated!.finalLevel, items: Object.keys(patch.items ?? {}) },
    });
  });
  return getAssessment({ ctx, id });
}

/** A submitted GB/T 42195 assessment becomes the registry's ability level; a correction retires what it corrects. */
async function afterSubmit(ctx: Ctx, tx: Tx, row: AssessmentRow, scale: ScaleDefinition, superseded: AssessmentRow | undefined) {
  if (superseded) {
    await tx.update(assessments).set({ status: "superseded", supersededById: row.id, updatedAt: new Date() }).where(eq(assessments.id, superseded.id));
  }
  if (scale.code === REGISTRY_SCALE && row.finalLevel != null) {
    const months = await ruleFor(ctx, row.regionCode, "assessments.reassessMonths", tx);
    await recordAbilityLevel(tx, row.elderId, { level: row.finalLevel, assessedAt: row.assessedAt, assessmentId: row.id, dueAt: addMonths(row.assessedAt, months) });
  }
}
