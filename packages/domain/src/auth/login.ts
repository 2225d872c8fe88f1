import { sessions, users } from "@carecircle/db";
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ThrottledError, UnauthenticatedError } from "../core/errors.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { actorOf, forgetSessions, newSessionToken, tokenHash } from "./sessions.ts";

export const LoginInput = z
  .object({
    username: z.string().trim().min(1, "请输入用户名").max(50),
    password: z.string().min(1, "请输入密码").max(200),
  })
  .strict();
export type LoginInput = z.infer<typeof LoginInput>;

/** Lock-out policy: 5 failures in a row lock the account for 15 minutes. */
export const LOGIN_POLICY = { maxFailures: 5, lockMinutes: 15 } as const;

let dummyHash: Promise<string> | undefined;

/**
 * Verifies the password and opens a session. Each attempt first reserves a slot in the failure counter with one
 * atomic UPDATE, so that parallel guesses cannot all pass the check before the lock lands; a success resets it.
 * Failures are counted and audited even though the request fails.
 */
export async function login({ ctx, input }: { ctx: Ctx; input: LoginInput }) {
  const db = ctx.database.db;
  const [user] = await db.select().from(users).where(eq(users.username, input.username));
  const failCtx: Ctx = { ...ctx, actor: { ...ctx.actor, username: input.username, id: user?.id ?? null } };
  const fail = (reason: string, extra: Record<string, unknown> = {}) =>
    withTransaction(ctx, (tx) => recordAudit(tx, failCtx, { action: "auth.login_failed", regionCode: user?.regionCode, detail: { reason, ...extra } }));
  if (!user || user.disabled) {
    // Spend the same time as a real check so that timing does not tell which usernames exist.
    dummyHash ??= hashPassword("dummy-Password-1");
    await verifyPassword(await dummyHash, input.password);
    await fail("unknown_user");
    throw new UnauthenticatedError("用户名或密码错误");
  }
  const [slot] = await db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(and(eq(users.id, user.id), or(isNull(users.lockedUntil), lte(users.lockedUntil, new Date()))))
    .returning({ attempts: users.failedLogins });
  const lock = async () => {
    const until = new Date(Date.now() + LOGIN_POLICY.lockMinutes * 60_000);
    await db.update(users).set({ failedLogins: 0, lockedUntil: until }).where(eq(users.id, user.id));
    return until;
  };
  if (!slot) {
    const [now] = await db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, user.id));
    await fail("locked");
    throw lockedError(now?.lockedUntil ?? new Date());
  }
  if (slot.attempts > LOGIN_POLICY.maxFailures) {
    // more guesses in flight than the policy allows: lock without checking this one
    const until = await lock();
    await fail("too_many_attempts", { locked: true });
    throw lockedError(until);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    if (slot.attempts >= LOGIN_POLICY.maxFailures) {
      const until = await lock();
      await fail("bad_password", { locked: true });
      throw new ThrottledError(`连续${LOGIN_POLICY.maxFailures}次登录失败，账户已锁定${LOGIN_POLICY.lockMinutes}分钟`, { lockedUntil: until.toISOString() });
    }
    await fail("bad_password", { locked: false });
    throw new UnauthenticatedError("用户名或密码错误");
  }
  const token = newSessionToken();
  const actor = actorOf(user);
  await withTransaction(ctx, async (tx) => {
    // a lock set by parallel failures while this check ran still stands
    const [ok] = await tx
      .update(users)
      .set({ failedLogins: 0 })
      .where(and(eq(users.id, user.id), or(isNull(users.lockedUntil), lte(users.lockedUntil, new Date()))))
      .returning({ id: users.id });
    if (!ok) throw lockedError(new Date(Date.now() + LOGIN_POLICY.lockMinutes * 60_000));
    await tx.insert(sessions).values({ tokenHash: tokenHash(token), userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent });
    await recordAudit(tx, { ...ctx, actor }, { action: "auth.login", regionCode: user.regionCode });
  });
  return { token, actor };
}

function lockedError(until: Date) {
  return new ThrottledError(`连续登录失败次数过多，账户已锁定，请于 ${minutesUntil(until)} 分钟后重试`, { lockedUntil: until.toISOString() });
}

function minutesUntil(d: Date): number {
  return Math.max(1, Math.ceil((d.getTime() - Date.now()) / 60_000));
}

export async function logout({ ctx, token }: { ctx: Ctx; token: string }) {
  forgetSessions(ctx.database, { token });
  await withTransaction(ctx, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
    await recordAudit(tx, ctx, { action: "auth.logout" });
  });
  // again after the commit: a lookup that read the session before it was deleted must not keep it
  forgetSessions(ctx.database, { token });
}
