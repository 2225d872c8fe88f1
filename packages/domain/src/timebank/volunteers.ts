import { users, volunteers } from "@carecircle/db";
import { ageOn, ID_NUMBER_MESSAGES, maskIdNumber, maskPhone, parseIdNumber, RegisterVolunteerInput, shanghaiDate, UpdateVolunteerInput } from "@carecircle/shared";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ConflictError, InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { requirePermission } from "../core/permissions.ts";
import { ruleFor } from "../regions/rules.ts";

type VolunteerRow = typeof volunteers.$inferSelect;
const view = (v: VolunteerRow) => ({
  id: v.id,
  name: v.name,
  idNumber: v.idNumberMasked,
  phone: v.phoneMasked,
  birthDate: v.birthDate,
  regionCode: v.regionCode,
  team: v.team,
  skills: v.skills,
  lat: v.lat,
  lng: v.lng,
  status: v.status,
  hasAccount: v.userId !== null,
  verifiedAt: v.verifiedAt?.toISOString() ?? null,
});

/**
 * Registers a volunteer of the actor's region (a community worker signing them up, paper form in hand): identity
 * checked and kept encrypted, age within the region's rule, once per person. Pending until verified.
 */
export async function registerVolunteer({ ctx, input }: { ctx: Ctx; input: z.input<typeof RegisterVolunteerInput> }) {
  requirePermission(ctx.actor, "timebank:manage");
  const v = RegisterVolunteerInput.parse(input);
  if (!v.regionCode.startsWith(ctx.actor.regionCode)) throw new ValidationError("只能登记本辖区的志愿者", [{ path: "regionCode", message: "不在您的辖区" }]);
  const id = parseIdNumber(v.idNumber);
  if (!id.ok) throw new ValidationError(ID_NUMBER_MESSAGES[id.problem], [{ path: "idNumber", message: ID_NUMBER_MESSAGES[id.problem] }]);
  const minAge = await ruleFor(ctx, v.regionCode, "timebank.volunteerMinAge");
  if (ageOn(id.value.birthDate, shanghaiDate()) < minAge) throw new ValidationError(`志愿者应年满${minAge}周岁`, [{ path: "idNumber", message: `志愿者应年满${minAge}周岁` }]);
  const phone = phoneDigits(v.phone);
  return withTransaction(ctx, async (tx) => {
    const hash = ctx.secrets.lookupHash("id", id.value.value);
    const [dup] = await tx.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.idNumberHash, hash));
    if (dup) throw new ConflictError("该身份证号的志愿者已登记");
    let userId: string | null = null;
    if (v.username) {
      // a volunteer account of the actor's region, not already someone else's
      const [u] = await tx.select({ id: users.id, role: users.role, regionCode: users.regionCode }).from(users).where(eq(users.username, v.username));
      const [taken] = u ? await tx.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.userId, u.id)) : [];
      if (!u || u.role !== "volunteer" || !u.regionCode.startsWith(ctx.actor.regionCode) || taken) throw new ValidationError("志愿者账号不存在或已关联", [{ path: "username", message: "志愿者账号不存在或已关联" }]);
      userId = u.id;
    }
    const [row] = await tx
      .insert(volunteers)
      .values({
        regionCode: v.regionCode,
        name: v.name,
        idNumberEnc: ctx.secrets.encrypt(id.value.value),
        idNumberHash: hash,
        idNumberMasked: maskIdNumber(id.value.value),
        birthDate: id.value.birthDate,
        phoneEnc: phone ? ctx.secrets.encrypt(phone) : null,
        phoneMasked: phone ? maskPhone(phone) : null,
        team: v.team ?? null,
        skills: v.skills,
        lat: v.lat ?? null,
        lng: v.lng ?? null,
        userId,
        createdBy: ctx.actor.id,
      })
      .returning();
    await recordAudit(tx, ctx, { action: "volunteer.register", targetType: "volunteer", targetId: row!.id, regionCode: row!.regionCode, detail: { name: v.name } });
    return view(row!);
  });
}

/** A phone as digits, or null when none; refuses what is no mainland mobile or landline number. */
function phoneDigits(raw: string | null | undefined): string | null {
  const phone = raw?.replace(/\D/g, "") || null;
  if (phone && !/^1\d{10}$|^0\d{9,11}$/.test(phone)) throw new ValidationError("电话号码格式不正确", [{ path: "phone", message: "电话号码格式不正确" }]);
  return phone;
}

/**
 * Changes a volunteer's phone, team, skills or home position (the alarm console finds volunteers near an elder by it);
 * what is not sent stays, null clears. Staff of the volunteer's region only; audited with the fields changed.
 */
export async function updateVolunteer({ ctx, id, input }: { ctx: Ctx; id: string; input: z.input<typeof UpdateVolunteerInput> }) {
  requirePermission(ctx.actor, "timebank:manage");
  if (!isUuid(id)) throw new NotFoundError("志愿者不存在");
  const v = UpdateVolunteerInput.parse(input);
  const phone = v.phone === undefined ? undefined : phoneDigits(v.phone);
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.select().from(volunteers).where(eq(volunteers.id, id)).for("update");
    if (!row || !row.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("志愿者不存在");
    const [after] = await tx
      .update(volunteers)
      .set({
        ...(phone === undefined ? {} : { phoneEnc: phone ? ctx.secrets.encrypt(phone) : null, phoneMasked: phone ? maskPhone(phone) : null }),
        ...(v.team === undefined ? {} : { team: v.team || null }),
        ...(v.skills === undefined ? {} : { skills: v.skills }),
        ...(v.lat === undefined ? {} : { lat: v.lat, lng: v.lng ?? null }),
      })
      .where(eq(volunteers.id, id))
      .returning();
    const fields = Object.keys(v).filter((k) => v[k as keyof typeof v] !== undefined);
    await recordAudit(tx, ctx, { action: "volunteer.update", targetType: "volunteer", targetId: id, regionCode: row.regionCode, detail: { name: row.name, fields } });
    return view(after!);
  });
}

/** Verifies (or suspends) a registered volunteer: only verified volunteers' services are deposited. */
export async function setVolunteerStatus({ ctx, id, status }: { ctx: Ctx; id: string; status: "verified" | "suspended" }) {
  requirePermission(ctx.actor, "timebank:manage");
  if (!isUuid(id)) throw new NotFoundError("志愿者不存在");
  return withTransaction(ctx, async (tx) => {
    const [v] = await tx.select().from(volunteers).where(eq(volunteers.id, id)).for("update");
    if (!v || !v.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("志愿者不存在");
    if (v.status === status) throw new InvalidStateError(status === "verified" ? "该志愿者已通过审核" : "该志愿者已暂停");
    const [row] = await tx
      .update(volunteers)
      .set({ status, ...(status === "verified" ? { verifiedBy: ctx.actor.id, verifiedAt: new Date() } : {}) })
      .where(eq(volunteers.id, id))
      .returning();
    await recordAudit(tx, ctx, { action: `volunteer.${status === "verified" ? "verify" : "suspend"}`, targetType: "volunteer", targetId: id, regionCode: v.regionCode });
    return view(row!);
  });
}

/** The region's volunteers, with their balances (hours), newest first. */
export async function listVolunteers({ ctx, status, q }: { ctx: Ctx; status?: string; q?: string }) {
  requirePermission(ctx.actor, "timebank:manage");
  // the column named in full: drizzle writes ${volunteers.id} as a bare "id", which inside the subquery is the account's
  const rows = await ctx.database.db
    .select({ v: volunteers, balance: sql<number | null>`(SELECT a.balance_minutes FROM timebank_accounts a WHERE a.volunteer_id = "volunteers"."id")` })
    .from(volunteers)
    .where(and(sql`${volunteers.regionCode} LIKE ${`${ctx.actor.regionCode}%`}`, status ? eq(volunteers.status, status) : undefined, q ? sql`${volunteers.name} LIKE ${`%${q}%`}` : undefined))
    .orderBy(desc(volunteers.createdAt))
    .limit(500);
  return { items: rows.map(({ v, balance }) => ({ ...view(v), balanceMinutes: balance === null ? 0 : Number(balance) })) };
}
