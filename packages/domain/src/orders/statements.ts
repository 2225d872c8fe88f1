import { providers, selectRows, subsidyRules } from "@carecircle/db";
import { type SubsidyBenefit, type SubsidyConditions, yuanText } from "@carecircle/shared";
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { recordAudit } from "../audit/record-audit.ts";
import type { Ctx } from "../core/context.ts";
import { ForbiddenError, NotFoundError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { eligibleWhere } from "../subsidies/eligibility.ts";
import { monthEnd, monthStart } from "../subsidies/periods.ts";

interface Line {
  id: string;
  order_no: string;
  settled_at: string;
  elder_name: string;
  ability_level: number | null;
  product: { name: string; unit: string };
  worker_name: string | null;
  actual_minutes: number | null;
  price_fen: number;
  minutes_fen: number;
  wallet_fen: number;
  wallet_minutes: number;
  copay_fen: number;
  copay_method: string;
  copay_reference: string | null;
  timebank_minutes: number | null;
  timebank_fen: number | null;
}

/**
 * A provider's monthly settlement statement (结算单): every order settled in the month (Beijing time) with its price,
 * the subsidy parts (free service time, wallet money) the bureau pays, and the co-pay the provider collected, by
 * method; confirmed orders still awaiting collection; served elders by ability level (the basis of the operating
 * subsidy). The provider sees its own; the bureau the orders of its region.
 */
export async function providerStatement({ ctx, providerId, month }: { ctx: Ctx; providerId: string; month: string }) {
  if (!isUuid(providerId)) throw new NotFoundError("服务商不存在");
  const own = ctx.actor.role === "provider_admin" && ctx.actor.providerId === providerId;
  if (!own && !ctx.actor.permissions.has("order:read")) throw new ForbiddenError("您不能查看该服务商的结算单");
  const [p] = await ctx.database.db.select().from(providers).where(eq(providers.id, providerId));
  if (!p) throw new NotFoundError("服务商不存在");
  const scope = own ? sql`true` : sql`o.region_code LIKE ${`${ctx.actor.regionCode}%`}`;
  const lines = await selectRows<Line>(
    ctx.database.db,
    sql`SELECT o.id, o.order_no, o.settled_at, e.name AS elder_name, e.ability_level, o.product, w.name AS worker_name, o.actual_minutes,
          o.price_fen, o.minutes_fen, o.wallet_fen, o.wallet_minutes, o.copay_fen, o.copay_method, o.copay_reference,
          o.timebank_minutes, o.timebank_fen
        FROM service_orders o JOIN elders e ON e.id = o.elder_id LEFT JOIN workers w ON w.id = o.worker_id
        WHERE o.provider_id = ${providerId}::uuid AND o.status = 'settled' AND ${scope}
          AND to_char(o.settled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}
        ORDER BY o.settled_at, o.order_no`,
  );
  const [outstanding] = await selectRows<{ n: string; fen: string }>(
    ctx.database.db,
    sql`SELECT count(*) AS n, COALESCE(sum(copay_fen), 0) AS fen FROM service_orders o WHERE o.provider_id = ${providerId}::uuid AND o.status = 'confirmed' AND ${scope}`,
  );
  const sum = (f: (l: Line) => number) => lines.reduce((s, l) => s + f(l), 0);
  const byMethod = (m: string) => sum((l) => (l.copay_method === m ? l.copay_fen : 0));
  const [elderCounts] = await selectRows<{ total: string; disabled: string; semi: string; able: string }>(
    ctx.database.db,
    sql`SELECT count(DISTINCT o.elder_id) AS total,
          count(DISTINCT o.elder_id) FILTER (WHERE e.ability_level IN (3, 4)) AS disabled,
          count(DISTINCT o.elder_id) FILTER (WHERE e.ability_level IN (1, 2)) AS semi,
          count(DISTINCT o.elder_id) FILTER (WHERE e.ability_level = 0 OR e.ability_level IS NULL) AS able
        FROM service_orders o JOIN elders e ON e.id = o.elder_id
        WHERE o.provider_id = ${providerId}::uuid AND o.status = 'settled' AND ${scope}
          AND to_char(o.settled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}`,
  );
  const operatingSubsidies = await operatingSubsidiesFor(ctx, providerId, month, scope);
  return {
    providerId,
    providerName: p.name,
    month,
    /** The operating subsidy the bureau owes the provider for the month: each rule's served elders × its amount. */
    operatingSubsidies,
    operatingSubsidyFen: operatingSubsidies.reduce((sum, r) => sum + r.amountFen, 0),
    totals: {
      orders: lines.length,
      priceFen: sum((l) => l.price_fen),
      subsidyFen: sum((l) => l.minutes_fen + l.wallet_fen),
      /** Paid with time-bank hours: the hours spent, and the part of the price the time bank pays the provider. */
      timebankOrders: lines.filter((l) => l.timebank_minutes !== null).length,
      timebankMinutes: sum((l) => l.timebank_minutes ?? 0),
      timebankFen: sum((l) => l.timebank_fen ?? 0),
      minutesFen: sum((l) => l.minutes_fen),
      walletFen: sum((l) => l.wallet_fen),
      walletMinutes: sum((l) => l.wallet_minutes),
      copayFen: sum((l) => l.copay_fen),
      copayCashFen: byMethod("cash"),
      copayTransferFen: byMethod("transfer"),
      outstandingOrders: Number(outstanding?.n ?? 0),
      outstandingCopayFen: Number(outstanding?.fen ?? 0),
    },
    servedElders: { total: Number(elderCounts?.total ?? 0), disabled: Number(elderCounts?.disabled ?? 0), semiDisabled: Number(elderCounts?.semi ?? 0), selfCare: Number(elderCounts?.able ?? 0) },
    lines: lines.map((l) => ({
      orderId: l.id,
      orderNo: l.order_no,
      settledAt: new Date(l.settled_at).toISOString(),
      elderName: l.elder_name,
      productName: l.product.name,
      workerName: l.worker_name,
      actualMinutes: l.actual_minutes,
      priceFen: l.price_fen,
      minutesFen: l.minutes_fen,
      walletFen: l.wallet_fen,
      timebankMinutes: l.timebank_minutes,
      timebankFen: l.timebank_fen ?? 0,
      copayFen: l.copay_fen,
      copayMethod: l.copay_method,
      copayReference: l.copay_reference,
    })),
  };
}

/**
 * Operating subsidies (rules of kind `provider`, in force for the month in a region above the orders'): for each rule,
 * the distinct elders this provider served (orders settled in the month) who meet its conditions — ages and ability
 * as of the month, by the same condition the elders' subsidies use — times its amount.
 */
async function operatingSubsidiesFor(ctx: Ctx, providerId: string, month: string, scope: SQL) {
  const rules = (await ctx.database.db.select().from(subsidyRules).where(inArray(subsidyRules.status, ["active", "retired"]))).filter(
    (r) => (r.benefit as SubsidyBenefit).kind === "provider" && r.effectiveFrom <= monthEnd(month) && (r.effectiveTo === null || r.effectiveTo >= monthStart(month)),
  );
  const out: { ruleId: string; ruleCode: string; name: string; budgetLine: string; elders: number; perElderFen: number; amountFen: number }[] = [];
  for (const r of rules) {
    const perElder = (r.benefit as SubsidyBenefit).amountFen ?? 0;
    const [row] = await selectRows<{ n: string }>(
      ctx.database.db,
      sql`SELECT count(DISTINCT e.id) AS n FROM service_orders o JOIN elders e ON e.id = o.elder_id
          WHERE o.provider_id = ${providerId}::uuid AND o.status = 'settled' AND ${scope}
            AND to_char(o.settled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}
            AND ${eligibleWhere(r.regionCode, r.conditions as SubsidyConditions, month)}`,
    );
    const n = Number(row?.n ?? 0);
    if (n > 0) out.push({ ruleId: r.id, ruleCode: r.code, name: r.name, budgetLine: r.budgetLine, elders: n, perElderFen: perElder, amountFen: n * perElder });
  }
  return out;
}

const METHOD_TEXT: Record<string, string> = { cash: "现金", transfer: "转账", none: "无需收取" };

/** The statement as the Excel workbook the provider and the bureau's finance office exchange. */
export async function providerStatementXlsx({ ctx, providerId, month }: { ctx: Ctx; providerId: string; month: string }) {
  const s = await providerStatement({ ctx, providerId, month });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${month} 结算单`);
  ws.addRow([`${s.providerName} ${month} 服务结算单`]).font = { bold: true, size: 14 };
  ws.addRow([]);
  const header = ws.addRow(["订单号", "结算时间", "老人", "服务项目", "服务人员", "服务时长（分钟）", "服务费（元）", "免费时长抵扣（元）", "补贴账户支付（元）", "时间银行兑换（小时）", "时间银行支付（元）", "老人自付（元）", "自付收款方式", "收款凭证"]);
  header.font = { bold: true };
  for (const l of s.lines) {
    ws.addRow([l.orderNo, l.settledAt.slice(0, 16).replace("T", " "), l.elderName, l.productName, l.workerName ?? "", l.actualMinutes ?? "", Number(yuanText(l.priceFen)), Number(yuanText(l.minutesFen)), Number(yuanText(l.walletFen)), l.timebankMinutes === null ? "" : l.timebankMinutes / 60, Number(yuanText(l.timebankFen)), Number(yuanText(l.copayFen)), METHOD_TEXT[l.copayMethod] ?? l.copayMethod, l.copayReference ?? ""]);
  }
  const t = s.totals;
  ws.addRow([]);
  ws.addRow(["合计", "", `${t.orders} 单`, "", "", "", Number(yuanText(t.priceFen)), Number(yuanText(t.minutesFen)), Number(yuanText(t.walletFen)), t.timebankMinutes / 60, Number(yuanText(t.timebankFen)), Number(yuanText(t.copayFen))]).font = { bold: true };
  ws.addRow(["其中自付现金（元）", Number(yuanText(t.copayCashFen)), "自付转账（元）", Number(yuanText(t.copayTransferFen)), "待收自付（元）", Number(yuanText(t.outstandingCopayFen))]);
  ws.addRow(["服务老人（人）", s.servedElders.total, "失能", s.servedElders.disabled, "半失能", s.servedElders.semiDisabled, "自理", s.servedElders.selfCare]);
  for (const o of s.operatingSubsidies) ws.addRow([`运营补贴：${o.name}`, `${o.elders} 人 × ${yuanText(o.perElderFen)} 元`, "", "", "", "", Number(yuanText(o.amountFen))]);
  if (s.operatingSubsidies.length) ws.addRow(["运营补贴合计（元）", Number(yuanText(s.operatingSubsidyFen))]).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = [20, 18, 10, 22, 10, 10, 12, 14, 14, 14, 14, 12, 12, 16][i] ?? 12));
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  await ctx.database.db.transaction((tx) => recordAudit(tx, ctx, { action: "statement.export", targetType: "provider", targetId: providerId, detail: { month, orders: t.orders } }));
  return { data, fileName: `settlement-${month}.xlsx` };
}
