import { type Database, regions, selectRows, type Tx } from "@carecircle/db";
import { eq, sql } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import type { Certificate } from "../marketplace/workers.ts";
import { isProviderBlacklisted, isWorkerBlacklisted, workerBlacklistedSql } from "../supervision/credit.ts";
import { rulesFor } from "../regions/rules.ts";
import type { OrderRow } from "./access.ts";
import { type Candidate, type DispatchJob, type DispatchSettings, rankCandidates, type Ranked, refusalOf } from "./rank.ts";

const OPEN_JOB = sql.raw(`('assigned','on_the_way','checked_in')`);
const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3600_000;

// regions hardly change: one lookup per region per process
const regionCache = new WeakMap<Database, Map<string, { rural: boolean; lat: number | null; lng: number | null }>>();

/** A village (村) counts as rural for the service circle, the rest as urban; and the community's position. */
async function regionFacts(ctx: Ctx, regionCode: string, tx: Tx) {
  let cache = regionCache.get(ctx.database);
  if (!cache) regionCache.set(ctx.database, (cache = new Map()));
  let v = cache.get(regionCode);
  if (v === undefined) {
    const [r] = await tx.select({ name: regions.name, lat: regions.lat, lng: regions.lng }).from(regions).where(eq(regions.code, regionCode));
    v = { rural: Boolean(r?.name.endsWith("村")), lat: r?.lat ?? null, lng: r?.lng ?? null };
    cache.set(regionCode, v);
  }
  return v;
}

export async function dispatchSettings(ctx: Ctx, regionCode: string, tx: Tx): Promise<DispatchSettings & { rural: boolean; fallback: { lat: number; lng: number } | null }> {
  const f = await regionFacts(ctx, regionCode, tx);
  const r = await rulesFor(ctx, regionCode, ["dispatch.circleMinutesUrban", "dispatch.circleMinutesRural", "dispatch.speedKmhUrban", "dispatch.speedKmhRural"], tx);
  const fallback = f.lat != null && f.lng != null ? { lat: f.lat, lng: f.lng } : null;
  return f.rural
    ? { rural: true, fallback, circleMinutes: r["dispatch.circleMinutesRural"], speedKmh: r["dispatch.speedKmhRural"] }
    : { rural: false, fallback, circleMinutes: r["dispatch.circleMinutesUrban"], speedKmh: r["dispatch.speedKmhUrban"] };
}

/** The job as dispatch sees it; an address without a position is placed at its community's centre. */
function jobOf(order: OrderRow, s: { fallback: { lat: number; lng: number } | null }): DispatchJob {
  const product = order.product as { requiredSkills: string[]; requiredCertificates: string[] };
  return {
    start: order.slotStart.getTime(),
    end: order.slotEnd.getTime(),
    lat: order.lat ?? s.fallback?.lat ?? 0,
    lng: order.lng ?? s.fallback?.lng ?? 0,
    requiredSkills: product.requiredSkills,
    requiredCertificates: product.requiredCertificates,
  };
}

interface WorkerRowRaw {
  id: string;
  base_lat: number;
  base_lng: number;
  skills: string[];
  certificates: Certificate[];
  work_days: number[];
  work_start: string;
  work_end: string;
  rating_sum: number;
  rating_count: number;
}

/**
 * The candidates for an order: the provider's active workers with the skills, whose base lies in the box around the
 * home that the service circle fits in, with their open jobs that (Beijing) day. Two indexed queries.
 */
export async function loadCandidates(tx: Pick<Tx, "execute">, order: OrderRow, s: DispatchSettings & { fallback: { lat: number; lng: number } | null }, only?: string): Promise<Candidate[]> {
  const job = jobOf(order, s);
  const km = (s.speedKmh * s.circleMinutes) / 60;
  const dLat = km / 111;
  const dLng = km / (111 * Math.max(0.1, Math.cos((job.lat * Math.PI) / 180)));
  const where = only
    ? sql`id = ${only}::uuid AND provider_id = ${order.providerId}::uuid AND active`
    : sql`provider_id = ${order.providerId}::uuid AND active AND skills @> ${sql.param(job.requiredSkills)}::text[]
        AND NOT (id = ANY(${sql.param(order.declinedBy)}::uuid[])) AND NOT ${workerBlacklistedSql(sql`workers.id`)}
        AND base_lat BETWEEN ${job.lat - dLat} AND ${job.lat + dLat} AND base_lng BETWEEN ${job.lng - dLng} AND ${job.lng + dLng}`;
  const rows = await selectRows<WorkerRowRaw>(
    tx,
    sql`SELECT id, base_lat, base_lng, skills, certificates, work_days, work_start, work_end, rating_sum, rating_count FROM workers WHERE ${where}`,
  );
  if (rows.length === 0) return [];
  const dayStart = Math.floor((job.start + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS;
  const jobs = await selectRows<{ worker_id: string; slot_start: Date | string; slot_end: Date | string; lat: number | null; lng: number | null }>(
    tx,
    sql`SELECT worker_id, slot_start, slot_end, lat, lng FROM service_orders
        WHERE worker_id = ANY(${sql.param(rows.map((r) => r.id))}::uuid[]) AND status IN ${OPEN_JOB}
          AND slot_start < ${new Date(dayStart + DAY_MS).toISOString()}::timestamptz AND slot_end > ${new Date(dayStart).toISOString()}::timestamptz
          AND id <> ${order.id}::uuid`,
  );
  const byWorker = new Map<string, Candidate["jobs"][number][]>();
  for (const j of jobs) {
    const list = byWorker.get(j.worker_id) ?? [];
    list.push({ start: new Date(j.slot_start).getTime(), end: new Date(j.slot_end).getTime(), lat: j.lat ?? job.lat, lng: j.lng ?? job.lng });
    byWorker.set(j.worker_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    baseLat: r.base_lat,
    baseLng: r.base_lng,
    skills: r.skills,
    certificates: typeof r.certificates === "string" ? JSON.parse(r.certificates) : r.certificates,
    workDays: r.work_days.map(Number),
    workStart: r.work_start,
    workEnd: r.work_end,
    ratingSum: r.rating_sum,
    ratingCount: r.rating_count,
    jobs: byWorker.get(r.id) ?? [],
  }));
}

/** The dispatch decision alone (no writes): the ranked candidates for an order. The benchmark times this. */
export async function decideDispatch(ctx: Ctx, tx: Tx, order: OrderRow): Promise<Ranked[]> {
  const s = await dispatchSettings(ctx, order.regionCode, tx);
  const candidates = await loadCandidates(tx, order, s);
  return rankCandidates(jobOf(order, s), candidates, s).ranked;
}

const REFUSAL_TEXT = { skills: "不具备该服务所需技能", certificates: "缺少有效的资格证书", hours: "该时段不在其工作时间内", busy: "该时段已有其他工单（含路程时间）", far: "超出服务圈范围" } as const;

/**
 * Picks the worker for an order inside the caller's transaction, or — with `workerId` — checks the provider's own
 * choice (unqualified or double-booked is refused; outside the circle or the working hours is allowed and noted).
 * The chosen worker's row is locked and their jobs re-read, so two dispatches cannot double-book one worker.
 */
export async function chooseWorker(ctx: Ctx, tx: Tx, order: OrderRow, workerId?: string): Promise<{ workerId: string; travelMinutes: number | null; note?: string } | null> {
  const s = await dispatchSettings(ctx, order.regionCode, tx);
  const job = jobOf(order, s);
  // a provider or a worker blacklisted today gets no work
  const providerListed = await isProviderBlacklisted(tx, order.providerId);
  if (workerId) {
    if (!isUuid(workerId)) throw new NotFoundError("服务人员不存在");
    if (providerListed) throw new ValidationError("该服务商已被列入黑名单，不能派单", [{ path: "workerId", message: "服务商在黑名单期内" }]);
    if (await isWorkerBlacklisted(tx, workerId)) throw new ValidationError("该服务人员已被列入黑名单，不能派单", [{ path: "workerId", message: "该服务人员在黑名单期内" }]);
    await tx.execute(sql`SELECT id FROM workers WHERE id = ${workerId}::uuid FOR UPDATE`);
    const [c] = await loadCandidates(tx, order, s, workerId);
    if (!c) throw new NotFoundError("服务人员不存在");
    const why = refusalOf(job, c, s);
    if (why === "skills" || why === "certificates") throw new ValidationError(`该服务人员${REFUSAL_TEXT[why]}`, [{ path: "workerId", message: REFUSAL_TEXT[why] }]);
    if (why === "busy") throw new ConflictError(`该服务人员${REFUSAL_TEXT.busy}`);
    return { workerId, travelMinutes: null, ...(why ? { note: REFUSAL_TEXT[why] } : {}) };
  }
  if (providerListed) return null;
  const tried = new Set<string>();
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidates = (await loadCandidates(tx, order, s)).filter((c) => !tried.has(c.id));
    const best = rankCandidates(job, candidates, s).ranked[0];
    if (!best) return null;
    // lock, then look again: a concurrent dispatch may have just given this worker an overlapping job
    await tx.execute(sql`SELECT id FROM workers WHERE id = ${best.id}::uuid FOR UPDATE`);
    const [fresh] = await loadCandidates(tx, order, s, best.id);
    if (fresh && refusalOf(job, fresh, s) === null) return { workerId: best.id, travelMinutes: best.travelMinutes };
    tried.add(best.id);
  }
  return null;
}
