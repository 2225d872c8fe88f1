import net from "node:net";
import type { AddressInfo } from "node:net";
import { authenticateDevice, type Ctx, DomainError, ingestBatch, validateDeviceMessage } from "@carecircle/domain";
import { type DeviceMessage, parseDeviceTopic } from "@carecircle/shared";
import { Aedes, type Client } from "aedes";
import type { Logger } from "pino";

type DeviceRow = Awaited<ReturnType<typeof authenticateDevice>>;
/** A batch is stored at most this many milliseconds after its first message arrived, or when it holds this many. */
const WAIT_MS = 2;
const BATCH = 500;
const devices = new WeakMap<Client, DeviceRow>();

export interface MqttBroker {
  port: number;
  /** Messages stored, duplicates dropped, and payloads refused since start (for logs and benchmarks). */
  counts: { stored: number; duplicates: number; refused: number };
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
  const counts = { stored: 0, duplicates: 0, refused: 0 };
  // group commit: messages arriving within a few milliseconds are stored in one transaction, then all acknowledged
  let queue: { device: DeviceRow; message: DeviceMessage; done: (err?: Error | null) => void }[] = [];
  let flushing = false;
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (flushing || timer) return;
    timer = setTimeout(() => void flush(), queue.length >= BATCH ? 0 : WAIT_MS);
  };
  const flush = async () => {
    timer = null;
    if (flushing || queue.length === 0) return;
    flushing = true;
    const batch = queue.slice(0, BATCH);
    queue = queue.slice(BATCH);
    try {
      const results = await ingestBatch(opts.ctx, batch);
      for (const [i, r] of results.entries()) {
        if (r.duplicate) counts.duplicates++;
        else counts.stored++;
        batch[i]!.done();
      }
    } catch (err) {
      // nothing of the batch was stored: no acknowledgement; the devices keep the messages and send them again
      opts.logger.warn({ err: err instanceof DomainError ? err.message : String(err), messages: batch.length }, "device messages not stored");
      for (const b of batch) b.done(err instanceof Error ? err : new Error(String(err)));
    } finally {
      flushing = false;
      if (queue.length) schedule();
    }
  };
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
      let message: DeviceMessage;
      try {
        message = validateDeviceMessage(t.kind, JSON.parse(packet.payload.toString("utf8")));
      } catch (err) {
        // malformed: acknowledged and dropped (re-sending it would not help)
        counts.refused++;
        opts.logger.debug({ serial: device.serial, err: err instanceof Error ? err.message : String(err) }, "device message refused");
        return done();
      }
      queue.push({ device, message, done });
      schedule();
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
