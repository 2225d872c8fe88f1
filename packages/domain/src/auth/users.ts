import { sessions, users } from "@carecircle/db";
import { ROLES } from "@carecircle/shared";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ConflictError, UnauthenticatedError, ValidationError } from "../core/errors.ts";
import { getRegion } from "../regions/regions.ts";
import { hashPassword, passwordProblem, verifyPassword } from "./password.ts";
import { forgetSessions } from "./sessions.ts";

export const CreateUserInput = z
  .object({
    username: z.string().trim().regex(/^[a-z][a-z0-9_.-]{1,31}$/, "用户名为2–32位小写字母、数字或 _ . -，以字母开头"),
    displayName: z.string().trim().min(1).max(50),
    password: z.string(),
    role: z.enum(ROLES),
    regionCode: z.string().regex(/^\d{2,12}$/),
  })
  .strict();
export type CreateUserInput = z.infer<typeof CreateUserInput>;

/** Creates a user (CLI, seeding). */
export async function createUser({ ctx, input }: { ctx: Ctx; input: CreateUserInput }) {
  const problem = passwordProblem(input.password);
  if (problem) throw new ValidationError(problem, [{ path: "password", message: problem }]);
  if (!(await getRegion(ctx, input.regionCode))) {
    throw new ValidationError("区划代码不存在", [{ path: "regionCode", message: "区划代码不存在" }]);
  }
  const passwordHash = await hashPassword(input.password);
  return withTransaction(ctx, async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (existing) throw new ConflictError(`用户名 ${input.username} 已存在`);
    const [row] = await tx
      .insert(users)
      .values({ ...input, passwordHash })
      .returning({ id: users.id });
    await recordAudit(tx, ctx, {
      action: "user.create",
      targetType: "user",
      targetId: row!.id,
      regionCode: input.regionCode,
      detail: { username: input.username, role: input.role },
    });
    return { id: row!.id };
  });
}

export const ChangePasswordInput = z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(200) }).strict();

/** A user changes their own password; every other session of theirs ends. */
export async function changePassword({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ChangePasswordInput> }) {
  const id = ctx.actor.id;
  if (!id) throw new UnauthenticatedError("请先登录");
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, id));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ValidationError("当前密码不正确", [{ path: "currentPassword", message: "当前密码不正确" }]);
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new ValidationError(problem, [{ path: "newPassword", message: problem }]);
  const passwordHash = await hashPassword(input.newPassword);
  forgetSessions(ctx.database, { userId: id });
  await withTransaction(ctx, async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await recordAudit(tx, ctx, { action: "auth.password_change", targetType: "user", targetId: id });
  });
  forgetSessions(ctx.database, { userId: id });
}

/** Sets a password without knowing the old one (CLI `user reset-password`). */
export async function setPassword({ ctx, username, password }: { ctx: Ctx; username: string; password: string }) {
  const problem = passwordProblem(password);
  if (problem) throw new ValidationError(problem, [{ path: "password", message: problem }]);
  const passwordHash = await hashPassword(password);
  await withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null })
      .where(eq(users.username, username))
      .returning({ id: users.id, regionCode: users.regionCode });
    if (!row) throw new ValidationError(`用户 ${username} 不存在`);
    await recordAudit(tx, ctx, { action: "auth.password_reset", targetType: "user", targetId: row.id, regionCode: row.regionCode });
  });
}
