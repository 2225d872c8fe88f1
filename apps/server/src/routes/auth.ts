import { ChangePasswordInput, changePassword, listMyElders, LoginInput, login, logout, SESSION_COOKIE } from "@carecircle/domain";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { deleteCookie, setCookie } from "hono/cookie";
import type { AppDeps, AppEnv } from "../env.ts";
import { errorResponses, jsonBody, ok } from "./openapi.ts";

const Me = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    permissions: z.array(z.string()),
    /** For provider admins and workers: the provider they work for. */
    providerId: z.string().nullable(),
    /** For elder accounts: their own record. */
    elderId: z.string().nullable(),
  })
  .openapi("Me");

export function authRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/login",
      tags: ["auth"],
      summary: "登录：成功后设置会话 Cookie；连续5次失败锁定15分钟",
      request: { body: jsonBody(LoginInput) },
      responses: { 200: { description: "已登录", content: { "application/json": { schema: z.object({ username: z.string(), role: z.string() }) } } }, ...errorResponses, 429: errorResponses[409] },
    }),
    async (c) => {
      const { token, actor } = await login({ ctx: c.var.ctx, input: c.req.valid("json") });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "Lax",
        secure: deps.config.cookieSecure,
        path: "/",
      });
      return c.json({ username: actor.username, role: actor.role }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "post", path: "/api/v1/auth/logout", tags: ["auth"], summary: "退出登录", responses: { 204: { description: "已退出" }, ...errorResponses } }),
    async (c) => {
      const token = c.var.sessionToken;
      // only a live session is ended and audited; a stray cookie is just cleared
      if (token && c.var.ctx.actor.id) await logout({ ctx: c.var.ctx, token });
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/api/v1/auth/me", tags: ["auth"], summary: "当前用户、角色、辖区和权限", responses: ok("当前用户", Me) }),
    (c) => {
      const a = c.var.ctx.actor;
      return c.json(
        { id: a.id ?? "", username: a.username, displayName: c.var.displayName, role: a.role, regionCode: a.regionCode, regionName: c.var.regionName, permissions: [...a.permissions], providerId: a.providerId ?? null, elderId: a.elderId ?? null },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/elders",
      tags: ["auth"],
      summary: "老人或家属账号所代表的老人（老人本人；家属绑定的老人）",
      responses: ok("老人", z.object({ items: z.array(z.record(z.string(), z.unknown())) })),
    }),
    async (c) => c.json(await listMyElders({ ctx: c.var.ctx }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/password",
      tags: ["auth"],
      summary: "修改本人密码（其余会话随之失效）",
      request: { body: jsonBody(ChangePasswordInput) },
      responses: { 204: { description: "已修改" }, ...errorResponses },
    }),
    async (c) => {
      await changePassword({ ctx: c.var.ctx, input: c.req.valid("json") });
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.body(null, 204);
    },
  );
}
