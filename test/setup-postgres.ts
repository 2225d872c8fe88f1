import { openDatabase } from "@carecircle/db";
import type { TestProject } from "vitest/node";
import { createDatabase, startPostgres } from "./pg-server.ts";
import { buildTemplate } from "./template.ts";

/** One PostgreSQL server per run; a migrated, seeded template database that test files copy. */
export default async function setup(project: TestProject) {
  const started = performance.now();
  const server = await startPostgres();
  const url = await createDatabase(server.url, "cc_template");
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  await buildTemplate(database);
  await database.close();
  console.log(`[setup] PostgreSQL template ready in ${Math.round(performance.now() - started)} ms`);
  project.provide("pgAdminUrl", server.url);
  return () => server.stop();
}
