import { selectRows, subsidyRules, subsidyRuns, type Tx } from "@carecircle/db";
import { shanghaiDate, StartRunInput, type SubsidyBenefit, type SubsidyConditions } from "@carecircle/shared";
import { and, desc, eq, inArray, like, lt, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { inScope, requirePermission } from "../core/permissions.ts";
import { parseInput } from "../elders/parse-input.ts";
import { eligibleWhere } from "./eligibility.ts";
import { addMonthsTo, expiryFor, monthEnd, monthStart, periodKey } from "./periods.ts";
import { isUuid } from "../core/ids.ts";

type RuleRow = typeof subsidyRules.$inferSelect;
type RunRow = typeof subsidyRuns.$inferSelect;

/** How far back a run looks for months an elder was wrongly left out of (a corrected record, a retroactive rule). */
export const BACKPAY_MONTHS = 12;
const running = new Map<string, Promise<void>>();

/** The rules that apply to a region: its own subtree's and those of the regions above it, in force during the month. */
async function rulesFor(ctx: Ctx, regionCode: string, month: string): Promise<RuleRow[]> {
  // a retired version still governs the months before its successor took effect
  const rows = await ctx.database.db.select().from(subsidyRules).where(inArray(subsidyRules.status, ["active", "retired"]));
  const end = monthEnd(month);
  const start = monthStart(month);
  return rows.filter(
    (r) =>
      // operating subsidies go to providers, per served elder, on their monthly statements: not part of the elders' run
      (r.benefit as SubsidyBenefit).kind !== "provider" &&
      (r.regionCode.startsWith(regionCode) || regionCode.startsWith(r.regionCode)) &&
      r.effectiveFrom <= end &&
      (r.effectiveTo === null || r.effectiveTo >= start),
  );
}

/**
 * Starts (or resumes) the monthly run for the actor's region: credits each rule's entitlements, back-pays months an
 * elder was wrongly left out of, expires lapsed credit, and flags suspicious cases. Every step is one set-based
 * statement in its own transaction, and entitlements are unique per (rule, elder, period), so a run can be repeated
 * or resumed after a crash without paying anyone twice.
 */
export async function startSubsidyRun({ ctx, input, wait = false }: { ctx: Ctx; input: unknown; wait?: boolean }) {
  requirePermission(ctx.actor, "subsidy:manage");
  const { month } = parseInput(StartRunInput, input);
  if (month > shanghaiDate().slice(0, 7)) throw new ValidationError("不能发放尚未开始的月份", [{ path: "month", message: "不能发放尚未开始的月份" }]);
  const region = ctx.actor.regionCode;
  const rules = await rulesFor(ctx, region, month);
  const run = await withTransaction(ctx, async (tx) => {
    const [existing] = await tx.select().from(subsidyRuns).where(and(eq(subsidyRuns.month, month), eq(subsidyRuns.regionCode, region))).for("update");
    if (existing?.status === "running" && running.has(existing.id)) throw new InvalidStateError(`${month} 的发放正在进行中`);
    const steps = rules.length + rules.filter((r) => r.frequency === "monthly").length + 2;
    const values = { status: "running", totalSteps: steps, doneSteps: 0, error: null, startedBy: ctx.actor.id, startedAt: new Date(), finishedAt: null };
    const [row] = existing
      ? await tx.update(subsidyRuns).set(values).where(eq(subsidyRuns.id, existing.id)).returning()
      : await tx.insert(subsidyRuns).values({ month, regionCode: region, ...values }).returning();
    await recordAudit(tx, ctx, { action: "subsidy.run_start", targetType: "subsidy_run", targetId: row!.id, regionCode: region || undefined, detail: { month, rules: rules.length, resumed: Boolean(existing) } });
    return row!;
  });
  const work = execute(ctx, run, rules).finally(() => running.delete(run.id));
  running.set(run.id, work);
  if (wait) await work;
  return getSubsidyRun({ ctx, id: run.id });
}

async function execute(ctx: Ctx, run: RunRow, rules: RuleRow[]) {
  const db = ctx.database.db;
  const [previous] = await db
    .select()
    .from(subsidyRuns)
    .where(and(eq(subsidyRuns.regionCode, run.regionCode), eq(subsidyRuns.status, "done"), lt(subsidyRuns.month, run.month)))
    .orderBy(desc(subsidyRuns.month))
    .limit(1);
  const step = async (fn: (tx: Tx) => Promise<unknown>) => {
    await db.transaction(async (tx) => {
      await fn(tx);
      await tx.update(subsidyRuns).set({ doneSteps: sql`${subsidyRuns.doneSteps} + 1` }).where(eq(subsidyRuns.id, run.id));
    });
  };
  try {
    for (const rule of rules) await step((tx) => creditRule(tx, run, rule, run.month, false, null));
    for (const rule of rules.filter((r) => r.frequency === "monthly")) {
      await step(async (tx) => {
        if (!previous) return;
        // months already run for this region, within the look-back and the rule's life
        const months = (
          await selectRows<{ month: string }>(
            tx,
            sql`SELECT month FROM subsidy_runs WHERE region_code = ${run.regionCode} AND status = 'done' AND month < ${run.month}
                AND month >= ${addMonthsTo(run.month, -BACKPAY_MONTHS)} AND month >= ${rule.effectiveFrom.slice(0, 7)} ORDER BY month`,
          )
        ).map((r) => r.month);
        // only records changed since the last run (a corrected death, a new assessment), unless the rule itself is new
        const since = rule.activatedAt && rule.activatedAt > previous.startedAt ? null : previous.startedAt;
        for (const m of months) await creditRule(tx, run, rule, m, true, since);
      });
    }
    await step((tx) => expireCredits(tx, run));
    await step((tx) => flagSuspicious(tx, run));
    const summary = await summarize(ctx, run);
    await withTransaction(ctx, async (tx) => {
      await tx.update(subsidyRuns).set({ status: "done", summary, finishedAt: new Date() }).where(eq(subsidyRuns.id, run.id));
      await recordAudit(tx, ctx, { action: "subsidy.run_done", targetType: "subsidy_run", targetId: run.id, regionCode: run.regionCode || undefined, detail: { month: run.month, totals: summary.totals } });
    });
  } catch (e) {
    console.error(`subsidy run ${run.id} failed:`, e instanceof Error ? e.message.split("\nparams:")[0] : e);
    await db.update(subsidyRuns).set({ status: "failed", error: "发放过程中出现错误；已完成的步骤保留，重新运行同一月份即可继续（不会重复发放）", finishedAt: new Date() }).where(eq(subsidyRuns.id, run.id));
  }
}

/**
 * One rule for one month: entitlements for everyone eligible who has none for the period yet, and the wallet credit
 * of those that go to the wallet, in one statement. `backpay` pays an earlier month now.
 */
async function creditRule(tx: Tx, run: RunRow, rule: RuleRow, month: string, backpay: boolean, changedSince: Date | null) {
  const benefit = rule.benefit as SubsidyBenefit;
  // a city rule run by a district covers the district only
  const region = rule.regionCode.length >= run.regionCode.length ? rule.regionCode : run.regionCode;
  const where = eligibleWhere(region, rule.conditions as SubsidyConditions, month);
  const changed = changedSince ? sql` AND e.updated_at >= ${changedSince.toISOString()}::timestamptz` : sql``;
  const period = periodKey(rule.frequency, month);
  const expires = expiryFor(benefit.expires, run.month);
  const unit = benefit.kind === "hours" ? "minute" : "fen";
  await tx.execute(sql`
    WITH ins AS (
      INSERT INTO entitlements (run_id, rule_id, rule_code, elder_id, region_code, month, period_key, kind, amount_fen, minutes, budget_line, backpay)
      SELECT ${run.id}::uuid, ${rule.id}::uuid, ${rule.code}::text, e.id, e.region_code, ${run.month}::text, ${period}::text, ${benefit.kind}::text,
        ${benefit.amountFen ?? 0}::int, ${benefit.minutes ?? 0}::int, ${rule.budgetLine}::text, ${backpay}::boolean
      FROM elders e WHERE ${where}${changed}
      -- rows reach the elder-keyed indexes in key order (measured: about a fifth faster on 1M elders)
      ORDER BY e.id
      ON CONFLICT (rule_code, elder_id, period_key) DO NOTHING
      RETURNING id, elder_id, amount_fen, minutes
    )
    INSERT INTO wallet_entries (elder_id, unit, kind, amount, entitlement_id, rule_id, month, expires_at, note)
    SELECT elder_id, ${unit}::text, ${backpay ? "backpay" : "credit"}::text, ${unit === "minute" ? sql`minutes` : sql`amount_fen`}, id, ${rule.id}::uuid, ${period}::text, ${expires}::date, ${rule.name}::text
    FROM ins WHERE ${benefit.kind !== "cash"}::boolean`);
}

/**
 * Credit whose date has passed lapses by an expiry entry (never by deletion). Spending is taken from the oldest credit
 * first, so what lapses is what was credited before the date and not yet spent or expired; a repeat finds nothing.
 */
async function expireCredits(tx: Tx, run: RunRow) {
  const start = monthStart(run.month);
  await tx.execute(sql`
    INSERT INTO wallet_entries (elder_id, unit, kind, amount, month, note)
    SELECT w.elder_id, w.unit, 'expiry', -LEAST(w.balance, w.lapsed - w.used), ${run.month}::text, '补贴额度到期'
    FROM (
      SELECT x.elder_id, x.unit, SUM(x.amount) AS balance,
        SUM(CASE WHEN x.amount > 0 AND x.expires_at < ${start}::date THEN x.amount ELSE 0 END) AS lapsed,
        -SUM(CASE WHEN x.amount < 0 THEN x.amount ELSE 0 END) AS used
      FROM wallet_entries x JOIN elders e ON e.id = x.elder_id
      WHERE e.region_code LIKE ${`${run.regionCode}%`}
        AND x.elder_id IN (SELECT elder_id FROM wallet_entries WHERE expires_at < ${start}::date)
      GROUP BY x.elder_id, x.unit
    ) w
    WHERE w.lapsed > w.used AND w.balance > 0`);
}

/** An elder credited for a month that began after their recorded death: for the bureau to look at. */
async function flagSuspicious(tx: Tx, run: RunRow) {
  await tx.execute(sql`
    INSERT INTO subsidy_flags (elder_id, region_code, kind, month, detail)
    SELECT DISTINCT ON (e.id, en.period_key) e.id, e.region_code, 'credited_after_death', en.period_key,
      jsonb_build_object('statusDate', e.status_date::text, 'ruleCode', en.rule_code, 'amountFen', en.amount_fen, 'minutes', en.minutes)
    FROM entitlements en JOIN elders e ON e.id = en.elder_id
    WHERE e.status = 'deceased' AND e.region_code LIKE ${`${run.regionCode}%`}
      AND en.period_key ~ '^[0-9]{4}-[0-9]{2}$' AND (en.period_key || '-01')::date > e.status_date
    ON CONFLICT (elder_id, kind, month) DO NOTHING`);
}

async function summarize(ctx: Ctx, run: RunRow) {
  const byRule = await selectRows<{ rule_code: string; kind: string; budget_line: string; n: string; fen: string; minutes: string; backpay: string }>(
    ctx.database.db,
    sql`SELECT rule_code, kind, budget_line, count(*) AS n, COALESCE(sum(amount_fen), 0) AS fen, COALESCE(sum(minutes), 0) AS minutes, count(*) FILTER (WHERE backpay) AS backpay
        FROM entitlements WHERE run_id = ${run.id}::uuid GROUP BY 1, 2, 3 ORDER BY 1`,
  );
  const byRegion = await selectRows<{ street: string; n: string; fen: string }>(
    ctx.database.db,
    sql`SELECT substr(region_code, 1, 9) AS street, count(*) AS n, COALESCE(sum(amount_fen), 0) AS fen FROM entitlements WHERE run_id = ${run.id}::uuid GROUP BY 1 ORDER BY 1`,
  );
  const rules = byRule.map((r) => ({ ruleCode: r.rule_code, kind: r.kind, budgetLine: r.budget_line, entitlements: Number(r.n), amountFen: Number(r.fen), minutes: Number(r.minutes), backpay: Number(r.backpay) }));
  return {
    rules,
    regions: byRegion.map((r) => ({ regionCode: r.street, entitlements: Number(r.n), amountFen: Number(r.fen) })),
    totals: {
      entitlements: rules.reduce((s, r) => s + r.entitlements, 0),
      cashFen: rules.filter((r) => r.kind === "cash").reduce((s, r) => s + r.amountFen, 0),
      walletFen: rules.filter((r) => r.kind === "wallet").reduce((s, r) => s + r.amountFen, 0),
      minutes: rules.reduce((s, r) => s + r.minutes, 0),
    },
  };
}

function toRunView(run: RunRow) {
  return {
    id: run.id,
    month: run.month,
    regionCode: run.regionCode,
    status: run.status,
    progress: run.totalSteps ? run.doneSteps / run.totalSteps : 0,
    doneSteps: run.doneSteps,
    totalSteps: run.totalSteps,
    summary: run.summary,
    error: run.error,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

export async function getSubsidyRun({ ctx, id }: { ctx: Ctx; id: string }) {
  requirePermission(ctx.actor, "subsidy:read");
  if (!isUuid(id)) throw new NotFoundError("发放批次不存在");
  const [run] = await ctx.database.db.select().from(subsidyRuns).where(eq(subsidyRuns.id, id));
  if (!run || !inScope(ctx.actor, run.regionCode)) throw new NotFoundError("发放批次不存在");
  return toRunView(run);
}

/** The runs of the actor's region and below, newest month first (one query). */
export async function listSubsidyRuns({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.actor, "subsidy:read");
  const rows = await ctx.database.db.select().from(subsidyRuns).where(like(subsidyRuns.regionCode, `${ctx.actor.regionCode}%`)).orderBy(desc(subsidyRuns.month));
  return { items: rows.map(toRunView) };
}

/** Runs cut off by a restart are marked failed; running the month again resumes them. */
export async function failInterruptedRuns(ctx: Ctx) {
  await ctx.database.db.update(subsidyRuns).set({ status: "failed", error: "服务重启，发放中断；重新运行同一月份即可继续" }).where(eq(subsidyRuns.status, "running"));
}

export async function drainRuns() {
  await Promise.allSettled([...running.values()]);
}
