import { sql } from "drizzle-orm";
import {
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
  (t) => [index("elder_contacts_elder_idx").on(t.elderId), index("elder_contacts_family_idx").on(t.familyUserId)],
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
