import { z } from "zod";
import { SubsidyConditions } from "./subsidies.ts";

/** Service categories (SPEC C4). Labels: the UIs' i18n files; CATEGORY_NAMES for server-side sentences and exports. */
export const SERVICE_CATEGORIES = [
  "meal", // 助餐
  "bathing", // 助浴
  "cleaning", // 助洁
  "mobility", // 助行
  "medical", // 助医
  "emergency", // 助急
  "daily_care", // 生活照料
  "rehab_nursing", // 康复护理
  "companionship", // 精神慰藉
  "recreation", // 文化娱乐
  "legal_aid", // 法律援助
  "respite", // 短期托养
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
export const CATEGORY_NAMES: Record<ServiceCategory, string> = {
  meal: "助餐",
  bathing: "助浴",
  cleaning: "助洁",
  mobility: "助行",
  medical: "助医",
  emergency: "助急",
  daily_care: "生活照料",
  rehab_nursing: "康复护理",
  companionship: "精神慰藉",
  recreation: "文化娱乐",
  legal_aid: "法律援助",
  respite: "短期托养",
};

/** What a worker can do; products name the skills they need. */
export const WORKER_SKILLS = [
  "meal_delivery", // 送餐
  "bathing", // 助浴
  "cleaning", // 保洁
  "escort", // 陪同出行
  "medical_escort", // 陪诊
  "basic_care", // 生活照料
  "nursing", // 护理（需护士资格）
  "rehab", // 康复训练
  "companionship", // 陪伴聊天
  "haircut", // 理发
  "repair", // 家电维修
  "legal", // 法律咨询
] as const;
export type WorkerSkill = (typeof WORKER_SKILLS)[number];

/** Certificates (持证上岗): the kinds products may require. */
export const CERTIFICATE_KINDS = [
  "caregiver", // 养老护理员职业技能等级证书 (levels 5–1)
  "health", // 健康证
  "nurse", // 护士执业证书
  "rehab_therapist", // 康复治疗师
  "counselor", // 心理咨询师
  "electrician", // 电工证
  "lawyer", // 法律职业资格证书
] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export const PRICE_UNITS = ["visit", "hour", "day"] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

export const PROVIDER_STATUSES = ["pending", "approved", "suspended", "rejected"] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

// ── The order's state machine ────────────────────────────────────────────────────────────────────────────────────
export const ORDER_STATUSES = [
  "placed",
  "accepted",
  "assigned",
  "on_the_way",
  "checked_in",
  "checked_out",
  "confirmed",
  "settled",
  "cancelled",
  "rejected",
  "no_show",
  "disputed",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const TERMINAL_STATUSES: readonly OrderStatus[] = ["settled", "cancelled", "rejected", "no_show"];

/**
 * Who stands where to an order: the client side (the elder, a bound family member, or staff ordering for the elder —
 * operator, community worker), the provider's admin, the assigned worker, the bureau in whose region it is, the system.
 */
export type OrderParty = "client" | "provider" | "worker" | "bureau" | "system";

export const ORDER_ACTIONS = [
  "accept",
  "reject",
  "assign",
  "worker_accept",
  "refuse",
  "depart",
  "check_in",
  "check_out",
  "confirm",
  "dispute",
  "resolve",
  "void",
  "settle",
  "cancel",
  "no_show",
  "lapse",
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** Every legal move: from which states, to which, by whom. Anything not here is refused (409). */
export const ORDER_TRANSITIONS: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus; by: readonly OrderParty[] }> = {
  accept: { from: ["placed"], to: "accepted", by: ["provider", "system"] },
  reject: { from: ["placed", "accepted"], to: "rejected", by: ["provider"] },
  // dispatch, automatic or by the provider's hand; an assigned job may be handed to another worker
  assign: { from: ["accepted", "assigned"], to: "assigned", by: ["provider", "system"] },
  worker_accept: { from: ["assigned"], to: "assigned", by: ["worker"] },
  // the worker declines: back to dispatch
  refuse: { from: ["assigned"], to: "accepted", by: ["worker"] },
  depart: { from: ["assigned"], to: "on_the_way", by: ["worker"] },
  check_in: { from: ["assigned", "on_the_way"], to: "checked_in", by: ["worker"] },
  check_out: { from: ["checked_in"], to: "checked_out", by: ["worker"] },
  // the elder, family or operator confirms; or the worker records who confirmed on the spot
  confirm: { from: ["checked_out"], to: "confirmed", by: ["client", "worker"] },
  dispute: { from: ["checked_out"], to: "disputed", by: ["client"] },
  resolve: { from: ["disputed"], to: "confirmed", by: ["bureau"] },
  void: { from: ["disputed"], to: "cancelled", by: ["bureau"] },
  settle: { from: ["confirmed"], to: "settled", by: ["provider", "system"] },
  cancel: { from: ["placed", "accepted", "assigned", "on_the_way"], to: "cancelled", by: ["client"] },
  no_show: { from: ["assigned", "on_the_way"], to: "no_show", by: ["worker", "provider"] },
  // the assigned worker did not accept in time: back to dispatch
  lapse: { from: ["assigned"], to: "accepted", by: ["system"] },
};

export type TransitionRefusal = { kind: "state"; message: string } | { kind: "party"; message: string };

/** The next state, or why not. Pure: the server and the property tests both use it. */
export function nextOrderStatus(status: OrderStatus, action: OrderAction, parties: readonly OrderParty[]): OrderStatus | TransitionRefusal {
  const t = ORDER_TRANSITIONS[action];
  if (!t.by.some((p) => parties.includes(p))) return { kind: "party", message: "您不能对此订单执行该操作" };
  if (!t.from.includes(status)) return { kind: "state", message: `订单当前状态（${ORDER_STATUS_NAMES[status]}）不能${ORDER_ACTION_NAMES[action]}` };
  return t.to;
}

export const ORDER_STATUS_NAMES: Record<OrderStatus, string> = {
  placed: "已下单",
  accepted: "已接单",
  assigned: "已派单",
  on_the_way: "服务人员在路上",
  checked_in: "服务中",
  checked_out: "待确认",
  confirmed: "已确认",
  settled: "已结算",
  cancelled: "已取消",
  rejected: "服务商已拒单",
  no_show: "上门未遇",
  disputed: "有异议",
};
export const ORDER_ACTION_NAMES: Record<OrderAction, string> = {
  accept: "接单",
  reject: "拒单",
  assign: "派单",
  worker_accept: "确认接受工单",
  refuse: "退回工单",
  depart: "出发",
  check_in: "签到",
  check_out: "签退",
  confirm: "确认服务",
  dispute: "提出异议",
  resolve: "裁定并确认",
  void: "裁定作废",
  settle: "结算",
  cancel: "取消",
  no_show: "登记上门未遇",
  lapse: "超时未接，重新派单",
};

// ── Pricing: pay after the service (先服务后付费) ───────────────────────────────────────────────────────────────────

/**
 * What is billed for a product used `actualMinutes`: per visit — one visit; per hour — the booked hours, and any
 * time beyond them per started hour; per day — the booked days, and beyond them per started day.
 * `billableMinutes` is the time the price covers (free service minutes in the wallet are spent against it).
 */
export function billable(unit: PriceUnit, bookedMinutes: number, actualMinutes: number): { units: number; billableMinutes: number } {
  const actual = Math.max(0, actualMinutes);
  if (unit === "visit") return { units: 1, billableMinutes: bookedMinutes };
  const size = unit === "hour" ? 60 : 1440;
  const units = Math.max(Math.ceil(bookedMinutes / size), Math.ceil(actual / size), 1);
  return { units, billableMinutes: units * size };
}

/**
 * What is billed for a time the bureau finds billable when it resolves a dispute: exactly that time, per started unit,
 * without the booked minimum (0 minutes bills nothing; a visit is billed whole or not at all).
 */
export function billableFound(unit: PriceUnit, bookedMinutes: number, minutes: number): { units: number; billableMinutes: number } {
  const m = Math.max(0, minutes);
  if (unit === "visit") return m > 0 ? { units: 1, billableMinutes: bookedMinutes } : { units: 0, billableMinutes: 0 };
  const size = unit === "hour" ? 60 : 1440;
  const units = Math.ceil(m / size);
  return { units, billableMinutes: units * size };
}

export interface PaymentSplit {
  priceFen: number;
  /** Free service minutes taken from the wallet, and what they are worth of the price. */
  walletMinutes: number;
  minutesFen: number;
  /** Subsidy money taken from the wallet. */
  walletFen: number;
  /** The elder's own part, collected by the provider. */
  copayFen: number;
}

/**
 * Splits a price: free service minutes first (valued pro rata to the billable time), then subsidy money, then the
 * elder's co-pay. Never takes more than the wallet holds or the price asks; the parts always add up to the price.
 */
export function splitPayment(d: { priceFen: number; billableMinutes: number; minutesBalance: number; fenBalance: number; minutesAllowed: boolean; fenAllowed: boolean }): PaymentSplit {
  const price = Math.max(0, Math.trunc(d.priceFen));
  let walletMinutes = 0;
  let minutesFen = 0;
  if (d.minutesAllowed && d.billableMinutes > 0 && d.minutesBalance > 0 && price > 0) {
    walletMinutes = Math.min(Math.trunc(d.minutesBalance), d.billableMinutes);
    minutesFen = walletMinutes === d.billableMinutes ? price : Math.floor((price * walletMinutes) / d.billableMinutes);
  }
  const walletFen = d.fenAllowed ? Math.max(0, Math.min(Math.trunc(d.fenBalance), price - minutesFen)) : 0;
  return { priceFen: price, walletMinutes, minutesFen, walletFen, copayFen: price - minutesFen - walletFen };
}

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────────────────────────
const text = (max: number, label: string) => z.string({ error: `${label}应为文本` }).trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}个字`);
const regionCode = z.string().regex(/^\d{6,12}$/, "区划代码应为6–12位数字");
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间格式应为 HH:MM");

export const CreateProviderInput = z
  .object({
    name: text(100, "机构名称"),
    creditCode: z.string({ error: "统一社会信用代码应为文本" }).trim().min(1, "统一社会信用代码不能为空"),
    legalPerson: text(50, "法定代表人"),
    phone: text(20, "联系电话"),
    address: text(200, "地址"),
    regionCode: regionCode,
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    serviceRegions: z.array(regionCode).min(1, "请至少选择一个服务区域").max(200),
    qualifications: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
    description: z.string().trim().max(1000).nullable().optional(),
    /** Orders are accepted on placement, without the admin's click. */
    autoAccept: z.boolean().default(true),
  })
  .strict();
export type CreateProviderInput = z.input<typeof CreateProviderInput>;

/** What a provider admin (or the bureau) may change after registration; the name and credit code stay as filed. */
export const UpdateProviderInput = z
  .object({
    phone: text(20, "联系电话").optional(),
    address: text(200, "地址").optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    qualifications: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
    description: z.string().trim().max(1000).nullable().optional(),
    autoAccept: z.boolean().optional(),
  })
  .strict();

export const ProviderStatusInput = z
  .object({ status: z.enum(["approved", "suspended", "rejected"], { error: "状态应为 approved、suspended 或 rejected" }), reason: z.string().trim().max(500).optional() })
  .strict()
  .refine((v) => v.status === "approved" || (v.reason ?? "").length > 0, { message: "暂停或驳回须填写原因", path: ["reason"] });

export const CertificateInput = z
  .object({
    kind: z.enum(CERTIFICATE_KINDS, { error: "证书类别无效" }),
    /** Caregiver skill level 5 (初级) … 1 (高级技师). */
    level: z.number().int().min(1).max(5).nullable().optional(),
    number: z.string().trim().max(50).nullable().optional(),
    validFrom: z.iso.date({ error: "日期格式应为 YYYY-MM-DD" }).nullable().optional(),
    validTo: z.iso.date({ error: "日期格式应为 YYYY-MM-DD" }),
  })
  .strict();
export type CertificateInput = z.infer<typeof CertificateInput>;

export const CreateWorkerInput = z
  .object({
    name: text(50, "姓名"),
    phone: text(20, "电话"),
    /** An existing worker account to link (the caregiver signs in to the H5 app with it). */
    username: z.string().trim().max(32).nullable().optional(),
    skills: z.array(z.enum(WORKER_SKILLS, { error: "技能无效" })).min(1, "请至少选择一项技能").max(WORKER_SKILLS.length),
    certificates: z.array(CertificateInput).max(20).default([]),
    /** Days of week worked, 1 = Monday … 7 = Sunday; hours in Beijing time. */
    workDays: z.array(z.number().int().min(1).max(7)).min(1, "请至少选择一个工作日").max(7).default([1, 2, 3, 4, 5, 6]),
    workStart: hhmm.default("08:00"),
    workEnd: hhmm.default("18:00"),
    /** Where the worker starts from (home or the station): dispatch measures distances from here. */
    baseLat: z.number().min(-90).max(90),
    baseLng: z.number().min(-180).max(180),
  })
  .strict()
  .refine((w) => w.workStart < w.workEnd, { message: "下班时间应晚于上班时间", path: ["workEnd"] });
export type CreateWorkerInput = z.input<typeof CreateWorkerInput>;
export const UpdateWorkerInput = z
  .object({
    skills: z.array(z.enum(WORKER_SKILLS)).min(1).max(WORKER_SKILLS.length).optional(),
    certificates: z.array(CertificateInput).max(20).optional(),
    workDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
    workStart: hhmm.optional(),
    workEnd: hhmm.optional(),
    baseLat: z.number().min(-90).max(90).optional(),
    baseLng: z.number().min(-180).max(180).optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const SubsidyPriceTier = z
  .object({ label: text(50, "优惠名称"), conditions: SubsidyConditions, priceFen: z.number().int().min(0).max(100_000_000) })
  .strict();

export const CreateProductInput = z
  .object({
    providerId: z.uuid({ error: "服务商编号无效" }).optional(),
    name: text(100, "产品名称"),
    category: z.enum(SERVICE_CATEGORIES, { error: "服务类别无效" }),
    description: z.string().trim().max(1000).nullable().optional(),
    unit: z.enum(PRICE_UNITS, { error: "计价单位应为 visit、hour 或 day" }),
    priceFen: z.number({ error: "市场价应为数字（分）" }).int("市场价应为整数（分）").min(0).max(100_000_000),
    /** Lower prices for eligible elders (the lowest that applies is charged). */
    subsidyPrices: z.array(SubsidyPriceTier).max(10).default([]),
    durationMinutes: z.number().int().min(10, "服务时长至少10分钟").max(60 * 24 * 30),
    requiredSkills: z.array(z.enum(WORKER_SKILLS)).max(WORKER_SKILLS.length).default([]),
    requiredCertificates: z.array(z.enum(CERTIFICATE_KINDS)).max(CERTIFICATE_KINDS.length).default([]),
    /** Regions served; default: the provider's service area. */
    serviceRegions: z.array(regionCode).max(200).optional(),
    /** The checklist the worker ticks off. */
    tasks: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
    /** Whether the subsidy wallet may pay (money and free service time). */
    walletEligible: z.boolean().default(true),
    /** The facility (station, center) of the provider that delivers it: a suspended facility takes no government-paid orders. */
    facilityId: z.uuid({ error: "养老服务设施编号无效" }).nullable().optional(),
  })
  .strict()
  .refine((p) => p.subsidyPrices.every((t) => t.priceFen <= p.priceFen), { message: "优惠价不能高于市场价", path: ["subsidyPrices"] });
export type CreateProductInput = z.input<typeof CreateProductInput>;

export const ORDER_CHANNELS = ["h5", "console", "hotline", "community", "terminal"] as const;

export const PlaceOrderInput = z
  .object({
    elderId: z.uuid({ error: "老人编号无效" }),
    productId: z.uuid({ error: "服务产品编号无效" }),
    slotStart: z.iso.datetime({ offset: true, error: "服务时间格式应为 ISO 8601（含时区）" }),
    address: z.string().trim().min(1).max(200).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    notes: z.string().trim().max(500).optional(),
    channel: z.enum(ORDER_CHANNELS).optional(),
    /** The hotline call this order came from. */
    callId: z.string().trim().max(100).optional(),
    /**
     * Pay with time-bank hours (where the region allows it, for a listed service): the account (the elder's own hours,
     * gifted to them; or — placed by a community worker — a volunteer's, for the volunteer or their spouse).
     */
    timebank: z
      .object({
        accountId: z.uuid({ error: "时间账户编号无效" }),
        relation: z.enum(["self", "spouse"], { error: "受益人应为本人或配偶" }).default("self"),
      })
      .strict()
      .optional(),
  })
  .strict();
export type PlaceOrderInput = z.infer<typeof PlaceOrderInput>;

const position = {
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(100_000).optional(),
  /** The phone's GPS gives WGS-84 (the default); positions are kept and compared in GCJ-02. */
  datum: z.enum(["wgs84", "gcj02"]).default("wgs84"),
};
/** A JPEG or PNG as a data URL, at most ~600 KB. */
const photo = z
  .string()
  .max(800_000, "照片过大（不超过600KB）")
  .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/, "照片应为 JPEG 或 PNG");

export const TransitionInput = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("accept") }).strict(),
    z.object({ action: z.literal("reject"), reason: text(200, "拒单原因") }).strict(),
    z.object({ action: z.literal("assign"), workerId: z.uuid({ error: "服务人员编号无效" }).optional(), reason: z.string().trim().max(200).optional() }).strict(),
    z.object({ action: z.literal("worker_accept") }).strict(),
    z.object({ action: z.literal("refuse"), reason: text(200, "退回原因") }).strict(),
    z.object({ action: z.literal("depart") }).strict(),
    z.object({ action: z.literal("check_in"), ...position, photo: photo.optional() }).strict(),
    z
      .object({ action: z.literal("check_out"), lat: position.lat.optional(), lng: position.lng.optional(), datum: position.datum, tasksDone: z.array(z.string().trim().min(1).max(50)).max(20).default([]), notes: z.string().trim().max(1000).optional(), photo: photo.optional() })
      .strict(),
    z
      .object({
        action: z.literal("confirm"),
        /** When the worker records the confirmation: who gave it on the spot. */
        confirmedBy: z.enum(["elder", "family", "operator"]).optional(),
        confirmerName: z.string().trim().max(50).optional(),
      })
      .strict(),
    z.object({ action: z.literal("dispute"), reason: text(500, "异议内容") }).strict(),
    z.object({ action: z.literal("resolve"), billableMinutes: z.number().int().min(0).max(60 * 24 * 30).optional(), reason: text(500, "裁定说明") }).strict(),
    z.object({ action: z.literal("void"), reason: text(500, "裁定说明") }).strict(),
    z.object({ action: z.literal("settle"), method: z.enum(["cash", "transfer", "none"], { error: "收款方式应为 cash、transfer 或 none" }), reference: z.string().trim().max(100).optional() }).strict(),
    z.object({ action: z.literal("cancel"), reason: text(200, "取消原因") }).strict(),
    z.object({ action: z.literal("lapse") }).strict(),
    z.object({ action: z.literal("no_show"), lat: position.lat.optional(), lng: position.lng.optional(), datum: position.datum, notes: z.string().trim().max(500).optional() }).strict(),
  ],
  { error: "操作无效" },
);
export type TransitionInput = z.input<typeof TransitionInput>;

export const RatingInput = z.object({ stars: z.number().int().min(1, "评分为1–5星").max(5, "评分为1–5星"), comment: z.string().trim().max(500).optional() }).strict();
export const ComplaintInput = z.object({ content: text(1000, "投诉内容") }).strict();
export const ResolveComplaintInput = z.object({ resolution: text(1000, "处理结果") }).strict();
export const SATISFACTION = ["satisfied", "basically_satisfied", "dissatisfied"] as const;
export const ReturnVisitInput = z
  .object({
    orderId: z.uuid({ error: "订单编号无效" }),
    reached: z.boolean(),
    satisfaction: z.enum(SATISFACTION, { error: "满意度无效" }).optional(),
    /** Whether the service really happened as recorded (the bureau's check against fraud). */
    serviceHappened: z.boolean().optional(),
    notes: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((v) => !v.reached || v.satisfaction !== undefined, { message: "接通后须记录满意度", path: ["satisfaction"] });

export const InboundCallInput = z
  .object({ from: z.string().trim().min(3).max(30), to: z.string().trim().max(30).optional(), callId: z.string().trim().min(1).max(100) })
  .strict();

// ── What the API answers (the server builds these; both front ends read them) ────────────────────────────────────

/** The product as an order keeps it: a snapshot taken when it was placed. */
export interface OrderProduct {
  name: string;
  category: ServiceCategory;
  unit: PriceUnit;
  priceFen: number;
  durationMinutes: number;
  tasks: string[];
  requiredSkills: WorkerSkill[];
  requiredCertificates: CertificateKind[];
  walletEligible: boolean;
}

/** A lower price for elders who meet its conditions (the lowest that applies is charged). */
export interface PriceTier {
  label: string;
  conditions: SubsidyConditions;
  priceFen: number;
}

/** GET /api/v1/service-products items. */
export interface ProductView {
  id: string;
  providerId: string;
  providerName: string | null;
  providerRating: number | null;
  name: string;
  category: ServiceCategory;
  categoryName: string;
  description: string | null;
  unit: PriceUnit;
  priceFen: number;
  subsidyPrices: PriceTier[];
  durationMinutes: number;
  requiredSkills: WorkerSkill[];
  requiredCertificates: CertificateKind[];
  serviceRegions: string[];
  tasks: string[];
  walletEligible: boolean;
  /** The facility that delivers it, if any. */
  facilityId: string | null;
  /** Listed for the time bank: one unit's price in time-bank minutes (null: hours cannot buy it). */
  timebankMinutes: number | null;
  onSale: boolean;
}

/** POST /api/v1/service-orders/quote: the price and what the wallet would cover at today's balances. */
export interface QuoteView extends PaymentSplit {
  productName: string;
  unit: PriceUnit;
  marketPriceFen: number;
  unitPriceFen: number;
  priceTier: string | null;
  units: number;
  slotStart: string;
  slotEnd: string;
  address: string;
  walletBalanceFen: number;
  walletBalanceMinutes: number;
  overtimeNote: string | null;
  /** The booked units' price in time-bank minutes, where the region lets hours buy this listed service (else null). */
  timebankMinutes: number | null;
}

/** GET /api/v1/service-orders items. */
export interface OrderView {
  id: string;
  orderNo: string;
  status: OrderStatus;
  statusName: string;
  elderId: string;
  elderName: string | null;
  /** Masked (138****5678). */
  elderPhone: string | null;
  regionCode: string;
  regionName: string | null;
  providerId: string;
  providerName: string | null;
  productId: string;
  product: OrderProduct;
  unitPriceFen: number;
  priceTier: string | null;
  slotStart: string;
  slotEnd: string;
  address: string;
  lat: number | null;
  lng: number | null;
  notes: string | null;
  channel: string;
  workerId: string | null;
  workerName: string | null;
  workerPhone: string | null;
  workerAcceptedAt: string | null;
  checkedInAt: string | null;
  checkInDistanceM: number | null;
  checkedOutAt: string | null;
  tasksDone: string[] | null;
  serviceNotes: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  actualMinutes: number | null;
  billableMinutes: number | null;
  /** Set at confirmation: priceFen = minutesFen + walletFen + copayFen. */
  priceFen: number | null;
  walletMinutes: number | null;
  minutesFen: number | null;
  walletFen: number | null;
  copayFen: number | null;
  copayMethod: "cash" | "transfer" | "none" | null;
  /** Paid with time-bank hours: the minutes redeemed at placement (given back if it is called off), and the part of the price they covered. */
  timebankMinutes: number | null;
  timebankFen: number | null;
  timebankRefunded: boolean;
  settledAt: string | null;
  closedReason: string | null;
  flags: { code: string; text: string }[];
  stars: number | null;
  createdAt: string;
  /** In a detail: the actions open to the signed-in user. */
  actions?: OrderAction[];
}

/** A step on an order's timeline: an action of the state machine, or the system's place, flag, dispatch_none. */
export interface OrderEventView {
  id?: number;
  action: string;
  from: OrderStatus | null;
  to: OrderStatus;
  actorName: string | null;
  actorRole: string | null;
  at: string;
  detail: Record<string, unknown>;
}

/** GET /api/v1/service-orders/{id}: the order, the actions open to the user, and its timeline. */
export interface OrderDetailView extends OrderView {
  actions: OrderAction[];
  parties: OrderParty[];
  events: OrderEventView[];
}
