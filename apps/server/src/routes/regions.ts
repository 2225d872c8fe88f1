import { listRegions, requirePermission } from "@carecircle/domain";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { ok } from "./openapi.ts";

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
}
