import {
  activateSubsidyRule,
  createSubsidyRule,
  disbursementList,
  getSubsidyRun,
  getWallet,
  listSubsidyFlags,
  listSubsidyRules,
  listSubsidyRuns,
  previewSubsidyRule,
  startSubsidyRun,
  subsidyTotals,
  TotalsQuery,
} from "@carecircle/domain";
import { CreateSubsidyRuleInput, PreviewInput, StartRunInput } from "@carecircle/shared";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { download } from "./elders.ts";
import { AnyJson, errorResponses, IdParam, jsonBody, ok } from "./openapi.ts";

const Items = z.object({ items: z.array(AnyJson) });

export function subsidyRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/subsidy-rules", tags: ["subsidies"], summary: "适用于本辖区的补贴规则（含上级区划的规则），每个规则代码的各个版本", responses: ok("规则", Items) }),
    async (c) => c.json(await listSubsidyRules({ ctx: c.var.ctx }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/subsidy-rules",
      tags: ["subsidies"],
      summary: "新建补贴规则（草稿）；已有规则代码则为其新版本。条件、待遇、频次、预算科目、生效日期均为数据",
      request: { body: jsonBody(CreateSubsidyRuleInput) },
      responses: { 201: { description: "已创建", content: { "application/json": { schema: AnyJson } } }, ...errorResponses },
    }),
    async (c) => c.json(await createSubsidyRule({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/subsidy-rules/{id}/preview",
      tags: ["subsidies"],
      summary: "生效前预览：某月符合条件的人数、当期费用、按街道分布和样本名单（脱敏）",
      request: { params: IdParam, body: { required: false, content: { "application/json": { schema: PreviewInput } } } },
      responses: ok("预览"),
    }),
    async (c) => c.json(await previewSubsidyRule({ ctx: c.var.ctx, id: c.req.valid("param").id, input: await c.req.json().catch(() => ({})) }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/subsidy-rules/{id}/activate", tags: ["subsidies"], summary: "启用草稿规则；同一代码的现行版本在其生效前一日终止", request: { params: IdParam }, responses: ok("规则") }),
    async (c) => c.json(await activateSubsidyRule({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/subsidy-runs",
      tags: ["subsidies"],
      summary: "按月发放（本辖区）：幂等、可续跑；返回 202 与批次，?wait=true 等待完成",
      request: { query: z.object({ wait: z.enum(["true", "false"]).optional() }), body: jsonBody(StartRunInput) },
      responses: { 202: { description: "已开始", content: { "application/json": { schema: AnyJson } } }, 200: { description: "已完成", content: { "application/json": { schema: AnyJson } } }, ...errorResponses },
    }),
    async (c) => {
      const wait = c.req.valid("query").wait === "true";
      const run = await startSubsidyRun({ ctx: c.var.ctx, input: c.req.valid("json"), wait });
      return c.json(run, wait ? 200 : 202);
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/subsidy-runs", tags: ["subsidies"], summary: "发放批次", responses: ok("批次", Items) }),
    async (c) => c.json(await listSubsidyRuns({ ctx: c.var.ctx }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/subsidy-runs/{id}", tags: ["subsidies"], summary: "发放批次：进度、按规则和街道汇总", request: { params: IdParam }, responses: ok("批次") }),
    async (c) => c.json(await getSubsidyRun({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/subsidy-runs/{id}/disbursement.xlsx",
      tags: ["subsidies"],
      summary: "现金补贴发放名单（给银行的 Excel；完整身份证号需权限，下载记入审计）",
      request: { params: IdParam },
      responses: { 200: { description: "xlsx", content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.string().openapi({ format: "binary" }) } } }, ...errorResponses },
    }),
    async (c) => {
      const f = await disbursementList({ ctx: c.var.ctx, runId: c.req.valid("param").id });
      return download(c, f.data, f.fileName);
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/subsidy-totals", tags: ["subsidies"], summary: "补贴合计：按规则、街道或月份", request: { query: TotalsQuery }, responses: ok("合计") }),
    async (c) => c.json(await subsidyTotals({ ctx: c.var.ctx, input: c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/subsidy-flags", tags: ["subsidies"], summary: "需核查的情况，例如去世日期之后仍有入账", responses: ok("列表", Items) }),
    async (c) => c.json(await listSubsidyFlags({ ctx: c.var.ctx }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/elders/{id}/wallet", tags: ["subsidies"], summary: "服务补贴账户：余额（由流水汇总）与流水，文字说明", request: { params: IdParam }, responses: ok("账户") }),
    async (c) => c.json(await getWallet({ ctx: c.var.ctx, elderId: c.req.valid("param").id }), 200),
  );
}
