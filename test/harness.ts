import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Database, openDatabase } from "@carecircle/db";
import { loadConfig, type RunningServer, startServer } from "@carecircle/server";
import pino from "pino";
import { inject } from "vitest";
import { createDatabase } from "./pg-server.ts";
import { TEST_PASSWORD, TEST_SECRET } from "./template.ts";

export { TEST_PASSWORD };

/** A copy of the template: in memory on PGlite, a new database on PostgreSQL. */
export async function cloneTemplate(): Promise<Database> {
  if (inject("engine") === "postgres") {
    const name = `t_${crypto.randomBytes(6).toString("hex")}`;
    const url = await createDatabase(inject("pgAdminUrl"), name, "cc_template");
    return openDatabase({ databaseUrl: url, poolSize: 5 });
  }
  const data = fs.readFileSync(inject("pgliteTemplate"));
  return openDatabase({ loadDataDir: new Blob([data]) });
}

export interface TestServer extends RunningServer {
  engine: "pglite" | "postgres";
  /** Signs in as a demo user (city, district, street, community, operator, …). */
  login(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
}

/** A real HTTP server on a loopback port over a fresh copy of the template database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await cloneTemplate();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-test-"));
  const config = loadConfig({ PORT: "0", MQTT_PORT: "0", WATCH_PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, CARECIRCLE_SECRET: TEST_SECRET, CARECIRCLE_NO_DEMO: "1", LOG_LEVEL: "silent", ...env });
  const server = await startServer({ config, database, logger: pino({ level: "silent" }) });
  return {
    ...server,
    engine: inject("engine"),
    close: async () => {
      await server.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    anonymous: () => new Client(server.url),
    login: async (username, password = TEST_PASSWORD) => {
      const client = new Client(server.url);
      const res = await client.post("/api/v1/auth/login", { username, password });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return client;
    },
  };
}

export interface Res<T = any> {
  status: number;
  headers: Headers;
  body: T;
  raw: Buffer;
}

/** A tiny HTTP client that keeps the session cookie. */
export class Client {
  cookie = "";
  constructor(readonly base: string) {}

  async request<T = any>(method: string, url: string, init: { json?: unknown; body?: string | FormData; headers?: Record<string, string> } = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    let body = init.body;
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    }
    const res = await fetch(this.base + url, { method, headers, body });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    const raw = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get("content-type") ?? "";
    const parsed = type.includes("json") && raw.length > 0 ? JSON.parse(raw.toString("utf8")) : raw.toString("utf8");
    return { status: res.status, headers: res.headers, body: parsed as T, raw };
  }
  get<T = any>(url: string) {
    return this.request<T>("GET", url);
  }
  post<T = any>(url: string, json?: unknown) {
    return this.request<T>("POST", url, { json: json ?? {} });
  }
  patch<T = any>(url: string, json: unknown) {
    return this.request<T>("PATCH", url, { json });
  }
  delete<T = any>(url: string) {
    return this.request<T>("DELETE", url);
  }
  upload<T = any>(url: string, data: Buffer | string, fileName: string) {
    const form = new FormData();
    form.append("file", new Blob([typeof data === "string" ? Buffer.from(data) : new Uint8Array(data)]), fileName);
    return this.request<T>("POST", url, { body: form });
  }
}
