import { assignVisitPlan, careCalls, closeFollowUp, getVisitRules, listVisitPlans, myVisits, recordVisit, regenerateVisitPlans, setVisitRules, visitBoard } from "@carecircle/domain";
import { SetVisitRulesInput, VisitInput } from "@carecircle/shared";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { AnyJson, created, IdParam, jsonBody, ok } from "./openapi.ts";

const Items = z.object({ items: z.array(AnyJson) });
const ElderParam = z.object({ elderId: z.string().openapi({ param: { name: "elderId", in: "path" } }) });

/** Visits to elders living alone or left behind (C11) and care calls (C10). */
export function visitRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/visit-plans",
      tags: ["visits"],
      summary: "本辖区探访计划：频率、方式、原因、负责人、下次到期（逾期的在前，附升级层级）",
      request: { query: z.object({ kind: z.enum(["home", "phone"]).optional(), overdue: z.enum(["true", "false"]).optional(), assigneeUserId: z.string().max(40).optional() }) },
      responses: ok("探访计划", Items),
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await listVisitPlans({ ctx: c.var.ctx, kind: q.kind, overdue: q.overdue === "true", assigneeUserId: q.assigneeUserId }), 200);
    },
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/visit-plans", tags: ["visits"], summary: "按风险规则为辖区老人生成（更新）探访计划", request: { body: jsonBody(z.object({ regionCode: z.string().regex(/^\d{2,12}$/).optional() }).strict()) }, responses: ok("生成结果") }),
    async (c) => c.json(await regenerateVisitPlans({ ctx: c.var.ctx, regionCode: c.req.valid("json").regionCode }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/visit-rules", tags: ["visits"], summary: "辖区的探访规则（本级设定的，或上级的，或平台默认），及已排定的新版本", request: { query: z.object({ regionCode: z.string().max(12).optional() }) }, responses: ok("探访规则") }),
    async (c) => c.json(await getVisitRules({ ctx: c.var.ctx, regionCode: c.req.valid("query").regionCode }), 200),
  );
  app.openapi(
    createRoute({ method: "put", path: "/api/v1/visit-rules", tags: ["visits"], summary: "设定辖区的探访规则（区民政局或街道）：当天生效的立即重新生成本辖区的探访计划", request: { body: jsonBody(SetVisitRulesInput) }, responses: ok("已设定") }),
    async (c) => c.json(await setVisitRules({ ctx: c.var.ctx, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/visit-plans/{elderId}/assignee", tags: ["visits"], summary: "指定探访人：社区工作人员或志愿者", request: { params: ElderParam, body: jsonBody(z.object({ userId: z.uuid().optional(), volunteerId: z.uuid().optional() }).strict()) }, responses: ok("已指定") }),
    async (c) => c.json(await assignVisitPlan({ ctx: c.var.ctx, elderId: c.req.valid("param").elderId, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/visits", tags: ["visits"], summary: "我今天的探访（或电话）任务：到期和逾期的，附住址与位置", request: { query: z.object({ kind: z.enum(["home", "phone"]).optional() }) }, responses: ok("任务", Items) }),
    async (c) => c.json(await myVisits({ ctx: c.var.ctx, kind: c.req.valid("query").kind }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/visits", tags: ["visits"], summary: "记录一次探访或关爱电话：签到（住址附近）、所见、无人应答；发现问题可转告警中心、转介、下服务单", request: { body: jsonBody(VisitInput) }, responses: created("已记录") }),
    async (c) => c.json(await recordVisit({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/visits/board", tags: ["visits"], summary: "探访看板：计划覆盖率、逾期与升级、近30天发现", request: { query: z.object({ regionCode: z.string().regex(/^\d{2,12}$/).optional() }) }, responses: ok("看板") }),
    async (c) => c.json(await visitBoard({ ctx: c.var.ctx, regionCode: c.req.valid("query").regionCode }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/care-calls", tags: ["visits"], summary: "今日关爱电话：电话探访计划到期的，以及告警后的回访", responses: ok("关爱电话", Items) }),
    async (c) => c.json(await careCalls({ ctx: c.var.ctx }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/follow-ups/{id}/close", tags: ["visits"], summary: "处理完一项跟进任务（探访发现问题、待上门探访、告警后回访），写明做了什么", request: { params: IdParam, body: jsonBody(z.object({ note: z.string().trim().min(1, "请写明处理情况").max(500) }).strict()) }, responses: ok("已处理") }),
    async (c) => c.json(await closeFollowUp({ ctx: c.var.ctx, id: c.req.valid("param").id, note: c.req.valid("json").note }), 200),
  );
}
