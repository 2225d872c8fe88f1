import {
  actOnRectification,
  createCreditRecord,
  createInspection,
  decideCreditRecord,
  getRectification,
  listCreditRecords,
  listInspections,
  listRectifications,
  publicBlacklist,
  rectificationBoard,
} from "@carecircle/domain";
import { CreateCreditRecordInput, CreateInspectionInput, CreditDecisionInput, DEFAULT_CHECKLISTS, NEGATIVE_LIST, RectificationActionInput } from "@carecircle/shared";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { AnyJson, errorResponses, IdParam, jsonBody, ok } from "./openapi.ts";

const Items = z.object({ items: z.array(AnyJson), nextCursor: z.string().nullable().optional() });
const created = (description: string) => ({ 201: { description, content: { "application/json": { schema: AnyJson } } }, ...errorResponses });
const Page = { limit: z.coerce.number().int().min(1).max(500).optional(), cursor: z.string().max(500).optional() };
const region = z.string().regex(/^\d{2,12}$/, "区划代码无效");

/** Inspections, "13710" rectification, the negative list, credit records and the public blacklist (issue 6). */
export function supervisionRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/inspections/checklists", tags: ["supervision"], summary: "各类检查的默认检查项与负面清单（十不准）", responses: ok("检查项与负面清单") }),
    (c) => c.json({ checklists: DEFAULT_CHECKLISTS, negativeList: NEGATIVE_LIST }, 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/inspections",
      tags: ["supervision"],
      summary: "本辖区的监督检查记录（消防、食品、服务、财务）",
      request: { query: z.object({ kind: z.string().max(20).optional(), facilityId: z.string().max(40).optional(), providerId: z.string().max(40).optional(), ...Page }) },
      responses: ok("检查记录", Items),
    }),
    async (c) => c.json(await listInspections({ ctx: c.var.ctx, query: c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/inspections",
      tags: ["supervision"],
      summary: "记录一次检查：检查项逐项合格/不合格，发现的问题各生成一条“13710”整改任务（同一事务）",
      request: { body: jsonBody(CreateInspectionInput) },
      responses: created("已记录"),
    }),
    async (c) => c.json(await createInspection({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/rectifications",
      tags: ["supervision"],
      summary: "整改任务：民政看本辖区的，服务商看自己（及其运营设施）的；按状态、是否逾期、设施筛选。逾期任务标明已上报上一级",
      request: {
        query: z.object({
          status: z.string().max(20).optional(),
          overdue: z.enum(["true", "false"]).optional(),
          facilityId: z.string().max(40).optional(),
          providerId: z.string().max(40).optional(),
          severity: z.enum(["ordinary", "major"]).optional(),
          regionCode: region.optional(),
          ...Page,
        }),
      },
      responses: ok("整改任务", Items),
    }),
    async (c) => {
      const { overdue, ...q } = c.req.valid("query");
      return c.json(await listRectifications({ ctx: c.var.ctx, query: { ...q, ...(overdue ? { overdue: overdue === "true" } : {}) } }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/rectifications/board",
      tags: ["supervision"],
      summary: "整改看板：待整改、3日内到期、逾期、按期销号、逾期销号；按严重程度、按街道；下级逾期上报的任务",
      request: { query: z.object({ regionCode: region.optional() }) },
      responses: ok("看板"),
    }),
    async (c) => c.json(await rectificationBoard({ ctx: c.var.ctx, regionCode: c.req.valid("query").regionCode }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/rectifications/{id}", tags: ["supervision"], summary: "整改任务详情", request: { params: IdParam }, responses: ok("整改任务") }),
    async (c) => c.json(await getRectification({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/rectifications/{id}/actions",
      tags: ["supervision"],
      summary: "整改一步：设施方签收、反馈（重大问题可报整改方案及日期）、提交整改佐证；民政复查销号或退回。非本方 403，状态不符 409",
      request: { params: IdParam, body: jsonBody(RectificationActionInput) },
      responses: ok("整改任务"),
    }),
    async (c) => c.json(await actOnRectification({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/credit-records",
      tags: ["supervision"],
      summary: "信用记录：违反负面清单、行政处罚、表彰、黑名单（本辖区）",
      request: { query: z.object({ kind: z.string().max(20).optional(), status: z.string().max(20).optional(), subjectKind: z.string().max(20).optional(), subjectId: z.string().max(40).optional(), ...Page }) },
      responses: ok("信用记录", Items),
    }),
    async (c) => c.json(await listCreditRecords({ ctx: c.var.ctx, query: c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/credit-records",
      tags: ["supervision"],
      summary: "登记信用记录；列入黑名单须写明事由、佐证和期限，待区级民政审批",
      request: { body: jsonBody(CreateCreditRecordInput) },
      responses: created("已登记"),
    }),
    async (c) => c.json(await createCreditRecord({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  for (const decision of ["approve", "reject", "revoke"] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/v1/credit-records/{id}/${decision}`,
        tags: ["supervision"],
        summary: { approve: "批准黑名单（区级以上，提出人除外）", reject: "驳回黑名单申请", revoke: "撤销在期黑名单" }[decision],
        request: { params: IdParam, body: jsonBody(CreditDecisionInput) },
        responses: ok("信用记录"),
      }),
      async (c) => c.json(await decideCreditRecord({ ctx: c.var.ctx, id: c.req.valid("param").id, decision, note: c.req.valid("json").note }), 200),
    );
  }
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/public/blacklist",
      tags: ["supervision"],
      summary: "公开黑名单（无需登录）：已批准且在期；个人姓名脱敏，机构全称",
      request: { query: z.object({ regionCode: region.optional() }) },
      responses: ok("黑名单", Items),
    }),
    async (c) => c.json(await publicBlacklist({ ctx: c.var.ctx, regionCode: c.req.valid("query").regionCode }), 200),
  );
}
