import { shanghaiDate } from "@carecircle/shared";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { requirePermission } from "../core/permissions.ts";
import { getElderInScope } from "../elders/index.ts";
import { getRegion } from "../regions/regions.ts";
import { ageOn } from "@carecircle/shared";
import { getAssessmentInScope, loadScale, REASON_LABELS, RISK_EVENT_LABELS } from "./internal.ts";
import { renderAssessmentReport } from "./report-pdf.ts";
import type { AssessmentFacts } from "./scale-types.ts";
import { describeLevel } from "./scoring.ts";

/** The printable report of one assessment (PDF, Chinese); printing health data is audited. */
export async function assessmentReport({ ctx, id }: { ctx: Ctx; id: string }) {
  requirePermission(ctx.actor, "assessment:read");
  const row = await getAssessmentInScope(ctx, id);
  const elder = await getElderInScope(ctx, row.elderId);
  const scale = await loadScale(ctx, row.scaleCode, row.scaleVersion);
  const region = await getRegion(ctx, elder.regionCode);
  const district = await getRegion(ctx, elder.regionCode.slice(0, 6));
  const facts = row.facts as AssessmentFacts;
  const factTexts = [
    ...(facts.coma ? ["昏迷"] : []),
    ...(facts.dementia ? ["确诊痴呆"] : []),
    ...(facts.mentalDisorder ? ["其他精神和行为障碍"] : []),
    ...(facts.riskEvents?.length ? [`近30天照护风险事件：${facts.riskEvents.map((e) => RISK_EVENT_LABELS[e] ?? e).join("、")}`] : []),
  ];
  const level = (l: number | null) => (l == null ? "未完成" : (describeLevel(scale, l) ?? String(l)));
  const data = await renderAssessmentReport({
    elder: {
      name: elder.name,
      sex: elder.sex as "M" | "F",
      birthDate: elder.birthDate,
      age: ageOn(elder.birthDate, shanghaiDate()),
      idNumberMasked: elder.idNumberMasked,
      regionName: region?.name ?? elder.regionCode,
      address: elder.address,
    },
    scale: {
      code: scale.code,
      name: scale.name,
      groups: scale.groups.map((g) => ({ code: g.code, name: g.name, max: g.max })),
      items: scale.items.map((i) => ({ code: i.code, name: i.name, group: i.group, max: Math.max(...i.scores) })),
    },
    assessment: {
      id: row.id,
      reason: REASON_LABELS[row.reason] ?? row.reason,
      status: row.status === "draft" ? "草稿（未提交）" : row.status === "superseded" ? "已被更正" : "已提交",
      assessedAt: row.assessedAt,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      items: row.items as Record<string, number>,
      subtotals: (row.subtotals as Record<string, number> | null) ?? {},
      total: row.total ?? 0,
      maxTotal: scale.groups.reduce((s, g) => s + g.max, 0),
      preliminaryLevel: level(row.preliminaryLevel),
      finalLevel: level(row.finalLevel),
      reasons: ((row.reasons as { text: string }[] | null) ?? []).map((r) => r.text),
      facts: factTexts,
      assessors: row.assessors,
      informant: row.informant,
      supersedes: row.supersedesId ? { id: row.supersedesId, reason: row.correctionReason ?? "" } : null,
    },
    organisation: `${district?.name ?? ""}民政局`,
    printedAt: new Date().toISOString(),
  });
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, { action: "assessment.report", targetType: "elder", targetId: elder.id, regionCode: elder.regionCode, detail: { name: elder.name, assessmentId: id } }),
  );
  return { fileName: `能力评估报告-${elder.name}-${row.assessedAt}.pdf`, data };
}
