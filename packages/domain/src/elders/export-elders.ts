import { elders } from "@carecircle/db";
import { ElderListQuery } from "@carecircle/shared";
import { and, asc, gt, or, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { requirePermission } from "../core/permissions.ts";
import { regionNames } from "../regions/regions.ts";
import { COLUMNS, LABELS, exportRow } from "./columns.ts";
import { type ElderRow } from "./internal.ts";
import { elderFilter } from "./list-elders.ts";
import { parseInput } from "./parse-input.ts";
import { ageOn, shanghaiDate } from "@carecircle/shared";

const EXPORT_PAGE = 2000;
const EXTRA = [
  { header: "性别", width: 6 },
  { header: "出生日期", width: 12 },
  { header: "年龄", width: 6 },
  { header: "社区名称", width: 24 },
  { header: "档案状态", width: 8 },
];

/**
 * The filtered list as .xlsx, in the import template's columns (an export re-imports), masked unless
 * `full` is asked for and the actor may reveal; a full export decrypts every row and is audited with its count.
 */
export async function exportElders({ ctx, input }: { ctx: Ctx; input: Record<string, unknown> }) {
  requirePermission(ctx.actor, "elder:export");
  const { full: fullParam, ...rest } = input;
  const full = fullParam === "true" || fullParam === true;
  if (full) requirePermission(ctx.actor, "elder:reveal");
  const query = parseInput(ElderListQuery, { ...rest, limit: 500 });
  const where = elderFilter(ctx, query);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("老人档案");
  ws.columns = [...COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })), ...EXTRA.map((e) => ({ header: e.header, key: e.header, width: e.width }))];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  const today = shanghaiDate();
  let count = 0;
  let after: ElderRow | undefined;
  for (;;) {
    const page = await ctx.database.db
      .select()
      .from(elders)
      .where(and(...where, after ? or(gt(elders.namePinyin, after.namePinyin), and(eq(elders.namePinyin, after.namePinyin), gt(elders.id, after.id))) : undefined))
      .orderBy(asc(elders.namePinyin), asc(elders.id))
      .limit(EXPORT_PAGE);
    const names = await regionNames(ctx, page.map((r) => r.regionCode));
    for (const row of page) {
      const values = exportRow(row, full ? { idNumber: ctx.secrets.decrypt(row.idNumberEnc), phone: ctx.secrets.decrypt(row.phoneEnc) } : undefined);
      ws.addRow({
        ...values,
        性别: LABELS.sex[row.sex as "M" | "F"] ?? row.sex,
        出生日期: row.birthDate,
        年龄: ageOn(row.birthDate, today),
        社区名称: names.get(row.regionCode) ?? "",
        档案状态: LABELS.status[row.status as keyof typeof LABELS.status] ?? row.status,
      });
    }
    count += page.length;
    if (page.length < EXPORT_PAGE) break;
    after = page.at(-1);
  }
  // ID numbers and phones as text so that Excel keeps every digit
  ws.getColumn("idNumber").numFmt = "@";
  ws.getColumn("phone").numFmt = "@";
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, { action: "elder.export", targetType: "elder_list", detail: { full, count, filters: auditableFilters(rest) } }),
  );
  return { fileName: `老人档案-${today}${full ? "-完整" : ""}.xlsx`, data };
}

/** The filters as the audit log keeps them: a search text may be an ID number or phone, so only its presence is kept. */
function auditableFilters(filters: Record<string, unknown>): Record<string, unknown> {
  const { q, ...rest } = filters;
  return q ? { ...rest, q: "（已隐去）" } : rest;
}
