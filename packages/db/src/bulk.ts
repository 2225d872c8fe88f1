import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "./connect.ts";

export type BulkType = "text" | "bytea" | "jsonb" | "float8" | "int2" | "int4" | "date" | "uuid" | "text[]";

export interface BulkColumn {
  /** Column name as in the database (trusted: from code, never from input). */
  name: string;
  type: BulkType;
  values: unknown[];
}

/**
 * Inserts many rows with one statement and one parameter per column:
 * `INSERT … SELECT … FROM unnest($1::text[], $2::bytea[], …)`. Far cheaper to build, send and plan
 * than a VALUES list of rows × columns parameters; the same SQL runs on PostgreSQL and PGlite.
 * `text[]` columns travel as JSON (unnest would flatten nested arrays).
 * @example await bulkInsert(tx, "tags", [{ name: "label", type: "text", values: ["a", "b"] }], "id")
 */
export async function bulkInsert<R = Record<string, unknown>>(tx: Tx, table: string, columns: BulkColumn[], returning?: string): Promise<R[]> {
  const n = columns[0]?.values.length ?? 0;
  if (n === 0) return [];
  if (columns.some((c) => c.values.length !== n)) throw new Error("bulkInsert: columns of different lengths");
  const args: SQL[] = [];
  const selects: SQL[] = [];
  columns.forEach((c, i) => {
    const alias = sql.raw(`c${i}`);
    if (c.type === "text[]") {
      args.push(sql`${sql.param(c.values.map((v) => JSON.stringify(v ?? [])))}::jsonb[]`);
      selects.push(sql`ARRAY(SELECT jsonb_array_elements_text(u.${alias}))`);
    } else if (c.type === "jsonb") {
      args.push(sql`${sql.param(c.values.map((v) => (v == null ? null : JSON.stringify(v))))}::jsonb[]`);
      selects.push(sql`u.${alias}`);
    } else {
      args.push(sql`${sql.param(c.values)}::${sql.raw(c.type)}[]`);
      selects.push(sql`u.${alias}`);
    }
  });
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(", "));
  const aliases = sql.raw(columns.map((_c, i) => `c${i}`).join(", "));
  const query = sql`INSERT INTO ${sql.raw(`"${table}"`)} (${names}) SELECT ${sql.join(selects, sql`, `)} FROM unnest(${sql.join(args, sql`, `)}) AS u(${aliases})${
    returning ? sql.raw(` RETURNING ${returning}`) : sql``
  }`;
  const result = (await tx.execute(query)) as unknown as { rows: R[] };
  return result.rows;
}

/**
 * Runs a drizzle `sql` query and returns its rows, the same on node-postgres and PGlite (both answer `{ rows }`).
 * @example const rows = await selectRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM elders`)
 */
export async function selectRows<R = Record<string, unknown>>(db: Pick<Tx, "execute">, query: SQL): Promise<R[]> {
  return ((await db.execute(query)) as unknown as { rows: R[] }).rows;
}
