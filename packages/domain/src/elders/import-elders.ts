import { elders, importJobs } from "@carecircle/db";
import { eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { type AuditInput, recordAudit, recordAuditMany } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { insertEldersBulk } from "./bulk-insert.ts";
import { NotFoundError, ValidationError } from "../core/errors.ts";
import { inScope, requirePermission } from "../core/permissions.ts";
import { diffElder, type ElderRow, loadRegionFacts } from "./internal.ts";
import type { ColumnKey } from "./columns.ts";
import { type GoodRow, keepAbsentColumns, mapHeaders, type RowError, validateRows } from "./import-rows.ts";
import { readSheet } from "./spreadsheet.ts";
import { STATUS_LABELS } from "./update-elder.ts";
import { isUuid } from "../core/ids.ts";

/** Rows written per transaction: between batches other requests get the (single-connection) embedded database. */
export const IMPORT_BATCH = 1000;

/** Rows written by one import after which the table's statistics are refreshed. */
const ANALYZE_AFTER = 5000;

const running = new Map<string, Promise<void>>();

export interface ImportJobView {
  id: string;
  status: string;
  fileName: string;
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  error: string | null;
  hasErrorReport: boolean;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * Starts an import: the file is read and checked for its columns now (a file that is not a table is refused
 * at once), rows are validated and written in the background; `wait` returns when it is done.
 */
export async function startImport({ ctx, fileName, data, wait = false }: { ctx: Ctx; fileName: string; data: Buffer; wait?: boolean }) {
  requirePermission(ctx.actor, "elder:import");
  const sheet = await readSheet(data, fileName);
  const { index, missing } = mapHeaders(sheet.headers);
  if (missing.length > 0) {
    throw new ValidationError(`表头缺少必填列：${missing.map((c) => c.header).join("、")}。请使用导入模板。`, [
      ...missing.map((c) => ({ path: c.header, message: "缺少此列" })),
    ]);
  }
  if (sheet.rows.length === 0) throw new ValidationError("表格中除表头外没有数据行");
  const [job] = await ctx.database.db
    .insert(importJobs)
    .values({ userId: ctx.actor.id!, fileName: fileName.slice(0, 200), status: "running", totalRows: sheet.rows.length })
    .returning();
  const work = runImport(ctx, job!.id, fileName, sheet, index).finally(() => running.delete(job!.id));
  running.set(job!.id, work);
  if (wait) await work;
  return getImportJob({ ctx, id: job!.id });
}

async function runImport(ctx: Ctx, jobId: string, fileName: string, sheet: Awaited<ReturnType<typeof readSheet>>, index: ReturnType<typeof mapHeaders>["index"]) {
  const db = ctx.database.db;
  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0, processed: 0 };
  const errors: RowError[] = [];
  try {
    const facts = await loadRegionFacts(ctx);
    const seen = new Map<string, number>(); // ID-number hash → first line, for duplicates inside the file
    // validate batch N+1 while batch N is being written: on PostgreSQL the two run on different cores
    let writing: Promise<void> = Promise.resolve();
    for (let i = 0; i < sheet.rows.length; i += IMPORT_BATCH) {
      const rows = sheet.rows.slice(i, i + IMPORT_BATCH);
      const { good, errors: bad } = validateRows(rows, index, ctx.secrets, facts, seen);
      await writing;
      errors.push(...bad);
      counts.failed += new Set(bad.map((e) => e.line)).size;
      writing = writeBatchRetrying(ctx, jobId, fileName, good, errors, new Set(index.keys())).then(async (r) => {
        counts.created += r.created;
        counts.updated += r.updated;
        counts.unchanged += r.unchanged;
        counts.failed += r.failed;
        counts.processed += rows.length;
        await db.update(importJobs).set({ processedRows: counts.processed, ...countsOnly(counts) }).where(eq(importJobs.id, jobId));
      });
    }
    await writing;
    // a large load leaves the planner's statistics stale: searches would fall back to scanning everything
    if (counts.created + counts.updated >= ANALYZE_AFTER) await ctx.database.exec("ANALYZE elders");
    const report = errors.length > 0 ? await errorReport(errors) : null;
    await withTransaction(ctx, async (tx) => {
      await tx
        .update(importJobs)
        .set({ status: "done", processedRows: sheet.rows.length, ...countsOnly(counts), errorReport: report, finishedAt: new Date() })
        .where(eq(importJobs.id, jobId));
      await recordAudit(tx, ctx, { action: "elder.import", targetType: "import", targetId: jobId, detail: { fileName, rows: sheet.rows.length, ...countsOnly(counts) } });
    });
  } catch (e) {
    // the job shows a plain message; the cause (which may quote row values) stays out of the database
    console.error(`import ${jobId} failed:`, e instanceof Error ? e.message.split("\nparams:")[0] : e);
    await withTransaction(ctx, async (tx) => {
      await tx
        .update(importJobs)
        .set({ status: "failed", error: "导入过程中出现错误，已导入的批次保留；请重新导入该文件（已导入的行不会重复）", ...countsOnly(counts), finishedAt: new Date() })
        .where(eq(importJobs.id, jobId));
      await recordAudit(tx, ctx, { action: "elder.import", targetType: "import", targetId: jobId, detail: { fileName, rows: sheet.rows.length, failedJob: true, ...countsOnly(counts) } });
    }).catch(() => {});
  }
}

const countsOnly = (c: { created: number; updated: number; unchanged: number; failed: number }) => ({
  created: c.created,
  updated: c.updated,
  unchanged: c.unchanged,
  failed: c.failed,
});

/** Another import (or a clerk) may create one of these ID numbers meanwhile: the batch then re-reads and updates instead. */
async function writeBatchRetrying(ctx: Ctx, jobId: string, fileName: string, batch: GoodRow[], errors: RowError[], present: ReadonlySet<ColumnKey>) {
  for (let attempt = 1; ; attempt++) {
    const before = errors.length;
    try {
      return await writeBatch(ctx, jobId, fileName, batch, errors, present);
    } catch (e) {
      errors.length = before; // row errors of the rolled-back attempt
      const code = (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;
      if (code !== "23505" || attempt >= 3) throw e;
    }
  }
}

/** Creates or updates by ID number (keyed hash) in one transaction; re-importing the same rows changes nothing. */
async function writeBatch(ctx: Ctx, jobId: string, fileName: string, batch: GoodRow[], errors: RowError[], present: ReadonlySet<ColumnKey>) {
  const r = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  if (batch.length === 0) return r;
  await withTransaction(ctx, async (tx) => {
    const existing = await tx
      .select()
      .from(elders)
      .where(inArray(elders.idNumberHash, batch.map((g) => g.value.idNumberHash)))
      .for("update");
    const byHash = new Map<string, ElderRow>(existing.map((e) => [e.idNumberHash, e]));
    const inserts: GoodRow["value"][] = [];
    const audits: (AuditInput & { regionCode: string })[] = [];
    for (const g of batch) {
      const old = byHash.get(g.value.idNumberHash);
      if (!old) {
        inserts.push(g.value);
        continue;
      }
      const refuse = (message: string) => {
        errors.push({ line: g.line, name: g.value.name, column: "身份证号", value: g.value.idNumberMasked, message });
        r.failed++;
      };
      if (!inScope(ctx.actor, old.regionCode)) refuse("该身份证号已在其他辖区登记，不能通过导入修改");
      else if (old.status !== "active") refuse(`该老人档案已标记为${STATUS_LABELS[old.status] ?? old.status}，只读`);
      else {
        const next = { ...keepAbsentColumns(old, g.value, present), idNumberEnc: old.idNumberEnc, phoneEnc: g.value.phoneHash === old.phoneHash ? old.phoneEnc : g.value.phoneEnc };
        const diff = diffElder(old, next);
        if (Object.keys(diff).length === 0) r.unchanged++;
        else {
          await tx
            .update(elders)
            .set({ ...next, version: old.version + 1, updatedAt: new Date() })
            .where(eq(elders.id, old.id));
          audits.push({ action: "elder.update", targetType: "elder", targetId: old.id, regionCode: next.regionCode, detail: { name: next.name, importId: jobId, fileName, line: g.line, changes: diff } });
          r.updated++;
        }
      }
    }
    // the file is the record of what was created: the audit event names it and the line, not every field
    const created = await insertEldersBulk(tx, inserts);
    const lineByName = new Map(batch.map((g) => [g.value.name, g.line]));
    for (const row of created) {
      audits.push({ action: "elder.create", targetType: "elder", targetId: row.id, regionCode: row.region_code, detail: { name: row.name, importId: jobId, fileName, line: lineByName.get(row.name) } });
    }
    r.created += created.length;
    await recordAuditMany(tx, ctx, audits);
  });
  return r;
}

async function errorReport(errors: RowError[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("错误报告");
  ws.columns = [
    { header: "行号", key: "line", width: 8 },
    { header: "姓名", key: "name", width: 12 },
    { header: "列", key: "column", width: 12 },
    { header: "填写的值", key: "value", width: 24 },
    { header: "错误原因", key: "message", width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const e of [...errors].sort((a, b) => a.line - b.line)) ws.addRow(e);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function toView(j: typeof importJobs.$inferSelect): ImportJobView {
  return {
    id: j.id,
    status: j.status,
    fileName: j.fileName,
    totalRows: j.totalRows,
    processedRows: j.processedRows,
    created: j.created,
    updated: j.updated,
    unchanged: j.unchanged,
    failed: j.failed,
    error: j.error,
    hasErrorReport: j.errorReport !== null,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

/** A user sees their own imports only. */
async function ownJob(ctx: Ctx, id: string) {
  requirePermission(ctx.actor, "elder:import");
  if (!isUuid(id)) throw new NotFoundError("导入任务不存在");
  const [job] = await ctx.database.db.select().from(importJobs).where(eq(importJobs.id, id));
  if (!job || job.userId !== ctx.actor.id) throw new NotFoundError("导入任务不存在");
  return job;
}

export async function getImportJob({ ctx, id }: { ctx: Ctx; id: string }) {
  return toView(await ownJob(ctx, id));
}

export async function getImportErrorReport({ ctx, id }: { ctx: Ctx; id: string }) {
  const job = await ownJob(ctx, id);
  if (!job.errorReport) throw new NotFoundError("该导入没有错误报告");
  return { fileName: `错误报告-${job.fileName.replace(/\.(xlsx|csv)$/i, "")}.xlsx`, data: job.errorReport };
}

/** Jobs cut off by a restart are marked failed (re-importing the file is safe: rows are matched by ID number). */
export async function failInterruptedImports(ctx: Ctx) {
  await ctx.database.db
    .update(importJobs)
    .set({ status: "failed", error: "服务重启，导入中断；请重新导入（已导入的行不会重复）", finishedAt: new Date() })
    .where(eq(importJobs.status, "running"));
}

/** Waits for background imports (graceful shutdown, tests). */
export async function drainImports() {
  await Promise.allSettled([...running.values()]);
}
