import net from "node:net";
import type { AddressInfo } from "node:net";
import { authenticateDevice, type Ctx } from "@carecircle/domain";
import { parseDeviceTopic } from "@carecircle/shared";
import { Aedes, type Client } from "aedes";
import type { Logger } from "pino";
import { createIngestQueue, type IngestCounts } from "./ingest-queue.ts";

type DeviceRow = Awaited<ReturnType<typeof authenticateDevice>>;
const devices = new WeakMap<Client, DeviceRow>();

export interface MqttBroker {
  port: number;
  /** Messages stored, duplicates dropped, and payloads refused since start (for logs and benchmarks). */
  counts: IngestCounts;
  close(): Promise<void>;
}

/**
 * The MQTT broker embedded in the server (aedes). Each device signs in with its serial and secret; it may publish only
 * to `cc/v1/devices/{its serial}/{kind}` and subscribe to nothing. A message is stored — and its alarms raised — inside
 * `authorizePublish`, before aedes answers (in batches: the messages of a couple of milliseconds share one
 * transaction): for QoS 1 the PUBACK is written only after the database has committed,
 * so a server killed at any moment loses nothing it acknowledged, and a re-send of what it had not acknowledged is
 * dropped as a duplicate by its event id. A payload that fails validation is acknowledged and dropped (re-sending it
 * would not help); a publish to another device's topic ends the connection.
 */
export async function startMqttBroker(opts: { ctx: Ctx; port: number; host: string; logger: Logger }): Promise<MqttBroker> {
  const ingest = createIngestQueue(opts.ctx, opts.logger);
  const counts = ingest.counts;
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      if (!username || !password) return done(Object.assign(new Error("bad credentials"), { returnCode: 4 }), false);
      authenticateDevice(opts.ctx, username, password.toString("utf8")).then(
        (device) => {
          devices.set(client, device);
          done(null, true);
        },
        () => done(Object.assign(new Error("bad credentials"), { returnCode: 4 }), false),
      );
    },
    authorizePublish: (client, packet, done) => {
      const device = client ? devices.get(client) : undefined;
      const t = parseDeviceTopic(packet.topic);
      if (!device || !t || t.serial !== device.serial) return done(new Error("a device publishes to its own topics only"));
      const message = ingest.decode(packet.topic, t.kind, packet.payload);
      // malformed: acknowledged and dropped
      if (!message) return done();
      ingest.push(device, message, done);
    },
    authorizeSubscribe: (_client, _sub, done) => done(new Error("devices do not subscribe"), null),
  });
  const server = net.createServer(broker.handle as (socket: net.Socket) => void);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    counts,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
