import fs from "node:fs";
import path from "node:path";
import { type Database, migrateDatabase, openDatabase } from "@carecircle/db";
import { type Actor, actorOf, type Ctx, createUser, drainImports, ensureScales, exportElders, generatePassword, Secrets, SYSTEM_ACTOR, seedDemo, setPassword, startImport, startSubsidyRun } from "@carecircle/domain";
import { users } from "@carecircle/db";
import { loadConfig } from "@carecircle/server";
import { ROLES, type Role } from "@carecircle/shared";
import cliProgress from "cli-progress";
import { Command, Option } from "commander";
import { eq } from "drizzle-orm";
import { simulate } from "./simulate.ts";

const config = loadConfig();

async function withDb<T>(fn: (database: Database, sys: Ctx) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
  try {
    await migrateDatabase(database);
    await ensureScales({ database, secrets: Secrets.load({ secret: config.secret, dataDir: config.dataDir }), actor: SYSTEM_ACTOR });
    const secrets = Secrets.load({ secret: config.secret, dataDir: config.dataDir });
    return await fn(database, { database, secrets, actor: SYSTEM_ACTOR });
  } finally {
    await database.close();
  }
}

async function actAs(sys: Ctx, username: string): Promise<Ctx> {
  const [u] = await sys.database.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`用户 ${username} 不存在`);
  const actor: Actor = { ...actorOf(u), username: `${u.username} (cli)` };
  return { ...sys, actor: { ...actor, id: u.id } };
}

const program = new Command("carecircle").description("CareCircle 智慧居家社区养老服务平台 — 命令行工具").showHelpAfterError();

program
  .command("migrate")
  .description("apply database migrations (PGlite in DATA_DIR, or DATABASE_URL)")
  .action(() => withDb(async (d) => console.log(`migrated (${d.kind})`)));

program
  .command("seed")
  .description("seed the demo district (Jiulongpo 500107) if the database has no users")
  .option("--elders <n>", "number of demo elders", (v) => Number(v), config.demoElders)
  .option("--password <p>", "demo password (default: CARECIRCLE_DEMO_PASSWORD or generated)")
  .action((o: { elders: number; password?: string }) =>
    withDb(async (_d, sys) => {
      const password = o.password ?? config.demoPassword ?? generatePassword();
      const bar = new cliProgress.SingleBar({ format: "  {bar} {percentage}% | {value}/{total}" }, cliProgress.Presets.shades_classic);
      let started = false;
      const r = await seedDemo(sys, {
        password,
        elderCount: o.elders,
        onProgress: (done, total) => {
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        },
      });
      if (started) bar.stop();
      console.log(`seeded ${r.elders} elders; new users: ${r.users.join(", ") || "none"}${r.users.length ? `; password: ${password}` : ""}`);
    }),
  );

program
  .command("import <file>")
  .description("import elders from .xlsx/.csv as a user (their region and permissions apply)")
  .requiredOption("--as <username>", "act as this user")
  .option("--report <path>", "write the error report here")
  .action((file: string, o: { as: string; report?: string }) =>
    withDb(async (_d, sys) => {
      const ctx = await actAs(sys, o.as);
      const job = await startImport({ ctx, fileName: path.basename(file), data: fs.readFileSync(file), wait: true });
      await drainImports();
      console.log(JSON.stringify(job, null, 2));
      if (o.report && job.hasErrorReport) {
        const { getImportErrorReport } = await import("@carecircle/domain");
        fs.writeFileSync(o.report, (await getImportErrorReport({ ctx, id: job.id })).data);
        console.log(`error report: ${o.report}`);
      }
    }),
  );

program
  .command("export <out>")
  .description("export elders to .xlsx as a user (masked unless --full and the user may reveal)")
  .requiredOption("--as <username>", "act as this user")
  .option("--region <code>")
  .option("--full", "full ID numbers and phones (audited)")
  .action((out: string, o: { as: string; region?: string; full?: boolean }) =>
    withDb(async (_d, sys) => {
      const ctx = await actAs(sys, o.as);
      const r = await exportElders({ ctx, input: { ...(o.region ? { region: o.region } : {}), ...(o.full ? { full: "true" } : {}) } });
      fs.writeFileSync(out, r.data);
      console.log(`wrote ${out}`);
    }),
  );

program
  .command("subsidy-run")
  .description("run (or resume) a month's subsidies for a user's region: idempotent, safe to repeat (for a monthly cron job)")
  .requiredOption("--as <username>", "a bureau user with subsidy:manage, e.g. district")
  .option("--month <YYYY-MM>", "default: this month (Asia/Shanghai)")
  .action((o: { as: string; month?: string }) =>
    withDb(async (_d, sys) => {
      const ctx = await actAs(sys, o.as);
      const month = o.month ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
      const run = await startSubsidyRun({ ctx, input: { month }, wait: true });
      console.log(JSON.stringify(run, null, 2));
      if (run.status !== "done") process.exitCode = 1;
    }),
  );

const user = program.command("user").description("manage user accounts");
user
  .command("create")
  .requiredOption("--username <u>")
  .requiredOption("--name <displayName>")
  .addOption(new Option("--role <role>").choices(ROLES as unknown as string[]).makeOptionMandatory())
  .requiredOption("--region <code>")
  .option("--password <p>", "default: generated and printed")
  .action((o: { username: string; name: string; role: Role; region: string; password?: string }) =>
    withDb(async (_d, sys) => {
      const password = o.password ?? generatePassword();
      await createUser({ ctx: sys, input: { username: o.username, displayName: o.name, role: o.role, regionCode: o.region, password } });
      console.log(`created ${o.username}${o.password ? "" : `; password: ${password}`}`);
    }),
  );
user
  .command("reset-password <username>")
  .option("--password <p>", "default: generated and printed")
  .action((username: string, o: { password?: string }) =>
    withDb(async (_d, sys) => {
      const password = o.password ?? generatePassword();
      await setPassword({ ctx: sys, username, password });
      console.log(`password of ${username} reset${o.password ? "" : `: ${password}`}`);
    }),
  );
user.command("list").action(() =>
  withDb(async (d) => {
    for (const u of await d.db.select().from(users).orderBy(users.username)) console.log(`${u.username}\t${u.role}\t${u.regionCode}\t${u.displayName}`);
  }),
);

program
  .command("backup <out>")
  .description("PGlite: write a gzipped copy of the data directory (stop the server first); PostgreSQL: use pg_dump")
  .action(async (out: string) => {
    if (config.databaseUrl) {
      console.error("On PostgreSQL use pg_dump, e.g.: pg_dump --format=custom \"$DATABASE_URL\" > backup.dump");
      process.exitCode = 1;
      return;
    }
    const database = await openDatabase({ dataDir: config.dataDir });
    try {
      const blob = await database.dump!("gzip");
      fs.writeFileSync(out, Buffer.from(await blob.arrayBuffer()));
      console.log(`wrote ${out} (${(fs.statSync(out).size / 1024 / 1024).toFixed(1)} MB); restore: stop the server, then carecircle restore ${out}`);
      if (!config.secret) console.log(`keep ${path.join(config.dataDir, "secret.key")} with it: without that key the encrypted ID numbers and phones cannot be read`);
    } finally {
      await database.close();
    }
  });

program
  .command("restore <file>")
  .description("PGlite: restore a backup into DATA_DIR (the server must be stopped; an existing database is kept unless --force)")
  .option("--force", "replace the existing database (it is moved aside, not deleted)")
  .action(async (file: string, o: { force?: boolean }) => {
    const pgdata = path.join(config.dataDir, "pgdata");
    if (fs.existsSync(pgdata)) {
      if (!o.force) throw new Error(`${pgdata} exists; use --force to replace it`);
      const aside = `${pgdata}.before-restore-${Date.now()}`;
      fs.renameSync(pgdata, aside);
      console.log(`moved the old database to ${aside}`);
    }
    const database = await openDatabase({ dataDir: config.dataDir, loadDataDir: new Blob([fs.readFileSync(file)]) });
    await database.ping();
    await database.close();
    console.log(`restored ${file} into ${config.dataDir}`);
  });

program
  .command("simulate")
  .description("demo devices over MQTT against the running server: heartbeats, SOS presses and falls, with duplicates")
  .option("--server <url>", "the running server", "http://localhost:3000")
  .option("--mqtt <url>", "its MQTT broker (MQTT_URL; default the embedded one on the server's host)")
  .option("--username <u>", "a user who may register devices", "district")
  .option("--password <p>", "that user's password (default CARECIRCLE_DEMO_PASSWORD)")
  .option("--devices <n>", "number of devices", (v) => Number(v), 20)
  .option("--rate <n>", "messages per second, all devices together", (v) => Number(v), 100)
  .option("--duration <s>", "seconds", (v) => Number(v), 10)
  .option("--sos <k>", "SOS presses spread over the run", (v) => Number(v), 1)
  .option("--falls <k>", "falls spread over the run", (v) => Number(v), 0)
  .option("--duplicates <share>", "share of messages sent twice with the same event id (0–1)", (v) => Number(v), 0)
  .action(async (o: { server: string; mqtt?: string; username: string; password?: string; devices: number; rate: number; duration: number; sos: number; falls: number; duplicates: number }) => {
    const password = o.password ?? process.env.CARECIRCLE_DEMO_PASSWORD;
    if (!password) throw new Error("请用 --password 或 CARECIRCLE_DEMO_PASSWORD 给出演示密码");
    const mqttUrl = o.mqtt ?? process.env.MQTT_URL ?? `mqtt://${new URL(o.server).hostname}:${process.env.MQTT_PORT ?? 1883}`;
    const summary = await simulate({ ...o, password, mqtt: mqttUrl });
    console.log(JSON.stringify(summary, null, 2));
  });

try {
  await program.parseAsync();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
