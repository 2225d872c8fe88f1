import {
  BadRequestError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  ServiceUnavailableError,
  ThrottledError,
  TooLargeError,
  UnauthenticatedError,
  ValidationError,
} from "@carecircle/domain";
import type { Problem } from "@carecircle/shared";
import { HTTPException } from "hono/http-exception";

/** The one table from domain errors to HTTP statuses. */
const STATUS: [new (...a: never[]) => DomainError, number, string][] = [
  [ValidationError, 422, "输入的值无效"],
  [BadRequestError, 400, "请求格式错误"],
  [UnauthenticatedError, 401, "未登录"],
  [ForbiddenError, 403, "没有权限"],
  [NotFoundError, 404, "未找到"],
  [ConflictError, 409, "记录冲突"],
  [InvalidStateError, 409, "当前状态不允许此操作"],
  [TooLargeError, 413, "内容过大"],
  [ThrottledError, 429, "请求过于频繁"],
  [ServiceUnavailableError, 503, "服务暂不可用"],
];

const TYPE_BASE = "https://carecircle.example/problems/";

export function problem(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `${TYPE_BASE}${status}`, title, status, ...(detail ? { detail } : {}), ...extra };
}

/** Maps anything thrown to a problem; unknown errors become a bare 500 (logged by the caller, never shown). */
export function toProblem(err: unknown): { problem: Problem; unexpected: boolean } {
  if (err instanceof DomainError) {
    for (const [cls, status, title] of STATUS) {
      if (err instanceof cls) {
        const errors = err instanceof ValidationError && err.errors.length > 0 ? { errors: err.errors } : {};
        return { problem: problem(status, title, err.message, { ...err.extensions, ...errors }), unexpected: false };
      }
    }
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return { problem: problem(413, "内容过大", "请求体超过大小限制"), unexpected: false };
    if (status === 400) return { problem: problem(400, "请求格式错误", err.message.includes("JSON") ? "请求体不是有效的 JSON" : err.message), unexpected: false };
    if (status === 415) return { problem: problem(415, "不支持的内容类型", "请求的 Content-Type 不被此接口接受（JSON 接口用 application/json，上传用 multipart/form-data）"), unexpected: false };
    return { problem: problem(status, err.message || "错误"), unexpected: false };
  }
  const code = (err as { code?: string; cause?: { code?: string } })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  if (code === "23505") return { problem: problem(409, "记录冲突", "记录已存在"), unexpected: false };
  // 22021/22P05: a NUL or an untranslatable character in text; 22001: value too long; 22003: number out of range
  if (code === "22021" || code === "22P05") return { problem: problem(422, "输入的值无效", "输入中含有不允许的控制字符"), unexpected: false };
  if (code === "22001" || code === "22003") return { problem: problem(422, "输入的值无效", "输入的值超出允许范围"), unexpected: false };
  if (code === "22P02" || code === "22007" || code === "22008") return { problem: problem(422, "输入的值无效", "输入的值格式无效"), unexpected: false };
  return { problem: problem(500, "服务器内部错误", "服务器出现意外错误，已记录，请稍后重试"), unexpected: true };
}

/** An error as it may be logged: drizzle puts the query's parameters (names, addresses, health) in its message. */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { value: String(err) };
  const cause = err.cause as { code?: string; message?: string } | undefined;
  return {
    name: err.name,
    message: err.message.split("\nparams:")[0]?.slice(0, 500),
    code: (err as { code?: string }).code ?? cause?.code,
    cause: cause?.message?.slice(0, 300),
    stack: err.stack?.split("\n").slice(1, 8).join("\n"),
  };
}
