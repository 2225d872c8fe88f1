import fs from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { swaggerUI } from "@hono/swagger-ui";
import { OpenAPIHono } from "@hono/zod-openapi";
import { zodFieldErrors } from "@carecircle/domain";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps, AppEnv } from "./env.ts";
import { loggableError, problem, toProblem } from "./problem.ts";
import { assessmentRoutes } from "./routes/assessments.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { deviceRoutes } from "./routes/devices.ts";
import { elderRoutes } from "./routes/elders.ts";
import { facilityRoutes } from "./routes/facilities.ts";
import { regionRoutes } from "./routes/regions.ts";
import { marketplaceRoutes } from "./routes/marketplace.ts";
import { orderRoutes } from "./routes/orders.ts";
import { ratingRoutes } from "./routes/ratings.ts";
import { subsidyRoutes } from "./routes/subsidies.ts";
import { supervisionRoutes } from "./routes/supervision.ts";
import { timebankRoutes } from "./routes/timebank.ts";
import { visitRoutes } from "./routes/visits.ts";
import { sessionMiddleware } from "./session.ts";

const PUBLIC_PATHS = new Set(["/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/calls/inbound", "/api/v1/device-messages"]);
/** Open without signing in: login, the PBX webhook (its own token), devices' messages (their own credentials), and the public service catalog (GET only). */
const isPublic = (method: string, path: string) =>
  PUBLIC_PATHS.has(path) || (method === "GET" && (/^\/api\/v1\/service-products(\/[^/]+)?$/.test(path) || path === "/api/v1/catalog/areas" || path.startsWith("/api/v1/public/")));
export const JSON_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 60 * 1024 * 1024;

function problemResponse(body: ReturnType<typeof problem>) {
  const headers: Record<string, string> = { "Content-Type": "application/problem+json; charset=utf-8" };
  // a body refused half-read leaves the connection unusable: tell the client not to reuse it
  if (body.status === 413) headers.Connection = "close";
  return new Response(JSON.stringify(body), { status: body.status, headers });
}

/** The HTTP application: API under /api/v1, its OpenAPI document, health checks, and the built console. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    // zod failures on query, params or body: 422 naming each field (malformed JSON is 400, from the validator)
    defaultHook: (result) => {
      if (!result.success) {
        const errors = zodFieldErrors(result.error);
        return problemResponse(problem(422, "输入的值无效", errors.map((e) => `${e.path || "请求"}：${e.message}`).join("；"), { errors }));
      }
      return undefined;
    },
  });

  app.onError((err, c) => {
    const { problem: p, unexpected } = toProblem(err);
    if (unexpected) deps.logger.error({ err: loggableError(err), requestId: c.var.requestId, path: c.req.path }, "unexpected error");
    return problemResponse({ ...p, ...(c.var.requestId ? { requestId: c.var.requestId } : {}) });
  });

  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    deps.logger.info(
      { requestId: c.var.requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), user: c.var.ctx?.actor.username },
      "request",
    );
  });
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: undefined,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await deps.database.ping();
      return c.json({ status: "ok", database: deps.database.kind });
    } catch {
      return c.json({ status: "unavailable", database: deps.database.kind }, 503);
    }
  });

  app.use("/api/v1/elders/import", bodyLimit({ maxSize: UPLOAD_LIMIT, onError: () => problemResponse(problem(413, "内容过大", `文件超过 ${UPLOAD_LIMIT / 1024 / 1024} MB`)) }));
  app.use("/api/v1/*", async (c, next) => {
    if (c.req.path === "/api/v1/elders/import") return next();
    return bodyLimit({ maxSize: JSON_LIMIT, onError: () => problemResponse(problem(413, "内容过大", `请求体超过 ${JSON_LIMIT / 1024} KB`)) })(c, next);
  });
  app.use("/api/v1/*", sessionMiddleware(deps, isPublic));

  authRoutes(app, deps);
  regionRoutes(app);
  elderRoutes(app);
  assessmentRoutes(app);
  subsidyRoutes(app);
  marketplaceRoutes(app);
  orderRoutes(app, deps);
  deviceRoutes(app);
  ratingRoutes(app);
  auditRoutes(app);
  supervisionRoutes(app);
  timebankRoutes(app);
  visitRoutes(app);
  facilityRoutes(app);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: { title: "CareCircle API", version: "1.0.0", description: "智慧居家社区养老服务平台 API。错误为 RFC 9457 problem+json；列表为 {items, nextCursor}。" },
  });
  app.get("/api/docs", swaggerUI({ url: "/api/openapi.json" }));
  app.all("/api/*", (c) => problemResponse({ ...problem(404, "未找到", `没有这个接口：${c.req.method} ${c.req.path}`), requestId: c.var.requestId }));

  // the H5 app for elders and families, under /h5 (its own client-side routes fall back to its index.html)
  const h5Index = path.join(deps.config.h5Dist, "index.html");
  if (fs.existsSync(h5Index)) {
    app.get("/h5", (c) => c.redirect("/h5/"));
    app.use("/h5/*", serveStatic({ root: deps.config.h5Dist, rewriteRequestPath: (p) => p.replace(/^\/h5/, "") }));
    app.get("/h5/*", (c) => c.html(fs.readFileSync(h5Index, "utf8")));
  }

  // the built staff console; unknown paths fall back to index.html for client-side routing
  const index = path.join(deps.config.webDist, "index.html");
  if (fs.existsSync(index)) {
    app.use("/assets/*", serveStatic({ root: deps.config.webDist, onFound: (_p, c) => c.header("Cache-Control", "public, max-age=31536000, immutable") }));
    app.use("*", serveStatic({ root: deps.config.webDist }));
    app.get("*", (c) => c.html(fs.readFileSync(index, "utf8")));
  } else {
    app.get("/", (c) => c.text("CareCircle API is running. The web console is not built: run `npm run build:web`.\n"));
  }
  return app;
}
