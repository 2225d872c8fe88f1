import { elders, entitlements, regions, selectRows, subsidyFlags, subsidyRules } from "@carecircle/db";
import { Month } from "@carecircle/shared";
import { and, asc, eq, isNull, like, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { requirePermission } from "../core/permissions.ts";
import { parseInput } from "../elders/parse-input.ts";
import { getSubsidyRun } from "./run-month.ts";

/**
 * The bank's list of cash allowances of a run, as .xlsx: one row per entitlement in the actor's region. Full ID
 * numbers (the bank pays by them) only for users who may see them; every download is audited.
 */
export async function disbursementList({ ctx, runId }: { ctx: Ctx; runId: string }) {
  requirePermission(ctx.actor, "subsidy:read");
  const run = await getSubsidyRun({ ctx, id: runId });
  const full = ctx.actor.permissions.has("elder:reveal");
  const rows = await ctx.database.db
    .select({ e: entitlements, name: elders.name, enc: elders.idNumberEnc, masked: elders.idNumberMasked, regionName: regions.name, ruleName: subsidyRules.name })
    .from(entitlements)
    .innerJoin(elders, eq(elders.id, entitlements.elderId))
    .leftJoin(regions, eq(regions.code, entitlements.regionCode))
    .innerJoin(subsidyRules, eq(subsidyRules.id, entitlements.ruleId))
    .where(and(eq(entitlements.runId, runId), eq(entitlements.kind, "cash"), like(entitlements.regionCode, `${ctx.actor.regionCode}%`)))
    .orderBy(asc(entitlements.regionCode), asc(elders.namePinyin));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${run.month} 现金补贴发放`);
  ws.columns = [
    { header: "序号", key: "n", width: 7 },
    { header: "姓名", key: "name", width: 10 },
    { header: "身份证号", key: "id", width: 22, style: { numFmt: "@" } },
    { header: "所属社区", key: "region", width: 26 },
    { header: "补贴项目", key: "rule", width: 22 },
    { header: "预算科目", key: "budget", width: 18 },
    { header: "所属期", key: "period", width: 10 },
    { header: "金额（元）", key: "yuan", width: 12, style: { numFmt: "0.00" } },
    { header: "补发", key: "backpay", width: 6 },
  ];
  ws.getRow(1).font = { bold: true };
  let totalFen = 0;
  rows.forEach((r, i) => {
    totalFen += r.e.amountFen;
    ws.addRow({ n: i + 1, name: r.name, id: full ? ctx.secrets.decrypt(r.enc) : r.masked, region: r.regionName ?? r.e.regionCode, rule: r.ruleName, budget: r.e.budgetLine, period: r.e.periodKey, yuan: r.e.amountFen / 100, backpay: r.e.backpay ? "是" : "" });
  });
  ws.addRow({ name: "合计", yuan: totalFen / 100, n: rows.length }).font = { bold: true };
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, { action: "subsidy.disbursement_export", targetType: "subsidy_run", targetId: runId, detail: { month: run.month, rows: rows.length, totalFen, full } }),
  );
  return { fileName: `现金补贴发放名单-${run.month}${full ? "" : "-脱敏"}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}

export const TotalsQuery = z
  .object({ from: Month, to: Month, groupBy: z.enum(["rule", "region", "month"]).default("rule") })
  .strict();

/** Totals for the bureau by rule, by street or by month, over the actor's region. */
export async function subsidyTotals({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePermission(ctx.actor, "subsidy:read");
  const q = parseInput(TotalsQuery, input);
  const key = q.groupBy === "rule" ? sql`en.rule_code` : q.groupBy === "region" ? sql`substr(en.region_code, 1, 9)` : sql`en.month`;
  const rows = await selectRows<{ key: string; kind: string; n: string; fen: string; minutes: string }>(
    ctx.database.db,
    sql`SELECT ${key} AS key, en.kind, count(*) AS n, COALESCE(sum(en.amount_fen), 0) AS fen, COALESCE(sum(en.minutes), 0) AS minutes
        FROM entitlements en WHERE en.region_code LIKE ${`${ctx.actor.regionCode}%`} AND en.month >= ${q.from} AND en.month <= ${q.to}
        GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return { groupBy: q.groupBy, items: rows.map((r) => ({ key: r.key, kind: r.kind, entitlements: Number(r.n), amountFen: Number(r.fen), minutes: Number(r.minutes) })) };
}

/** Open suspicious cases in the actor's region. */
export async function listSubsidyFlags({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.actor, "subsidy:read");
  const rows = await ctx.database.db
    .select({ f: subsidyFlags, name: elders.name })
    .from(subsidyFlags)
    .innerJoin(elders, eq(elders.id, subsidyFlags.elderId))
    .where(and(like(subsidyFlags.regionCode, `${ctx.actor.regionCode}%`), isNull(subsidyFlags.resolvedAt)))
    .orderBy(asc(subsidyFlags.month));
  return { items: rows.map(({ f, name }) => ({ id: f.id, elderId: f.elderId, name, regionCode: f.regionCode, kind: f.kind, month: f.month, detail: f.detail, createdAt: f.createdAt.toISOString() })) };
}

