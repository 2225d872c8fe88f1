/**
 * A throw-away PostgreSQL server for tests, from the Debian/Ubuntu packages
 * (binaries under /usr/lib/postgresql/<version>/bin; `apt-get install postgresql`).
 *
 * Every call starts a fresh cluster in a new temp directory: trust authentication,
 * durability switched off (fsync, synchronous_commit, full_page_writes) for speed,
 * listening on 127.0.0.1 only, with its unix socket inside the temp directory.
 * When running as root the cluster runs as the `postgres` OS user (PostgreSQL refuses root).
 *
 * Cleanup: `stop()` stops the server and removes the directory. If the process exits
 * without calling it (exception, SIGINT/SIGTERM/SIGHUP) an exit hook does the same, and a
 * small detached watchdog does it even if the process is killed with SIGKILL.
 *
 * Override the binaries' directory with PG_BIN=/path/to/bin if needed.
 */
import { execFile, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, appendFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface PostgresServer {
  /** postgresql://postgres@127.0.0.1:PORT/carecircle */
  url: string;
  port: number;
  /** The server log, useful when a test fails strangely. */
  logFile: string;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  "PostgreSQL server binaries not found. Install them with `apt-get install postgresql` " +
  "(Debian/Ubuntu; binaries go to /usr/lib/postgresql/<version>/bin) or set PG_BIN to the directory holding initdb and pg_ctl.";

/** Finds the directory with initdb/pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<ver>/bin, else PATH. */
export function findPostgresBin(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(join(root, v, "bin"));
  }
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir) candidates.push(dir);
  const found = candidates.find((d) => existsSync(join(d, "initdb")) && existsSync(join(d, "pg_ctl")));
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}

interface OsUser {
  uid: number;
  gid: number;
}

function postgresOsUser(): OsUser {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) {
    throw new Error("Running as root but there is no `postgres` OS user to run the server as; install the postgresql package (apt-get install postgresql) or run as a normal user.");
  }
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** A free TCP port on 127.0.0.1 (bind port 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("could not find a free port"))));
    });
  });
}

// ---------------------------------------------------------------------------
// cleanup registry for abnormal exits

interface Running {
  pgCtl: string;
  dataDir: string;
  dir: string;
  asPostgres: boolean;
  watchdogPid?: number | undefined;
}
const running = new Set<Running>();
let hooksInstalled = false;

function asUserArgs(asPostgres: boolean, cmd: string, args: string[]): [string, string[]] {
  return asPostgres ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
}

function cleanupSync(r: Running): void {
  running.delete(r);
  try {
    if (existsSync(join(r.dataDir, "postmaster.pid"))) {
      const [cmd, args] = asUserArgs(r.asPostgres, r.pgCtl, ["stop", "-D", r.dataDir, "-m", "immediate", "-w", "-t", "10"]);
      execFileSync(cmd, args, { stdio: "ignore", cwd: "/", timeout: 15_000 });
    }
  } catch {
    // best effort
  }
  rmSync(r.dir, { recursive: true, force: true });
  killWatchdog(r);
}

function killWatchdog(r: Running): void {
  if (r.watchdogPid) {
    try {
      process.kill(r.watchdogPid, "SIGTERM");
    } catch {
      // already gone
    }
    r.watchdogPid = undefined;
  }
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", () => {
    for (const r of [...running]) cleanupSync(r);
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const handler = () => {
      for (const r of [...running]) cleanupSync(r);
      process.off(sig, handler);
      // keep the default behaviour (terminate) unless someone else handles the signal
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, handler);
  }
}

/**
 * A detached shell that waits for this process to die and then stops the server and removes
 * the directory: covers SIGKILL and crashes where no exit hook runs. Killed by stop().
 */
function startWatchdog(r: Running): void {
  const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const stopCmd = (r.asPostgres ? "runuser -u postgres -- " : "") + `${q(r.pgCtl)} stop -D ${q(r.dataDir)} -m immediate -w -t 10`;
  const script =
    `trap 'exit 0' TERM; while kill -0 ${process.pid} 2>/dev/null; do sleep 1 & wait $!; done; ` +
    `[ -f ${q(join(r.dataDir, "postmaster.pid"))} ] && ${stopCmd} >/dev/null 2>&1; rm -rf ${q(r.dir)}`;
  const child = spawn("sh", ["-c", script], { detached: true, stdio: "ignore", cwd: "/" });
  child.on("error", () => {});
  child.unref();
  r.watchdogPid = child.pid;
}

// ---------------------------------------------------------------------------

function run(cmd: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) {
        const e = new Error(`${cmd} ${args.join(" ")} failed: ${err.message}\n${stdout}\n${stderr}`.trim());
        reject(e);
      } else resolve({ stdout, stderr });
    });
  });
}

function readLog(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-40).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Starts a fresh PostgreSQL cluster and creates the database `carecircle` in it.
 * @param opts.port a fixed port; default a free one
 */
export async function startPostgres(opts: { port?: number } = {}): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const initdb = join(bin, "initdb");
  const pgCtl = join(bin, "pg_ctl");
  const asPostgres = typeof process.getuid === "function" && process.getuid() === 0;
  const owner = asPostgres ? postgresOsUser() : null;

  // /tmp is traversable by the postgres user; a root-only TMPDIR might not be.
  const dir = mkdtempSync(join(asPostgres ? "/tmp" : tmpdir(), "carecircle-pg-"));
  const dataDir = join(dir, "data");
  const logFile = join(dir, "postgres.log");
  const r: Running = { pgCtl, dataDir, dir, asPostgres };
  running.add(r);
  installExitHooks();

  try {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    startWatchdog(r);

    const sh = (cmd: string, args: string[]) => {
      const [c, a] = asUserArgs(asPostgres, cmd, args);
      return run(c, a, dir);
    };
    await sh(initdb, ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]).catch(
      async (e: Error) => {
        // very old versions or images without the C.UTF-8 locale: retry with the plain C locale
        if (!/locale/i.test(e.message)) throw e;
        rmSync(dataDir, { recursive: true, force: true });
        await sh(initdb, ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
      },
    );
    appendFileSync(
      join(dataDir, "postgresql.conf"),
      [
        "",
        "# carecircle test server",
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "max_connections = 200",
        "max_locks_per_transaction = 256",
        "timezone = 'Asia/Shanghai'",
        "log_min_messages = warning",
        "",
      ].join("\n"),
    );

    // The free port may be taken between finding and binding it: retry a few times.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = opts.port ?? (await freePort());
      try {
        await sh(pgCtl, ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", `-p ${port}`]);
        break;
      } catch (e) {
        if (opts.port || attempt >= 3 || !/could not (bind|create)|Address already in use/i.test(readLog(logFile))) {
          throw new Error(`${(e as Error).message}\n--- server log ---\n${readLog(logFile)}`);
        }
      }
    }

    const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    const url = await createDatabase(adminUrl, "carecircle");

    let stopped: Promise<void> | null = null;
    return {
      url,
      port,
      logFile,
      stop: () =>
        (stopped ??= (async () => {
          running.delete(r);
          try {
            await sh(pgCtl, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "60"]);
          } catch (e) {
            // fast shutdown failed or timed out: stop it hard; report only if it is still running
            if (existsSync(join(dataDir, "postmaster.pid"))) {
              try {
                await sh(pgCtl, ["stop", "-D", dataDir, "-m", "immediate", "-w"]);
              } catch {
                throw e;
              }
            }
          } finally {
            killWatchdog(r);
            rmSync(dir, { recursive: true, force: true });
          }
        })()),
    };
  } catch (e) {
    cleanupSync(r);
    throw e;
  }
}

/**
 * Creates database `name` on the server of `adminUrl` (any database URL with rights to create
 * databases) and returns its URL. With `template`, copies that database (it must have no
 * other open connections while being copied) — fast for per-test-file databases from a
 * migrated template.
 */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  const ident = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
  if (!ident.test(name)) throw new Error(`invalid database name: ${name}`);
  if (template !== undefined && !ident.test(template)) throw new Error(`invalid template name: ${template}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
