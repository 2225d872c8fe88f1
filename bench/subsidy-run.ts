/**
 * Benchmark: the monthly subsidy run (startSubsidyRun, as the district admin) over N elders, against the raw limit
 * measured in the same run: ONE SQL statement that computes the same per-rule totals (eligible count and amount)
 * with the very same eligibility conditions (the domain's eligibleWhere, UNION ALL over the rules in force).
 * Then a repeat run of the same month, which must create nothing.
 *
 *   npx tsx bench/subsidy-run.ts [--elders 1000000] [--engine postgres|pglite|both] [--explain]
 *
 * Defaults: 1,000,000 elders on PostgreSQL (Debian's server in a temp dir), 100,000 on PGlite; --elders sets both.
 * Loading the elders (generate → normalise → bulk insert) is printed but is not the measured figure. Every
 * transaction and statement of the run is timed from outside the domain (a proxy on the database handle), so the
 * step that dominates shows in the "step" lines. With --explain, afterwards the run's statements are replayed under
 * EXPLAIN (ANALYZE, BUFFERS) on emptied subsidy tables inside a transaction that is rolled back (the plans show the
 * time per node and per foreign-key trigger). Run on an otherwise idle machine; nothing here is asserted.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { type Database, openDatabase, selectRows, subsidyRules, users } from "@carecircle/db";
import {
  actorOf,
  type Ctx,
  demoRegions,
  type ElderWrite,
  eligibleWhere,
  generateDemoElders,
  insertEldersBulk,
  monthEnd,
  monthStart,
  normalizeElder,
  Secrets,
  startSubsidyRun,
  SYSTEM_ACTOR,
} from "@carecircle/domain";
import { loadRegionFacts } from "@carecircle/domain/elders/internal.ts";
import { ElderFields, shanghaiDate, type SubsidyBenefit, type SubsidyConditions } from "@carecircle/shared";
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import { createDatabase, startPostgres } from "../test/pg-server.ts";
import { buildTemplate, TEST_SECRET } from "../test/template.ts";

const { values: args } = parseArgs({ options: { elders: { type: "string" }, engine: { type: "string", default: "both" }, explain: { type: "boolean", default: false } } });
const DEFAULT_ELDERS = { postgres: 1_000_000, pglite: 100_000 } as const;
const GENERATE_CHUNK = 50_000;
const INSERT_TX = 5_000;

const n0 = (x: number) => x.toLocaleString("en-US");
const sec = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const yuan = (fen: number) => `${n0(Math.round(fen / 100))} yuan`;

type Engine = "postgres" | "pglite";
interface Span {
  what: string;
  ms: number;
  query?: SQL;
}
interface TxSpan extends Span {
  statements: Span[];
}
interface RunSummary {
  rules: { ruleCode: string; kind: string; entitlements: number; amountFen: number; minutes: number }[];
  totals: { entitlements: number; cashFen: number; walletFen: number; minutes: number };
}

/**
 * A view of the database whose transactions and statements are timed: `txs` gets one entry per transaction (with the
 * raw statements it ran), `statements` the raw statements run outside transactions. The domain only sees this handle.
 */
function timed(database: Database, ruleCodes: string[]): { database: Database; txs: TxSpan[]; statements: Span[] } {
  const txs: TxSpan[] = [];
  const statements: Span[] = [];
  const dialect = (database.db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect;
  const label = (q: SQL): string => {
    try {
      const { sql: text, params } = dialect.sqlToQuery(q);
      if (/INSERT INTO entitlements/.test(text)) {
        const code = params.find((p) => typeof p === "string" && ruleCodes.includes(p));
        // the wallet entry's kind is "backpay" for back-pay; the first date is the start of the month paid for
        const start = params.find((p) => typeof p === "string" && /^\d{4}-\d{2}-\d{2}$/.test(p)) as string | undefined;
        return params.includes("backpay") ? `back-pay ${code} for ${start?.slice(0, 7)}` : `credit ${code}`;
      }
      if (/'expiry'/.test(text)) return "expire lapsed credit";
      if (/INSERT INTO subsidy_flags/.test(text)) return "flag credit after death";
      if (/FROM entitlements WHERE run_id/.test(text)) return "summary";
      return text.replace(/\s+/g, " ").trim().slice(0, 50);
    } catch {
      return "?";
    }
  };
  const wrapExecute = <T extends object>(target: T, onSpan: (s: Span) => void) =>
    new Proxy(target, {
      get(t, p) {
        const v = Reflect.get(t, p) as unknown;
        if (p === "execute" && typeof v === "function") {
          return async (q: SQL) => {
            const t0 = performance.now();
            try {
              return await (v as (q: SQL) => Promise<unknown>).call(t, q);
            } finally {
              onSpan({ what: label(q), ms: performance.now() - t0, query: q });
            }
          };
        }
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    });
  const db = new Proxy(database.db, {
    get(t, p) {
      const v = Reflect.get(t, p) as unknown;
      if (p === "transaction" && typeof v === "function") {
        return async (fn: (tx: unknown) => Promise<unknown>, config?: unknown) => {
          const t0 = performance.now();
          const inside: Span[] = [];
          try {
            return await (v as (f: (tx: unknown) => Promise<unknown>, c?: unknown) => Promise<unknown>).call(
              t,
              (tx: unknown) => fn(wrapExecute(tx as object, (s) => inside.push(s))),
              config,
            );
          } finally {
            txs.push({ what: inside.map((x) => x.what).join(" + ") || "(bookkeeping)", ms: performance.now() - t0, statements: inside });
          }
        };
      }
      if (p === "execute" && typeof v === "function") {
        return async (q: SQL) => {
          const t0 = performance.now();
          try {
            return await (v as (q: SQL) => Promise<unknown>).call(t, q);
          } finally {
            statements.push({ what: label(q), ms: performance.now() - t0 });
          }
        };
      }
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  return { database: { ...database, db }, txs, statements };
}

/** N demo elders: generated in chunks, normalised, bulk inserted; ID numbers unique across chunks and the template. */
async function loadElders(database: Database, secrets: Secrets, count: number, engine: Engine) {
  const sys: Ctx = { database, secrets, actor: SYSTEM_ACTOR };
  const facts = await loadRegionFacts(sys);
  const communities = demoRegions().filter((r) => r.level === 5);
  const seen = new Set((await database.query<{ h: string }>("SELECT id_number_hash AS h FROM elders")).map((r) => r.h));
  let loaded = 0;
  let duplicates = 0;
  let chunk = 0;
  let prepMs = 0;
  let insertMs = 0;
  const t = performance.now();
  while (loaded < count) {
    const t0 = performance.now();
    const demo = generateDemoElders({ count: Math.min(GENERATE_CHUNK, count - loaded), communities, seed: 1000 + chunk++ });
    const rows: ElderWrite[] = [];
    for (const d of demo) {
      const norm = normalizeElder(ElderFields.parse(d), secrets, facts);
      if (!norm.ok) continue;
      if (seen.has(norm.value.idNumberHash)) {
        duplicates++;
        continue;
      }
      seen.add(norm.value.idNumberHash);
      rows.push(norm.value);
    }
    const t1 = performance.now();
    prepMs += t1 - t0;
    for (let i = 0; i < rows.length; i += INSERT_TX) {
      await database.db.transaction((tx) => insertEldersBulk(tx, rows.slice(i, i + INSERT_TX)));
    }
    insertMs += performance.now() - t1;
    loaded += rows.length;
    if (chunk % 4 === 0 || loaded >= count) process.stderr.write(`[${engine}] loading: ${n0(loaded)} / ${n0(count)} elders (${sec(performance.now() - t)})\n`);
  }
  return { loaded, duplicates, ms: performance.now() - t, prepMs, insertMs };
}

/** The rules the run uses, as the run selects them: in force during the month, in the region's subtree or above it. */
async function rulesInForce(database: Database, region: string, month: string) {
  const rows = await database.db.select().from(subsidyRules).where(inArray(subsidyRules.status, ["active", "retired"]));
  return rows.filter(
    (r) => (r.regionCode.startsWith(region) || region.startsWith(r.regionCode)) && r.effectiveFrom <= monthEnd(month) && (r.effectiveTo === null || r.effectiveTo >= monthStart(month)),
  );
}

/** The raw limit: one statement, UNION ALL over the rules of `eligibleWhere`, grouped per rule. */
function rawTotalsQuery(rules: Awaited<ReturnType<typeof rulesInForce>>, region: string, month: string): SQL {
  const branches = rules.map((r) => {
    const b = r.benefit as SubsidyBenefit;
    const amount = b.kind === "hours" ? (b.minutes ?? 0) : (b.amountFen ?? 0);
    const ruleRegion = r.regionCode.length >= region.length ? r.regionCode : region;
    return sql`SELECT ${r.code}::text AS rule_code, ${amount}::int AS amount FROM elders e WHERE ${eligibleWhere(ruleRegion, r.conditions as SubsidyConditions, month)}`;
  });
  return sql`SELECT rule_code, count(*) AS n, COALESCE(sum(amount), 0) AS amount FROM (${sql.join(branches, sql` UNION ALL `)}) x GROUP BY rule_code ORDER BY rule_code`;
}

/** Replays the run's statements under EXPLAIN ANALYZE as on a first run (subsidy tables emptied), then rolls back. */
async function explainRun(database: Database, engine: Engine, statements: Span[]) {
  const rollback = new Error("rollback");
  await database.db
    .transaction(async (tx) => {
      // the ledger refuses TRUNCATE (append-only guard): lifted inside this transaction only, which is rolled back
      await tx.execute(sql`ALTER TABLE wallet_entries DISABLE TRIGGER wallet_entries_no_truncate`);
      await tx.execute(sql`TRUNCATE entitlements, wallet_entries, subsidy_flags`);
      for (const s of statements) {
        const plan = await selectRows<{ "QUERY PLAN": string }>(tx, sql`EXPLAIN (ANALYZE, BUFFERS) ${s.query!}`);
        console.log(`[${engine}] EXPLAIN ANALYZE ${s.what} (measured in the run: ${sec(s.ms)})`);
        for (const line of plan) console.log(`    ${line["QUERY PLAN"]}`);
      }
      throw rollback;
    })
    .catch((e: unknown) => {
      if (e !== rollback) throw e;
    });
}

async function countRows(database: Database) {
  const [r] = await database.query<{ ent: string; wal: string }>("SELECT (SELECT count(*) FROM entitlements) AS ent, (SELECT count(*) FROM wallet_entries) AS wal");
  return { entitlements: Number(r!.ent), walletEntries: Number(r!.wal) };
}

async function run(engine: Engine) {
  const count = args.elders ? Number(args.elders) : DEFAULT_ELDERS[engine];
  let stopPg: (() => Promise<void>) | undefined;
  let database: Database;
  if (engine === "postgres") {
    const pg = await startPostgres();
    stopPg = pg.stop;
    database = await openDatabase({ databaseUrl: await createDatabase(pg.url, "bench"), poolSize: 10 });
  } else {
    database = await openDatabase();
  }
  try {
    await buildTemplate(database); // regions, users, the demo district's rules, a few hundred elders
    const secrets = new Secrets(TEST_SECRET);
    const load = await loadElders(database, secrets, count, engine);
    const tv = performance.now();
    await database.exec("VACUUM ANALYZE elders"); // what autovacuum would have done to a table that has been there a while
    const [{ n: total } = { n: "0" }] = await database.query<{ n: string }>("SELECT count(*) AS n FROM elders");
    console.log(
      `[${engine}] load (not measured): ${n0(load.loaded)} elders in ${sec(load.ms)} (generate + normalise ${sec(load.prepMs)}, insert ${sec(load.insertMs)}, ${load.duplicates} duplicate ID numbers skipped); VACUUM ANALYZE ${sec(performance.now() - tv)}; ${n0(Number(total))} elders in the table`,
    );

    const [district] = await database.db.select().from(users).where(eq(users.username, "district"));
    const actor = actorOf(district!);
    const month = shanghaiDate().slice(0, 7);
    const rules = await rulesInForce(database, actor.regionCode, month);
    const probe = timed(database, rules.map((r) => r.code));
    const ctx: Ctx = { database: probe.database, secrets, actor };

    // 2. the raw limit: one statement, same conditions
    const tr = performance.now();
    const raw = await selectRows<{ rule_code: string; n: string; amount: string }>(database.db, rawTotalsQuery(rules, actor.regionCode, month));
    const rawMs = performance.now() - tr;

    // 1. the real monthly run
    const before = await countRows(database);
    const t1 = performance.now();
    const first = await startSubsidyRun({ ctx, input: { month }, wait: true });
    const runMs = performance.now() - t1;
    const afterFirst = await countRows(database);
    const firstTxs = probe.txs.splice(0);
    const firstStatements = probe.statements.splice(0);

    // 3. the same month again: idempotent, nothing new
    const t2 = performance.now();
    const again = await startSubsidyRun({ ctx, input: { month }, wait: true });
    const repeatMs = performance.now() - t2;
    const afterRepeat = await countRows(database);
    const repeatTxs = probe.txs.splice(0);

    const summary = first.summary as RunSummary | null;
    const created = afterFirst.entitlements - before.entitlements;
    const newOnRepeat = afterRepeat.entitlements - afterFirst.entitlements;
    const t = summary?.totals;
    console.log(
      `[${engine}] monthly run ${month}, ${n0(Number(total))} elders: ${sec(runMs)} (${first.status}, ${n0(created)} entitlements, ${n0(afterFirst.walletEntries - before.walletEntries)} wallet entries)` +
        (t ? ` | summary: ${n0(t.entitlements)} entitlements, cash ${yuan(t.cashFen)}, wallet ${yuan(t.walletFen)}, ${n0(t.minutes / 60)} hours` : " | no summary"),
    );
    for (const r of summary?.rules ?? []) {
      console.log(`[${engine}]   ${r.ruleCode.padEnd(28)} ${r.kind.padEnd(7)} ${n0(r.entitlements).padStart(9)} entitlements  ${r.kind === "hours" ? `${n0(r.minutes)} min` : yuan(r.amountFen)}`);
    }

    // the raw statement's totals against the run's summary (rules with nobody eligible have no summary row)
    const diffs: string[] = [];
    for (const r of rules) {
      const rawRow = raw.find((x) => x.rule_code === r.code);
      const sumRow = summary?.rules.find((x) => x.ruleCode === r.code);
      const rawN = Number(rawRow?.n ?? 0);
      const runN = sumRow?.entitlements ?? 0;
      const rawAmount = Number(rawRow?.amount ?? 0);
      const runAmount = sumRow ? (sumRow.kind === "hours" ? sumRow.minutes : sumRow.amountFen) : 0;
      if (rawN !== runN || rawAmount !== runAmount) diffs.push(`${r.code}: run ${runN} / ${runAmount}, raw ${rawN} / ${rawAmount}`);
    }
    const check = diffs.length === 0 ? `OK (${rules.length} rules: ${rules.map((r) => `${r.code} ${n0(Number(raw.find((x) => x.rule_code === r.code)?.n ?? 0))}`).join(", ")})` : `DIFFERENT: ${diffs.join("; ")}`;
    console.log(`[${engine}] raw single statement (same eligibleWhere, UNION ALL over ${rules.length} rules): ${sec(rawMs)} | per-rule counts and amounts vs the run's summary: ${check}`);

    // where the run's time goes: one line per transaction (= step), then what is outside them
    const txMs = firstTxs.reduce((s, x) => s + x.ms, 0);
    // transactions: the run's start, one per step (credit per rule, back-pay per monthly rule, expiry, flags), the finish
    const txName = (x: TxSpan, i: number, all: TxSpan[]) => (x.statements.length ? x.what : i === 0 ? "start (run row, audit)" : i === all.length - 1 ? "finish (status, summary, audit)" : "no statement (back-pay: no earlier run)");
    firstTxs.forEach((x, i) => {
      const stmtMs = x.statements.reduce((s, y) => s + y.ms, 0);
      console.log(`[${engine}]   step ${sec(x.ms).padStart(8)}  ${txName(x, i, firstTxs)}${x.statements.length ? ` (statement ${sec(stmtMs)}, commit and progress ${sec(x.ms - stmtMs)})` : ""}`);
    });
    const outsideMs = firstStatements.reduce((s, x) => s + x.ms, 0);
    console.log(`[${engine}]   outside transactions ${sec(outsideMs)} (${firstStatements.map((s) => `${s.what} ${sec(s.ms)}`).join(", ") || "none"}); rest ${sec(runMs - txMs - outsideMs)}`);
    console.log(`[${engine}]   repeat run: ${repeatTxs.filter((x) => x.statements.length).map((x) => `${x.what} ${sec(x.ms)}`).join(", ")}`);

    if (args.explain) await explainRun(database, engine, firstTxs.flatMap((x) => x.statements).filter((x) => x.query));

    console.log(
      `[${engine}] monthly run ${n0(Number(total))} elders: ${sec(runMs)} (${n0(created)} entitlements) | raw single statement ${sec(rawMs)} | ratio ${(runMs / rawMs).toFixed(1)}× | repeat run ${sec(repeatMs)}, ${n0(newOnRepeat)} new (${again.status})`,
    );
  } finally {
    await database.close();
    await stopPg?.();
  }
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
for (const engine of args.engine === "both" ? (["postgres", "pglite"] as const) : [args.engine as Engine]) await run(engine);
