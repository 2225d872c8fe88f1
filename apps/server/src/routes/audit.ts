import { AuditListQuery, listAuditEvents } from "@carecircle/domain";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { AnyJson, ListOf, ok } from "./openapi.ts";

export function auditRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/audit-events",
      tags: ["audit"],
      summary: "审计日志（本辖区，最新在前）：谁、何时、从哪里、对哪条记录做了什么，包括每次查看完整证件号/电话",
      request: { query: AuditListQuery },
      responses: ok("审计事件", ListOf(AnyJson, "AuditEventList")),
    }),
    async (c) => c.json(await listAuditEvents({ ctx: c.var.ctx, input: c.req.valid("query") }), 200),
  );
}
