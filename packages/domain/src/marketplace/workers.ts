import { type Tx, users, workers } from "@carecircle/db";
import { type CertificateInput, CreateWorkerInput, isValidPhone, maskPhone, normalizePhone, UpdateWorkerInput } from "@carecircle/shared";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { forgetSessions } from "../auth/sessions.ts";
import { managedProvider } from "./providers.ts";
import { assertWorkerHireable, userIdOf } from "../supervision/credit.ts";

export type WorkerRow = typeof workers.$inferSelect;
export type Certificate = CertificateInput;

export function workerView(w: WorkerRow) {
  return {
    id: w.id,
    providerId: w.providerId,
    userId: w.userId,
    name: w.name,
    phone: w.phoneMasked,
    skills: w.skills,
    certificates: w.certificates as Certificate[],
    workDays: w.workDays,
    workStart: w.workStart,
    workEnd: w.workEnd,
    baseLat: w.baseLat,
    baseLng: w.baseLng,
    active: w.active,
    rating: w.ratingCount > 0 ? Math.round((w.ratingSum / w.ratingCount) * 10) / 10 : null,
    ratingCount: w.ratingCount,
  };
}

/** The worker record of a signed-in worker account, or null. */
export async function workerOfActor(ctx: Ctx, tx?: Tx): Promise<WorkerRow | null> {
  if (ctx.actor.role !== "worker" || !ctx.actor.id) return null;
  const [w] = await (tx ?? ctx.database.db).select().from(workers).where(eq(workers.userId, ctx.actor.id));
  return w ?? null;
}

async function linkAccount(tx: Tx, username: string, provider: { id: string; regionCode: string }): Promise<string> {
  const providerId = provider.id;
  const [u] = await tx.select().from(users).where(eq(users.username, username));
  // a worker account of the provider's district (the same first six digits), not anyone's anywhere
  if (!u || u.role !== "worker" || u.regionCode.slice(0, 6) !== provider.regionCode.slice(0, 6)) {
    throw new ValidationError("没有这个服务人员账号", [{ path: "username", message: "本区没有这个服务人员账号（角色须为服务人员）" }]);
  }
  if (u.providerId && u.providerId !== providerId) throw new ConflictError("该账号已属于其他服务商");
  const [taken] = await tx.select({ id: workers.id }).from(workers).where(eq(workers.userId, u.id));
  if (taken) throw new ConflictError("该账号已关联其他服务人员");
  await tx.update(users).set({ providerId }).where(eq(users.id, u.id));
  return u.id;
}

/** A provider admin adds a caregiver (optionally linking the account they will sign in with). */
export async function createWorker({ ctx, providerId, input }: { ctx: Ctx; providerId?: string; input: z.input<typeof CreateWorkerInput> }) {
  const v = CreateWorkerInput.parse(input);
  const phone = normalizePhone(v.phone);
  if (!isValidPhone(phone)) throw new ValidationError("电话号码无效", [{ path: "phone", message: "电话号码无效" }]);
  return withTransaction(ctx, async (tx) => {
    const p = await managedProvider(ctx, providerId, tx);
    await assertWorkerHireable(ctx, tx, { providerRegionCode: p.regionCode, name: v.name, phone, userId: v.username ? await userIdOf(tx, v.username) : null });
    const userId = v.username ? await linkAccount(tx, v.username, p) : null;
    const [row] = await tx
      .insert(workers)
      .values({
        providerId: p.id,
        userId,
        name: v.name,
        phoneEnc: ctx.secrets.encrypt(phone),
        phoneMasked: maskPhone(phone),
        skills: v.skills,
        certificates: v.certificates,
        workDays: v.workDays,
        workStart: v.workStart,
        workEnd: v.workEnd,
        baseLat: v.baseLat,
        baseLng: v.baseLng,
      })
      .returning();
    await recordAudit(tx, ctx, { action: "worker.create", targetType: "worker", targetId: row!.id, regionCode: p.regionCode, detail: { providerId: p.id, name: v.name, linked: Boolean(userId) } });
    return { view: workerView(row!), userId };
  }).then(({ view, userId }) => {
    // the linked account's cached session must learn its provider
    if (userId) forgetSessions(ctx.database, { userId });
    return view;
  });
}

export async function listWorkers({ ctx, providerId }: { ctx: Ctx; providerId?: string }) {
  const p = await managedProvider(ctx, providerId);
  const rows = await ctx.database.db.select().from(workers).where(eq(workers.providerId, p.id)).orderBy(asc(workers.name));
  return { items: rows.map(workerView) };
}

export async function updateWorker({ ctx, id, input }: { ctx: Ctx; id: string; input: z.input<typeof UpdateWorkerInput> }) {
  const v = UpdateWorkerInput.parse(input);
  if (!isUuid(id)) throw new NotFoundError("服务人员不存在");
  return withTransaction(ctx, async (tx) => {
    const [w] = await tx.select().from(workers).where(eq(workers.id, id)).for("update");
    if (!w) throw new NotFoundError("服务人员不存在");
    const p = await managedProvider(ctx, w.providerId, tx);
    const start = v.workStart ?? w.workStart;
    const end = v.workEnd ?? w.workEnd;
    if (start >= end) throw new ValidationError("下班时间应晚于上班时间", [{ path: "workEnd", message: "下班时间应晚于上班时间" }]);
    if (Object.keys(v).length === 0) return workerView(w);
    const [row] = await tx.update(workers).set(v).where(and(eq(workers.id, id))).returning();
    await recordAudit(tx, ctx, { action: "worker.update", targetType: "worker", targetId: id, regionCode: p.regionCode, detail: { fields: Object.keys(v) } });
    return workerView(row!);
  });
}

/** True when every certificate kind required is held and valid on `date` (YYYY-MM-DD). */
export function certificatesValid(certs: readonly Certificate[], required: readonly string[], date: string): boolean {
  return required.every((kind) => certs.some((c) => c.kind === kind && c.validTo >= date && (!c.validFrom || c.validFrom <= date)));
}
