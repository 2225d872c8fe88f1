import os from "node:os";
import path from "node:path";
import { z } from "zod";

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  CARECIRCLE_SECRET: z.string().optional(),
  CARECIRCLE_DEMO_PASSWORD: z.string().optional(),
  /** Skip demo seeding (an empty production database). */
  CARECIRCLE_NO_DEMO: z.enum(["0", "1", "true", "false"]).optional(),
  /** Number of demo elders. */
  CARECIRCLE_DEMO_ELDERS: z.coerce.number().int().min(0).max(200_000).default(5000),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  COOKIE_SECURE: z.enum(["0", "1", "true", "false"]).optional(),
  TRUST_PROXY: z.enum(["0", "1", "true", "false"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WEB_DIST: z.string().optional(),
  /** Shared secret the PBX sends as `Authorization: Bearer …` with inbound-call webhooks. */
  CARECIRCLE_PBX_TOKEN: z.string().min(16).optional(),
  /** How often the dispatch timers run (re-dispatch, late flags), in seconds; 0 turns them off. */
  ORDER_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** The embedded MQTT broker's port (0: any free port); `MQTT_DISABLED=1` runs without it. */
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
  MQTT_DISABLED: z.enum(["0", "1", "true", "false"]).optional(),
  /** An external broker (mqtt://user:password@host:1883) instead of the embedded one: the server joins its shared subscription. */
  MQTT_URL: z.string().regex(/^mqtts?:\/\//, "MQTT_URL must start with mqtt:// or mqtts://").optional(),
  /** This server's client id at the external broker (stable across restarts: the broker keeps its session). */
  MQTT_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/).optional(),
  /** Consumer connections per server in the shared subscription. */
  MQTT_CONSUMERS: z.coerce.number().int().min(1).max(256).default(16),
  /** `dynsec`: keep device accounts in Mosquitto's dynamic-security plugin; `none`: the broker authenticates devices some other way. */
  MQTT_PROVISION: z.enum(["dynsec", "none"]).default("dynsec"),
  /** TCP port for wristbands speaking the text watch protocol (off unless set; 0: any free port). */
  WATCH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  secret?: string;
  demoPassword?: string;
  seedDemo: boolean;
  demoElders: number;
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: z.infer<typeof Env>["LOG_LEVEL"];
  webDist: string;
  h5Dist: string;
  pbxToken?: string;
  orderSweepSeconds: number;
  /** null: no embedded broker. */
  mqttPort: number | null;
  /** An external broker, instead of the embedded one. */
  mqttExternal: { url: string; clientId: string; consumers: number; provision: boolean } | null;
  watchPort: number | null;
}

const yes = (v?: string) => v === "1" || v === "true";

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    secret: e.CARECIRCLE_SECRET || undefined,
    demoPassword: e.CARECIRCLE_DEMO_PASSWORD || undefined,
    seedDemo: !yes(e.CARECIRCLE_NO_DEMO),
    demoElders: e.CARECIRCLE_DEMO_ELDERS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    cookieSecure: yes(e.COOKIE_SECURE),
    trustProxy: yes(e.TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.WEB_DIST ?? path.join(import.meta.dirname, "../../web/dist")),
    h5Dist: path.resolve(path.join(import.meta.dirname, "../../h5/dist")),
    pbxToken: e.CARECIRCLE_PBX_TOKEN || undefined,
    orderSweepSeconds: e.ORDER_SWEEP_SECONDS,
    mqttPort: yes(e.MQTT_DISABLED) || e.MQTT_URL ? null : e.MQTT_PORT,
    mqttExternal:
      e.MQTT_URL && !yes(e.MQTT_DISABLED)
        ? { url: e.MQTT_URL, clientId: e.MQTT_CLIENT_ID ?? `carecircle-${os.hostname().replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 30)}`, consumers: e.MQTT_CONSUMERS, provision: e.MQTT_PROVISION === "dynsec" }
        : null,
    watchPort: e.WATCH_PORT ?? null,
  };
}
