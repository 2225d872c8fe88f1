import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { inputOf, launch, newPage, shot, signIn } from "./browser.ts";

let browser: Browser;
let district: Client;
beforeAll(async () => {
  browser = await launch();
  district = new Client(inject("e2eUrl"));
  await district.post("/api/v1/auth/login", { username: "district", password: TEST_PASSWORD });
});
afterAll(() => browser?.close());

/** Picks an option of an antd select by its exact label. */
async function choose(page: Page, id: string, label: string) {
  await page.getByTestId(id).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: new RegExp(`^${label}$`) }).click();
  // close the list by clicking elsewhere (Escape could close the modal around it)
  await page.locator(".ant-modal-title").click();
  await page.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden" });
}

/** Lets drawers and modals finish sliding in before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(400);

const rowOf = (page: Page, code: string) => page.locator(`[data-testid="rule-row"][data-rule-code="${code}"]`);

describe("subsidies in the staff console", () => {
  it("the district admin previews a rule, drafts and activates a new one, runs the month and downloads the bank list", async () => {
    const page = await newPage(browser);
    await signIn(page, "district");

    // 补贴规则: the 80+ allowance, previewed for this month
    await page.getByTestId("menu-subsidies-rules").click();
    await page.getByTestId("rule-table").waitFor();
    const allowance = rowOf(page, "age-allowance-80").first();
    await allowance.waitFor();
    expect(await allowance.innerText()).toContain("80周岁以上");
    expect(await allowance.innerText()).toContain("每月现金100.00元");
    await shot(page, "31-subsidy-rules");
    await allowance.getByTestId("rule-preview").click();
    const eligible = page.getByTestId("rule-preview-eligible");
    await eligible.locator(".ant-statistic-content").waitFor();
    const count = Number((await eligible.locator(".ant-statistic-content-value").innerText()).replace(/\D/g, ""));
    expect(count).toBeGreaterThan(0);
    expect(await page.getByTestId("rule-preview-cost").innerText()).toMatch(/¥[\d,]+\.\d{2}/);
    await page.getByTestId("rule-preview-sample").locator(".ant-list-item").first().waitFor();
    await settle(page);
    await shot(page, "32-subsidy-preview");
    await page.keyboard.press("Escape");
    await page.getByTestId("rule-preview-drawer").waitFor({ state: "hidden" });

    // 新建规则: 低保老人每月50元现金
    await page.getByTestId("rule-create").click();
    await page.getByTestId("rule-form").waitFor();
    await page.getByTestId("rule-form-name").fill("低保老人生活补贴（测试）");
    await page.getByTestId("rule-form-code").fill("test-e2e-rule");
    await choose(page, "rule-form-economicStatuses", "低保");
    await (await inputOf(page, "rule-form-amount")).fill("50");
    await page.getByTestId("rule-form-budgetLine").fill("最低生活保障补助");
    await settle(page);
    await shot(page, "33-subsidy-rule-form");
    await page.getByTestId("rule-form-submit").click();
    const created = rowOf(page, "test-e2e-rule");
    await created.waitFor();
    await page.getByTestId("rule-form").waitFor({ state: "hidden" });
    expect(await created.getAttribute("data-rule-status")).toBe("draft");
    expect(await created.innerText()).toContain("低保");
    expect(await created.innerText()).toContain("每月现金50.00元");

    // its preview, then 启用
    await created.getByTestId("rule-preview").click();
    await page.getByTestId("rule-preview-eligible").locator(".ant-statistic-content").waitFor();
    await settle(page);
    await shot(page, "34-subsidy-new-rule-preview");
    await page.keyboard.press("Escape");
    await page.getByTestId("rule-preview-drawer").waitFor({ state: "hidden" });
    await created.getByTestId("rule-activate").click();
    await page.getByTestId("rule-activate-confirm").click();
    await page.locator('[data-testid="rule-row"][data-rule-code="test-e2e-rule"][data-rule-status="active"]').waitFor();
    await shot(page, "35-subsidy-rule-active");

    // 按月发放: run this month, follow it to 完成
    await page.getByTestId("menu-subsidies-runs").click();
    await page.getByTestId("run-start").click();
    const current = page.locator('[data-testid="run-current"][data-status="done"]');
    await current.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("run-current").getByTestId("run-status").innerText()).toBe("完成");
    const byRule = await page.getByTestId("run-current").getByTestId("run-by-rule").innerText();
    expect(byRule).toContain("低保老人生活补贴（测试）");
    expect(byRule).toMatch(/¥[\d,]+\.\d{2}/);
    await page.locator('[data-testid="run-row"][data-status="done"]').first().waitFor();
    await settle(page);
    await shot(page, "36-subsidy-run-done");

    // 发放名单 (xlsx)
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("run-download").click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const saved = `${fs.mkdtempSync("/tmp/cc-e2e-subsidy-")}/${download.suggestedFilename()}`;
    await download.saveAs(saved);
    expect(fs.statSync(saved).size).toBeGreaterThan(0);

    // an elder on 低保 sees the service-subsidy tab with plain-language entries
    const list = await district.get("/api/v1/elders?economicStatus=minimum_living&limit=1");
    const elderId = list.body.items[0]?.id as string | undefined;
    if (elderId) {
      await page.goto(`${inject("e2eUrl")}/elders/${elderId}?tab=subsidy`);
      await page.getByTestId("wallet-summary").waitFor();
      expect(await page.getByTestId("wallet-summary").innerText()).toContain("服务补贴");
      await shot(page, "37-elder-wallet");
    }
    await page.context().close();
  });
});
