import { type Ctx, DomainError, ingestBatch, validateDeviceMessage } from "@carecircle/domain";
import type { DeviceMessage, MessageKind } from "@carecircle/shared";
import type { Logger } from "pino";

type DeviceRow = Parameters<typeof ingestBatch>[1][number]["device"];

/** A batch is stored at most this many milliseconds after its first message arrived, or when it holds this many. */
const WAIT_MS = 2;
const BATCH = 500;

export interface IngestCounts {
  stored: number;
  duplicates: number;
  refused: number;
}

export interface IngestQueue {
  counts: IngestCounts;
  /** A payload as a transport received it, validated for its kind; null when it is refused (counted and logged: acknowledge and drop it, re-sending would not help). */
  decode(topic: string, kind: MessageKind, payload: string | Uint8Array): DeviceMessage | null;
  /** Counts and logs a message refused before decoding (unknown device, not a device topic). */
  refuse(topic: string, why: string): void;
  /** Queues a validated message; `done` is called once it is stored (or found a duplicate), or with the error that kept the whole batch from being stored. */
  push(device: DeviceRow, message: DeviceMessage, done: (err?: Error | null) => void): void;
}

/**
 * Group commit for device messages from any transport: the messages of a couple of milliseconds are stored in one
 * transaction, then each one's `done` runs — which is where a transport acknowledges it. A batch that fails stores
 * nothing and acknowledges nothing; the devices (or the external broker) deliver those messages again.
 */
export function createIngestQueue(ctx: Ctx, logger: Logger): IngestQueue {
  const counts: IngestCounts = { stored: 0, duplicates: 0, refused: 0 };
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
      const results = await ingestBatch(ctx, batch);
      for (const [i, r] of results.entries()) {
        if (r.duplicate) counts.duplicates++;
        else counts.stored++;
        batch[i]!.done();
      }
    } catch (err) {
      logger.warn({ err: err instanceof DomainError ? err.message : String(err), messages: batch.length }, "device messages not stored");
      for (const b of batch) b.done(err instanceof Error ? err : new Error(String(err)));
    } finally {
      flushing = false;
      if (queue.length) schedule();
    }
  };
  const refuse = (topic: string, why: string) => {
    counts.refused++;
    logger.debug({ topic, why }, "device message refused");
  };
  return {
    counts,
    refuse,
    decode(topic, kind, payload) {
      try {
        return validateDeviceMessage(kind, JSON.parse(typeof payload === "string" ? payload : Buffer.from(payload).toString("utf8")));
      } catch (err) {
        refuse(topic, err instanceof Error ? err.message : String(err));
        return null;
      }
    },
    push(device, message, done) {
      queue.push({ device, message, done });
      schedule();
    },
  };
}
