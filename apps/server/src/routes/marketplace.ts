import {
  catalogAreas,
  createProduct,
  createProvider,
  createWorker,
  getProduct,
  getProvider,
  listProducts,
  listProviders,
  listWorkers,
  setProductOnSale,
  setProviderStatus,
  setTimebankListing,
  updateProvider,
  updateWorker,
} from "@carecircle/domain";
import { CreateProductInput, CreateProviderInput, CreateWorkerInput, PROVIDER_STATUSES, ProviderStatusInput, SERVICE_CATEGORIES, UpdateProviderInput, UpdateWorkerInput } from "@carecircle/shared";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { AnyJson, created, IdParam, jsonBody, ok } from "./openapi.ts";

const Items = z.object({ items: z.array(AnyJson) });

export function marketplaceRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/providers",
      tags: ["marketplace"],
      summary: "服务商：公众与老人看到已批准的；民政看到本辖区的（含待审、暂停）；服务商管理员另见自己的",
      request: { query: z.object({ status: z.enum(PROVIDER_STATUSES).optional(), regionCode: z.string().regex(/^\d{2,12}$/).optional() }) },
      responses: ok("服务商", Items),
    }),
    async (c) => c.json(await listProviders({ ctx: c.var.ctx, ...c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/providers",
      tags: ["marketplace"],
      summary: "服务商备案：民政登记即批准；服务商管理员登记自己的机构，待民政审批。校验统一社会信用代码",
      request: { body: jsonBody(CreateProviderInput) },
      responses: created("已登记"),
    }),
    async (c) => c.json(await createProvider({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/providers/{id}", tags: ["marketplace"], summary: "服务商详情", request: { params: IdParam }, responses: ok("服务商") }),
    async (c) => c.json(await getProvider({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/api/v1/providers/{id}", tags: ["marketplace"], summary: "修改服务商信息（电话、地址、资质、简介、是否自动接单）", request: { params: IdParam, body: jsonBody(UpdateProviderInput) }, responses: ok("服务商") }),
    async (c) => c.json(await updateProvider({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/providers/{id}/status",
      tags: ["marketplace"],
      summary: "民政审批、暂停（此后不再接收新订单）、恢复或驳回服务商",
      request: { params: IdParam, body: jsonBody(ProviderStatusInput) },
      responses: ok("服务商"),
    }),
    async (c) => c.json(await setProviderStatus({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/providers/{id}/workers", tags: ["marketplace"], summary: "服务商的服务人员（技能、证书及有效期、工作时间）", request: { params: IdParam }, responses: ok("服务人员", Items) }),
    async (c) => c.json(await listWorkers({ ctx: c.var.ctx, providerId: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/providers/{id}/workers",
      tags: ["marketplace"],
      summary: "添加服务人员，可关联其登录账号",
      request: { params: IdParam, body: jsonBody(CreateWorkerInput) },
      responses: created("已添加"),
    }),
    async (c) => c.json(await createWorker({ ctx: c.var.ctx, providerId: c.req.valid("param").id, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/api/v1/workers/{id}", tags: ["marketplace"], summary: "修改服务人员的技能、证书、工作时间或停用", request: { params: IdParam, body: jsonBody(UpdateWorkerInput) }, responses: ok("服务人员") }),
    async (c) => c.json(await updateWorker({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/service-products",
      tags: ["marketplace"],
      summary: "服务目录（无需登录）：已批准服务商在售的产品，按类别、服务区域、服务商筛选",
      request: {
        query: z.object({
          category: z.enum(SERVICE_CATEGORIES).optional(),
          regionCode: z.string().regex(/^\d{2,12}$/).optional(),
          providerId: z.string().max(40).optional(),
          q: z.string().trim().max(50).optional(),
          /** Only those hours can buy (listed for the time bank). */
          timebank: z.enum(["true", "false"]).optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
      responses: ok("产品", Items),
    }),
    async (c) => {
      const { timebank, ...q } = c.req.valid("query");
      return c.json(await listProducts({ ctx: c.var.ctx, ...q, timebank: timebank === "true" }), 200);
    },
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/service-products", tags: ["marketplace"], summary: "发布服务产品（服务商管理员）", request: { body: jsonBody(CreateProductInput) }, responses: created("已发布") }),
    async (c) => c.json(await createProduct({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/service-products/{id}", tags: ["marketplace"], summary: "服务产品详情（无需登录）", request: { params: IdParam }, responses: ok("产品") }),
    async (c) => c.json(await getProduct({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/service-products/{id}/sale",
      tags: ["marketplace"],
      summary: "上架或下架产品",
      request: { params: IdParam, body: jsonBody(z.object({ onSale: z.boolean() }).strict()) },
      responses: ok("产品"),
    }),
    async (c) => c.json(await setProductOnSale({ ctx: c.var.ctx, id: c.req.valid("param").id, onSale: c.req.valid("json").onSale }), 200),
  );
  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/service-products/{id}/timebank",
      tags: ["marketplace", "timebank"],
      summary: "列入（或移出）时间银行兑换目录：每单位所需的时间（分钟），由区民政局设定",
      request: { params: IdParam, body: jsonBody(z.object({ timebankMinutes: z.number({ error: "请填写所需分钟数" }).int("应为整数分钟").positive("应为正数").max(24 * 60).nullable() }).strict()) },
      responses: ok("产品"),
    }),
    async (c) => c.json(await setTimebankListing({ ctx: c.var.ctx, id: c.req.valid("param").id, timebankMinutes: c.req.valid("json").timebankMinutes }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/catalog/areas", tags: ["marketplace"], summary: "服务目录可筛选的区域（区县、街道；无需登录）", responses: ok("区域", Items) }),
    async (c) => c.json(await catalogAreas({ ctx: c.var.ctx }), 200),
  );
}
