import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@carecircle/db";
import { createUser, Secrets, SYSTEM_ACTOR } from "@carecircle/domain";
import { loadConfig, startServer } from "@carecircle/server";
import pino from "pino";
import type { TestProject } from "vitest/node";
import { buildTemplate, TEST_PASSWORD, TEST_SECRET } from "../test/template.ts";

/** The shared secret the browser tests' simulated PBX sends with inbound-call webhooks. */
export const E2E_PBX_TOKEN = "e2e-pbx-token-0123456789";
/**
 * Staff of a second street (黄桷坪), for journeys that change a street's own settings (its visit rules): the other
 * journeys use the demo street (杨家坪), which such a change must leave as it was.
 */
export const E2E_SECOND_STREET = { username: "street-hjp", displayName: "黄桷坪街道工作人员", regionCode: "500107002" } as const;
/**
 * A second volunteer account of the demo community (the demo `volunteer` is linked by the time bank's journey, and an
 * account is linked once; accounts are made by the CLI, not the API): the H5 visits journey registers him.
 */
export const E2E_VISIT_VOLUNTEER = { username: "visitvol", displayName: "探访志愿者", regionCode: "500107001001" } as const;

/** One built console and one server (on an in-memory PGlite with the test template) for every browser journey. */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, "..");
  execFileSync("node", ["scripts/build-web-if-stale.mjs"], { cwd: root, stdio: "inherit" });
  const database = await openDatabase();
  await buildTemplate(database);
  // hours may buy providers' listed services in the demo district (issue 7): nothing changes for the other journeys,
  // as no product is listed for the time bank until the time-bank orders journey lists one (and unlists it after)
  await database.query("INSERT INTO region_rules (region_code, key, value, effective_from) VALUES ('500107', 'timebank.providerServices', '1', '2000-01-01')");
  await createUser({ ctx: { database, secrets: new Secrets(TEST_SECRET), actor: SYSTEM_ACTOR }, input: { ...E2E_SECOND_STREET, password: TEST_PASSWORD, role: "street_staff" } });
  await createUser({ ctx: { database, secrets: new Secrets(TEST_SECRET), actor: SYSTEM_ACTOR }, input: { ...E2E_VISIT_VOLUNTEER, password: TEST_PASSWORD, role: "volunteer" } });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-e2e-"));
  const config = loadConfig({ PORT: "0", MQTT_PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, CARECIRCLE_SECRET: TEST_SECRET, CARECIRCLE_NO_DEMO: "1", LOG_LEVEL: "silent", CARECIRCLE_PBX_TOKEN: E2E_PBX_TOKEN });
  const server = await startServer({ config, database, logger: pino({ level: "silent" }) });
  project.provide("e2eUrl", server.url);
  return async () => {
    await server.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
