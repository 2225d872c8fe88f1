import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoRegions, generateDemoElders } from "@carecircle/domain";
import { type Client, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let district: Client;
beforeAll(async () => {
  server = await startTestServer();
  district = await server.login("district");
});
afterAll(() => server?.close());

describe("a 100,000-row file with broken rows", () => {
  it("imports the good rows, reports every broken one, and changes nothing on a second run", async () => {
    const communities = demoRegions().filter((r) => r.level === 5);
    const elders = generateDemoElders({ count: 100_000, communities, seed: 4242 });
    // every 997th row broken in one of three ways
    const broken = new Map<number, string>();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("老人");
    ws.addRow(["姓名", "身份证号", "联系电话", "所属社区", "居住地址", "标签"]);
    elders.forEach((e, i) => {
      const row = [e.name, e.idNumber, e.phone, e.regionCode, e.address, e.tags.join("、")];
      if (i % 997 === 5) {
        const kind = (i / 997) % 3 < 1 ? "idNumber" : (i / 997) % 3 < 2 ? "phone" : "region";
        if (kind === "idNumber") row[1] = `${e.idNumber.slice(0, 17)}${e.idNumber.endsWith("0") ? "1" : "0"}`;
        if (kind === "phone") row[2] = "12";
        if (kind === "region") row[3] = "999999999999";
        broken.set(i + 2, kind);
      }
      ws.addRow(row);
    });
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const first = await district.upload("/api/v1/elders/import?wait=true", file, "十万.xlsx");
    expect(first.status).toBe(200);
    expect(first.body.totalRows).toBe(100_000);
    expect(first.body.failed).toBe(broken.size);
    expect(first.body.created + first.body.updated + first.body.failed).toBe(100_000);
    const report = new ExcelJS.Workbook();
    await report.xlsx.load((await district.get(`/api/v1/elders/imports/${first.body.id}/error-report`)).raw as unknown as ArrayBuffer);
    const lines = new Set<number>();
    report.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) lines.add(Number(row.getCell(1).value));
    });
    expect([...lines].sort((a, b) => a - b)).toEqual([...broken.keys()]);
    const second = await district.upload("/api/v1/elders/import?wait=true", file, "十万.xlsx");
    expect(second.body).toMatchObject({ created: 0, updated: 0, failed: first.body.failed });
    expect(second.body.unchanged).toBe(100_000 - first.body.failed);
  }, 300_000);
});
