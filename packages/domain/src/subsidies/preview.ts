import { PreviewInput, shanghaiDate } from "@carecircle/shared";
import { selectRows } from "@carecircle/db";
import { sql } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { requirePermission } from "../core/permissions.ts";
import { parseInput } from "../elders/parse-input.ts";
import { eligibleWhere } from "./eligibility.ts";
import { getRuleInScope } from "./rules.ts";
import type { SubsidyBenefit, SubsidyConditions } from "@carecircle/shared";

/** Before a rule takes effect: how many qualify in a month, what it costs, and a sample (masked). */
export async function previewSubsidyRule({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  requirePermission(ctx.actor, "subsidy:read");
  const p = parseInput(PreviewInput, input ?? {});
  const rule = await getRuleInScope(ctx, id);
  const month = p.month ?? (rule.effectiveFrom > shanghaiDate() ? rule.effectiveFrom.slice(0, 7) : shanghaiDate().slice(0, 7));
  // a city rule previewed by a district user counts the district only
  const region = rule.regionCode.length >= ctx.actor.regionCode.length ? rule.regionCode : ctx.actor.regionCode;
  const where = eligibleWhere(region, rule.conditions as SubsidyConditions, month);
  const benefit = rule.benefit as SubsidyBenefit;
  const db = ctx.database.db;
  const [counts] = await selectRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM elders e WHERE ${where}`);
  const byStreet = await selectRows<{ street: string; name: string | null; n: string }>(
    db,
    sql`SELECT substr(e.region_code, 1, 9) AS street, r.name, count(*) AS n FROM elders e LEFT JOIN regions r ON r.code = substr(e.region_code, 1, 9) WHERE ${where} GROUP BY 1, 2 ORDER BY 1`,
  );
  const sample = await selectRows<{ id: string; name: string; id_number_masked: string; region_code: string; birth_date: string }>(
    db,
    sql`SELECT e.id, e.name, e.id_number_masked, e.region_code, e.birth_date::text AS birth_date FROM elders e WHERE ${where} ORDER BY e.name_pinyin, e.id LIMIT ${p.sample ?? 20}`,
  );
  const n = Number(counts?.n ?? 0);
  return {
    ruleId: rule.id,
    month,
    eligible: n,
    perElder: { amountFen: benefit.amountFen ?? 0, minutes: benefit.minutes ?? 0, kind: benefit.kind },
    /** The cost of one period: a month for monthly rules, the year for yearly ones, the one payment for "once". */
    costFen: n * (benefit.amountFen ?? 0),
    minutes: n * (benefit.minutes ?? 0),
    frequency: rule.frequency,
    byStreet: byStreet.map((s) => ({ regionCode: s.street, regionName: s.name, eligible: Number(s.n) })),
    sample: sample.map((e) => ({ id: e.id, name: e.name, idNumber: e.id_number_masked, regionCode: e.region_code, birthDate: e.birth_date })),
  };
}

