import i18n from "../i18n/index.ts";

/** RFC 9457 problem details, as the server sends them, with the extensions the H5 app reads. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  /** A check-in refused by the geofence: how far away, and how near it must be. */
  distanceMeters?: number;
  geofenceMeters?: number;
}

/** A failed request, carrying the server's problem details (its `detail` is Chinese and meant to be shown). */
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

function isProblem(v: unknown): v is Problem {
  return typeof v === "object" && v !== null && "status" in v && "title" in v;
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's error page): fall back to the status line
  }
  if (isProblem(body)) return new ApiError(body);
  return new ApiError({ title: res.statusText || "Error", status: res.status, detail: res.statusText || `HTTP ${res.status}` });
}

/** The one way the H5 app talks to the server: same-origin session cookie, JSON in and out, problem+json errors. */
export async function api<T>(path: string, options: { method?: "GET" | "POST"; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const { method = "GET", body } = options;
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, credentials: "same-origin", headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError({ title: "Network error", status: 0, detail: e instanceof Error ? e.message : String(e) });
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The text to show for any error: the server's detail, or the message; a lost connection in plain words. */
export function errorText(error: unknown): string {
  // the browser's own wording ("Failed to fetch") means nothing to an elder
  if (error instanceof ApiError && error.status === 0) return i18n.t("app.offline");
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof Error) return error.message;
  return String(error);
}

export const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;
