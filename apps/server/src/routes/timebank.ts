import { actOnTimebankRequest, createTimebankRequest, findAccount, getAccount, listTimebankRequests, listVolunteers, myVolunteerRecord, recordService, registerVolunteer, setVolunteerStatus, transferHours, updateVolunteer } from "@carecircle/domain";
import { RegisterVolunteerInput, TIMEBANK_REQUEST_STATUSES, TimebankRequestActionInput, TimebankRequestInput, TimebankServiceInput, TimebankTransferInput, UpdateVolunteerInput } from "@carecircle/shared";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { AnyJson, created, IdParam, jsonBody, ok } from "./openapi.ts";

const Items = z.object({ items: z.array(AnyJson) });

/** The volunteer time bank (C12): volunteers, accounts, confirmed services, redemption, gifts and donations. */
export function timebankRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/volunteers", tags: ["timebank"], summary: "登记志愿者（身份证号加密保存；年龄按本区规则；待审核）", request: { body: jsonBody(RegisterVolunteerInput) }, responses: created("已登记") }),
    async (c) => c.json(await registerVolunteer({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/volunteers", tags: ["timebank"], summary: "本辖区志愿者与时间余额", request: { query: z.object({ status: z.enum(["pending", "verified", "suspended"]).optional(), q: z.string().max(50).optional() }) }, responses: ok("志愿者", Items) }),
    async (c) => c.json(await listVolunteers({ ctx: c.var.ctx, ...c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/volunteers/{id}/status", tags: ["timebank"], summary: "审核通过（verified）或暂停（suspended）志愿者", request: { params: IdParam, body: jsonBody(z.object({ status: z.enum(["verified", "suspended"]) }).strict()) }, responses: ok("志愿者") }),
    async (c) => c.json(await setVolunteerStatus({ ctx: c.var.ctx, id: c.req.valid("param").id, status: c.req.valid("json").status }), 200),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/api/v1/volunteers/{id}", tags: ["timebank"], summary: "修改志愿者的电话、队伍、技能、住址坐标（GCJ-02；null 清除；留痕）", request: { params: IdParam, body: jsonBody(UpdateVolunteerInput) }, responses: ok("志愿者") }),
    async (c) => c.json(await updateVolunteer({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/timebank/services",
      tags: ["timebank"],
      summary: "确认一次志愿服务并存入时长（服务对象、家属或社区工作人员确认；超过上限的部分进入公益池）",
      request: { headers: z.object({ "idempotency-key": z.string().max(100).optional() }), body: jsonBody(TimebankServiceInput) },
      responses: { ...created("已存入"), 200: { description: "同一 Idempotency-Key 的重放", content: { "application/json": { schema: AnyJson } } } },
    }),
    async (c) => {
      const out = await recordService({ ctx: c.var.ctx, input: c.req.valid("json"), idempotencyKey: c.req.valid("header")["idempotency-key"] });
      return out.replayed ? c.json(out, 200) : c.json(out, 201);
    },
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/timebank/transfers", tags: ["timebank"], summary: "兑换服务（redeem）、赠与直系亲属（gift）、捐入公益池（donate）；不能兑换现金或实物", request: { body: jsonBody(TimebankTransferInput) }, responses: created("已记账") }),
    async (c) => c.json(await transferHours({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/timebank/accounts", tags: ["timebank"], summary: "按志愿者或老人查时间账户", request: { query: z.object({ volunteerId: z.string().max(40).optional(), elderId: z.string().max(40).optional() }) }, responses: ok("账户") }),
    async (c) => c.json(await findAccount({ ctx: c.var.ctx, ...c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/timebank/accounts/{id}", tags: ["timebank"], summary: "时间账户：余额与明细（对账单）", request: { params: IdParam }, responses: ok("账户") }),
    async (c) => c.json(await getAccount({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/me/volunteer", tags: ["timebank"], summary: "当前志愿者本人的登记信息", responses: ok("志愿者") }),
    async (c) => c.json(await myVolunteerRecord({ ctx: c.var.ctx }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/timebank/requests", tags: ["timebank"], summary: "老人（家属、社区工作人员代）发布互助需求", request: { body: jsonBody(TimebankRequestInput) }, responses: created("已发布") }),
    async (c) => c.json(await createTimebankRequest({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/timebank/requests",
      tags: ["timebank"],
      summary: "互助需求：志愿者看到本区待接的和自己的；老人、家属看到自己的；工作人员看到辖区的",
      request: { query: z.object({ status: z.enum(TIMEBANK_REQUEST_STATUSES).optional(), elderId: z.string().max(40).optional() }) },
      responses: ok("互助需求", Items),
    }),
    async (c) => c.json(await listTimebankRequests({ ctx: c.var.ctx, ...c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/timebank/requests/{id}/actions",
      tags: ["timebank"],
      summary: "互助需求的一步：take（接单）、release、check_in（上门签到，限住址附近）、check_out、confirm（老人方确认并存入时长）、cancel",
      request: { params: IdParam, body: jsonBody(TimebankRequestActionInput) },
      responses: ok("互助需求"),
    }),
    async (c) => c.json(await actOnTimebankRequest({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
}
