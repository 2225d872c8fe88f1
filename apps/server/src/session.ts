import crypto from "node:crypto";
import { type Actor, resolveSession, SESSION_COOKIE, UnauthenticatedError } from "@carecircle/domain";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppDeps, AppEnv } from "./env.ts";

// "-" is a prefix of no region code: the anonymous actor is in no region
const ANONYMOUS: Actor = { kind: "user", id: null, username: "anonymous", role: "anonymous", regionCode: "-", permissions: new Set() };

function clientIp(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    // the proxy appends the address it saw: the rightmost entry is the one the client cannot forge
    const fwd = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** Request id, client address and — for everything but the public routes — the signed-in actor. */
export function sessionMiddleware(deps: AppDeps, isPublic: (method: string, path: string) => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = c.req.header("x-request-id")?.slice(0, 64) || crypto.randomUUID();
    c.set("requestId", requestId);
    c.header("X-Request-Id", requestId);
    const base = {
      database: deps.database,
      secrets: deps.secrets,
      requestId,
      ip: clientIp(c, deps.config.trustProxy),
      userAgent: c.req.header("user-agent")?.slice(0, 300),
    };
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    c.set("sessionToken", token);
    if (isPublic(c.req.method, c.req.path)) {
      // a valid session still names its user on public routes (logout is audited as that user)
      const known = token ? await resolveSession(deps.database, token, deps.config.sessionIdleMinutes).catch(() => null) : null;
      c.set("ctx", { ...base, actor: known?.actor ?? ANONYMOUS });
      return next();
    }
    if (!token) throw new UnauthenticatedError("请先登录");
    const user = await resolveSession(deps.database, token, deps.config.sessionIdleMinutes);
    c.set("ctx", { ...base, actor: user.actor });
    c.set("displayName", user.displayName);
    c.set("regionName", user.regionName);
    return next();
  };
}
