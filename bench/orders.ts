/**
 * Benchmark: dispatch and order placement.
 *
 *  1. Dispatch decision latency (the domain's `decideDispatch`: rules, candidate query, the workers' held jobs,
 *     ranking) for each of 1,000 open orders with 10,000 workers in the district (250 per provider, 40 providers,
 *     20,000 jobs already held), p50/p99 — against the raw limit in the same run: the same two SQL statements
 *     (candidates in the box, their jobs that day) run bare, with no rules and no ranking.
 *  2. Order placement through the API (an operator, POST /api/v1/service-orders: checks, price tier, order number,
 *     timeline, audit; with automatic acceptance also the dispatch) in requests/s at a concurrency of 8 — against a
 *     bare endpoint on the same HTTP stack (Hono on node-server, same process, same database) that parses the same
 *     JSON and inserts the same row with one INSERT.
 *
 *   npx tsx bench/orders.ts [--engine postgres|pglite|both] [--orders 2000]
 *
 * Nothing here is asserted; run on an otherwise idle machine.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { type Database, openDatabase, providers, selectRows, serviceOrders, serviceProducts, workers } from "@carecircle/db";
import { type Ctx, decideDispatch, dispatchSettings, loadCandidates, Secrets, SYSTEM_ACTOR } from "@carecircle/domain";
import { loadConfig, startServer } from "@carecircle/server";
import { shanghaiDate } from "@carecircle/shared";
import { eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import pino from "pino";
import { createDatabase, startPostgres } from "../test/pg-server.ts";
import { buildTemplate, TEST_PASSWORD, TEST_SECRET } from "../test/template.ts";

const { values: args } = parseArgs({ options: { engine: { type: "string", default: "both" }, orders: { type: "string", default: "2000" } } });
const WORKERS = 10_000;
const OPEN_ORDERS = 1_000;
const HELD_JOBS = 20_000;
const CONCURRENCY = 8;

type Engine = "postgres" | "pglite";
const ms = (x: number) => `${x.toFixed(2)} ms`;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
let seed = 42;
const rnd = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

/** 10,000 workers spread over the district (250 per provider), 20,000 held jobs, 1,000 open orders to dispatch. */
async function load(database: Database, secrets: Secrets) {
  const db = database.db;
  const provs = await db.select({ id: providers.id }).from(providers);
  const streets = await selectRows<{ lat: number; lng: number }>(db, sql`SELECT lat, lng FROM regions WHERE level = 5 AND lat IS NOT NULL`);
  const skills = ["meal_delivery", "bathing", "cleaning", "escort", "medical_escort", "basic_care", "companionship"];
  const certs = [{ kind: "health", validTo: "2099-12-31" }, { kind: "caregiver", level: 4, validTo: "2099-12-31" }];
  const phone = secrets.encrypt("13900000000");
  const workerIds: string[] = [];
  for (let i = 0; i < WORKERS; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, WORKERS - i) }, (_, k) => {
      const c = streets[Math.floor(rnd() * streets.length)]!;
      return {
        providerId: provs[(i + k) % provs.length]!.id,
        name: `护理员${i + k}`,
        phoneEnc: phone,
        phoneMasked: "139****0000",
        skills: skills.filter(() => rnd() < 0.7),
        certificates: certs,
        workDays: [1, 2, 3, 4, 5, 6, 7],
        workStart: "07:00",
        workEnd: "21:00",
        baseLat: c.lat + (rnd() - 0.5) * 0.02,
        baseLng: c.lng + (rnd() - 0.5) * 0.02,
        ratingSum: Math.floor(rnd() * 50),
        ratingCount: 10,
      };
    });
    const ids = await db.insert(workers).values(rows).returning({ id: workers.id });
    workerIds.push(...ids.map((r) => r.id));
  }
  const elders = await selectRows<{ id: string; region_code: string; lat: number; lng: number; address: string }>(db, sql`SELECT id, region_code, lat, lng, address FROM elders WHERE lat IS NOT NULL`);
  const products = await db.select().from(serviceProducts).where(eq(serviceProducts.category, "cleaning"));
  const day0 = Date.parse(`${shanghaiDate()}T00:00:00+08:00`) + 86_400_000;
  const order = (i: number, status: string, workerId: string | null) => {
    const e = elders[i % elders.length]!;
    const p = products[i % products.length]!;
    const start = new Date(day0 + Math.floor(rnd() * 3) * 86_400_000 + (8 + Math.floor(rnd() * 10)) * 3_600_000);
    return {
      elderId: e.id,
      regionCode: e.region_code,
      providerId: p.providerId,
      productId: p.id,
      product: { name: p.name, category: p.category, unit: p.unit, priceFen: p.priceFen, durationMinutes: p.durationMinutes, tasks: p.tasks, requiredSkills: p.requiredSkills, requiredCertificates: p.requiredCertificates, walletEligible: p.walletEligible },
      unitPriceFen: p.priceFen,
      slotStart: start,
      slotEnd: new Date(start.getTime() + p.durationMinutes * 60_000),
      address: e.address,
      lat: e.lat + (rnd() - 0.5) * 0.01,
      lng: e.lng + (rnd() - 0.5) * 0.01,
      channel: "console",
      placedByRole: "operator",
      status,
      workerId,
    };
  };
  for (let i = 0; i < HELD_JOBS; i += 2000) {
    await db.insert(serviceOrders).values(Array.from({ length: 2000 }, (_, k) => order(i + k, "assigned", workerIds[Math.floor(rnd() * workerIds.length)]!)));
  }
  await db.insert(serviceOrders).values(Array.from({ length: OPEN_ORDERS }, (_, k) => order(HELD_JOBS + k, "accepted", null)));
  await database.exec("ANALYZE workers; ANALYZE service_orders");
}

async function dispatchLatency(database: Database, secrets: Secrets) {
  const ctx: Ctx = { database, secrets, actor: SYSTEM_ACTOR };
  const open = await database.db.select().from(serviceOrders).where(eq(serviceOrders.status, "accepted"));
  const tx = database.db as unknown as Parameters<typeof decideDispatch>[1];
  // warm-up: plans, caches
  for (const o of open.slice(0, 50)) await decideDispatch(ctx, tx, o);
  const decide: number[] = [];
  const raw: number[] = [];
  let chosen = 0;
  let candidates = 0;
  for (const o of open) {
    const s = await dispatchSettings(ctx, o.regionCode, tx);
    const r0 = performance.now();
    const c = await loadCandidates(tx, o, s);
    raw.push(performance.now() - r0);
    candidates += c.length;
    const t0 = performance.now();
    const ranked = await decideDispatch(ctx, tx, o);
    decide.push(performance.now() - t0);
    if (ranked.length) chosen++;
  }
  return { decide, raw, chosen, n: open.length, avgCandidates: candidates / open.length };
}

async function throughput(url: string, cookie: string, bodies: unknown[], path: string) {
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const res = await fetch(url + path, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });
        await res.arrayBuffer();
        if (res.status !== 201) failed++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return { rps: bodies.length / secs, secs, failed };
}

async function placement(database: Database, secrets: Secrets, n: number, engine: Engine) {
  const config = loadConfig({ PORT: "0", MQTT_PORT: "0", HOST: "127.0.0.1", DATA_DIR: os.tmpdir(), CARECIRCLE_SECRET: TEST_SECRET, CARECIRCLE_NO_DEMO: "1", LOG_LEVEL: "silent", ORDER_SWEEP_SECONDS: "0" });
  const server = await startServer({ config, database, logger: pino({ level: "silent" }) });
  // the bare endpoint: same HTTP stack, same JSON, one INSERT of the same row
  const [product] = await database.db.select().from(serviceProducts).where(eq(serviceProducts.category, "companionship")).limit(1);
  const elders = await selectRows<{ id: string; region_code: string; lat: number; lng: number; address: string }>(database.db, sql`SELECT id, region_code, lat, lng, address FROM elders WHERE lat IS NOT NULL`);
  const bare = new Hono().post("/bare", async (c) => {
    const b = (await c.req.json()) as { elderId: string; slotStart: string; notes: string };
    const e = elders.find((x) => x.id === b.elderId)!;
    const start = new Date(b.slotStart);
    const [row] = await database.db
      .insert(serviceOrders)
      .values({
        elderId: e.id,
        regionCode: e.region_code,
        providerId: product!.providerId,
        productId: product!.id,
        product: { name: product!.name, unit: product!.unit },
        unitPriceFen: product!.priceFen,
        slotStart: start,
        slotEnd: new Date(start.getTime() + product!.durationMinutes * 60_000),
        address: e.address,
        lat: e.lat,
        lng: e.lng,
        notes: b.notes,
        channel: "console",
        placedByRole: "operator",
      })
      .returning({ id: serviceOrders.id });
    return c.json({ id: row!.id }, 201);
  });
  const bareServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: bare.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as { port: number }).port}`;
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "operator", password: TEST_PASSWORD }) });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const day0 = Date.parse(`${shanghaiDate()}T00:00:00+08:00`) + 4 * 86_400_000;
  const bodies = (offset: number) =>
    Array.from({ length: n }, (_, i) => ({
      elderId: elders[i % elders.length]!.id,
      productId: product!.id,
      slotStart: new Date(day0 + ((offset + i) % 20) * 86_400_000 + (8 + (i % 9)) * 3_600_000).toISOString(),
      notes: "性能测试",
    }));
  // the placement's own cost: a provider that accepts by hand (no dispatch in the request)
  await database.db.update(providers).set({ autoAccept: false }).where(eq(providers.id, product!.providerId));
  await throughput(server.url, cookie, bodies(0).slice(0, 100), "/api/v1/service-orders"); // warm-up
  await throughput(bareUrl, "", bodies(0).slice(0, 100), "/bare");
  const api = await throughput(server.url, cookie, bodies(1), "/api/v1/service-orders");
  const raw = await throughput(bareUrl, "", bodies(1), "/bare");
  // and with automatic acceptance: placement + acceptance + dispatch in the one transaction
  await database.db.update(providers).set({ autoAccept: true }).where(eq(providers.id, product!.providerId));
  const auto = await throughput(server.url, cookie, bodies(2), "/api/v1/service-orders");
  await new Promise<void>((r) => bareServer.close(() => r()));
  await server.close();
  return { api, raw, auto };
}

async function run(engine: Engine) {
  let stopPg: (() => Promise<void>) | undefined;
  let database: Database;
  if (engine === "postgres") {
    const pg = await startPostgres();
    stopPg = pg.stop;
    database = await openDatabase({ databaseUrl: await createDatabase(pg.url, "bench"), poolSize: 10 });
  } else database = await openDatabase();
  try {
    const secrets = new Secrets(TEST_SECRET);
    await buildTemplate(database);
    const t0 = performance.now();
    await load(database, secrets);
    console.log(`[${engine}] load (not measured): ${WORKERS} workers, ${HELD_JOBS} held jobs, ${OPEN_ORDERS} open orders in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const d = await dispatchLatency(database, secrets);
    console.log(
      `[${engine}] dispatch decision over ${d.n} open orders (avg ${d.avgCandidates.toFixed(1)} candidates in the box, ${d.chosen} with a worker): p50 ${ms(pct(d.decide, 50))}, p99 ${ms(pct(d.decide, 99))}, max ${ms(Math.max(...d.decide))}` +
        ` | raw SQL (candidates + their jobs): p50 ${ms(pct(d.raw, 50))}, p99 ${ms(pct(d.raw, 99))} | ratio p99 ${(pct(d.decide, 99) / pct(d.raw, 99)).toFixed(2)}×`,
    );
    const p = await placement(database, secrets, Number(args.orders), engine);
    console.log(
      `[${engine}] placement via API (concurrency ${CONCURRENCY}, ${args.orders} orders): ${p.api.rps.toFixed(0)} req/s (${p.api.failed} failed) | bare insert endpoint: ${p.raw.rps.toFixed(0)} req/s (${p.raw.failed} failed) | ratio ${((p.api.rps / p.raw.rps) * 100).toFixed(0)} %` +
        ` | with automatic acceptance and dispatch: ${p.auto.rps.toFixed(0)} req/s (${p.auto.failed} failed, ${((p.auto.rps / p.raw.rps) * 100).toFixed(0)} % of bare)`,
    );
  } finally {
    await database.close();
    await stopPg?.();
  }
}

console.log(`bench/orders.ts on ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}`);
const engines: Engine[] = args.engine === "both" ? ["pglite", "postgres"] : [args.engine as Engine];
for (const e of engines) await run(e);
