import {
  appealEvaluation,
  confirmEvaluation,
  createEvaluation,
  createRatingScheme,
  getEvaluation,
  getPublicRating,
  getRatingScheme,
  listEvaluationAssessors,
  listEvaluationRounds,
  listEvaluations,
  listPublicRatings,
  listRatingSchemes,
  openEvaluationRound,
  saveEvaluation,
} from "@carecircle/domain";
import { AppealInput, ConfirmEvaluationInput, CreateEvaluationInput, EvaluationListQuery, OpenRoundInput, PublicRatingsQuery, RatingSchemeInput, SaveEvaluationInput } from "@carecircle/shared";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { AnyJson, errorResponses, IdParam, jsonBody, ok } from "./openapi.ts";

const Items = z.object({ items: z.array(AnyJson) });
const Page = z.object({ items: z.array(AnyJson), nextCursor: z.string().nullable() });
const created = (description: string) => ({ 201: { description, content: { "application/json": { schema: AnyJson } } }, ...errorResponses });
const FacilityParam = z.object({ facilityId: z.string().openapi({ param: { name: "facilityId", in: "path" } }) });
const tags = ["ratings"];

/** 星级评定: schemes, rounds, scoring, appeals, confirmation; and the public ratings page (no login). */
export function ratingRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/rating-schemes", tags, summary: "评定方案（含原始文件的默认方案、本辖区及上级的方案）", responses: ok("评定方案", Items) }),
    async (c) => c.json(await listRatingSchemes({ ctx: c.var.ctx }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/rating-schemes", tags, summary: "本辖区自定评定方案：板块、权重、板块最低得分率、评分项、星级分档", request: { body: jsonBody(RatingSchemeInput) }, responses: created("已创建") }),
    async (c) => c.json(await createRatingScheme({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/rating-schemes/{id}", tags, summary: "评定方案详情", request: { params: IdParam }, responses: ok("评定方案") }),
    async (c) => c.json(await getRatingScheme({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/evaluation-rounds", tags, summary: "本辖区的评定批次及进度", responses: ok("评定批次", Items) }),
    async (c) => c.json(await listEvaluationRounds({ ctx: c.var.ctx }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/evaluation-rounds", tags, summary: "民政开启评定批次：选择设施并指派第三方评估员", request: { body: jsonBody(OpenRoundInput) }, responses: created("已开启") }),
    async (c) => c.json(await openEvaluationRound({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/evaluation-assessors", tags, summary: "可指派的评估员", responses: ok("评估员", Items) }),
    async (c) => c.json(await listEvaluationAssessors({ ctx: c.var.ctx }), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/evaluations",
      tags,
      summary: "评定记录：评估员看指派给自己的；民政看本辖区的；服务商看其运营设施已提交的",
      request: { query: EvaluationListQuery },
      responses: ok("评定记录", Page),
    }),
    async (c) => c.json(await listEvaluations({ ctx: c.var.ctx, query: c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/evaluations", tags, summary: "在开启的批次中增加一个设施的评定", request: { body: jsonBody(CreateEvaluationInput) }, responses: created("已增加") }),
    async (c) => c.json(await createEvaluation({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/evaluations/{id}", tags, summary: "评定详情（含评定方案与佐证照片）", request: { params: IdParam }, responses: ok("评定") }),
    async (c) => c.json(await getEvaluation({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  for (const method of ["patch", "post"] as const) {
    app.openapi(
      createRoute({
        method,
        path: "/api/v1/evaluations/{id}",
        tags,
        summary: "评估员逐项评分、备注、上传佐证照片（保存草稿）；submit: true 计算得分与星级并提交，此后不能修改",
        request: { params: IdParam, body: jsonBody(SaveEvaluationInput) },
        responses: ok("评定"),
      }),
      async (c) => c.json(await saveEvaluation({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
    );
  }
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/evaluations/{id}/appeal", tags, summary: "设施运营方在申诉期内对评定结果申诉", request: { params: IdParam, body: jsonBody(AppealInput) }, responses: ok("评定") }),
    async (c) => c.json(await appealEvaluation({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/evaluations/{id}/confirm",
      tags,
      summary: "民政答复申诉并确认结果（可复核改分）：更新设施星级，星级奖补，不合格生成整改任务，复评仍不合格暂停服务",
      request: { params: IdParam, body: jsonBody(ConfirmEvaluationInput) },
      responses: ok("评定"),
    }),
    async (c) => c.json(await confirmEvaluation({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/public/ratings", tags, summary: "公开的星级评定结果（无需登录；仅已确认的结果）", request: { query: PublicRatingsQuery }, responses: ok("设施星级", Page) }),
    async (c) => c.json(await listPublicRatings({ ctx: c.var.ctx, query: c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/public/ratings/{facilityId}", tags, summary: "设施的星级评定历史（无需登录）", request: { params: FacilityParam }, responses: ok("评定历史") }),
    async (c) => c.json(await getPublicRating({ ctx: c.var.ctx, facilityId: c.req.valid("param").facilityId }), 200),
  );
}
