import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber, makePhone, uniqueBirth } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let street: Client;
let district: Client;
beforeAll(async () => {
  server = await startTestServer();
  street = await server.login("street");
  district = await server.login("district");
});
afterAll(() => server?.close());

const HEADERS = ["姓名", "身份证号", "联系电话", "所属社区", "居住地址", "居住状况", "经济状况", "能力等级", "标签", "慢性病"];

function goodRow(name: string) {
  return [name, makeIdNumber(uniqueBirth(1941), "F"), makePhone(), "500107001001", "杨家坪正街9号", "独居", "低保", "轻度失能", "高龄、独居", "高血压、糖尿病"];
}

async function xlsx(rows: unknown[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("老人");
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v)))));
  return out;
}

describe("import", () => {
  it("creates valid rows, reports each bad row with its column and reason, and a re-import changes nothing", async () => {
    const rows = [goodRow("甲一"), goodRow("乙二"), goodRow("丙三"), goodRow("丁四")];
    const badCheck = goodRow("坏校验");
    badCheck[1] = `${String(badCheck[1]).slice(0, 17)}${String(badCheck[1]).endsWith("1") ? "2" : "1"}`;
    const badRegion = goodRow("坏社区");
    badRegion[3] = "500107003001"; // another street: not the importer's
    const badLiving = goodRow("坏状况");
    badLiving[5] = "住城堡";
    const file = await xlsx([...rows, badCheck, badRegion, badLiving]);
    const res = await street.upload("/api/v1/elders/import?wait=true", file, "民政导出.xlsx");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "done", totalRows: 7, created: 4, updated: 0, unchanged: 0, failed: 3, hasErrorReport: true });
    const report = await street.get(`/api/v1/elders/imports/${res.body.id}/error-report`);
    expect(report.status).toBe(200);
    expect(report.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const lines = await readXlsx(report.raw);
    expect(lines[0]).toEqual(["行号", "姓名", "列", "填写的值", "错误原因"]);
    expect(lines.slice(1).map((l) => [l[0], l[2]])).toEqual([
      ["6", "身份证号"],
      ["7", "所属社区"],
      ["8", "居住状况"],
    ]);
    expect(lines[1]![4]).toContain("校验位");
    // the same file again: nothing new, nothing changed
    const again = await street.upload("/api/v1/elders/import?wait=true", file, "民政导出.xlsx");
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4, failed: 3 });
    // a changed row updates the record, and its history says so
    rows[0]![4] = "新的地址 1号";
    const third = await street.upload("/api/v1/elders/import?wait=true", await xlsx(rows), "更新.xlsx");
    expect(third.body).toMatchObject({ created: 0, updated: 1, unchanged: 3, failed: 0, hasErrorReport: false });
    const found = await street.get(`/api/v1/elders?q=${rows[0]![1]}`);
    expect(found.body.items[0].address).toBe("新的地址 1号");
    const history = await street.get(`/api/v1/elders/${found.body.items[0].id}/history`);
    expect(history.body.items[0].detail).toMatchObject({ fileName: "更新.xlsx", changes: { address: { to: "新的地址 1号" } } });
  });

  it("reads CSV in UTF-8 and in GB18030, as Excel saves it", async () => {
    const row = goodRow("钱五");
    const csv = `${HEADERS.join(",")}\r\n${row.map((v) => (String(v).includes("、") ? `"${v}"` : v)).join(",")}\r\n`;
    const utf8 = await street.upload("/api/v1/elders/import?wait=true", Buffer.from(`\ufeff${csv}`), "a.csv");
    expect(utf8.body).toMatchObject({ created: 1, failed: 0 });
    const row2 = goodRow("孙六");
    const gbk = new TextEncoder().encode(""); // Node has no GB18030 encoder: build it from known bytes
    void gbk;
    const csv2 = `${HEADERS.slice(0, 5).join(",")}\r\n${row2.slice(0, 5).join(",")}\r\n`;
    const gbBytes = encodeGb18030(csv2);
    const res = await street.upload("/api/v1/elders/import?wait=true", gbBytes, "b.csv");
    expect(res.body).toMatchObject({ created: 1, failed: 0 });
    expect((await street.get(`/api/v1/elders?q=${row2[1]}`)).body.items[0].name).toBe("孙六");
  });

  it("tells an ID number Excel turned into a number, and duplicates inside the file", async () => {
    let r1 = goodRow("数字号");
    // an ID ending in X (one in eleven) cannot become a number: take one that can
    while (String(r1[1]).endsWith("X")) r1 = goodRow("数字号");
    r1[1] = Number(r1[1]); // Excel's classic: 18 digits as a number lose the last three
    const r2 = goodRow("重复甲");
    const r3 = [...r2];
    r3[0] = "重复乙";
    const res = await street.upload("/api/v1/elders/import?wait=true", await xlsx([r1, r2, r3]), "x.xlsx");
    expect(res.body).toMatchObject({ created: 1, failed: 2 });
    const lines = await readXlsx((await street.get(`/api/v1/elders/imports/${res.body.id}/error-report`)).raw);
    expect(lines[1]![4]).toContain("文本格式");
    expect(lines[2]![4]).toContain("与第 3 行身份证号重复");
  });

  it("refuses what is not a usable spreadsheet, writing nothing", async () => {
    const before = (await district.get("/api/v1/elders?limit=1")).body.total;
    expect((await street.upload("/api/v1/elders/import", Buffer.alloc(0), "empty.xlsx")).status).toBe(400);
    expect((await street.upload("/api/v1/elders/import", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), "photo.xlsx")).status).toBe(400);
    expect((await street.upload("/api/v1/elders/import", Buffer.from("PK\u0003\u0004garbage"), "broken.xlsx")).status).toBe(400);
    const noColumns = await street.upload("/api/v1/elders/import", Buffer.from("名字,年龄\n张三,80\n"), "x.csv");
    expect(noColumns.status).toBe(422);
    expect(noColumns.body.detail).toContain("身份证号");
    expect((await street.upload("/api/v1/elders/import", Buffer.from(`${HEADERS.join(",")}\n`), "header-only.csv")).status).toBe(422);
    const notMultipart = await street.post("/api/v1/elders/import", { file: "x" });
    expect(notMultipart.status).toBe(415);
    expect(notMultipart.headers.get("content-type")).toContain("application/problem+json");
    expect((await district.get("/api/v1/elders?limit=1")).body.total).toBe(before);
  });

  it("runs in the background with progress, visible to its owner only", async () => {
    const res = await street.upload("/api/v1/elders/import", await xlsx([goodRow("后台一"), goodRow("后台二")]), "bg.xlsx");
    expect(res.status).toBe(202);
    let job = res.body;
    for (let i = 0; i < 50 && job.status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await street.get(`/api/v1/elders/imports/${res.body.id}`)).body;
    }
    expect(job).toMatchObject({ status: "done", processedRows: 2, created: 2 });
    expect((await district.get(`/api/v1/elders/imports/${res.body.id}`)).status).toBe(404);
    expect((await (await server.login("operator")).upload("/api/v1/elders/import", Buffer.from("x"), "x.csv")).status).toBe(403);
  });

  it("serves the template, which imports as is", async () => {
    const t = await street.get("/api/v1/elders/import-template?format=xlsx");
    expect(t.status).toBe(200);
    const lines = await readXlsx(t.raw);
    expect(lines[0]!.slice(0, 5)).toEqual(["姓名*", "身份证号*", "联系电话*", "所属社区*", "居住地址*"]);
    const csv = await street.get("/api/v1/elders/import-template?format=csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const res = await street.upload("/api/v1/elders/import?wait=true", t.raw, "模板.xlsx");
    expect(res.body).toMatchObject({ status: "done", created: 1, failed: 0 });
  });
});

describe("export", () => {
  it("exports the filtered list masked, or full with the permission, and audits it", async () => {
    const masked = await street.get(`/api/v1/elders/export?livingSituation=alone`);
    expect(masked.status).toBe(200);
    const lines = await readXlsx(masked.raw);
    expect(lines[0]!.slice(0, 3)).toEqual(["姓名", "身份证号", "联系电话"]);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l[1]!.includes("********") && l[2]!.includes("*"))).toBe(true);
    expect(lines.slice(1).every((l) => l[5] === "独居" && l[3]!.startsWith("500107001"))).toBe(true);
    const full = await street.get(`/api/v1/elders/export?livingSituation=alone&full=true`);
    const fullLines = await readXlsx(full.raw);
    expect(fullLines.slice(1).every((l) => /^\d{17}[\dX]$/.test(l[1]!))).toBe(true);
    expect((await (await server.login("assessor")).get("/api/v1/elders/export")).status).toBe(403);
    const audit = await district.get("/api/v1/audit-events?action=elder.export&actor=street");
    expect(audit.body.items[0].detail).toMatchObject({ full: true, count: fullLines.length - 1 });
  });
});

/** GB18030 bytes for a string, via a lookup built from the decoder (Node ships no GB encoder). */
function encodeGb18030(text: string): Buffer {
  const dec = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(out);
}
