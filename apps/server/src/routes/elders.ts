import {
  addConsent,
  addContact,
  BadRequestError,
  changeElderStatus,
  createElder,
  elderHistory,
  exportElders,
  getElderDetail,
  getImportErrorReport,
  getImportJob,
  importTemplate,
  listConsents,
  listContacts,
  listElders,
  removeContact,
  revealElder,
  revealContact,
  startImport,
  updateElder,
} from "@carecircle/domain";
import { ChangeStatusInput, ConsentInput, ContactInput, CreateElderInput, ElderListQuery, RevealInput, UpdateElderInput } from "@carecircle/shared";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { AuditListQuery } from "@carecircle/domain";
import type { AppEnv } from "../env.ts";
import { AnyJson, errorResponses, IdParam, jsonBody, ListOf, ok } from "./openapi.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A download with a UTF-8 file name (RFC 6266 / 5987). */
export function download(c: Context, data: Buffer, fileName: string, contentType = XLSX) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  return c.body(new Uint8Array(data), 200, {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "Cache-Control": "no-store",
  });
}

const fileResponse = (description: string) => ({ 200: { description, content: { [XLSX]: { schema: z.string().openapi({ format: "binary" }) } } }, ...errorResponses });
const ExportQuery = ElderListQuery.omit({ limit: true, cursor: true }).extend({ full: z.enum(["true", "false"]).optional() });
const ContactParams = z.object({ id: z.string(), contactId: z.string() });

export function elderRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/elders",
      tags: ["elders"],
      summary: "老人档案列表：本辖区内按拼音排序；q 可为姓名、拼音首字母、电话、身份证号或其后4位",
      request: { query: ElderListQuery },
      responses: ok("一页", ListOf(AnyJson, "ElderList")),
    }),
    async (c) => c.json(await listElders({ ctx: c.var.ctx, input: c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/elders",
      tags: ["elders"],
      summary: "登记老人：身份证号校验（GB 11643），出生日期和性别由其推算；重复身份证号 409",
      request: { body: jsonBody(CreateElderInput) },
      responses: { 201: { description: "已登记", content: { "application/json": { schema: AnyJson } } }, ...errorResponses },
    }),
    async (c) => c.json(await createElder({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/elders/export", tags: ["elders"], summary: "按当前筛选导出 Excel；默认脱敏，full=true 需查看完整信息权限并记入审计", request: { query: ExportQuery }, responses: fileResponse("xlsx") }),
    async (c) => {
      const file = await exportElders({ ctx: c.var.ctx, input: c.req.valid("query") });
      return download(c, file.data, file.fileName);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/elders/import-template",
      tags: ["elders"],
      summary: "导入模板（xlsx 含填写说明，或 csv）",
      request: { query: z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") }) },
      responses: fileResponse("模板"),
    }),
    async (c) => {
      const t = await importTemplate(c.req.valid("query").format);
      return download(c, t.data, t.fileName, t.contentType);
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/elders/import",
      tags: ["elders"],
      summary: "批量导入（multipart 字段 file，.xlsx 或 .csv）：逐行校验，按身份证号新增或更新；返回 202 与任务，?wait=true 等待完成",
      request: {
        query: z.object({ wait: z.enum(["true", "false"]).optional() }),
        body: { content: { "multipart/form-data": { schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }) } } },
      },
      responses: { 202: { description: "已开始", content: { "application/json": { schema: AnyJson } } }, 200: { description: "已完成（wait=true）", content: { "application/json": { schema: AnyJson } } }, ...errorResponses },
    }),
    async (c) => {
      const body = await c.req.parseBody().catch(() => {
        throw new BadRequestError("请以 multipart/form-data 上传文件，字段名 file");
      });
      const file = body.file;
      if (!(file instanceof File)) throw new BadRequestError("请上传文件（字段名 file）");
      const wait = c.req.valid("query").wait === "true";
      const job = await startImport({ ctx: c.var.ctx, fileName: file.name || "upload", data: Buffer.from(await file.arrayBuffer()), wait });
      return c.json(job, wait ? 200 : 202);
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/elders/imports/{id}", tags: ["elders"], summary: "导入进度与结果", request: { params: IdParam }, responses: ok("导入任务") }),
    async (c) => c.json(await getImportJob({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/elders/imports/{id}/error-report", tags: ["elders"], summary: "错误报告：每个错误行的行号、列和原因", request: { params: IdParam }, responses: fileResponse("xlsx") }),
    async (c) => {
      const r = await getImportErrorReport({ ctx: c.var.ctx, id: c.req.valid("param").id });
      return download(c, r.data, r.fileName);
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/elders/{id}", tags: ["elders"], summary: "老人档案（证件号、电话脱敏）", request: { params: IdParam }, responses: ok("档案") }),
    async (c) => c.json(await getElderDetail({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/elders/{id}",
      tags: ["elders"],
      summary: "修改档案（带 version 防止覆盖他人修改）；已去世/迁出的档案只读",
      request: { params: IdParam, body: jsonBody(UpdateElderInput) },
      responses: ok("修改后的档案"),
    }),
    async (c) => c.json(await updateElder({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/elders/{id}/reveal", tags: ["elders"], summary: "查看完整身份证号/电话（需权限，记入审计）", request: { params: IdParam, body: jsonBody(RevealInput) }, responses: ok("完整值") }),
    async (c) => c.json(await revealElder({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/elders/{id}/status", tags: ["elders"], summary: "标记去世或迁出：档案保留、只读，记录原因和日期", request: { params: IdParam, body: jsonBody(ChangeStatusInput) }, responses: ok("档案") }),
    async (c) => c.json(await changeElderStatus({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/elders/{id}/history", tags: ["elders"], summary: "变更记录", request: { params: IdParam, query: AuditListQuery }, responses: ok("事件", ListOf(AnyJson, "ElderHistory")) }),
    async (c) => c.json(await elderHistory({ ctx: c.var.ctx, elderId: c.req.valid("param").id, input: c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/elders/{id}/contacts", tags: ["elders"], summary: "家属联系人", request: { params: IdParam }, responses: ok("联系人") }),
    async (c) => c.json(await listContacts({ ctx: c.var.ctx, elderId: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/elders/{id}/contacts", tags: ["elders"], summary: "添加家属联系人（可绑定家属账号）", request: { params: IdParam, body: jsonBody(ContactInput) }, responses: { 201: { description: "已添加", content: { "application/json": { schema: AnyJson } } }, ...errorResponses } }),
    async (c) => c.json(await addContact({ ctx: c.var.ctx, elderId: c.req.valid("param").id, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/elders/{id}/contacts/{contactId}/reveal", tags: ["elders"], summary: "查看家属联系人的完整电话（拨打用；需权限，记入审计）", request: { params: ContactParams }, responses: ok("完整电话") }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(await revealContact({ ctx: c.var.ctx, elderId: p.id, contactId: p.contactId }), 200);
    },
  );
  app.openapi(
    createRoute({ method: "delete", path: "/api/v1/elders/{id}/contacts/{contactId}", tags: ["elders"], summary: "删除联系人", request: { params: ContactParams }, responses: { 204: { description: "已删除" }, ...errorResponses } }),
    async (c) => {
      const p = c.req.valid("param");
      await removeContact({ ctx: c.var.ctx, elderId: p.id, contactId: p.contactId });
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/elders/{id}/consents", tags: ["elders"], summary: "知情同意记录", request: { params: IdParam }, responses: ok("记录") }),
    async (c) => c.json(await listConsents({ ctx: c.var.ctx, elderId: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/elders/{id}/consents", tags: ["elders"], summary: "记录知情同意", request: { params: IdParam, body: jsonBody(ConsentInput) }, responses: { 201: { description: "已记录", content: { "application/json": { schema: AnyJson } } }, ...errorResponses } }),
    async (c) => c.json(await addConsent({ ctx: c.var.ctx, elderId: c.req.valid("param").id, input: c.req.valid("json") }), 201),
  );
}
