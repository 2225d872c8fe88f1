import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// `npm start` as a person runs it: a real process on the embedded database in a fresh DATA_DIR.
const root = path.resolve(import.meta.dirname, "../../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-proc-"));
const children: ChildProcess[] = [];

function start(port: number, extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), MQTT_PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, CARECIRCLE_DEMO_ELDERS: "120", LOG_LEVEL: "warn", ...extra },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitReady(port: number, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not become ready");
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the server process", () => {
  it("seeds on first start, prints and files the demo password, refuses a second process, stops cleanly on SIGTERM, keeps data", async () => {
    const port = 30000 + Math.floor(Math.random() * 20000);
    const first = start(port);
    await waitReady(port);
    const credentials = fs.readFileSync(path.join(dataDir, "demo-credentials.txt"), "utf8");
    const password = /password: (\S+)/.exec(credentials)![1]!;
    expect(first.output()).toContain(password);
    expect(fs.existsSync(path.join(dataDir, "secret.key"))).toBe(true);

    // a second process on the same data directory is refused with a clear message
    const second = start(port + 1);
    expect(await second.exited).toBe(2);
    expect(second.output()).toContain("已被另一个进程");

    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "district", password }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const count = (await (await fetch(`http://127.0.0.1:${port}/api/v1/elders?limit=1`, { headers: { cookie } })).json()) as { total: number };
    expect(count.total).toBe(120);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "carecircle.lock"))).toBe(false);

    // a second start keeps everything and seeds nothing again
    const again = start(port + 2);
    await waitReady(port + 2);
    const relogin = await fetch(`http://127.0.0.1:${port + 2}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "district", password }) });
    expect(relogin.status).toBe(200);
    const c2 = relogin.headers.get("set-cookie")!.split(";")[0]!;
    expect(((await (await fetch(`http://127.0.0.1:${port + 2}/api/v1/elders?limit=1`, { headers: { cookie: c2 } })).json()) as { total: number }).total).toBe(120);
    expect(again.output()).not.toContain("password:");
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  }, 120_000);
});
