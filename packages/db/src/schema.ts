import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** GB/T 2260 + statistical codes: 2, 4, 6, 9, 12 digits; a subtree is a code prefix. */
export const regions = pgTable(
  "regions",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    level: smallint("level").notNull(),
    parentCode: text("parent_code"),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
  },
  (t) => [index("regions_parent_idx").on(t.parentCode)],
);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role").notNull(),
  regionCode: text("region_code")
    .notNull()
    .references(() => regions.code),
  /** For the `elder` role: the registry record this account belongs to. */
  elderId: uuid("elder_id"),
  /** For `provider_admin` and `worker` accounts: the provider they work for. */
  providerId: uuid("provider_id"),
  failedLogins: integer("failed_logins").notNull().default(0),
  lockedUntil: tstz("locked_until"),
  disabled: boolean("disabled").notNull().default(false),
  createdAt: tstz("created_at").notNull().defaultNow(),
});

/** Sessions: the cookie carries a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: tstz("created_at").notNull().defaultNow(),
    lastSeenAt: tstz("last_seen_at").notNull().defaultNow(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const elders = pgTable(
  "elders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    namePinyin: text("name_pinyin").notNull(),
    nameInitials: text("name_initials").notNull(),
    /** Every substring of the name up to 4 characters: indexed "contains" search for Chinese names, which trigrams do not cover. */
    nameGrams: text("name_grams").array().notNull().default(sql`'{}'::text[]`),
    idNumberEnc: bytea("id_number_enc").notNull(),
    idNumberHash: text("id_number_hash").notNull(),
    idNumberMasked: text("id_number_masked").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    sex: text("sex").notNull(),
    phoneEnc: bytea("phone_enc").notNull(),
    phoneHash: text("phone_hash").notNull(),
    phoneMasked: text("phone_masked").notNull(),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    address: text("address").notNull(),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    hukouType: text("hukou_type").notNull().default("local"),
    hukouAddress: text("hukou_address"),
    livingSituation: text("living_situation").notNull().default("with_family"),
    economicStatus: text("economic_status").notNull().default("ordinary"),
    disabilityKind: text("disability_kind").notNull().default("none"),
    disabilityGrade: smallint("disability_grade"),
    abilityLevel: smallint("ability_level"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    health: jsonb("health").notNull().default({}),
    notes: text("notes"),
    /** From the latest submitted GB/T 42195 assessment (the assessments capability sets these). */
    abilityAssessedAt: date("ability_assessed_at", { mode: "string" }),
    abilityAssessmentId: uuid("ability_assessment_id"),
    abilityDueAt: date("ability_due_at", { mode: "string" }),
    status: text("status").notNull().default("active"),
    statusReason: text("status_reason"),
    statusDate: date("status_date", { mode: "string" }),
    version: integer("version").notNull().default(1),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("elders_id_number_hash_uq").on(t.idNumberHash),
    index("elders_phone_hash_idx").on(t.phoneHash),
    index("elders_region_pinyin_idx").on(t.regionCode.op("text_pattern_ops"), t.namePinyin, t.id),
    index("elders_pinyin_idx").on(t.namePinyin, t.id),
    index("elders_initials_idx").on(t.nameInitials.op("text_pattern_ops")),
    // LIKE 'prefix%' uses a B-tree only with pattern ops (or the C collation)
    index("elders_pinyin_prefix_idx").on(t.namePinyin.op("text_pattern_ops")),
    index("elders_name_idx").on(t.name.op("text_pattern_ops")),
    index("elders_name_grams_idx").using("gin", t.nameGrams),
    index("elders_birth_idx").on(t.birthDate),
    index("elders_ability_due_idx").on(t.abilityDueAt),
    // back-pay looks only at records changed since the last run; flags start from the few deceased
    index("elders_updated_idx").on(t.updatedAt),
    index("elders_deceased_idx").on(t.id).where(sql`status = 'deceased'`),
  ],
);

export const elderContacts = pgTable(
  "elder_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    elderId: uuid("elder_id")
      .notNull()
      .references(() => elders.id),
    name: text("name").notNull(),
    relation: text("relation").notNull(),
    phoneEnc: bytea("phone_enc").notNull(),
    phoneHash: text("phone_hash").notNull(),
    phoneMasked: text("phone_masked").notNull(),
    isEmergency: boolean("is_emergency").notNull().default(false),
    familyUserId: uuid("family_user_id").references(() => users.id),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("elder_contacts_elder_idx").on(t.elderId), index("elder_contacts_family_idx").on(t.familyUserId), index("elder_contacts_phone_idx").on(t.phoneHash)],
);

export const elderConsents = pgTable(
  "elder_consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    elderId: uuid("elder_id")
      .notNull()
      .references(() => elders.id),
    purpose: text("purpose").notNull(),
    granted: boolean("granted").notNull(),
    signedBy: text("signed_by").notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: tstz("recorded_at").notNull().defaultNow(),
  },
  (t) => [index("elder_consents_elder_idx").on(t.elderId)],
);

/** Append-only (a trigger refuses UPDATE and DELETE): who did what to which record, when, from where. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: tstz("at").notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorUsername: text("actor_username"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    regionCode: text("region_code"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    detail: jsonb("detail").notNull().default({}),
  },
  (t) => [
    index("audit_target_idx").on(t.targetId, t.id),
    index("audit_actor_idx").on(t.actorUsername, t.id),
    index("audit_region_idx").on(t.regionCode.op("text_pattern_ops"), t.id),
  ],
);

export const importJobs = pgTable("import_jobs", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  fileName: text("file_name").notNull(),
  status: text("status").notNull(),
  totalRows: integer("total_rows").notNull().default(0),
  processedRows: integer("processed_rows").notNull().default(0),
  created: integer("created").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  unchanged: integer("unchanged").notNull().default(0),
  failed: integer("failed").notNull().default(0),
  error: text("error"),
  errorReport: bytea("error_report"),
  createdAt: tstz("created_at").notNull().defaultNow(),
  finishedAt: tstz("finished_at"),
});

/** Region rules: per region a key → JSON value; the nearest ancestor's rule applies. */
export const regionRules = pgTable(
  "region_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    key: text("key").notNull(),
    value: jsonb("value").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("region_rules_uq").on(t.regionCode, t.key, t.effectiveFrom)],
);

/** Scale definitions as data (GB/T 42195-2022, Barthel, LTC 2021, a province's variant): one row per code and version. */
export const assessmentScales = pgTable(
  "assessment_scales",
  {
    code: text("code").notNull(),
    version: text("version").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    definition: jsonb("definition").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("assessment_scales_pk").on(t.code, t.version)],
);

/** 老年人能力评估: a draft until submitted; a submitted one is immutable and can only be superseded by a correction. */
export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    elderId: uuid("elder_id")
      .notNull()
      .references(() => elders.id),
    regionCode: text("region_code").notNull(),
    scaleCode: text("scale_code").notNull(),
    scaleVersion: text("scale_version").notNull(),
    reason: text("reason").notNull(),
    reasonNote: text("reason_note"),
    status: text("status").notNull().default("draft"),
    items: jsonb("items").notNull().default({}),
    facts: jsonb("facts").notNull().default({}),
    assessors: text("assessors").array().notNull().default(sql`'{}'::text[]`),
    informant: text("informant"),
    assessedAt: date("assessed_at", { mode: "string" }).notNull(),
    subtotals: jsonb("subtotals"),
    total: integer("total"),
    preliminaryLevel: smallint("preliminary_level"),
    finalLevel: smallint("final_level"),
    reasons: jsonb("reasons"),
    supersedesId: uuid("supersedes_id"),
    correctionReason: text("correction_reason"),
    supersededById: uuid("superseded_by_id"),
    createdBy: uuid("created_by").references(() => users.id),
    submittedBy: uuid("submitted_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    submittedAt: tstz("submitted_at"),
  },
  (t) => [
    index("assessments_elder_idx").on(t.elderId, t.assessedAt),
    index("assessments_region_idx").on(t.regionCode.op("text_pattern_ops"), t.status),
    uniqueIndex("assessments_supersedes_uq").on(t.supersedesId),
  ],
);

/**
 * Subsidy rules (补贴规则) as data: who qualifies, what they get, how often, from which budget line. A change of policy
 * is a new version of the same `code`; activating it closes the previous version the day before it takes effect.
 */
export const subsidyRules = pgTable(
  "subsidy_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    code: text("code").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    conditions: jsonb("conditions").notNull(),
    benefit: jsonb("benefit").notNull(),
    frequency: text("frequency").notNull(),
    budgetLine: text("budget_line").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    effectiveTo: date("effective_to", { mode: "string" }),
    status: text("status").notNull().default("draft"),
    createdBy: uuid("created_by").references(() => users.id),
    activatedBy: uuid("activated_by").references(() => users.id),
    activatedAt: tstz("activated_at"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("subsidy_rules_code_version_uq").on(t.code, t.version), index("subsidy_rules_region_idx").on(t.regionCode.op("text_pattern_ops"))],
);

/** One monthly run per month: idempotent (entitlements are unique per rule, elder and period) and resumable. */
export const subsidyRuns = pgTable(
  "subsidy_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    month: text("month").notNull(),
    /** The region the run covers (the actor's): rules of this region, its subtree and the regions above it. */
    regionCode: text("region_code").notNull(),
    status: text("status").notNull(),
    totalSteps: integer("total_steps").notNull().default(0),
    doneSteps: integer("done_steps").notNull().default(0),
    summary: jsonb("summary"),
    error: text("error"),
    startedBy: uuid("started_by").references(() => users.id),
    startedAt: tstz("started_at").notNull().defaultNow(),
    finishedAt: tstz("finished_at"),
  },
  (t) => [uniqueIndex("subsidy_runs_month_uq").on(t.month, t.regionCode)],
);

/** What an elder is entitled to for a period under a rule: at most one per (rule code, elder, period). */
export const entitlements = pgTable(
  "entitlements",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => subsidyRuns.id),
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => subsidyRules.id),
    ruleCode: text("rule_code").notNull(),
    elderId: uuid("elder_id")
      .notNull()
      .references(() => elders.id),
    regionCode: text("region_code").notNull(),
    month: text("month").notNull(),
    periodKey: text("period_key").notNull(),
    kind: text("kind").notNull(),
    amountFen: integer("amount_fen").notNull().default(0),
    minutes: integer("minutes").notNull().default(0),
    budgetLine: text("budget_line").notNull(),
    backpay: boolean("backpay").notNull().default(false),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("entitlements_once_uq").on(t.ruleCode, t.elderId, t.periodKey),
    index("entitlements_run_idx").on(t.runId, t.kind),
    index("entitlements_elder_idx").on(t.elderId, t.month),
  ],
);

/**
 * The service wallet (服务补贴账户) as an append-only ledger: the balance is the sum of entries, per unit
 * (fen of money, minutes of free service). Credits come from entitlements, debits from orders, expiries from rules.
 */
export const walletEntries = pgTable(
  "wallet_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    elderId: uuid("elder_id")
      .notNull()
      .references(() => elders.id),
    unit: text("unit").notNull(),
    kind: text("kind").notNull(),
    amount: integer("amount").notNull(),
    entitlementId: bigint("entitlement_id", { mode: "number" }),
    ruleId: uuid("rule_id"),
    month: text("month"),
    orderId: uuid("order_id"),
    expiresAt: date("expires_at", { mode: "string" }),
    actorId: uuid("actor_id"),
    note: text("note"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("wallet_entries_elder_idx").on(t.elderId, t.unit, t.id), uniqueIndex("wallet_entries_entitlement_uq").on(t.entitlementId)],
);

/** One row per elder with a wallet: what a debit locks, so that concurrent debits cannot overdraw. */
export const wallets = pgTable("wallets", {
  elderId: uuid("elder_id")
    .primaryKey()
    .references(() => elders.id),
  createdAt: tstz("created_at").notNull().defaultNow(),
});

/** Cases the bureau should look at, e.g. an elder credited for a month that began after their recorded death. */
export const subsidyFlags = pgTable(
  "subsidy_flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    elderId: uuid("elder_id")
      .notNull()
      .references(() => elders.id),
    regionCode: text("region_code").notNull(),
    kind: text("kind").notNull(),
    month: text("month").notNull(),
    detail: jsonb("detail").notNull().default({}),
    createdAt: tstz("created_at").notNull().defaultNow(),
    resolvedAt: tstz("resolved_at"),
  },
  (t) => [uniqueIndex("subsidy_flags_uq").on(t.elderId, t.kind, t.month)],
);

// ── Marketplace: providers, workers, products, orders (C4–C6, C10) ───────────────────────────────────────────────

/** Service providers (服务商), registered (备案) and approved by the bureau; suspended ones get no new orders. */
export const providers = pgTable(
  "providers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    creditCode: text("credit_code").notNull(),
    legalPerson: text("legal_person").notNull(),
    phone: text("phone").notNull(),
    address: text("address").notNull(),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    serviceRegions: text("service_regions").array().notNull(),
    qualifications: text("qualifications").array().notNull().default(sql`'{}'::text[]`),
    description: text("description"),
    autoAccept: boolean("auto_accept").notNull().default(true),
    status: text("status").notNull().default("pending"),
    statusReason: text("status_reason"),
    statusAt: tstz("status_at"),
    ratingSum: integer("rating_sum").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    createdBy: uuid("created_by"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("providers_credit_code_uq").on(t.creditCode), index("providers_region_idx").on(t.regionCode.op("text_pattern_ops"))],
);

/** Caregivers and service workers of a provider; `userId` links the account they sign in with. */
export const workers = pgTable(
  "workers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id),
    userId: uuid("user_id").references(() => users.id),
    name: text("name").notNull(),
    phoneEnc: bytea("phone_enc").notNull(),
    phoneMasked: text("phone_masked").notNull(),
    skills: text("skills").array().notNull(),
    /** [{kind, level, number, validFrom, validTo}] */
    certificates: jsonb("certificates").notNull().default([]),
    workDays: smallint("work_days").array().notNull(),
    workStart: text("work_start").notNull(),
    workEnd: text("work_end").notNull(),
    baseLat: doublePrecision("base_lat").notNull(),
    baseLng: doublePrecision("base_lng").notNull(),
    active: boolean("active").notNull().default(true),
    ratingSum: integer("rating_sum").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("workers_provider_idx").on(t.providerId), uniqueIndex("workers_user_uq").on(t.userId)],
);

export const serviceProducts = pgTable(
  "service_products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id),
    name: text("name").notNull(),
    category: text("category").notNull(),
    description: text("description"),
    unit: text("unit").notNull(),
    priceFen: integer("price_fen").notNull(),
    /** [{label, conditions, priceFen}]: the lowest price whose conditions the elder meets. */
    subsidyPrices: jsonb("subsidy_prices").notNull().default([]),
    durationMinutes: integer("duration_minutes").notNull(),
    requiredSkills: text("required_skills").array().notNull().default(sql`'{}'::text[]`),
    requiredCertificates: text("required_certificates").array().notNull().default(sql`'{}'::text[]`),
    serviceRegions: text("service_regions").array().notNull(),
    tasks: text("tasks").array().notNull().default(sql`'{}'::text[]`),
    walletEligible: boolean("wallet_eligible").notNull().default(true),
    /** The facility (station, center) that delivers it, if any: a suspended facility takes no government-paid orders. */
    facilityId: uuid("facility_id"),
    /** Listed for the time bank: the price of one unit in time-bank minutes (where the region lets hours buy providers' services). */
    timebankMinutes: integer("timebank_minutes"),
    onSale: boolean("on_sale").notNull().default(true),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("products_provider_idx").on(t.providerId), index("products_category_idx").on(t.category), index("products_regions_idx").using("gin", t.serviceRegions)],
);

/** A service order: its state, who does it, where and when, and — once confirmed — what it cost and who paid what. */
export const serviceOrders = pgTable(
  "service_orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The day (Beijing) and a sequence of at least six digits: 20261124000123, readable over the phone. */
    orderNo: text("order_no").notNull().default(sql`next_order_no()`),
    elderId: uuid("elder_id")
      .notNull()
      .references(() => elders.id),
    regionCode: text("region_code").notNull(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id),
    productId: uuid("product_id")
      .notNull()
      .references(() => serviceProducts.id),
    /** The product as ordered: name, category, unit, prices, duration, tasks, skills, certificates. */
    product: jsonb("product").notNull(),
    /** The unit price this elder pays (the market price or an eligibility tier's). */
    unitPriceFen: integer("unit_price_fen").notNull(),
    priceTier: text("price_tier"),
    slotStart: tstz("slot_start").notNull(),
    slotEnd: tstz("slot_end").notNull(),
    address: text("address").notNull(),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    notes: text("notes"),
    channel: text("channel").notNull(),
    callId: text("call_id"),
    placedBy: uuid("placed_by"),
    placedByRole: text("placed_by_role").notNull(),
    idempotencyKey: text("idempotency_key"),
    status: text("status").notNull().default("placed"),
    workerId: uuid("worker_id").references(() => workers.id),
    /** Workers who refused it or let it lapse: dispatch skips them. */
    declinedBy: uuid("declined_by").array().notNull().default(sql`'{}'::uuid[]`),
    acceptedAt: tstz("accepted_at"),
    assignedAt: tstz("assigned_at"),
    workerAcceptedAt: tstz("worker_accepted_at"),
    departedAt: tstz("departed_at"),
    checkedInAt: tstz("checked_in_at"),
    checkInLat: doublePrecision("check_in_lat"),
    checkInLng: doublePrecision("check_in_lng"),
    checkInDistanceM: integer("check_in_distance_m"),
    checkedOutAt: tstz("checked_out_at"),
    checkOutLat: doublePrecision("check_out_lat"),
    checkOutLng: doublePrecision("check_out_lng"),
    tasksDone: text("tasks_done").array(),
    serviceNotes: text("service_notes"),
    confirmedAt: tstz("confirmed_at"),
    confirmedBy: text("confirmed_by"),
    actualMinutes: integer("actual_minutes"),
    billableMinutes: integer("billable_minutes"),
    priceFen: integer("price_fen"),
    walletMinutes: integer("wallet_minutes"),
    minutesFen: integer("minutes_fen"),
    walletFen: integer("wallet_fen"),
    copayFen: integer("copay_fen"),
    copayMethod: text("copay_method"),
    copayReference: text("copay_reference"),
    /** Paid with time-bank hours: the account, the minutes redeemed on placement and that operation, its refund if cancelled. */
    timebankAccountId: uuid("timebank_account_id"),
    timebankMinutes: integer("timebank_minutes"),
    timebankOpId: uuid("timebank_op_id"),
    timebankRefundOpId: uuid("timebank_refund_op_id"),
    /** The part of the price the hours covered (the booked units), which the time bank pays the provider. */
    timebankFen: integer("timebank_fen"),
    settledAt: tstz("settled_at"),
    closedReason: text("closed_reason"),
    /** Fraud and timing flags the bureau sees: overlap, impossible_travel, far_check_out, unqualified, not_accepted, late_start. */
    flags: text("flags").array().notNull().default(sql`'{}'::text[]`),
    version: integer("version").notNull().default(1),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_no_uq").on(t.orderNo),
    uniqueIndex("orders_idem_uq").on(t.placedBy, t.idempotencyKey),
    index("orders_region_idx").on(t.regionCode.op("text_pattern_ops"), t.createdAt),
    index("orders_elder_idx").on(t.elderId, t.createdAt),
    index("orders_provider_idx").on(t.providerId, t.status, t.slotStart),
    index("orders_worker_idx").on(t.workerId, t.slotStart),
    index("orders_open_idx").on(t.status, t.slotStart).where(sql`status IN ('placed','accepted','assigned','on_the_way')`),
    index("orders_flags_idx").on(t.regionCode).where(sql`cardinality(flags) > 0`),
  ],
);

/** The order's timeline: every transition with when, who, from and to (append-only). */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => serviceOrders.id),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    actorRole: text("actor_role").notNull(),
    at: tstz("at").notNull().defaultNow(),
    detail: jsonb("detail").notNull().default({}),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.id)],
);

/** Check-in and check-out photos, kept apart from the order row. */
export const orderPhotos = pgTable("order_photos", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  orderId: uuid("order_id")
    .notNull()
    .references(() => serviceOrders.id),
  kind: text("kind").notNull(),
  mime: text("mime").notNull(),
  data: bytea("data").notNull(),
  createdAt: tstz("created_at").notNull().defaultNow(),
});

export const orderRatings = pgTable("order_ratings", {
  orderId: uuid("order_id")
    .primaryKey()
    .references(() => serviceOrders.id),
  stars: smallint("stars").notNull(),
  comment: text("comment"),
  byUserId: uuid("by_user_id"),
  byRole: text("by_role").notNull(),
  createdAt: tstz("created_at").notNull().defaultNow(),
});

export const complaints = pgTable(
  "complaints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => serviceOrders.id),
    regionCode: text("region_code").notNull(),
    providerId: uuid("provider_id").notNull(),
    content: text("content").notNull(),
    byUserId: uuid("by_user_id"),
    byRole: text("by_role").notNull(),
    status: text("status").notNull().default("open"),
    resolution: text("resolution"),
    resolvedBy: uuid("resolved_by"),
    resolvedAt: tstz("resolved_at"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("complaints_region_idx").on(t.regionCode.op("text_pattern_ops"), t.createdAt)],
);

/** The bureau's return-visit calls (回访) on a sample of finished orders. */
export const returnVisits = pgTable(
  "return_visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => serviceOrders.id),
    regionCode: text("region_code").notNull(),
    providerId: uuid("provider_id").notNull(),
    reached: boolean("reached").notNull(),
    satisfaction: text("satisfaction"),
    serviceHappened: boolean("service_happened"),
    notes: text("notes"),
    byUserId: uuid("by_user_id"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("return_visits_order_uq").on(t.orderId), index("return_visits_region_idx").on(t.regionCode.op("text_pattern_ops"))],
);

/** Calls to the hotline as the PBX reports them, with the elder matched by phone number. */
export const inboundCalls = pgTable(
  "inbound_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    callId: text("call_id").notNull(),
    fromMasked: text("from_masked").notNull(),
    fromHash: text("from_hash").notNull(),
    toNumber: text("to_number"),
    elderId: uuid("elder_id").references(() => elders.id),
    /** How the caller relates to the elder: the elder's own phone, or a family contact's. */
    matchedBy: text("matched_by"),
    regionCode: text("region_code"),
    receivedAt: tstz("received_at").notNull().defaultNow(),
    takenBy: uuid("taken_by"),
    takenAt: tstz("taken_at"),
    orderId: uuid("order_id"),
    notes: text("notes"),
  },
  (t) => [uniqueIndex("inbound_calls_call_uq").on(t.callId), index("inbound_calls_received_idx").on(t.receivedAt)],
);

// ── Alarm terminals and alarms (C9) ─────────────────────────────────────────────────────────────────────────────

/** A terminal: its identity, its credentials (hash), the elder it is bound to, and what it last said. */
export const devices = pgTable(
  "devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serial: text("serial").notNull(),
    type: text("type").notNull(),
    vendor: text("vendor").notNull(),
    model: text("model").notNull(),
    simPhone: text("sim_phone"),
    firmware: text("firmware"),
    secretHash: text("secret_hash").notNull(),
    /** Expected heartbeat interval for the model; offline after a rule's multiple of it. */
    heartbeatSeconds: integer("heartbeat_seconds").notNull(),
    elderId: uuid("elder_id").references(() => elders.id),
    regionCode: text("region_code").notNull(),
    lastSeenAt: tstz("last_seen_at"),
    battery: smallint("battery"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("devices_serial_uq").on(t.serial), index("devices_elder_idx").on(t.elderId), index("devices_region_idx").on(t.regionCode.op("text_pattern_ops"))],
);

/** Who a device was bound to, from when to when (append-only). */
export const deviceBindings = pgTable(
  "device_bindings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id),
    elderId: uuid("elder_id"),
    actorId: uuid("actor_id"),
    at: tstz("at").notNull().defaultNow(),
  },
  (t) => [index("device_bindings_device_idx").on(t.deviceId, t.id)],
);

/** Every message a device sent, once: a re-send with the same event id is not stored again. */
export const deviceMessages = pgTable(
  "device_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deviceId: uuid("device_id").notNull(),
    kind: text("kind").notNull(),
    eventId: text("event_id").notNull(),
    at: tstz("at").notNull(),
    payload: jsonb("payload").notNull(),
    receivedAt: tstz("received_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("device_messages_uq").on(t.deviceId, t.kind, t.eventId), index("device_messages_device_idx").on(t.deviceId, t.id)],
);

/** An alarm: raised from a message (once), grouped with identical ones within a window, acknowledged, closed with an outcome. */
export const alarms = pgTable(
  "alarms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deviceId: uuid("device_id").notNull(),
    elderId: uuid("elder_id"),
    regionCode: text("region_code").notNull(),
    type: text("type").notNull(),
    status: text("status").notNull().default("open"),
    messageId: bigint("message_id", { mode: "number" }),
    raisedAt: tstz("raised_at").notNull().defaultNow(),
    lastAt: tstz("last_at").notNull().defaultNow(),
    groupCount: integer("group_count").notNull().default(1),
    detail: jsonb("detail").notNull().default({}),
    acknowledgedAt: tstz("acknowledged_at"),
    acknowledgedBy: uuid("acknowledged_by"),
    closedAt: tstz("closed_at"),
    closedBy: uuid("closed_by"),
    outcome: text("outcome"),
  },
  (t) => [
    uniqueIndex("alarms_message_uq").on(t.messageId),
    index("alarms_region_idx").on(t.regionCode.op("text_pattern_ops"), t.raisedAt),
    index("alarms_open_idx").on(t.deviceId, t.type).where(sql`status <> 'closed'`),
  ],
);

/** What the operator did about an alarm, step by step (append-only). */
export const alarmActions = pgTable(
  "alarm_actions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    alarmId: uuid("alarm_id")
      .notNull()
      .references(() => alarms.id),
    action: text("action").notNull(),
    result: text("result"),
    notes: text("notes"),
    /** A dispatch step asking a volunteer to go (请志愿者前往): who. */
    volunteerId: uuid("volunteer_id").references(() => volunteers.id),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    at: tstz("at").notNull().defaultNow(),
  },
  (t) => [index("alarm_actions_alarm_idx").on(t.alarmId, t.id)],
);

/** Follow-ups the call centre owes an elder: a care call the day after a real alarm (C10's care calls build on it). */
export const followUps = pgTable(
  "follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    elderId: uuid("elder_id").notNull(),
    regionCode: text("region_code").notNull(),
    kind: text("kind").notNull(),
    alarmId: uuid("alarm_id"),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    status: text("status").notNull().default("open"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("follow_ups_alarm_uq").on(t.alarmId, t.kind), index("follow_ups_due_idx").on(t.regionCode.op("text_pattern_ops"), t.dueDate)],
);

// ── Facilities, supervision and the workforce (C13–C15) ─────────────────────────────────────────────────────────

/**
 * The three-tier network and care institutions: street/township centers, community stations, village mutual-aid
 * points, institutions; a station may be led by a center (中心带站). Run by an operator, often a registered provider.
 */
export const facilities = pgTable(
  "facilities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** center · station · point · institution */
    tier: text("tier").notNull(),
    /** The center that leads this station or point. */
    parentId: uuid("parent_id"),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    address: text("address").notNull(),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    operatorName: text("operator_name").notNull(),
    /** The provider that runs it, when it is one of the platform's providers (its staff act for the facility). */
    operatorProviderId: uuid("operator_provider_id").references(() => providers.id),
    /** public · public_private (公建民营) · private */
    operatingModel: text("operating_model").notNull(),
    areaM2: integer("area_m2").notNull().default(0),
    beds: integer("beds").notNull().default(0),
    nursingBeds: integer("nursing_beds").notNull().default(0),
    staffCount: integer("staff_count").notNull().default(0),
    openingHours: text("opening_hours"),
    services: text("services").array().notNull().default(sql`'{}'::text[]`),
    videoUrl: text("video_url"),
    kitchenCameraUrl: text("kitchen_camera_url"),
    /** 备案 */
    filingNo: text("filing_no"),
    filedAt: date("filed_at", { mode: "string" }),
    /** [{name, url|note}] */
    filingDocuments: jsonb("filing_documents").notNull().default([]),
    /** Residents by ability (institutions): {disabled, semiDisabled, selfCare}. */
    residents: jsonb("residents").notNull().default({ disabled: 0, semiDisabled: 0, selfCare: 0 }),
    /** operating · suspended · closed */
    status: text("status").notNull().default("operating"),
    statusReason: text("status_reason"),
    statusAt: tstz("status_at"),
    /** The latest confirmed rating. */
    stars: smallint("stars"),
    unqualified: boolean("unqualified").notNull().default(false),
    ratedAt: tstz("rated_at"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("facilities_region_idx").on(t.regionCode.op("text_pattern_ops")), index("facilities_operator_idx").on(t.operatorProviderId)],
);

/** Rating schemes as data (sections, weights, minimums, items, bands): a region's own or the source document's. */
export const ratingSchemes = pgTable("rating_schemes", {
  id: uuid("id").primaryKey().defaultRandom(),
  regionCode: text("region_code").notNull(),
  name: text("name").notNull(),
  scheme: jsonb("scheme").notNull(),
  createdBy: uuid("created_by"),
  createdAt: tstz("created_at").notNull().defaultNow(),
});

/** An evaluation round the bureau opens for a set of facilities, scored by third-party assessors. */
export const evaluationRounds = pgTable("evaluation_rounds", {
  id: uuid("id").primaryKey().defaultRandom(),
  regionCode: text("region_code").notNull(),
  name: text("name").notNull(),
  schemeId: uuid("scheme_id")
    .notNull()
    .references(() => ratingSchemes.id),
  /** Days a facility has to appeal its result. */
  appealDays: smallint("appeal_days").notNull().default(7),
  /** A re-check of unqualified facilities: failing it suspends them. */
  recheck: boolean("recheck").notNull().default(false),
  status: text("status").notNull().default("open"),
  openedBy: uuid("opened_by"),
  createdAt: tstz("created_at").notNull().defaultNow(),
});

/** One facility's evaluation in a round: item scores, remarks, evidence, the computed result, appeal and confirmation. */
export const evaluations = pgTable(
  "evaluations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => evaluationRounds.id),
    facilityId: uuid("facility_id")
      .notNull()
      .references(() => facilities.id),
    regionCode: text("region_code").notNull(),
    assessorId: uuid("assessor_id").references(() => users.id),
    /** {itemKey: points} */
    scores: jsonb("scores").notNull().default({}),
    /** {itemKey: remark} */
    remarks: jsonb("remarks").notNull().default({}),
    /** [{itemKey, photo (data URL)}] */
    photos: jsonb("photos").notNull().default([]),
    /** assigned · submitted · appealed · confirmed */
    status: text("status").notNull().default("assigned"),
    /** The total in hundredths (9000 = 90.00). */
    scoreCenti: integer("score_centi"),
    stars: smallint("stars"),
    unqualified: boolean("unqualified"),
    result: jsonb("result"),
    submittedAt: tstz("submitted_at"),
    appealReason: text("appeal_reason"),
    appealedAt: tstz("appealed_at"),
    appealAnswer: text("appeal_answer"),
    confirmedAt: tstz("confirmed_at"),
    confirmedBy: uuid("confirmed_by"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("evaluations_round_facility_uq").on(t.roundId, t.facilityId), index("evaluations_facility_idx").on(t.facilityId), index("evaluations_assessor_idx").on(t.assessorId)],
);

/** Inspections (fire safety, food safety, service quality, finance) of a facility or a provider, with their checklist. */
export const inspections = pgTable(
  "inspections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    facilityId: uuid("facility_id").references(() => facilities.id),
    providerId: uuid("provider_id").references(() => providers.id),
    /** fire · food · service · finance */
    kind: text("kind").notNull(),
    /** [{item, ok, note}] */
    checklist: jsonb("checklist").notNull().default([]),
    inspectedOn: date("inspected_on", { mode: "string" }).notNull(),
    inspectorId: uuid("inspector_id"),
    notes: text("notes"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("inspections_region_idx").on(t.regionCode.op("text_pattern_ops"), t.inspectedOn)],
);

/** A finding to put right under "13710": deadlines set when found, every step dated, re-checked, escalated when late. */
export const rectifications = pgTable(
  "rectifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    inspectionId: uuid("inspection_id").references(() => inspections.id),
    evaluationId: uuid("evaluation_id").references(() => evaluations.id),
    facilityId: uuid("facility_id").references(() => facilities.id),
    providerId: uuid("provider_id").references(() => providers.id),
    description: text("description").notNull(),
    /** ordinary · major */
    severity: text("severity").notNull(),
    foundOn: date("found_on", { mode: "string" }).notNull(),
    acknowledgeBy: date("acknowledge_by", { mode: "string" }).notNull(),
    feedbackBy: date("feedback_by", { mode: "string" }).notNull(),
    resolveBy: date("resolve_by", { mode: "string" }).notNull(),
    /** open · acknowledged · feedback · resolved · closed (re-checked) */
    status: text("status").notNull().default("open"),
    acknowledgedOn: date("acknowledged_on", { mode: "string" }),
    feedbackOn: date("feedback_on", { mode: "string" }),
    feedback: text("feedback"),
    /** A major finding's written plan and its date. */
    plan: text("plan"),
    planDate: date("plan_date", { mode: "string" }),
    resolvedOn: date("resolved_on", { mode: "string" }),
    /** [{note, photo}] */
    evidence: jsonb("evidence").notNull().default([]),
    closedOn: date("closed_on", { mode: "string" }),
    closedBy: uuid("closed_by"),
    recheckNote: text("recheck_note"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("rectifications_region_idx").on(t.regionCode.op("text_pattern_ops"), t.status), index("rectifications_facility_idx").on(t.facilityId)],
);

/**
 * Credit records of institutions, providers, legal persons, staff and service recipients: violations of the negative
 * list, penalties, commendations, and blacklisting (with a period and an approval).
 */
export const creditRecords = pgTable(
  "credit_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    /** facility · provider · legal_person · worker · staff · recipient */
    subjectKind: text("subject_kind").notNull(),
    subjectId: uuid("subject_id"),
    subjectName: text("subject_name").notNull(),
    /** violation · penalty · commendation · blacklist */
    kind: text("kind").notNull(),
    /** A negative-list item (violations). */
    prohibition: text("prohibition"),
    reason: text("reason").notNull(),
    /** [{note, photo|url}] */
    evidence: jsonb("evidence").notNull().default([]),
    startsOn: date("starts_on", { mode: "string" }),
    endsOn: date("ends_on", { mode: "string" }),
    /** pending (a blacklisting awaiting approval) · approved · rejected · revoked */
    status: text("status").notNull().default("approved"),
    approvedBy: uuid("approved_by"),
    approvedAt: tstz("approved_at"),
    createdBy: uuid("created_by"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("credit_records_subject_idx").on(t.subjectKind, t.subjectId), index("credit_records_region_idx").on(t.regionCode.op("text_pattern_ops"), t.kind)],
);

/** Caregivers and staff of facilities and providers: identity (encrypted), employer, certificates, education. */
export const staff = pgTable(
  "staff",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    facilityId: uuid("facility_id").references(() => facilities.id),
    providerId: uuid("provider_id").references(() => providers.id),
    /** The provider worker record, when this person also serves homes. */
    workerId: uuid("worker_id").references(() => workers.id),
    name: text("name").notNull(),
    idNumberEnc: bytea("id_number_enc").notNull(),
    idNumberHash: text("id_number_hash").notNull(),
    idNumberMasked: text("id_number_masked").notNull(),
    /** caregiver · nurse · social_worker · manager · cook · other */
    post: text("post").notNull(),
    /** [{kind: caregiver|health|nurse|other, level (5–1 for caregivers), number, validTo}] */
    certificates: jsonb("certificates").notNull().default([]),
    education: text("education"),
    graduatedOn: date("graduated_on", { mode: "string" }),
    hiredOn: date("hired_on", { mode: "string" }),
    active: boolean("active").notNull().default(true),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("staff_region_idx").on(t.regionCode.op("text_pattern_ops")), index("staff_facility_idx").on(t.facilityId), uniqueIndex("staff_id_number_uq").on(t.idNumberHash)],
);

/** Training records: course, hours, result. */
export const trainings = pgTable(
  "trainings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staff.id),
    course: text("course").notNull(),
    hours: integer("hours").notNull(),
    /** pass · fail */
    result: text("result").notNull(),
    trainedOn: date("trained_on", { mode: "string" }).notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("trainings_staff_idx").on(t.staffId)],
);

// ── Volunteer time bank (C12) ───────────────────────────────────────────────────────────────────────────────────

/** Volunteers: identity (encrypted), where they live, team, verification. */
export const volunteers = pgTable(
  "volunteers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    userId: uuid("user_id").references(() => users.id),
    name: text("name").notNull(),
    idNumberEnc: bytea("id_number_enc").notNull(),
    idNumberHash: text("id_number_hash").notNull(),
    idNumberMasked: text("id_number_masked").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    phoneEnc: bytea("phone_enc"),
    phoneMasked: text("phone_masked"),
    /** Where the volunteer lives (GCJ-02), for the alarm console's nearby list; optional. */
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    team: text("team"),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    /** pending · verified · suspended */
    status: text("status").notNull().default("pending"),
    verifiedBy: uuid("verified_by"),
    verifiedAt: tstz("verified_at"),
    createdBy: uuid("created_by"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("volunteers_id_number_uq").on(t.idNumberHash), index("volunteers_region_idx").on(t.regionCode.op("text_pattern_ops")), uniqueIndex("volunteers_user_uq").on(t.userId)],
);

/**
 * Time-bank accounts: a volunteer's, an elder's (hours gifted to them), and each district's donation pool. The balance
 * is the sum of the account's entries, kept here too so that an operation can lock the accounts it moves.
 */
export const timebankAccounts = pgTable(
  "timebank_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** volunteer · elder · pool */
    holderKind: text("holder_kind").notNull(),
    volunteerId: uuid("volunteer_id").references(() => volunteers.id),
    elderId: uuid("elder_id").references(() => elders.id),
    /** The holder's region (the pool's: its district). */
    regionCode: text("region_code").notNull(),
    balanceMinutes: integer("balance_minutes").notNull().default(0),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("timebank_accounts_volunteer_uq").on(t.volunteerId),
    uniqueIndex("timebank_accounts_elder_uq").on(t.elderId),
    uniqueIndex("timebank_accounts_pool_uq").on(t.regionCode).where(sql`holder_kind = 'pool'`),
  ],
);

/** One operation on the time bank (a confirmed service, a redemption, a gift, a donation): who, what, why. */
export const timebankOps = pgTable(
  "timebank_ops",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** deposit · redeem · gift · donate · pool_redeem · expire */
    kind: text("kind").notNull(),
    regionCode: text("region_code").notNull(),
    /** The (Beijing) day it counts for (deposits: the service's day). */
    day: date("day", { mode: "string" }).notNull(),
    /** deposit: {volunteerId, elderId, description, checkIn, checkOut, confirmedBy}; gift: {relation}; redeem: {service}. */
    detail: jsonb("detail").notNull().default({}),
    actorId: uuid("actor_id"),
    actorRole: text("actor_role"),
    idempotencyKey: text("idempotency_key"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("timebank_ops_key_uq").on(t.actorId, t.idempotencyKey), index("timebank_ops_region_idx").on(t.regionCode.op("text_pattern_ops"), t.createdAt)],
);

/** The double-entry postings of each operation (append-only): they sum to zero per operation. */
export const timebankEntries = pgTable(
  "timebank_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    opId: uuid("op_id")
      .notNull()
      .references(() => timebankOps.id),
    /** null for the system accounts (issued, redeemed). */
    accountId: uuid("account_id").references(() => timebankAccounts.id),
    systemAccount: text("system_account"),
    minutes: integer("minutes").notNull(),
    reason: text("reason").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("timebank_entries_account_idx").on(t.accountId, t.id), index("timebank_entries_op_idx").on(t.opId)],
);

/**
 * An elder's request for a volunteer (posted by the elder, their family or a community worker), taken by a volunteer,
 * served with check-in and check-out at the home, and confirmed by the elder's side: the confirmation deposits the hours.
 */
export const timebankRequests = pgTable(
  "timebank_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    elderId: uuid("elder_id")
      .notNull()
      .references(() => elders.id),
    regionCode: text("region_code").notNull(),
    description: text("description").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    /** "09:30", Beijing time; null: any time that day. */
    startTime: text("start_time"),
    minutes: integer("minutes").notNull(),
    /** open · taken · checked_in · checked_out · confirmed · cancelled */
    status: text("status").notNull().default("open"),
    volunteerId: uuid("volunteer_id").references(() => volunteers.id),
    takenAt: tstz("taken_at"),
    checkInAt: tstz("check_in_at"),
    checkInLat: doublePrecision("check_in_lat"),
    checkInLng: doublePrecision("check_in_lng"),
    checkOutAt: tstz("check_out_at"),
    /** The time served, in the rule's granularity. */
    servedMinutes: integer("served_minutes"),
    confirmedBy: text("confirmed_by"),
    opId: uuid("op_id").references(() => timebankOps.id),
    createdBy: uuid("created_by"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("timebank_requests_region_idx").on(t.regionCode.op("text_pattern_ops"), t.status, t.day), index("timebank_requests_volunteer_idx").on(t.volunteerId)],
);

// ── Visits to solitary and left-behind elders, care calls (C11, C10) ───────────────────────────────────────────

/** Each elder's visit plan, from the region's risk rules: how often, how (home visit or care call), why, and by whom. */
export const visitPlans = pgTable(
  "visit_plans",
  {
    elderId: uuid("elder_id")
      .primaryKey()
      .references(() => elders.id),
    regionCode: text("region_code").notNull(),
    everyDays: smallint("every_days").notNull(),
    /** home · phone */
    kind: text("kind").notNull(),
    reasons: text("reasons").array().notNull(),
    ruleKeys: text("rule_keys").array().notNull(),
    /** A community worker's account, or a volunteer, who visits. */
    assigneeUserId: uuid("assignee_user_id").references(() => users.id),
    assigneeVolunteerId: uuid("assignee_volunteer_id").references(() => volunteers.id),
    /** The next visit (or call) due. */
    nextDue: date("next_due", { mode: "string" }).notNull(),
    lastDoneOn: date("last_done_on", { mode: "string" }),
    /** Care calls unanswered in a row (three: a home visit is due at once). */
    unansweredCalls: smallint("unanswered_calls").notNull().default(0),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("visit_plans_region_idx").on(t.regionCode.op("text_pattern_ops"), t.nextDue), index("visit_plans_assignee_idx").on(t.assigneeUserId, t.nextDue)],
);

/** A visit or care call made (or attempted): check-in, what was found, the outcome, and what followed. */
export const visits = pgTable(
  "visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    elderId: uuid("elder_id")
      .notNull()
      .references(() => elders.id),
    regionCode: text("region_code").notNull(),
    /** home · phone */
    kind: text("kind").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    /** visited · no_answer (nobody home / nobody picked up) */
    outcome: text("outcome").notNull(),
    byUserId: uuid("by_user_id"),
    byVolunteerId: uuid("by_volunteer_id"),
    checkInLat: doublePrecision("check_in_lat"),
    checkInLng: doublePrecision("check_in_lng"),
    /** {health, homeSafety, mood: good|fair|poor|concern, needs: [...], notes} */
    findings: jsonb("findings").notNull().default({}),
    worrying: boolean("worrying").notNull().default(false),
    /** [{data URL}] */
    photos: jsonb("photos").notNull().default([]),
    /** What followed: [{kind: service_order|alarm_task|referral|home_visit, ref, note}] */
    followUps: jsonb("follow_ups").notNull().default([]),
    at: tstz("at").notNull().defaultNow(),
  },
  (t) => [index("visits_elder_idx").on(t.elderId, t.at), index("visits_region_idx").on(t.regionCode.op("text_pattern_ops"), t.at)],
);
