import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { type Database, migrateDatabase, openDatabase, users } from "@carecircle/db";
import { shanghaiDate } from "@carecircle/shared";
import { eq } from "drizzle-orm";
import { actorOf, type Ctx, drainImports, startSubsidyRun, drainRuns, ensureDemoFacilities, ensureDemoMarketplace, ensureDemoTimebank, ensureScales, failInterruptedRuns, failInterruptedImports, generatePassword, isSeeded, purgeIdleSessions, Secrets, seedDemo, sweepOrders, checkDeviceSilence, expireHours, relayAlarmNews, SYSTEM_ACTOR } from "@carecircle/domain";
import pino, { type Logger } from "pino";
import { createApp } from "./app.ts";
import { startMqttBroker } from "./mqtt.ts";
import { connectExternalBroker, type ExternalBroker } from "./mqtt-external.ts";
import { startWatchListener } from "./watch-listener.ts";
import type { Config } from "./config.ts";

export interface RunningServer {
  url: string;
  port: number;
  /** The embedded MQTT broker's port, or null when it is off. */
  mqttPort: number | null;
  /** The external broker's consumers (MQTT_URL), or null. */
  externalBroker: ExternalBroker | null;
  /** The watch-protocol TCP port, or null when it is off. */
  watchPort: number | null;
  database: Database;
  secrets: Secrets;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger?: Logger;
  /** An already opened (and migrated) database; otherwise opened from the config. */
  database?: Database;
  /** Progress of the first-start demo seeding. */
  onSeedProgress?: (done: number, total: number) => void;
  /** Called with the demo password when it was generated now. */
  onDemoCredentials?: (text: string) => void;
}

/** Opens the database, migrates, seeds the demo district on first start, and listens. */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { config } = opts;
  const logger = opts.logger ?? pino({ level: config.logLevel });
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir }));
  try {
    if (!opts.database) await migrateDatabase(database);
    const secrets = Secrets.load({ secret: config.secret, dataDir: config.dataDir });
    const sys: Ctx = { database, secrets, actor: SYSTEM_ACTOR };
    await failInterruptedImports(sys);
    await ensureScales(sys);
    await failInterruptedRuns(sys);
    if (config.seedDemo && !(await isSeeded(sys))) {
      const password = config.demoPassword ?? generatePassword();
      const result = await seedDemo(sys, { password, elderCount: config.demoElders, onProgress: opts.onSeedProgress });
      if (!config.demoPassword) {
        const text = demoCredentialsText(password, result.users);
        fs.mkdirSync(config.dataDir, { recursive: true });
        fs.writeFileSync(path.join(config.dataDir, "demo-credentials.txt"), text, { mode: 0o600 });
        opts.onDemoCredentials?.(text);
      }
      // run this month's subsidies once, so that the demo's wallets and lists are not empty
      if (result.elders > 0) {
        const [district] = await database.db.select().from(users).where(eq(users.username, "district"));
        if (district) await startSubsidyRun({ ctx: { ...sys, actor: actorOf(district) }, input: { month: shanghaiDate().slice(0, 7) }, wait: true });
      }
      logger.info({ elders: result.elders, users: result.users.length }, "demo district seeded");
    }
    if (config.seedDemo) {
      const added = await ensureDemoMarketplace(sys);
      if (added) logger.info({ providers: added }, "demo marketplace seeded");
      const network = await ensureDemoFacilities(sys);
      if (network) logger.info({ facilities: network }, "demo facility network seeded");
      const timebank = await ensureDemoTimebank(sys);
      if (timebank) logger.info({ volunteers: timebank }, "demo time bank seeded");
    }
    const app = createApp({ config, database, secrets, logger });
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    });
    const port = (server.address() as AddressInfo).port;
    const watch = config.watchPort === null ? null : await startWatchListener({ ctx: sys, port: config.watchPort, host: config.host, logger });
    // the broker failing to listen (the port taken) must not take the console and the HTTP ingestion down with it
    const mqtt =
      config.mqttPort === null
        ? null
        : await startMqttBroker({ ctx: sys, port: config.mqttPort, host: config.host, logger }).catch((err: unknown) => {
            logger.error({ err: loggableMessage(err), port: config.mqttPort }, "MQTT broker not started (is the port in use? set MQTT_PORT)");
            return null;
          });
    const external: ExternalBroker | null = config.mqttExternal ? await connectExternalBroker({ ctx: sys, ...config.mqttExternal, logger }) : null;
    // alarm news from the other servers on the same PostgreSQL, for this server's live consoles
    const stopRelay = await relayAlarmNews(database).catch((err: unknown) => {
      logger.error({ err: loggableMessage(err) }, "alarm news from other servers not relayed");
      return async () => undefined;
    });
    const purge = setInterval(() => {
      purgeIdleSessions(database, config.sessionIdleMinutes).catch((err: unknown) => logger.warn({ err }, "session purge failed"));
    }, 5 * 60_000);
    purge.unref();
    // the dispatch timers: re-dispatch jobs not accepted in time, dispatch waiting orders, flag late starts
    let sweeping: Promise<unknown> = Promise.resolve();
    const sweep = config.orderSweepSeconds
      ? setInterval(() => {
          sweeping = sweepOrders(sys).catch((err: unknown) => logger.warn({ err }, "order sweep failed"));
        }, config.orderSweepSeconds * 1000)
      : null;
    sweep?.unref();
    // silent devices: offline (no heartbeat for 3 intervals) and 平安钟 inactivity (no "I'm OK" or movement for 24 h)
    const silence = setInterval(() => {
      checkDeviceSilence(sys).catch((err: unknown) => logger.warn({ err }, "device silence check failed"));
    }, 60_000);
    silence.unref();
    // time-bank hours past their region's expiry go to its pool (hours never expire unless a region's rule says so)
    const expiry = setInterval(() => {
      expireHours(sys).catch((err: unknown) => logger.warn({ err }, "time-bank expiry failed"));
    }, 60 * 60_000);
    expiry.unref();
    let closed = false;
    return {
      url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`,
      port,
      mqttPort: mqtt?.port ?? null,
      externalBroker: external,
      watchPort: watch?.port ?? null,
      database,
      secrets,
      close: async () => {
        if (closed) return;
        closed = true;
        clearInterval(purge);
        await mqtt?.close();
        await external?.close();
        await stopRelay();
        await watch?.close();
        if (sweep) clearInterval(sweep);
        clearInterval(silence);
        clearInterval(expiry);
        await sweeping;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await drainImports();
        await drainRuns();
        if (!opts.database) await database.close();
      },
    };
  } catch (e) {
    if (!opts.database) await database.close();
    throw e;
  }
}

function loggableMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function demoCredentialsText(password: string, usernames: string[]): string {
  return [
    "CareCircle 演示账户 / demo accounts",
    `密码 / password: ${password}`,
    `用户名 / usernames: ${usernames.join(", ")}`,
    "",
  ].join("\n");
}
