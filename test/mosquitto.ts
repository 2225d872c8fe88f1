import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./pg-server.ts";

export interface Mosquitto {
  port: number;
  /** The administrator's URL (dynamic security and every topic), as the server's MQTT_URL. */
  url: string;
  stop(): Promise<void>;
}

function binary(name: string, dirs = ["/usr/sbin", "/usr/bin"]) {
  for (const d of dirs) if (fs.existsSync(path.join(d, name))) return path.join(d, name);
  throw new Error(`${name} not found: install Debian's mosquitto package (.ci/run does)`);
}

/**
 * A real Mosquitto (Debian's package) on a free loopback port, with the dynamic-security plugin and an administrator
 * created by `mosquitto_ctrl dynsec init` — the external broker of tests and benchmarks.
 */
export async function startMosquitto(opts: { maxQueued?: number; /** no plugin, anonymous clients: the raw broker of benchmarks */ plain?: boolean } = {}): Promise<Mosquitto> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-mosquitto-"));
  const password = "admin-" + Math.random().toString(36).slice(2);
  execFileSync(binary("mosquitto_ctrl", ["/usr/bin", "/usr/sbin"]), ["dynsec", "init", path.join(dir, "dynsec.json"), "admin", password], { stdio: "ignore" });
  // run as root, mosquitto drops to the `mosquitto` user: it must be able to read (and rewrite) its files
  fs.chmodSync(dir, 0o777);
  fs.chmodSync(path.join(dir, "dynsec.json"), 0o666);
  const port = await freePort();
  const plugin = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"].map((d) => path.join(d, "mosquitto_dynamic_security.so")).find((f) => fs.existsSync(f));
  if (!plugin) throw new Error("mosquitto_dynamic_security.so not found");
  fs.writeFileSync(
    path.join(dir, "mosquitto.conf"),
    [`listener ${port} 127.0.0.1`, ...(opts.plain ? ["allow_anonymous true"] : ["allow_anonymous false", `plugin ${plugin}`, `plugin_opt_config_file ${path.join(dir, "dynsec.json")}`]), "persistence false", `max_queued_messages ${opts.maxQueued ?? 100000}`, "log_dest stderr", "log_type error", "log_type warning"].join("\n") + "\n",
  );
  const proc = spawn(binary("mosquitto"), ["-c", path.join(dir, "mosquitto.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => (s.destroy(), resolve(true)));
      s.on("error", () => resolve(false));
    });
    if (up) break;
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`mosquitto did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    url: `mqtt://admin:${password}@127.0.0.1:${port}`,
    stop: async () => {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once("exit", r));
        proc.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
