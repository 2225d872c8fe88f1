import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** The one database type the domain sees, whichever engine is below. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: the same query API as `Db`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs raw SQL (several statements allowed); for migrations of data, benchmarks and tests. */
  exec(sql: string): Promise<void>;
  /** Raw parameterised query returning rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: LISTEN on a channel over a connection of its own (re-established if it drops); resolves with the
   * function that stops listening. Several servers on one database use it to share news (NOTIFY).
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** PGlite only: a tarball of the data directory, to clone test databases from. */
  dump?(compression?: "none" | "gzip"): Promise<Blob>;
}

export interface OpenOptions {
  /** postgres://… — use PostgreSQL; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; omitted = in memory. */
  dataDir?: string;
  /** PGlite: start from a dumped data directory (test templates). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../migrations");

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `数据目录 ${dir} 已被另一个进程（pid ${pid}）打开。PGlite 只允许一个进程使用同一数据目录；请先停止那个进程。` +
        ` / The data directory is in use by process ${pid}; stop it first.`,
    );
    this.name = "DataDirLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Two processes writing one PGlite directory silently lose writes: hold a lock file, refuse a second opener. */
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "carecircle.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(lockPath, "utf8"));
      if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      fs.unlinkSync(lockPath); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dir}`);
}

const inTransaction = new AsyncLocalStorage<PGlite>();

/**
 * PGlite is one connection: a query on the root database made while a transaction holds it waits for that
 * transaction, which waits for the query — a silent deadlock. Such a query is a bug on PostgreSQL too (it runs
 * outside the transaction), so fail it loudly instead of hanging.
 */
function guardRootQueriesInTransactions(client: PGlite) {
  const transaction = client.transaction.bind(client);
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  client.transaction = ((fn: Parameters<PGlite["transaction"]>[0]) => transaction((tx) => inTransaction.run(client, () => fn(tx)))) as PGlite["transaction"];
  const check = () => {
    if (inTransaction.getStore() === client) {
      throw new Error("query on the root database inside a transaction: pass the transaction (tx) instead (this deadlocks PGlite)");
    }
  };
  client.query = ((...args: Parameters<PGlite["query"]>) => (check(), query(...args))) as PGlite["query"];
  client.exec = ((...args: Parameters<PGlite["exec"]>) => (check(), exec(...args))) as PGlite["exec"];
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      exec: async (sql) => {
        await pool.query(sql);
      },
      query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
      ping: async () => {
        await pool.query("select 1");
      },
      close: () => pool.end(),
      listen: async (channel, onPayload) => {
        if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name: ${channel}`);
        let stopped = false;
        let client: pg.Client | null = null;
        let retry: NodeJS.Timeout | null = null;
        const connect = async () => {
          const c = new pg.Client({ connectionString: opts.databaseUrl });
          c.on("notification", (n) => {
            if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
          });
          c.on("error", () => {
            // the connection dropped: listen again on a new one in a second
            client = null;
            void c.end().catch(() => undefined);
            if (!stopped && !retry) retry = setTimeout(() => ((retry = null), void connect().catch(() => undefined)), 1000);
          });
          await c.connect();
          await c.query(`LISTEN ${channel}`);
          client = c;
        };
        await connect();
        return async () => {
          stopped = true;
          if (retry) clearTimeout(retry);
          await (client as pg.Client | null)?.end().catch(() => undefined);
        };
      },
    };
  }
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  try {
    const client = await PGlite.create({
      dataDir: opts.dataDir ? path.join(opts.dataDir, "pgdata") : undefined,
      loadDataDir: opts.loadDataDir,
      extensions: { pg_trgm },
    });
    guardRootQueriesInTransactions(client);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      exec: async (sql) => {
        await client.exec(sql);
      },
      query: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
      ping: async () => {
        await client.query("select 1");
      },
      close: async () => {
        try {
          await client.close();
        } finally {
          unlock();
        }
      },
      dump: (compression = "none") => client.dumpDataDir(compression) as Promise<Blob>,
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

/** Applies the committed drizzle-kit migrations; the same files on both engines. */
export async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.kind === "postgres") {
    await migratePg(database.db as unknown as Parameters<typeof migratePg>[0], config);
  } else {
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], config);
  }
}
