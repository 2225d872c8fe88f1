import { creditRecords, facilities, providers, regions, selectRows, staff, type Tx, users, workers } from "@carecircle/db";
import {
  CREDIT_KINDS,
  CREDIT_SUBJECT_KINDS,
  CreateCreditRecordInput,
  type CreditKind,
  type CreditSubjectKind,
  maskPersonName,
  NEGATIVE_LIST,
  PERSON_SUBJECT_KINDS,
  shanghaiDate,
} from "@carecircle/shared";
import { and, desc, eq, gte, inArray, isNull, like, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { ForbiddenError, InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { inScope, requirePermission } from "../core/permissions.ts";

type Row = typeof creditRecords.$inferSelect;

/** The subject of a record: its name and region from its own record (facility, provider, worker, staff), or as named. */
async function resolveSubject(ctx: Ctx, tx: Tx, v: z.output<typeof CreateCreditRecordInput>): Promise<{ id: string | null; name: string; regionCode: string }> {
  const id = v.subjectId!;
  const absent = () => new NotFoundError("对象不存在");
  let found: { id: string; name: string; regionCode: string } | undefined;
  switch (v.subjectKind) {
    case "facility":
      [found] = await tx.select({ id: facilities.id, name: facilities.name, regionCode: facilities.regionCode }).from(facilities).where(eq(facilities.id, id));
      break;
    case "provider":
      [found] = await tx.select({ id: providers.id, name: providers.name, regionCode: providers.regionCode }).from(providers).where(eq(providers.id, id));
      break;
    case "worker":
      [found] = await tx.select({ id: workers.id, name: workers.name, regionCode: providers.regionCode }).from(workers).innerJoin(providers, eq(providers.id, workers.providerId)).where(eq(workers.id, id));
      break;
    case "staff":
      [found] = await tx.select({ id: staff.id, name: staff.name, regionCode: staff.regionCode }).from(staff).where(eq(staff.id, id));
      break;
    default: {
      // people without a record here: named, in a region of the actor's
      const code = v.regionCode ?? ctx.actor.regionCode;
      const [r] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
      if (!r || !inScope(ctx.actor, code)) throw new ValidationError("区划不存在", [{ path: "regionCode", message: "区划不存在或不在您的辖区" }]);
      return { id: null, name: v.subjectName!, regionCode: code };
    }
  }
  if (!found || !inScope(ctx.actor, found.regionCode)) throw absent();
  return found;
}

/** The region level that may approve a blacklisting: the district or above (a code of six digits or fewer). */
const districtOrAbove = (regionCode: string) => regionCode.length <= 6;

/**
 * Records a violation of the negative list, a penalty, a commendation, or proposes a blacklisting (which waits for the
 * district's approval; the others are on record at once). Append-only: a record is never edited, only decided on.
 */
export async function createCreditRecord({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateCreditRecordInput> }) {
  requirePermission(ctx.actor, "supervision:manage");
  const v = CreateCreditRecordInput.parse(input);
  return withTransaction(ctx, async (tx) => {
    const s = await resolveSubject(ctx, tx, v);
    const pending = v.kind === "blacklist";
    const [row] = await tx
      .insert(creditRecords)
      .values({
        regionCode: s.regionCode,
        subjectKind: v.subjectKind,
        subjectId: s.id,
        subjectName: s.name,
        kind: v.kind,
        prohibition: v.prohibition ?? null,
        reason: v.reason,
        evidence: v.evidence,
        startsOn: v.startsOn ?? null,
        endsOn: v.endsOn ?? null,
        status: pending ? "pending" : "approved",
        approvedBy: pending ? null : ctx.actor.id,
        approvedAt: pending ? null : new Date(),
        createdBy: ctx.actor.id,
      })
      .returning();
    await recordAudit(tx, ctx, { action: `credit.${v.kind}`, targetType: "credit_record", targetId: row!.id, regionCode: s.regionCode, detail: { subjectKind: v.subjectKind, subjectId: s.id, subjectName: s.name, prohibition: v.prohibition ?? null, status: row!.status } });
    return creditView(row!, new Map());
  });
}

export function creditView(r: Row, names: Map<string, string>, today = shanghaiDate()) {
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? null,
    subjectKind: r.subjectKind as CreditSubjectKind,
    subjectId: r.subjectId,
    subjectName: r.subjectName,
    kind: r.kind as CreditKind,
    prohibition: r.prohibition,
    prohibitionName: NEGATIVE_LIST.find((p) => p.key === r.prohibition)?.name ?? null,
    reason: r.reason,
    evidence: r.evidence as { note: string; photo?: string }[],
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    status: r.status,
    inForce: r.kind === "blacklist" && r.status === "approved" && r.startsOn !== null && r.startsOn <= today && (r.endsOn === null || r.endsOn >= today),
    createdBy: r.createdBy,
    approvedBy: r.approvedBy,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

async function names(db: Pick<Tx, "select">, codes: string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Credit records of the actor's region, newest first; by kind, status, subject. */
export async function listCreditRecords({ ctx, query }: { ctx: Ctx; query: { kind?: string; status?: string; subjectKind?: string; subjectId?: string; limit?: number; cursor?: string } }) {
  if (!ctx.actor.permissions.has("supervision:manage") && !ctx.actor.permissions.has("facility:read")) requirePermission(ctx.actor, "supervision:manage");
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const conds: SQL[] = [like(creditRecords.regionCode, `${ctx.actor.regionCode}%`)];
  if (query.kind) {
    if (!(CREDIT_KINDS as readonly string[]).includes(query.kind)) throw new ValidationError("记录类型无效", [{ path: "kind", message: "记录类型无效" }]);
    conds.push(eq(creditRecords.kind, query.kind));
  }
  if (query.subjectKind) {
    if (!(CREDIT_SUBJECT_KINDS as readonly string[]).includes(query.subjectKind)) throw new ValidationError("对象类型无效", [{ path: "subjectKind", message: "对象类型无效" }]);
    conds.push(eq(creditRecords.subjectKind, query.subjectKind));
  }
  if (query.status) conds.push(eq(creditRecords.status, query.status));
  if (query.subjectId) conds.push(isUuid(query.subjectId) ? eq(creditRecords.subjectId, query.subjectId) : sql`false`);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
    if (typeof at !== "string" || !isUuid(String(id)) || Number.isNaN(Date.parse(at))) throw new ValidationError("分页游标无效");
    conds.push(or(lt(creditRecords.createdAt, new Date(at)), and(eq(creditRecords.createdAt, new Date(at)), lt(creditRecords.id, id)))!);
  }
  const rows = await ctx.database.db
    .select()
    .from(creditRecords)
    .where(and(...conds))
    .orderBy(desc(creditRecords.createdAt), desc(creditRecords.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const n = await names(ctx.database.db, page.map((r) => r.regionCode));
  const last = page[page.length - 1];
  return { items: page.map((r) => creditView(r, n)), nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

const DECISIONS = {
  approve: { from: "pending", to: "approved", text: "批准" },
  reject: { from: "pending", to: "rejected", text: "驳回" },
  revoke: { from: "approved", to: "revoked", text: "撤销" },
} as const;

/**
 * The district decides on a proposed blacklisting (approve or reject), or revokes one in force. The one who proposed it
 * cannot decide on it; the decider is of the district or above, and the record lies in their region.
 */
export async function decideCreditRecord({ ctx, id, decision, note }: { ctx: Ctx; id: string; decision: keyof typeof DECISIONS; note?: string }) {
  requirePermission(ctx.actor, "supervision:manage");
  if (!isUuid(id)) throw new NotFoundError("信用记录不存在");
  const d = DECISIONS[decision];
  return withTransaction(ctx, async (tx) => {
    const [r] = await tx.select().from(creditRecords).where(eq(creditRecords.id, id)).for("update");
    if (!r || !inScope(ctx.actor, r.regionCode)) throw new NotFoundError("信用记录不存在");
    if (r.kind !== "blacklist") throw new InvalidStateError("只有黑名单需要审批或撤销");
    if (!districtOrAbove(ctx.actor.regionCode)) throw new ForbiddenError(`黑名单须由区级以上民政部门${d.text}`);
    if (decision !== "revoke" && r.createdBy === ctx.actor.id) throw new ForbiddenError("提出人不能审批自己提出的黑名单");
    if (r.status !== d.from) throw new InvalidStateError(`该记录当前状态不能${d.text}`);
    const [row] = await tx
      .update(creditRecords)
      .set({ status: d.to, ...(decision === "approve" ? { approvedBy: ctx.actor.id, approvedAt: new Date() } : {}) })
      .where(eq(creditRecords.id, id))
      .returning();
    await recordAudit(tx, ctx, { action: `credit.${decision}`, targetType: "credit_record", targetId: id, regionCode: r.regionCode, detail: { from: r.status, to: d.to, subjectKind: r.subjectKind, subjectName: r.subjectName, note: note ?? null } });
    return creditView(row!, await names(tx, [row!.regionCode]));
  });
}

/** Blacklistings approved and in force on a Beijing date. */
function inForce(today: string): SQL {
  return and(eq(creditRecords.kind, "blacklist"), eq(creditRecords.status, "approved"), lte(creditRecords.startsOn, today), or(isNull(creditRecords.endsOn), gte(creditRecords.endsOn, today)))!;
}

/**
 * The public blacklist (no login): approved and in force; people's names masked (张**), institutions in full.
 * Optionally of one region's subtree.
 */
export async function publicBlacklist({ ctx, regionCode }: { ctx: Ctx; regionCode?: string }) {
  const today = shanghaiDate();
  const conds = [inForce(today)];
  if (regionCode) conds.push(like(creditRecords.regionCode, `${regionCode}%`));
  const rows = await ctx.database.db
    .select()
    .from(creditRecords)
    .where(and(...conds))
    .orderBy(desc(creditRecords.startsOn), desc(creditRecords.id))
    .limit(500);
  const n = await names(ctx.database.db, rows.map((r) => r.regionCode));
  return {
    items: rows.map((r) => {
      const person = PERSON_SUBJECT_KINDS.includes(r.subjectKind as CreditSubjectKind);
      return {
        id: r.id,
        subjectKind: r.subjectKind as CreditSubjectKind,
        name: person ? maskPersonName(r.subjectName) : r.subjectName,
        regionName: n.get(r.regionCode) ?? null,
        prohibitionName: NEGATIVE_LIST.find((p) => p.key === r.prohibition)?.name ?? null,
        // a person's record shows what was breached, not the narrative (which may name them or others)
        reason: person ? null : r.reason,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
      };
    }),
  };
}

// ── Consequences of a blacklisting in force ─────────────────────────────────────────────────────────────────────

/** SQL: the worker row `workerId` is blacklisted today, as a worker or as the staff record linked to it. */
export function workerBlacklistedSql(workerId: SQL, today = shanghaiDate()): SQL {
  return sql`EXISTS (SELECT 1 FROM credit_records cr WHERE cr.kind = 'blacklist' AND cr.status = 'approved' AND cr.starts_on <= ${today}::date AND (cr.ends_on IS NULL OR cr.ends_on >= ${today}::date)
    AND ((cr.subject_kind = 'worker' AND cr.subject_id = ${workerId}) OR (cr.subject_kind = 'staff' AND cr.subject_id IN (SELECT s.id FROM staff s WHERE s.worker_id = ${workerId}))))`;
}

export async function isWorkerBlacklisted(tx: Pick<Tx, "execute">, workerId: string): Promise<boolean> {
  const [row] = await selectRows<{ b: boolean }>(tx, sql`SELECT ${workerBlacklistedSql(sql`${workerId}::uuid`)} AS b`);
  return Boolean(row?.b);
}

export async function isProviderBlacklisted(tx: Pick<Tx, "select">, providerId: string): Promise<boolean> {
  const [hit] = await tx
    .select({ id: creditRecords.id })
    .from(creditRecords)
    .where(and(inForce(shanghaiDate()), eq(creditRecords.subjectKind, "provider"), eq(creditRecords.subjectId, providerId)))
    .limit(1);
  return Boolean(hit);
}

/** Refuses work for a provider (or the facility delivering the product) blacklisted today: no new orders for its products. */
export async function assertNotBlacklisted(tx: Pick<Tx, "select">, subject: { providerId: string; facilityId?: string | null }): Promise<void> {
  if (await isProviderBlacklisted(tx, subject.providerId)) throw new ValidationError("该服务商已被列入黑名单，不能下单", [{ path: "productId", message: "该服务商已被列入黑名单" }]);
  if (subject.facilityId) {
    const [hit] = await tx
      .select({ id: creditRecords.id })
      .from(creditRecords)
      .where(and(inForce(shanghaiDate()), eq(creditRecords.subjectKind, "facility"), eq(creditRecords.subjectId, subject.facilityId)))
      .limit(1);
    if (hit) throw new ValidationError("提供该服务的设施已被列入黑名单，不能下单", [{ path: "productId", message: "该设施已被列入黑名单" }]);
  }
}

/**
 * Refuses to hire or link a caregiver blacklisted in the provider's district (or above): the same account, or the same
 * person by name and phone (workers keep their phone encrypted, so the few blacklisted ones are decrypted and compared).
 */
export async function assertWorkerHireable(ctx: Ctx, tx: Tx, who: { providerRegionCode: string; name?: string; phone?: string; userId?: string | null }): Promise<void> {
  const district = who.providerRegionCode.slice(0, 6);
  const records = await tx
    .select({ subjectKind: creditRecords.subjectKind, subjectId: creditRecords.subjectId })
    .from(creditRecords)
    .where(and(inForce(shanghaiDate()), inArray(creditRecords.subjectKind, ["worker", "staff"]), or(like(creditRecords.regionCode, `${district}%`), sql`${district} LIKE ${creditRecords.regionCode} || '%'`)));
  if (records.length === 0) return;
  const workerIds = records.filter((r) => r.subjectKind === "worker" && r.subjectId).map((r) => r.subjectId!);
  const staffIds = records.filter((r) => r.subjectKind === "staff" && r.subjectId).map((r) => r.subjectId!);
  if (staffIds.length) {
    const linked = await tx.select({ workerId: staff.workerId }).from(staff).where(inArray(staff.id, staffIds));
    for (const s of linked) if (s.workerId) workerIds.push(s.workerId);
  }
  if (workerIds.length === 0) return;
  const listed = await tx.select({ id: workers.id, userId: workers.userId, name: workers.name, phoneEnc: workers.phoneEnc }).from(workers).where(inArray(workers.id, workerIds));
  const hit = listed.find((w) => (who.userId && w.userId === who.userId) || (who.name && who.phone && w.name === who.name && ctx.secrets.decrypt(w.phoneEnc) === who.phone));
  if (hit) throw new ValidationError("该服务人员已被列入黑名单，不能聘用或关联", [{ path: who.userId && hit.userId === who.userId ? "username" : "name", message: "该服务人员在黑名单期内" }]);
}

/** A worker account's user id by username (for the hiring check before linking). */
export async function userIdOf(tx: Pick<Tx, "select">, username: string): Promise<string | null> {
  const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
  return u?.id ?? null;
}
