import net from "node:net";
import { encodeWatchFrame } from "@carecircle/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let operator: Client;
beforeAll(async () => {
  server = await startTestServer();
  operator = await server.login("operator");
  const elderId = (await (await server.login("elder")).get("/api/v1/me/elders")).body.items[0].id;
  expect((await operator.post("/api/v1/devices", { serial: "8800000015", type: "wristband", vendor: "3G", model: "Y2", heartbeatSeconds: 600, elderId })).status).toBe(201);
});
afterAll(() => server?.close());

/** A watch on a TCP connection: sends bytes, collects what the server answers. */
async function watch() {
  const socket = net.connect(server.watchPort!, "127.0.0.1");
  await new Promise((r) => socket.once("connect", r));
  let answers = "";
  socket.on("data", (d) => (answers += d.toString("latin1")));
  const until = async (f: (a: string) => boolean) => {
    for (let i = 0; i < 100 && !f(answers); i++) await new Promise((r) => setTimeout(r, 20));
    return answers;
  };
  return { socket, until };
}

describe("the watch-protocol listener", () => {
  it("stores a link and an SOS alarm from a registered watch, answers after storing, and a re-sent alarm stays one", async () => {
    const w = await watch();
    const al = encodeWatchFrame("3G", "8800000015", "AL,231126,021530,A,29.503500,N,106.510500,E,0.00,0,0,8,100,64,1024,0,00010000,00000000");
    // split across packets, as TCP may deliver it
    w.socket.write(encodeWatchFrame("3G", "8800000015", "LK,1200,0,87") + al.slice(0, 20));
    w.socket.write(al.slice(20));
    expect(await w.until((a) => a.includes("*AL]"))).toBe("[3G*8800000015*0002*LK][3G*8800000015*0002*AL]");
    w.socket.write(al);
    await w.until((a) => a.split("*AL]").length > 2);
    const [rows] = await server.database.query<{ sos: string; battery: number }>(
      "SELECT (SELECT count(*) FROM alarms a JOIN devices d ON d.id = a.device_id WHERE d.serial = '8800000015' AND a.type = 'sos') AS sos, (SELECT battery FROM devices WHERE serial = '8800000015') AS battery",
    );
    expect(Number(rows!.sos)).toBe(1);
    expect(Number(rows!.battery)).toBe(64); // the alarm frame's battery, later than the link's 87
    w.socket.destroy();
  });

  it("drops frames of a watch that is not registered, answering nothing", async () => {
    const w = await watch();
    w.socket.write(encodeWatchFrame("3G", "9999999999", "LK,1,0,50"));
    await new Promise((r) => setTimeout(r, 300));
    expect(await w.until(() => false)).toBe("");
    w.socket.destroy();
  });
});
