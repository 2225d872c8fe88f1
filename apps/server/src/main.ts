import { DataDirLockedError } from "@carecircle/db";
import cliProgress from "cli-progress";
import pino from "pino";
import { loadConfig } from "./config.ts";
import { startServer } from "./server.ts";

const config = loadConfig();
const logger = pino({ level: config.logLevel });
let bar: cliProgress.SingleBar | undefined;

try {
  const server = await startServer({
    config,
    logger,
    onSeedProgress: (done, total) => {
      if (!bar) {
        process.stderr.write("正在生成演示数据 / seeding the demo district…\n");
        bar = new cliProgress.SingleBar({ format: "  {bar} {percentage}% | {value}/{total} 位老人", hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
      if (done >= total) bar.stop();
    },
    onDemoCredentials: (text) => {
      process.stdout.write(`\n${text}（已写入 ${config.dataDir}/demo-credentials.txt）\n\n`);
    },
  });
  logger.info({ url: server.url, database: server.database.kind, dataDir: config.dataDir }, "CareCircle listening");
  process.stdout.write(`CareCircle 已启动：http://localhost:${server.port}  (API docs: /api/docs)${server.mqttPort ? `  MQTT: ${server.mqttPort}` : ""}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await server.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
} catch (e) {
  bar?.stop();
  if (e instanceof DataDirLockedError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  logger.fatal({ err: e }, "failed to start");
  process.exit(1);
}
