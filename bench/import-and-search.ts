/**
 * Benchmark: import 100,000 elders from .xlsx through the real import (parse, validate, encrypt, upsert, audit)
 * against a raw bulk insert of the same normalised rows in the same run; then search latency over HTTP
 * (name fragment, pinyin initials, full ID number) against the same queries as raw SQL.
 *
 *   npx tsx bench/import-and-search.ts [--rows 100000] [--engine postgres|pglite|both] [--queries 300]
 *
 * Prints one line per figure. Run on an otherwise idle machine; nothing here is asserted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Database, openDatabase, users } from "@carecircle/db";
import { actorOf, type Ctx, demoRegions, type ElderWrite, generateDemoElders, getImportErrorReport, insertEldersBulk, loadRegionFactsForBench, normalizeElder, Secrets, startImport, SYSTEM_ACTOR } from "./bench-deps.ts";
import { loadConfig, startServer } from "@carecircle/server";
import { ElderFields } from "@carecircle/shared";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import pino from "pino";
import { startPostgres, createDatabase } from "../test/pg-server.ts";
import { buildTemplate, TEST_PASSWORD, TEST_SECRET } from "../test/template.ts";

const { values: args } = parseArgs({
  options: { rows: { type: "string", default: "100000" }, engine: { type: "string", default: "both" }, queries: { type: "string", default: "300" } },
});
const ROWS = Number(args.rows);
const QUERIES = Number(args.queries);

const ms = (t: number) => `${t.toFixed(1)} ms`;
function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function writeXlsx(file: string, rows: ReturnType<typeof generateDemoElders>) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet("老人");
  ws.addRow(["姓名", "身份证号", "联系电话", "所属社区", "居住地址", "居住状况", "经济状况", "能力等级", "标签", "慢性病", "过敏史", "长期用药"]).commit();
  const LIVING = { with_family: "与家人同住", alone: "独居", empty_nest: "空巢", left_behind: "留守", lost_only_child: "失独" } as const;
  const ECON = { ordinary: "一般", low_income: "低收入", minimum_living: "低保", extreme_poverty: "特困", family_planning_hardship: "计生特扶" } as const;
  for (const e of rows) {
    ws.addRow([e.name, e.idNumber, e.phone, e.regionCode, e.address, LIVING[e.livingSituation], ECON[e.economicStatus], e.abilityLevel ?? "", e.tags.join("、"), e.health.chronicDiseases.join("、"), e.health.allergies.join("、"), e.health.medications.join("、")]).commit();
  }
  ws.commit();
  await wb.commit();
}

/**
 * The raw limit: the same normalised rows, no parsing, validation, lookup or audit — one INSERT … SELECT FROM unnest
 * per 1,000 rows (the fastest plain-SQL bulk path on both engines), into a copy of the table with the same indexes.
 */
async function rawInsert(database: Database, rows: ElderWrite[]): Promise<number> {
  await database.exec("DROP TABLE IF EXISTS elders_raw; CREATE TABLE elders_raw (LIKE elders INCLUDING ALL)");
  const t = performance.now();
  for (let i = 0; i < rows.length; i += 1000) {
    await database.db.transaction((tx) => insertEldersBulk(tx, rows.slice(i, i + 1000), "elders_raw"));
  }
  return performance.now() - t;
}

async function run(engine: "postgres" | "pglite") {
  let stopPg: (() => Promise<void>) | undefined;
  let database: Database;
  if (engine === "postgres") {
    const pg = await startPostgres();
    stopPg = pg.stop;
    database = await openDatabase({ databaseUrl: await createDatabase(pg.url, "bench"), poolSize: 10 });
  } else {
    database = await openDatabase();
  }
  await buildTemplate(database); // regions, users, a few hundred elders
  const secrets = new Secrets(TEST_SECRET);
  const sys: Ctx = { database, secrets, actor: SYSTEM_ACTOR };
  const [district] = await database.db.select().from(users).where(eq(users.username, "district"));
  const ctx: Ctx = { ...sys, actor: actorOf(district!) };

  const communities = demoRegions().filter((r) => r.level === 5);
  const demo = generateDemoElders({ count: ROWS, communities, seed: 99 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-bench-"));
  const file = path.join(dir, "elders.xlsx");
  await writeXlsx(file, demo);
  const data = fs.readFileSync(file);
  console.log(`[${engine}] file: ${ROWS} rows, ${(data.length / 1024 / 1024).toFixed(1)} MB xlsx`);

  // raw limit first, on its own table (normalisation not timed: the raw side gets its rows for free)
  const facts = await loadRegionFactsForBench(sys);
  const normalized = demo.flatMap((d) => {
    const n = normalizeElder(ElderFields.parse(d), secrets, facts);
    return n.ok ? [n.value] : [];
  });
  const rawMs = await rawInsert(database, normalized);
  await database.exec("DROP TABLE elders_raw");

  const t = performance.now();
  const job = await startImport({ ctx, fileName: "elders.xlsx", data, wait: true });
  const importMs = performance.now() - t;
  console.log(`[${engine}] import: ${job.created} created, ${job.failed} failed in ${(importMs / 1000).toFixed(1)} s = ${Math.round((ROWS / importMs) * 1000)} rows/s`);
  if (job.hasErrorReport) {
    const report = new ExcelJS.Workbook();
    await report.xlsx.load((await getImportErrorReport({ ctx, id: job.id })).data as unknown as ArrayBuffer);
    const reasons = new Map<string, number>();
    report.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) reasons.set(`${row.getCell(5).value}（${row.getCell(4).value}）`, (reasons.get(`${row.getCell(5).value}（${row.getCell(4).value}）`) ?? 0) + 1);
    });
    console.log(`[${engine}] rows refused: ${[...reasons].map(([r, c]) => `${c} × ${r}`).join("; ")}`);
  }
  console.log(`[${engine}] raw bulk insert of the same rows: ${(rawMs / 1000).toFixed(1)} s = ${Math.round((ROWS / rawMs) * 1000)} rows/s`);
  console.log(`[${engine}] import / raw = ${(importMs / rawMs).toFixed(2)}×`);

  // search over HTTP, as the console does it, against raw SQL of the same shape
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-bench-srv-"));
  const server = await startServer({ config: loadConfig({ PORT: "0", MQTT_PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, CARECIRCLE_SECRET: TEST_SECRET, CARECIRCLE_NO_DEMO: "1", LOG_LEVEL: "silent" }), database, logger: pino({ level: "silent" }) });
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "district", password: TEST_PASSWORD }) });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const sample = (i: number) => demo[(i * 7919) % demo.length]!;
  // raw SQL of the same shape the service sends (search condition, region scope, status, order, page size)
  const rawSearch = (cond: string, param: unknown): [string, unknown[]] => [
    `SELECT * FROM elders WHERE region_code LIKE '500107%' AND status = 'active' AND ${cond} ORDER BY name_pinyin || '', id LIMIT 21`,
    [param],
  ];
  const kinds: [string, (i: number) => string, (i: number) => [string, unknown[]]][] = [
    ["name", (i) => sample(i).name, (i) => rawSearch("name_grams @> ARRAY[$1::text]", sample(i).name)],
    ["given", (i) => sample(i).name.slice(1, 3), (i) => { const g = sample(i).name.slice(1, 3); return g.length === 1 ? rawSearch("name LIKE $1", `${g}%`) : rawSearch("name_grams @> ARRAY[$1::text]", g); }],
    ["pinyin", (i) => normalized[(i * 7919) % normalized.length]!.nameInitials, (i) => rawSearch("(name_initials LIKE $1 OR name_pinyin LIKE $1)", `${normalized[(i * 7919) % normalized.length]!.nameInitials}%`)],
    ["id", (i) => sample(i).idNumber, (i) => rawSearch("id_number_hash = $1", secrets.lookupHash("id", sample(i).idNumber))],
  ];
  for (const [kind, q, raw] of kinds) {
    const http: number[] = [];
    const sql: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/elders?limit=20&q=${encodeURIComponent(q(i))}`, { headers: { cookie } });
      await res.arrayBuffer();
      http.push(performance.now() - t0);
      const [text, params] = raw(i);
      const t1 = performance.now();
      await database.query(text, params);
      sql.push(performance.now() - t1);
    }
    http.sort((a, b) => a - b);
    sql.sort((a, b) => a - b);
    console.log(`[${engine}] search ${kind.padEnd(6)} HTTP p50 ${ms(pct(http, 50))} p99 ${ms(pct(http, 99))} | raw SQL p50 ${ms(pct(sql, 50))} p99 ${ms(pct(sql, 99))}`);
  }
  await server.close();
  await database.close();
  await stopPg?.();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
for (const engine of args.engine === "both" ? (["postgres", "pglite"] as const) : [args.engine as "postgres" | "pglite"]) await run(engine);
