import { type Ctx, deviceBySerial, ServiceUnavailableError, setDeviceCredentialSink } from "@carecircle/domain";
import { parseDeviceTopic } from "@carecircle/shared";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import mqttPacket from "mqtt-packet";
import type { Logger } from "pino";
import { createIngestQueue, type IngestCounts } from "./ingest-queue.ts";

/** Every server of the platform joins this shared subscription; the broker hands each message to one of them. */
export const SHARED_TOPIC = "$share/carecircle/cc/v1/devices/+/+";
const DYNSEC = "$CONTROL/dynamic-security/v1";
/** Tells MQTT.js not to acknowledge a message (we do, once it is stored). */
const DEFERRED = Object.assign(new Error("acknowledged after storing"), { deferred: true });

export interface ExternalBroker {
  counts: IngestCounts;
  /** Messages handed to this server by the broker, per consumer connection (for logs, tests and benchmarks). */
  received: number[];
  close(): Promise<void>;
}

export interface ExternalBrokerOptions {
  ctx: Ctx;
  /** mqtt://user:password@host:port — an account that may subscribe to `cc/v1/devices/#` (and, to provision, use `$CONTROL/dynamic-security`). */
  url: string;
  /** Stable per server: the broker keeps each consumer's session (unacknowledged messages) under `{clientId}-{n}`. */
  clientId: string;
  /** Consumer connections of this server in the shared subscription (each carries the broker's in-flight window). */
  consumers: number;
  /** Create and update device accounts in Mosquitto's dynamic-security plugin when devices are registered or re-keyed. */
  provision: boolean;
  logger: Logger;
}

/**
 * Devices connected to an external broker (Mosquitto, EMQX, a cluster): the server subscribes to every device topic
 * through a shared subscription, so several servers split the load, and acknowledges each QoS 1 message to the broker
 * only after it is stored — a server killed mid-batch leaves the messages unacknowledged in its persistent session, and
 * the broker delivers them again when it reconnects (the event id drops what had been stored already).
 *
 * The broker keeps a bounded number of unacknowledged messages in flight per connection (Mosquitto's
 * `max_inflight_messages`, 20 by default), so the server opens `consumers` connections; the messages in flight on all
 * of them share one group commit.
 * The broker authenticates devices and enforces their topics; with `provision`, the server keeps those accounts
 * (one client and one role per device, publishing to `cc/v1/devices/{serial}/#` only) in Mosquitto's dynamic security.
 */
export async function connectExternalBroker(opts: ExternalBrokerOptions): Promise<ExternalBroker> {
  const ingest = createIngestQueue(opts.ctx, opts.logger);
  const received: number[] = [];
  const base: IClientOptions = { clean: false, reconnectPeriod: 2000, connectTimeout: 10_000, keepalive: 30 };
  const clients: MqttClient[] = [];
  for (let n = 0; n < opts.consumers; n++) {
    received.push(0);
    const client = mqtt.connect(opts.url, { ...base, clientId: `${opts.clientId}-${n}` });
    client.on("connect", () => {
      client.subscribe(SHARED_TOPIC, { qos: 1 }, (err) => {
        if (err) opts.logger.error({ err: err.message }, "MQTT shared subscription refused");
      });
    });
    client.on("error", (err) => opts.logger.warn({ err: err.message, consumer: n }, "MQTT broker connection"));
    client.handleMessage = (packet, callback) => {
      received[n]!++;
      // MQTT.js reads the next packet only after this callback, and acknowledges when it is called without an error.
      // To keep many messages in flight on one connection, a QoS 1 message is released at once *unacknowledged* (the
      // callback with DEFERRED) and its PUBACK written here after the batch holding it has committed — on the same
      // connection only: after a reconnect the broker delivers whatever was not acknowledged again.
      const stream = client.stream;
      const ack = () => {
        if (packet.qos === 1 && packet.messageId !== undefined && client.stream === stream && !stream.destroyed) stream.write(mqttPacket.generate({ cmd: "puback", messageId: packet.messageId }));
      };
      callback(packet.qos === 1 ? DEFERRED : undefined);
      const t = parseDeviceTopic(packet.topic);
      if (!t) return (ingest.refuse(packet.topic, "not a device topic"), ack());
      const message = ingest.decode(packet.topic, t.kind, packet.payload);
      if (!message) return ack();
      deviceBySerial(opts.ctx, t.serial).then(
        (device) => {
          if (!device) return (ingest.refuse(packet.topic, "unknown device"), ack());
          ingest.push(device, message, (err) => {
            if (!err) return ack();
            // not stored: no acknowledgement; drop the connection so that the broker delivers it again on reconnect
            stream.destroy();
          });
        },
        (err: unknown) => {
          opts.logger.warn({ err: String(err) }, "device lookup failed");
          stream.destroy();
        },
      );
    };
    clients.push(client);
  }
  const control = opts.provision ? await dynamicSecurity(opts) : null;
  if (control) setDeviceCredentialSink(opts.ctx.database, control.setCredentials);
  // wait (a while) for the consumers, so that a broker that is down is said at start; they keep retrying regardless
  const connected = await Promise.race([
    Promise.all(clients.map((c) => (c.connected ? Promise.resolve() : new Promise<void>((r) => c.once("connect", () => r()))))).then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 10_000).unref()),
  ]);
  if (!connected) opts.logger.error({ url: redact(opts.url) }, "external MQTT broker not reachable yet; retrying");
  return {
    counts: ingest.counts,
    received,
    close: async () => {
      if (control) setDeviceCredentialSink(opts.ctx.database, null);
      await Promise.all([...clients, ...(control ? [control.client] : [])].map((c) => c.endAsync()));
    },
  };
}

function redact(url: string) {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

interface DynsecResponse {
  command: string;
  error?: string;
  correlationData?: string;
}

/**
 * Mosquitto's dynamic-security API: commands published to `$CONTROL/dynamic-security/v1`, answers (with our
 * correlation data) on `…/response`. A device is a client named by its serial with a role of its own that may publish
 * under its own topics only (Mosquitto 2.0 roles have no %u pattern).
 */
async function dynamicSecurity(opts: ExternalBrokerOptions) {
  const client = await mqtt.connectAsync(opts.url, { clientId: `${opts.clientId}-control`, clean: true, reconnectPeriod: 2000, connectTimeout: 10_000 });
  const pending = new Map<string, (r: DynsecResponse) => void>();
  client.on("message", (_topic, payload) => {
    try {
      const { responses } = JSON.parse(payload.toString("utf8")) as { responses: DynsecResponse[] };
      for (const r of responses) if (r.correlationData) pending.get(r.correlationData)?.(r);
    } catch {
      /* not ours */
    }
  });
  await client.subscribeAsync(`${DYNSEC}/response`, { qos: 1 });
  let next = 0;
  const run = async (commands: Record<string, unknown>[]): Promise<DynsecResponse[]> => {
    const ids = commands.map(() => `cc-${process.pid}-${++next}`);
    const answers = ids.map((id) => new Promise<DynsecResponse>((resolve) => pending.set(id, resolve)));
    let timer: NodeJS.Timeout | undefined;
    try {
      await client.publishAsync(DYNSEC, JSON.stringify({ commands: commands.map((c, i) => ({ ...c, correlationData: ids[i] })) }), { qos: 1 });
      return await Promise.race([
        Promise.all(answers),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ServiceUnavailableError("消息服务器未应答，设备账号未能开通，请稍后重试")), 5000))),
      ]);
    } finally {
      clearTimeout(timer);
      for (const id of ids) pending.delete(id);
    }
  };
  const fail = (r: DynsecResponse) => {
    throw new ServiceUnavailableError(`消息服务器拒绝开通设备账号：${r.error}`);
  };
  const setCredentials = async (serial: string, secret: string) => {
    const rolename = `cc-device-${serial}`;
    const [role, created] = await run([
      { command: "createRole", rolename, acls: [{ acltype: "publishClientSend", topic: `cc/v1/devices/${serial}/#`, allow: true }] },
      { command: "createClient", username: serial, password: secret, roles: [{ rolename }] },
    ]);
    if (role!.error && !/exists/i.test(role!.error)) fail(role!);
    if (!created!.error) return;
    if (!/exists/i.test(created!.error)) fail(created!);
    // a device known to the broker already (re-keyed, or registered again after a failed attempt): new password, its role
    const [modified] = await run([{ command: "modifyClient", username: serial, password: secret, roles: [{ rolename }] }]);
    if (modified!.error) fail(modified!);
  };
  return { client, setCredentials };
}
