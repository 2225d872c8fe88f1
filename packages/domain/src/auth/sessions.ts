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

/**
 * Sessions resolved in the last few seconds, per database: a burst of requests (a page's queries, an operator placing
 * orders) skips the lookup. Logout and a password change in this process forget them at once; elsewhere (another
 * server, the CLI disabling an account) an ended session is honoured within `SESSION_CACHE_MS`.
 */
export const SESSION_CACHE_MS = 3000;
const MAX_CACHED = 10_000;
interface SessionCache {
  entries: Map<string, { user: SessionUser; lastSeenAt: number; at: number }>;
  /** Bumped by every forget: a lookup that was under way meanwhile does not cache what it read. */
  epoch: number;
}
const recent = new WeakMap<Database, SessionCache>();
function cacheOf(database: Database): SessionCache {
  let c = recent.get(database);
  if (!c) recent.set(database, (c = { entries: new Map(), epoch: 0 }));
  return c;
}

/** Forgets cached sessions: one token's (logout), or every session of a user (password change, a new provider). */
export function forgetSessions(database: Database, which: { token?: string; userId?: string }): void {
  const c = cacheOf(database);
  c.epoch++;
  if (which.token) c.entries.delete(tokenHash(which.token));
  if (which.userId) for (const [k, v] of c.entries) if (v.user.actor.id === which.userId) c.entries.delete(k);
}

/** Resolves a cookie token to its user; ends sessions idle longer than `idleMinutes`. Touches lastSeenAt at most once a minute. */
export async function resolveSession(database: Database, token: string, idleMinutes: number, cacheMs = SESSION_CACHE_MS): Promise<SessionUser> {
  const hash = tokenHash(token);
  const now = Date.now();
  const state = cacheOf(database);
  const cache = state.entries;
  const epoch = state.epoch;
  const hit = cache.get(hash);
  if (hit && now - hit.at < cacheMs && now - hit.lastSeenAt <= idleMinutes * 60_000) return hit.user;
  let lookup = preparedLookups.get(database);
  if (!lookup) preparedLookups.set(database, (lookup = buildLookup(database)));
  const [row] = await lookup.execute({ hash });
  if (!row || row.user.disabled) {
    cache.delete(hash);
    throw new UnauthenticatedError("请先登录");
  }
  let lastSeenAt = row.lastSeenAt.getTime();
  if (now - lastSeenAt > idleMinutes * 60_000) {
    cache.delete(hash);
    await database.db.delete(sessions).where(eq(sessions.tokenHash, hash));
    throw new UnauthenticatedError("登录已超时，请重新登录");
  }
  if (now - lastSeenAt > 60_000) {
    await database.db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.tokenHash, hash));
    lastSeenAt = now;
  }
  const user = { actor: actorOf(row.user), displayName: row.user.displayName, regionName: row.regionName };
  if (cacheMs > 0 && state.epoch === epoch) {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(hash, { user, lastSeenAt, at: now });
  }
  return user;
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
  forgetSessions(ctx.database, { token });
  await ctx.database.db
    .delete(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash(token))));
  // again after the delete: a lookup that read the row before it was gone must not keep it
  forgetSessions(ctx.database, { token });
}
