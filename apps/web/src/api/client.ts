import type { Problem } from "@carecircle/shared";

/** A failed request, carrying the server's RFC 9457 problem details. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=2`, leaving out empty values. */
export function toQueryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

function isProblem(v: unknown): v is Problem {
  return typeof v === "object" && v !== null && "status" in v && "title" in v;
}

/** Where a 401 sends the user; paths that must not bounce (the login page itself) are skipped. */
function redirectToLogin(): void {
  if (window.location.pathname === "/login") return;
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy error page): fall back to the status line
  }
  if (isProblem(body)) return new ApiError(body);
  return new ApiError({ type: "about:blank", title: res.statusText || "Error", status: res.status, detail: res.statusText || `HTTP ${res.status}` });
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: Query;
  body?: unknown;
  /** Do not send the user to /login on 401 (the login call and the initial "who am I"). */
  allow401?: boolean;
  /** Extra request headers (an order's Idempotency-Key). */
  headers?: Record<string, string>;
}

/** The one way the console talks to the server: same-origin cookies, JSON in and out, problem+json errors. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", query, body, allow401 = false, headers = {} } = options;
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json", ...headers } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { Accept: "application/json", "Content-Type": "application/json", ...headers };
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${toQueryString(query)}`, init);
  } catch (e) {
    throw new ApiError({ type: "about:blank", title: "Network error", status: 0, detail: e instanceof Error ? e.message : String(e) });
  }
  if (res.status === 401 && !allow401) redirectToLogin();
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Downloads a file the server sends as an attachment (exports, templates, error reports). */
export async function download(path: string, query?: Query, fallbackName = "download"): Promise<void> {
  const res = await fetch(`/api/v1${path}${toQueryString(query)}`, { credentials: "same-origin" });
  if (res.status === 401) redirectToLogin();
  if (!res.ok) throw await toError(res);
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get("Content-Disposition")) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name from `attachment; filename*=UTF-8''…` or `filename="…"`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      // malformed escape: try the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() ?? null;
}
