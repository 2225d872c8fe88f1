/**
 * Benchmark: generating visit plans for a whole district (issue 7's goal: 1,000,000 elders in under a minute on
 * PostgreSQL), against the raw limit in the same run: ONE SQL statement that selects the same elders with the same
 * rule conditions (the same join against the rules, the same alarm counts) and writes nothing.
 *
 *   npx tsx bench/visit-plans.ts [--elders 1000000] [--engine postgres|pglite]
 *
 * The elders: the test template's 400 demo elders, copied in SQL with varied living situations, ability levels and
 * birth dates until there are N (loading is printed, not measured). Then: the raw select, the first generation (every
 * plan inserted), and a second generation with nothing changed (every plan compared, none written). Nothing is asserted.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { type Database, openDatabase, selectRows } from "@carecircle/db";
import { generateVisitPlans } from "@carecircle/domain";
import { DEFAULT_VISIT_RULES, shanghaiDate } from "@carecircle/shared";
import { sql } from "drizzle-orm";
import { createDatabase, startPostgres } from "../test/pg-server.ts";
import { buildTemplate, TEMPLATE_ELDERS } from "../test/template.ts";

const { values: args } = parseArgs({ options: { elders: { type: "string" }, engine: { type: "string", default: "postgres" } } });
const engine = args.engine === "pglite" ? "pglite" : "postgres";
const N = Number(args.elders ?? (engine === "postgres" ? 1_000_000 : 100_000));
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const n0 = (x: number) => x.toLocaleString("en-US");

async function multiply(database: Database, target: number) {
  const cols = (await database.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'elders' ORDER BY ordinal_position")).map((c) => c.column_name);
  const replaced: Record<string, string> = {
    id: "gen_random_uuid()",
    id_number_hash: "e.id_number_hash || ':' || g",
    phone_hash: "e.phone_hash || ':' || g",
    living_situation: "(ARRAY['with_family','with_family','alone','empty_nest','empty_nest','left_behind','lost_only_child'])[1 + (g + abs(hashtext(e.id::text))) % 7]",
    ability_level: "CASE WHEN (g + abs(hashtext(e.name))) % 6 = 5 THEN NULL ELSE (g + abs(hashtext(e.name))) % 5 END",
    birth_date: "e.birth_date - ((g * 37) % 7300)",
  };
  const list = cols.map((c) => `"${c}"`).join(", ");
  const select = cols.map((c) => replaced[c] ?? `e."${c}"`).join(", ");
  const have = Number((await database.query<{ n: string }>("SELECT count(*) AS n FROM elders"))[0]!.n);
  const copies = Math.ceil((target - have) / TEMPLATE_ELDERS);
  const t0 = performance.now();
  for (let from = 1; from <= copies; from += 100) {
    const to = Math.min(copies, from + 99);
    await database.exec(`INSERT INTO elders (${list}) SELECT ${select} FROM (SELECT * FROM elders WHERE id_number_hash NOT LIKE '%:%') e CROSS JOIN generate_series(${from}, ${to}) g`);
    process.stderr.write(`\r  loading elders: ${n0(have + to * TEMPLATE_ELDERS)} `);
  }
  await database.exec("ANALYZE elders");
  process.stderr.write("\n");
  return { total: Number((await database.query<{ n: string }>("SELECT count(*) AS n FROM elders"))[0]!.n), ms: performance.now() - t0 };
}

/** The raw limit: the same elders, the same rule conditions, one statement, nothing written. */
async function rawSelect(database: Database, region: string) {
  const today = shanghaiDate();
  const rules = DEFAULT_VISIT_RULES.map(
    (r, i) =>
      sql`(${r.key}, ${r.livingIn ? sql`${sql.param(r.livingIn)}::text[]` : sql`NULL::text[]`}, ${r.minAge ?? null}::int, ${r.minAbilityLevel ?? null}::int, ${r.minRecentAlarms ?? null}::int, ${r.minHospitalStays ?? null}::int, ${r.everyDays}::int, ${i}::int)`,
  );
  const [r] = await selectRows<{ n: string }>(
    database.db,
    sql`WITH al AS (SELECT elder_id, count(*) FILTER (WHERE raised_at >= now() - interval '30 days') AS a30, count(*) FILTER (WHERE outcome = 'sent_to_hospital') AS h90 FROM alarms WHERE raised_at >= now() - interval '90 days' GROUP BY elder_id)
        SELECT count(DISTINCT e.id) AS n FROM elders e LEFT JOIN al ON al.elder_id = e.id
        JOIN (VALUES ${sql.join(rules, sql`, `)}) AS r(key, living, min_age, min_level, min_alarms, min_hosp, every_days, ord)
          ON (r.living IS NULL OR e.living_situation = ANY(r.living))
         AND (r.min_age IS NULL OR date_part('year', age(${today}::date, e.birth_date)) >= r.min_age)
         AND (r.min_level IS NULL OR COALESCE(e.ability_level, 0) >= r.min_level)
         AND (r.min_alarms IS NULL OR COALESCE(al.a30, 0) >= r.min_alarms)
         AND (r.min_hosp IS NULL OR COALESCE(al.h90, 0) >= r.min_hosp)
        WHERE e.status = 'active' AND e.region_code LIKE ${`${region}%`}`,
  );
  return Number(r!.n);
}

const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const v = await f();
  return [v, performance.now() - t0];
};

console.log(`bench/visit-plans.ts on ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, ${engine}`);
let stop: (() => Promise<void>) | undefined;
let database: Database;
if (engine === "postgres") {
  const pg = await startPostgres();
  stop = pg.stop;
  database = await openDatabase({ databaseUrl: await createDatabase(pg.url, "visits_bench"), poolSize: 4 });
} else database = await openDatabase();
try {
  await buildTemplate(database);
  const loaded = await multiply(database, N);
  console.log(`elders: ${n0(loaded.total)} (loaded in ${sec(loaded.ms)}, not measured)`);
  const region = "500107";
  const [matched, rawMs] = await time(() => rawSelect(database, region));
  const [first, firstMs] = await time(() => generateVisitPlans(database.db, { regionCode: region }));
  const [again, againMs] = await time(() => generateVisitPlans(database.db, { regionCode: region }));
  console.log(`raw: one SELECT of the elders the rules match (same joins and conditions, nothing written): ${n0(matched)} elders in ${sec(rawMs)}`);
  console.log(`generateVisitPlans, first run (every plan inserted, assignees spread): ${n0(first.plans)} plans in ${sec(firstMs)} — ${(firstMs / rawMs).toFixed(1)}× the raw select`);
  console.log(`generateVisitPlans, again with nothing changed (compared, none written): ${n0(again.plans)} plans, ${again.ended} ended, in ${sec(againMs)} — ${(againMs / rawMs).toFixed(1)}× the raw select`);
  // per-region rules: every street of the district its own list (the defaults, a week sooner for those living alone),
  // so that each elder's set is picked in the statement; then the same again with nothing changed
  const streets = await database.query<{ code: string }>("SELECT code FROM regions WHERE parent_code = $1", [region]);
  const own = DEFAULT_VISIT_RULES.map((r) => (r.key === "alone" ? { ...r, everyDays: 7 } : r));
  for (const s of streets) await database.query("INSERT INTO region_rules (region_code, key, value, effective_from) VALUES ($1, 'visits.rules', $2::jsonb, '2000-01-01')", [s.code, JSON.stringify(own)]);
  const [perRegion, perRegionMs] = await time(() => generateVisitPlans(database.db, { regionCode: region }));
  const [perAgain, perAgainMs] = await time(() => generateVisitPlans(database.db, { regionCode: region }));
  console.log(`with ${streets.length} streets' own rules, the plans of those living alone changed: ${n0(perRegion.plans)} plans in ${sec(perRegionMs)} — ${(perRegionMs / rawMs).toFixed(1)}× the raw select`);
  console.log(`with ${streets.length} streets' own rules, again with nothing changed: ${n0(perAgain.plans)} plans in ${sec(perAgainMs)} — ${(perAgainMs / rawMs).toFixed(1)}× the raw select`);
} finally {
  await database.close();
  await stop?.();
}
