import { listRegionRules, listRegions, requirePermission, SetRegionRuleInput, setRegionRule } from "@carecircle/domain";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { jsonBody, ok } from "./openapi.ts";

const Region = z
  .object({ code: z.string(), name: z.string(), level: z.number().int(), parentCode: z.string().nullable(), lat: z.number().nullable(), lng: z.number().nullable(), hasChildren: z.boolean() })
  .openapi("Region");

export function regionRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/regions",
      tags: ["regions"],
      summary: "区划：不带 parent 时返回本人辖区根节点，带 parent 时返回其下级",
      request: { query: z.object({ parent: z.string().regex(/^\d{2,12}$/, "区划代码应为2–12位数字").optional() }).strict() },
      responses: ok("区划列表", z.object({ items: z.array(Region) })),
    }),
    async (c) => {
      requirePermission(c.var.ctx.actor, "region:read");
      return c.json({ items: await listRegions({ ctx: c.var.ctx, parent: c.req.valid("query").parent }) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/region-rules",
      tags: ["regions"],
      summary: "辖区的各项规则：现行取值（本级设定、沿用上级或平台默认）、平台默认、允许的范围、已排定的新取值",
      request: { query: z.object({ regionCode: z.string().max(12).optional() }) },
      responses: ok("规则"),
    }),
    async (c) => c.json(await listRegionRules({ ctx: c.var.ctx, regionCode: c.req.valid("query").regionCode }), 200),
  );
  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/region-rules",
      tags: ["regions"],
      summary: "设定辖区的一项规则（区、市民政局）：自某日起生效，旧取值留档；超出范围的取值被拒绝",
      request: { body: jsonBody(SetRegionRuleInput) },
      responses: ok("已设定"),
    }),
    async (c) => c.json(await setRegionRule({ ctx: c.var.ctx, input: c.req.valid("json") }), 200),
  );
}
