import { z } from "@hono/zod-openapi";

/** A JSON body, declared for validation and for the OpenAPI document. */
export const jsonBody = <S extends z.ZodType>(schema: S, description?: string) => ({
  required: true,
  description,
  content: { "application/json": { schema } },
});

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: ProblemSchema } } });

/** The problem responses every protected route can give. */
export const errorResponses = {
  400: problemResponse("请求格式错误（不是 JSON、游标无效）"),
  401: problemResponse("未登录或登录已超时"),
  403: problemResponse("没有权限"),
  404: problemResponse("不存在，或不在您的辖区（不透露是否存在）"),
  409: problemResponse("重复或状态冲突"),
  413: problemResponse("请求体过大"),
  422: problemResponse("字段值无效，errors 列出每个字段"),
} as const;

export const AnyJson = z.record(z.string(), z.unknown()).openapi("Object");

export const ok = (description: string, schema: z.ZodType = AnyJson) => ({
  200: { description, content: { "application/json": { schema } } },
  ...errorResponses,
});

/** A 201 answer with the created record. */
export const created = (description: string) => ({ 201: { description, content: { "application/json": { schema: AnyJson } } }, ...errorResponses });

export const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "6f1c…" }) });

export const ListOf = (item: z.ZodType, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().nullable().optional() }).openapi(name);
