import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@carecircle/db";
import type { TestProject } from "vitest/node";
import { buildTemplate } from "./template.ts";

/** Builds the PGlite template once per run; each test file loads a copy of it into memory. */
export default async function setup(project: TestProject) {
  const file = path.join(os.tmpdir(), `carecircle-pglite-template-${process.pid}.tar`);
  const started = performance.now();
  const database = await openDatabase();
  await buildTemplate(database);
  const blob = await database.dump!();
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await database.close();
  console.log(`[setup] PGlite template ready in ${Math.round(performance.now() - started)} ms`);
  project.provide("pgliteTemplate", file);
  return () => fs.rmSync(file, { force: true });
}
