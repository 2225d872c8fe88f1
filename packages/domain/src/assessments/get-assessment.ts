import { assessments } from "@carecircle/db";
import { desc, eq } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { requirePermission } from "../core/permissions.ts";
import { getElderInScope } from "../elders/index.ts";
import { getAssessmentInScope, loadScale } from "./internal.ts";
import { toAssessmentView } from "./view.ts";

export async function getAssessment({ ctx, id }: { ctx: Ctx; id: string }) {
  requirePermission(ctx.actor, "assessment:read");
  const row = await getAssessmentInScope(ctx, id);
  return toAssessmentView(row, await loadScale(ctx, row.scaleCode, row.scaleVersion).catch(() => null));
}

/** An elder's assessments, newest first. */
export async function listElderAssessments({ ctx, elderId }: { ctx: Ctx; elderId: string }) {
  requirePermission(ctx.actor, "assessment:read");
  await getElderInScope(ctx, elderId);
  const rows = await ctx.database.db.select().from(assessments).where(eq(assessments.elderId, elderId)).orderBy(desc(assessments.assessedAt), desc(assessments.createdAt));
  const scales = new Map<string, Awaited<ReturnType<typeof loadScale>> | null>();
  const items = [];
  for (const r of rows) {
    const key = `${r.scaleCode}@${r.scaleVersion}`;
    if (!scales.has(key)) scales.set(key, await loadScale(ctx, r.scaleCode, r.scaleVersion).catch(() => null));
    items.push(toAssessmentView(r, scales.get(key) ?? null));
  }
  return { items };
}
