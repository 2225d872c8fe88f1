import { sessions, users } from "@carecircle/db";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ThrottledError, UnauthenticatedError } from "../core/errors.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { actorOf, newSessionToken, tokenHash } from "./sessions.ts";

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

/** Verifies the password and opens a session; failures are counted and audited even though the request fails. */
export async function login({ ctx, input }: { ctx: Ctx; input: LoginInput }) {
  const db = ctx.database.db;
  const [user] = await db.select().from(users).where(eq(users.username, input.username));
  const failCtx: Ctx = { ...ctx, actor: { ...ctx.actor, username: input.username, id: user?.id ?? null } };
  if (!user || user.disabled) {
    // Spend the same time as a real check so that timing does not tell which usernames exist.
    dummyHash ??= hashPassword("dummy-Password-1");
    await verifyPassword(await dummyHash, input.password);
    await withTransaction(ctx, (tx) => recordAudit(tx, failCtx, { action: "auth.login_failed", detail: { reason: "unknown_user" } }));
    throw new UnauthenticatedError("用户名或密码错误");
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await withTransaction(ctx, (tx) =>
      recordAudit(tx, failCtx, { action: "auth.login_failed", regionCode: user.regionCode, detail: { reason: "locked" } }),
    );
    throw new ThrottledError(`连续登录失败次数过多，账户已锁定，请于 ${minutesUntil(user.lockedUntil)} 分钟后重试`, {
      lockedUntil: user.lockedUntil.toISOString(),
    });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const lockedUntil = await withTransaction(ctx, async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ failedLogins: sql`${users.failedLogins} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failedLogins: users.failedLogins });
      let until: Date | null = null;
      if ((row?.failedLogins ?? 0) >= LOGIN_POLICY.maxFailures) {
        until = new Date(Date.now() + LOGIN_POLICY.lockMinutes * 60_000);
        await tx.update(users).set({ failedLogins: 0, lockedUntil: until }).where(eq(users.id, user.id));
      }
      await recordAudit(tx, failCtx, {
        action: "auth.login_failed",
        regionCode: user.regionCode,
        detail: { reason: "bad_password", locked: until !== null },
      });
      return until;
    });
    if (lockedUntil) {
      throw new ThrottledError(`连续${LOGIN_POLICY.maxFailures}次登录失败，账户已锁定${LOGIN_POLICY.lockMinutes}分钟`, {
        lockedUntil: lockedUntil.toISOString(),
      });
    }
    throw new UnauthenticatedError("用户名或密码错误");
  }
  const token = newSessionToken();
  const actor = actorOf(user);
  await withTransaction(ctx, async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await tx.insert(sessions).values({ tokenHash: tokenHash(token), userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent });
    await recordAudit(tx, { ...ctx, actor }, { action: "auth.login", regionCode: user.regionCode });
  });
  return { token, actor };
}

function minutesUntil(d: Date): number {
  return Math.max(1, Math.ceil((d.getTime() - Date.now()) / 60_000));
}

export async function logout({ ctx, token }: { ctx: Ctx; token: string }) {
  await withTransaction(ctx, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
    await recordAudit(tx, ctx, { action: "auth.logout" });
  });
}
