import net from "node:net";
import type { AddressInfo } from "node:net";
import { type Ctx, decodeWatchFrame, ingestBatch, WatchFrameReader } from "@carecircle/domain";
import { devices } from "@carecircle/db";
import { parseDeviceMessage } from "@carecircle/shared";
import { eq } from "drizzle-orm";
import type { Logger } from "pino";

export interface WatchListener {
  port: number;
  close(): Promise<void>;
}

/**
 * TCP listener for wristbands speaking the text watch protocol (`WATCH_PORT`). A watch is known by its device id,
 * registered as the device's serial; the protocol carries no secret, so the port belongs on the operator's private
 * APN or VPN, not the open internet. Each frame is decoded into our messages, stored, and only then answered (the
 * watch re-sends LK and AL until answered; re-sends are dropped as duplicates by their event ids).
 */
export async function startWatchListener(opts: { ctx: Ctx; port: number; host: string; logger: Logger }): Promise<WatchListener> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setTimeout(15 * 60_000, () => socket.destroy());
    const reader = new WatchFrameReader();
    let chain = Promise.resolve();
    socket.on("data", (chunk) => {
      const frames = reader.push(chunk);
      // in order, one frame after another: an answer never overtakes the store of an earlier frame
      chain = chain.then(async () => {
        for (const f of frames) {
          const [device] = await opts.ctx.database.db.select().from(devices).where(eq(devices.serial, f.deviceId));
          if (!device) {
            opts.logger.warn({ deviceId: f.deviceId }, "watch not registered: frame dropped");
            continue;
          }
          const decoded = decodeWatchFrame(f, new Date());
          const items = decoded.messages.flatMap((m) => {
            const ok = parseDeviceMessage(m.kind, m.payload);
            return ok.ok ? [{ device, message: ok.message }] : [];
          });
          if (items.length) await ingestBatch(opts.ctx, items);
          if (decoded.reply && !socket.destroyed) socket.write(decoded.reply);
        }
      }).catch((err: unknown) => {
        // not stored: no answer; the watch sends it again
        opts.logger.warn({ err: err instanceof Error ? err.message : String(err) }, "watch frame not stored");
        socket.destroy();
      });
    });
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
