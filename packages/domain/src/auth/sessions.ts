import crypto from "node:crypto";
import { regions, sessions, users } from "@carecircle/db";
import { ROLES, type Role } from "@carecircle/shared";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Actor, Ctx } from "../core/context.ts";
import { UnauthenticatedError } from "../core/errors.ts";
import { permissionsOf } from "../core/permissions.ts";
import type { Database } from "@carecircle/db";

export const SESSION_COOKIE = "cc_session";

export function tokenHash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("base64url");
}

export function newSessionToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export interface SessionUser {
  actor: Actor;
  displayName: string;
  regionName: string;
}

/** Resolves a cookie token to its user; ends sessions idle longer than `idleMinutes`. Touches lastSeenAt at most once a minute. */
// every request resolves its session: the lookup is prepared once per database
const preparedLookups = new WeakMap<object, ReturnType<typeof buildLookup>>();
function buildLookup(database: Database) {
  return database.db
    .select({ lastSeenAt: sessions.lastSeenAt, user: users, regionName: regions.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .where(eq(sessions.tokenHash, sql.placeholder("hash")))
    .prepare("resolve_session");
}

/** Resolves a cookie token to its user; ends sessions idle longer than `idleMinutes`. Touches lastSeenAt at most once a minute. */
export async function resolveSession(database: Database, token: string, idleMinutes: number): Promise<SessionUser> {
  const hash = tokenHash(token);
  let lookup = preparedLookups.get(database);
  if (!lookup) preparedLookups.set(database, (lookup = buildLookup(database)));
  const [row] = await lookup.execute({ hash });
  if (!row || row.user.disabled) throw new UnauthenticatedError("请先登录");
  const now = Date.now();
  if (now - row.lastSeenAt.getTime() > idleMinutes * 60_000) {
    await database.db.delete(sessions).where(eq(sessions.tokenHash, hash));
    throw new UnauthenticatedError("登录已超时，请重新登录");
  }
  if (now - row.lastSeenAt.getTime() > 60_000) {
    await database.db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.tokenHash, hash));
  }
  return { actor: actorOf(row.user), displayName: row.user.displayName, regionName: row.regionName };
}

export function actorOf(user: typeof users.$inferSelect): Actor {
  const role = (ROLES as readonly string[]).includes(user.role) ? (user.role as Role) : "elder";
  return {
    kind: "user",
    id: user.id,
    username: user.username,
    role,
    regionCode: user.regionCode,
    permissions: permissionsOf(role),
    elderId: user.elderId ?? null,
    providerId: user.providerId ?? null,
  };
}

/** Deletes sessions idle past the limit; run periodically. */
export async function purgeIdleSessions(database: Database, idleMinutes: number): Promise<void> {
  await database.db.delete(sessions).where(lt(sessions.lastSeenAt, new Date(Date.now() - idleMinutes * 60_000)));
}

export async function endSession(ctx: Ctx, token: string): Promise<void> {
  await ctx.database.db
    .delete(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash(token))));
}
