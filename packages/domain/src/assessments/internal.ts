import { assessments, assessmentScales, type Tx } from "@carecircle/db";
import { and, desc, eq } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { NotFoundError, ValidationError } from "../core/errors.ts";
import { inScope } from "../core/permissions.ts";
import type { ScaleDefinition } from "./scale-types.ts";
import { isUuid } from "../core/ids.ts";

export type AssessmentRow = typeof assessments.$inferSelect;

/** The scale that sets the registry's ability level (能力等级 0–4). */
export const REGISTRY_SCALE = "GB/T 42195-2022";

export const REASON_LABELS: Record<string, string> = { first: "首次评估", routine: "常规评估", immediate: "即时评估", dispute: "复评", other: "其他" };
export const RISK_EVENT_LABELS: Record<string, string> = { fall: "跌倒", choking: "噎食", selfHarm: "自杀自伤", wandering: "走失", other: "其他" };

/** The assessment, if it exists and its elder's region is in the actor's scope; otherwise 404. */
export async function getAssessmentInScope(ctx: Ctx, id: string, tx?: Tx): Promise<AssessmentRow> {
  if (!isUuid(id)) throw new NotFoundError("评估记录不存在");
  const db = tx ?? ctx.database.db;
  const query = db.select().from(assessments).where(eq(assessments.id, id));
  const [row] = tx ? await query.for("update") : await query;
  if (!row || !inScope(ctx.actor, row.regionCode)) throw new NotFoundError("评估记录不存在");
  return row;
}

/** A scale definition by code (and version; default: the latest active one). */
export async function loadScale(ctx: Ctx, code: string, version?: string, tx?: Tx): Promise<ScaleDefinition> {
  const where = version
    ? and(eq(assessmentScales.code, code), eq(assessmentScales.version, version))
    : and(eq(assessmentScales.code, code), eq(assessmentScales.active, true));
  const [row] = await (tx ?? ctx.database.db).select().from(assessmentScales).where(where).orderBy(desc(assessmentScales.createdAt)).limit(1);
  if (!row) throw new ValidationError(`未知的评估量表：${code}`, [{ path: "scale", message: `未知的评估量表：${code}` }]);
  return row.definition as ScaleDefinition;
}

/** Adds months to a YYYY-MM-DD date, clamping to the month's last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}
