import ExcelJS from "exceljs";
import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { elderInput, makeIdNumber, makePhone, uniqueBirth } from "../test/factories.ts";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { launch, newPage, shot, signIn, url } from "./browser.ts";
import { inject } from "vitest";

let browser: Browser;
let district: Client;
beforeAll(async () => {
  browser = await launch();
  district = new Client(inject("e2eUrl"));
  await district.post("/api/v1/auth/login", { username: "district", password: TEST_PASSWORD });
});
afterAll(() => browser?.close());

describe("the staff console", () => {
  it("a street clerk signs in, finds an elder by pinyin initials, edits her, and sees the change in the history and the audit log", async () => {
    const created = (await district.post("/api/v1/elders", elderInput({ name: "诸葛秀兰", regionCode: "500107001002" }))).body;
    const page = await newPage(browser);
    await signIn(page, "street");
    await shot(page, "01-elder-list");
    // the menu fits the role: no audit log for street staff
    expect(await page.getByTestId("menu-audit").count()).toBe(0);
    await page.getByTestId("elder-search").fill("zgxl");
    await page.getByTestId("elder-search").press("Enter");
    const row = page.locator(`[data-elder-id="${created.id}"]`);
    await row.waitFor();
    expect(await page.getByTestId("elder-row").count()).toBe(1);
    await shot(page, "02-search-pinyin");
    await row.click();
    await page.getByTestId("elder-detail-name").waitFor();
    expect(await page.getByTestId("elder-detail-name").innerText()).toContain("诸葛秀兰");
    await shot(page, "03-elder-detail");
    await page.getByTestId("elder-edit").click();
    const address = page.getByTestId("elder-form-address");
    await address.fill("重庆市九龙坡区杨家坪西郊路66号2-1");
    await shot(page, "04-elder-edit");
    await page.getByTestId("elder-form-submit").click();
    await page.getByTestId("elder-detail-name").waitFor();
    await page.getByText("杨家坪西郊路66号2-1").first().waitFor();
    await page.getByTestId("tab-history").click();
    await page.getByTestId("history-change").first().waitFor();
    expect(await page.getByTestId("history-table").innerText()).toContain("杨家坪西郊路66号2-1");
    await shot(page, "05-elder-history");
    // the district admin sees the same change in the audit log
    const admin = await newPage(browser);
    await signIn(admin, "district");
    await admin.goto(url("/audit"));
    await admin.getByTestId("audit-table").waitFor();
    await admin.getByText("street").first().waitFor();
    const table = await admin.getByTestId("audit-table").innerText();
    expect(table).toContain("street");
    await shot(admin, "06-audit-log");
    await page.context().close();
    await admin.context().close();
  });

  it("shows field errors in Chinese when a new record is invalid, and saves nothing", async () => {
    const page = await newPage(browser);
    await signIn(page, "street");
    await page.goto(url("/elders/new"));
    await page.getByTestId("elder-form-name").fill("王小明");
    await page.getByTestId("elder-form-idNumber").fill("110105194912310021");
    await page.getByTestId("elder-form-phone").fill("12345");
    await page.getByTestId("elder-form-submit").click();
    await page.getByText("身份证号校验位不正确").first().waitFor();
    await shot(page, "07-form-errors");
    await page.context().close();
  });

  it("imports a file with three bad rows and downloads the error report", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("老人");
    ws.addRow(["姓名", "身份证号", "联系电话", "所属社区", "居住地址", "居住状况"]);
    for (const name of ["导入甲", "导入乙", "导入丙", "导入丁", "导入戊"]) {
      ws.addRow([name, makeIdNumber(uniqueBirth(1938), "M"), makePhone(), "500107001001", "杨家坪正街3号", "空巢"]);
    }
    ws.addRow(["坏号码", "110105194912310021", makePhone(), "500107001001", "a", "独居"]);
    ws.addRow(["坏电话", makeIdNumber(uniqueBirth(1939), "F"), "999", "500107001001", "a", "独居"]);
    ws.addRow(["坏社区", makeIdNumber(uniqueBirth(1939), "F"), makePhone(), "500107002001", "a", "独居"]);
    const file = `${fs.mkdtempSync("/tmp/cc-e2e-import-")}/街道导出.xlsx`;
    await wb.xlsx.writeFile(file);
    const page = await newPage(browser);
    await signIn(page, "street");
    await page.goto(url("/elders/import"));
    await page.getByTestId("import-page").waitFor();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId("import-counts").waitFor({ timeout: 30_000 });
    const counts = await page.getByTestId("import-counts").innerText();
    expect(counts).toMatch(/5/);
    expect(counts).toMatch(/3/);
    await shot(page, "08-import-result");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-error-report").click()]);
    const saved = `${file}.errors.xlsx`;
    await download.saveAs(saved);
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(saved);
    const rows: string[] = [];
    report.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).join("|")));
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(/^7\|坏号码\|身份证号/);
    expect(rows[2]).toMatch(/^8\|坏电话\|联系电话/);
    expect(rows[3]).toMatch(/^9\|坏社区\|所属社区/);
    await page.context().close();
  });

  it("a street user cannot open another street's elder", async () => {
    const other = (await district.post("/api/v1/elders", elderInput({ name: "隔壁街道", regionCode: "500107003001" }))).body;
    const page = await newPage(browser);
    await signIn(page, "street");
    await page.goto(url(`/elders/${other.id}`));
    await page.getByTestId("elder-detail-error").waitFor();
    expect(await page.getByTestId("elder-detail-error").innerText()).toContain("不存在");
    expect(await page.getByText("隔壁街道").count()).toBe(0);
    await shot(page, "09-other-street-refused");
    await page.context().close();
  });

  it("switches to English", async () => {
    const page = await newPage(browser);
    await signIn(page, "district");
    await page.getByTestId("language-switch").click();
    await page.getByText(/Elder/).first().waitFor();
    await shot(page, "10-english");
    await page.context().close();
  });
});
