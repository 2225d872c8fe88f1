import { subsidyRules } from "@carecircle/db";
import { CreateSubsidyRuleInput } from "@carecircle/shared";
import { and, desc, eq, max } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { inScope, requirePermission } from "../core/permissions.ts";
import { parseInput } from "../elders/parse-input.ts";
import { getRegion } from "../regions/regions.ts";
import { isUuid } from "../core/ids.ts";

export type SubsidyRuleRow = typeof subsidyRules.$inferSelect;

export function toRuleView(r: SubsidyRuleRow) {
  return {
    id: r.id,
    regionCode: r.regionCode,
    code: r.code,
    version: r.version,
    name: r.name,
    description: r.description,
    conditions: r.conditions,
    benefit: r.benefit,
    frequency: r.frequency,
    budgetLine: r.budgetLine,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    status: r.status,
    activatedAt: r.activatedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function getRuleInScope(ctx: Ctx, id: string) {
  if (!isUuid(id)) throw new NotFoundError("补贴规则不存在");
  const [row] = await ctx.database.db.select().from(subsidyRules).where(eq(subsidyRules.id, id));
  // rules of a parent region (the city's) apply here too and are visible; other regions' are not
  if (!row || !(inScope(ctx.actor, row.regionCode) || ctx.actor.regionCode.startsWith(row.regionCode))) throw new NotFoundError("补贴规则不存在");
  return row;
}

/** Rules that apply in the actor's region: its own subtree's and those of the regions above it. */
export async function listSubsidyRules({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.actor, "subsidy:read");
  const rows = await ctx.database.db.select().from(subsidyRules).orderBy(subsidyRules.code, desc(subsidyRules.version));
  return { items: rows.filter((r) => inScope(ctx.actor, r.regionCode) || ctx.actor.regionCode.startsWith(r.regionCode)).map(toRuleView) };
}

/** A new rule, or the next version of an existing code, as a draft: it does nothing until activated. */
export async function createSubsidyRule({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePermission(ctx.actor, "subsidy:manage");
  const r = parseInput(CreateSubsidyRuleInput, input);
  if (!inScope(ctx.actor, r.regionCode) || !(await getRegion(ctx, r.regionCode))) {
    throw new ValidationError("区划不存在或不在您的管辖范围内", [{ path: "regionCode", message: "区划不存在或不在您的管辖范围内" }]);
  }
  const c = r.conditions;
  if (c.minAge !== undefined && c.maxAge !== undefined && c.minAge > c.maxAge) {
    throw new ValidationError("最低年龄不能大于最高年龄", [{ path: "conditions.minAge", message: "最低年龄不能大于最高年龄" }]);
  }
  const row = await withTransaction(ctx, async (tx) => {
    const [last] = await tx.select({ v: max(subsidyRules.version), region: max(subsidyRules.regionCode) }).from(subsidyRules).where(eq(subsidyRules.code, r.code));
    if (last?.v != null && last.region !== r.regionCode) {
      throw new ValidationError("同一规则代码的新版本须属于同一区划", [{ path: "code", message: "该规则代码已用于其他区划" }]);
    }
    const [created] = await tx
      .insert(subsidyRules)
      .values({ ...r, description: r.description ?? null, version: (last?.v ?? 0) + 1, status: "draft", createdBy: ctx.actor.id })
      .returning();
    await recordAudit(tx, ctx, { action: "subsidy.rule_create", targetType: "subsidy_rule", targetId: created!.id, regionCode: r.regionCode, detail: { code: r.code, version: created!.version, name: r.name } });
    return created!;
  });
  return toRuleView(row);
}

/** Puts a draft in force; the previous active version of the same code ends the day before this one starts. */
export async function activateSubsidyRule({ ctx, id }: { ctx: Ctx; id: string }) {
  requirePermission(ctx.actor, "subsidy:manage");
  const rule = await getRuleInScope(ctx, id);
  if (!inScope(ctx.actor, rule.regionCode)) throw new NotFoundError("补贴规则不存在");
  const row = await withTransaction(ctx, async (tx) => {
    const [fresh] = await tx.select().from(subsidyRules).where(eq(subsidyRules.id, id)).for("update");
    if (fresh!.status !== "draft") throw new InvalidStateError("只有草稿状态的规则可以启用");
    const [current] = await tx.select().from(subsidyRules).where(and(eq(subsidyRules.code, fresh!.code), eq(subsidyRules.status, "active")));
    if (current && current.effectiveFrom >= fresh!.effectiveFrom) {
      throw new InvalidStateError(`新版本的生效日期须晚于现行版本（${current.effectiveFrom}）`);
    }
    const dayBefore = new Date(Date.parse(`${fresh!.effectiveFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    // the old version stays on record, in force until the day before; results made under it keep its id
    if (current) await tx.update(subsidyRules).set({ status: "retired", effectiveTo: dayBefore }).where(eq(subsidyRules.id, current.id));
    const [done] = await tx.update(subsidyRules).set({ status: "active", activatedBy: ctx.actor.id, activatedAt: new Date() }).where(eq(subsidyRules.id, id)).returning();
    await recordAudit(tx, ctx, { action: "subsidy.rule_activate", targetType: "subsidy_rule", targetId: id, regionCode: fresh!.regionCode, detail: { code: fresh!.code, version: fresh!.version, effectiveFrom: fresh!.effectiveFrom } });
    return done!;
  });
  return toRuleView(row);
}
