import {
  assessmentReport,
  createAssessment,
  getAssessment,
  listDueAssessments,
  listElderAssessments,
  listScales,
  updateAssessment,
} from "@carecircle/domain";
import { CreateAssessmentInput, DueListQuery, UpdateAssessmentInput } from "@carecircle/shared";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { download } from "./elders.ts";
import { AnyJson, errorResponses, IdParam, jsonBody, ListOf, ok } from "./openapi.ts";

export function assessmentRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/assessment-scales", tags: ["assessments"], summary: "评估量表定义：项目代码、每个分值的说明、等级划分和调整规则", responses: ok("量表", z.object({ items: z.array(AnyJson) })) }),
    async (c) => c.json(await listScales({ ctx: c.var.ctx }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/assessments",
      tags: ["assessments"],
      summary: "新建评估（草稿）；submit=true 直接提交；supersedes + correctionReason 为更正评估",
      request: { body: jsonBody(CreateAssessmentInput) },
      responses: { 201: { description: "已保存", content: { "application/json": { schema: AnyJson } } }, ...errorResponses },
    }),
    async (c) => c.json(await createAssessment({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/assessments/due", tags: ["assessments"], summary: "到期或逾期需复评的老人（本辖区）", request: { query: DueListQuery }, responses: ok("列表", ListOf(AnyJson, "DueList")) }),
    async (c) => c.json(await listDueAssessments({ ctx: c.var.ctx, input: c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/assessments/{id}", tags: ["assessments"], summary: "评估详情：得分、小计、总分、初步等级、最终等级及调整依据", request: { params: IdParam }, responses: ok("评估") }),
    async (c) => c.json(await getAssessment({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/assessments/{id}",
      tags: ["assessments"],
      summary: "修改草稿（只改所传字段）；submit=true 提交；已提交的评估不可修改（409）",
      request: { params: IdParam, body: jsonBody(UpdateAssessmentInput) },
      responses: ok("评估"),
    }),
    async (c) => c.json(await updateAssessment({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/assessments/{id}/report.pdf",
      tags: ["assessments"],
      summary: "评估报告（PDF，可打印，含签名栏）",
      request: { params: IdParam },
      responses: { 200: { description: "PDF", content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } }, ...errorResponses },
    }),
    async (c) => {
      const r = await assessmentReport({ ctx: c.var.ctx, id: c.req.valid("param").id });
      return download(c, r.data, r.fileName, "application/pdf");
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/elders/{id}/assessments", tags: ["assessments"], summary: "某位老人的评估记录（最新在前）", request: { params: IdParam }, responses: ok("评估", z.object({ items: z.array(AnyJson) })) }),
    async (c) => c.json(await listElderAssessments({ ctx: c.var.ctx, elderId: c.req.valid("param").id }), 200),
  );
}
