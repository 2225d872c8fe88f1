import crypto from "node:crypto";
import {
  fileComplaint,
  getOrder,
  listComplaints,
  listInboundCalls,
  listOrders,
  ListOrdersQuery,
  placeOrder,
  providerStatement,
  providerStatementXlsx,
  quoteOrder,
  rateOrder,
  receiveInboundCall,
  recordReturnVisit,
  resolveComplaint,
  returnVisitSample,
  satisfactionStats,
  takeInboundCall,
  transitionOrder,
  orderContact,
  orderDetail,
  UnauthenticatedError,
  SYSTEM_ACTOR,
} from "@carecircle/domain";
import { ComplaintInput, InboundCallInput, Month, PlaceOrderInput, RatingInput, ResolveComplaintInput, ReturnVisitInput, TransitionInput } from "@carecircle/shared";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppDeps, AppEnv } from "../env.ts";
import { download } from "./elders.ts";
import { AnyJson, created, errorResponses, IdParam, jsonBody, ok } from "./openapi.ts";

const Items = z.object({ items: z.array(AnyJson) });
const StatementParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM").openapi({ param: { name: "month", in: "path" } }) });

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function orderRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/service-orders/quote",
      tags: ["orders"],
      summary: "下单前报价：适用价格、预计费用、补贴账户可抵扣多少、自付多少（不下单）",
      request: { body: jsonBody(PlaceOrderInput) },
      responses: ok("报价"),
    }),
    async (c) => c.json(await quoteOrder({ ctx: c.var.ctx, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/service-orders",
      tags: ["orders"],
      summary: "下单（老人、家属、坐席、社区）。带 Idempotency-Key 重试只产生一单（重放返回 200）",
      request: { headers: z.object({ "idempotency-key": z.string().max(100).optional() }), body: jsonBody(PlaceOrderInput) },
      responses: { ...created("已下单"), 200: { description: "同一 Idempotency-Key 的重放", content: { "application/json": { schema: AnyJson } } } },
    }),
    async (c) => {
      const { order, replayed, view } = await placeOrder({ ctx: c.var.ctx, input: c.req.valid("json"), idempotencyKey: c.req.valid("header")["idempotency-key"] });
      if (replayed) c.header("Idempotent-Replayed", "true");
      return c.json(view ?? (await orderDetail(c.var.ctx, order)) ?? { id: order.id, status: order.status }, replayed ? 200 : 201);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/service-orders",
      tags: ["orders"],
      summary: "订单：民政和坐席看本辖区，服务商看自己的，服务人员看派给自己的，老人和家属看自己的",
      request: { query: ListOrdersQuery },
      responses: ok("订单"),
    }),
    async (c) => c.json(await listOrders({ ctx: c.var.ctx, query: c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/service-orders/{id}", tags: ["orders"], summary: "订单详情：时间线与当前用户可执行的操作", request: { params: IdParam }, responses: ok("订单") }),
    async (c) => c.json(await getOrder({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/service-orders/{id}/transitions",
      tags: ["orders"],
      summary: "订单状态流转：accept、reject、assign、worker_accept、refuse、depart、check_in、check_out、confirm、dispute、resolve、void、settle、cancel、no_show；非法流转 409",
      request: { params: IdParam, body: jsonBody(TransitionInput) },
      responses: ok("订单"),
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const row = await transitionOrder({ ctx: c.var.ctx, id, input: c.req.valid("json") });
      // a worker who hands a job back no longer sees it: they get the outcome alone
      const view = (await orderDetail(c.var.ctx, row)) ?? { id, status: row.status, visible: false };
      return c.json(view, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/service-orders/{id}/contact",
      tags: ["orders"],
      summary: "承接中的工单：老人及紧急联系人的完整电话（服务人员、服务商；留痕审计）",
      request: { params: IdParam },
      responses: ok("联系电话"),
    }),
    async (c) => c.json(await orderContact({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/service-orders/{id}/rating", tags: ["orders"], summary: "评价（1–5星与评语），每单一次", request: { params: IdParam, body: jsonBody(RatingInput) }, responses: created("已评价") }),
    async (c) => c.json(await rateOrder({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/service-orders/{id}/complaints", tags: ["orders"], summary: "投诉", request: { params: IdParam, body: jsonBody(ComplaintInput) }, responses: created("已投诉") }),
    async (c) => c.json(await fileComplaint({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/complaints", tags: ["orders"], summary: "投诉：民政看本辖区，服务商看自己的", request: { query: z.object({ status: z.enum(["open", "resolved"]).optional() }) }, responses: ok("投诉", Items) }),
    async (c) => c.json(await listComplaints({ ctx: c.var.ctx, status: c.req.valid("query").status }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/complaints/{id}/resolve", tags: ["orders"], summary: "处理投诉", request: { params: IdParam, body: jsonBody(ResolveComplaintInput) }, responses: ok("投诉") }),
    async (c) => c.json(await resolveComplaint({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/return-visits/sample",
      tags: ["orders"],
      summary: "回访抽样：本月已完成订单按规则比例抽取（可复现），尚未回访的",
      request: { query: z.object({ month: Month }) },
      responses: ok("抽样"),
    }),
    async (c) => c.json(await returnVisitSample({ ctx: c.var.ctx, month: c.req.valid("query").month }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/return-visits", tags: ["orders"], summary: "记录回访：是否接通、满意度、服务是否属实", request: { body: jsonBody(ReturnVisitInput) }, responses: created("已记录") }),
    async (c) => c.json(await recordReturnVisit({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/return-visits/stats",
      tags: ["orders"],
      summary: "满意率：按服务商或街道（满意＋基本满意 ÷ 接通）",
      request: { query: z.object({ groupBy: z.enum(["provider", "street"]).default("provider"), month: Month.optional() }) },
      responses: ok("满意率"),
    }),
    async (c) => c.json(await satisfactionStats({ ctx: c.var.ctx, ...c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/providers/{id}/statements/{month}", tags: ["orders"], summary: "服务商月度结算单：每单的补贴与自付，自付按收款方式对账", request: { params: StatementParams }, responses: ok("结算单") }),
    async (c) => c.json(await providerStatement({ ctx: c.var.ctx, providerId: c.req.valid("param").id, month: c.req.valid("param").month }), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/providers/{id}/statements/{month}/xlsx",
      tags: ["orders"],
      summary: "结算单 Excel",
      request: { params: StatementParams },
      responses: { 200: { description: "xlsx", content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.string().openapi({ format: "binary" }) } } }, ...errorResponses },
    }),
    async (c) => {
      const f = await providerStatementXlsx({ ctx: c.var.ctx, providerId: c.req.valid("param").id, month: c.req.valid("param").month });
      return download(c, f.data, f.fileName);
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/calls/inbound",
      tags: ["calls"],
      summary: "来电推送（PBX 如 Asterisk、FreeSWITCH 调用，Authorization: Bearer <CARECIRCLE_PBX_TOKEN>；或坐席会话）：按号码匹配老人，同一 callId 幂等",
      request: { body: jsonBody(InboundCallInput) },
      responses: created("已登记"),
    }),
    async (c) => {
      let ctx = c.var.ctx;
      if (!ctx.actor.permissions.has("order:place")) {
        const token = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
        if (!deps.config.pbxToken || !sameSecret(token, deps.config.pbxToken)) throw new UnauthenticatedError("来电推送须携带有效的 PBX 令牌");
        ctx = { ...ctx, actor: { ...SYSTEM_ACTOR, username: "pbx" } };
      }
      return c.json(await receiveInboundCall({ ctx, input: c.req.valid("json") }), 201);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/calls",
      tags: ["calls"],
      summary: "坐席来电队列：最近的来电及匹配到的老人（坐席界面每两秒刷新，来电即弹出）",
      request: { query: z.object({ minutes: z.coerce.number().int().min(1).max(1440).optional(), untaken: z.enum(["true", "false"]).optional() }) },
      responses: ok("来电", Items),
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await listInboundCalls({ ctx: c.var.ctx, minutes: q.minutes, untaken: q.untaken === "true" }), 200);
    },
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/calls/{id}/take", tags: ["calls"], summary: "坐席接听来电", request: { params: IdParam }, responses: ok("来电") }),
    async (c) => c.json(await takeInboundCall({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
}
