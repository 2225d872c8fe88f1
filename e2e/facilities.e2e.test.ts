import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { launch, newPage, shot, signIn } from "./browser.ts";

/** 杨家坪街道's 兴胜路社区: the demo network leaves it without a station. */
const COMMUNITY = "500107001004";

let browser: Browser;
let district: Client;
beforeAll(async () => {
  browser = await launch();
  district = new Client(inject("e2eUrl"));
  await district.post("/api/v1/auth/login", { username: "district", password: TEST_PASSWORD });
});
afterAll(() => browser?.close());

/** Opens a region tree-select, expands the named ancestors by their switchers, and picks the last name. */
async function pickRegionPath(page: Page, id: string, names: RegExp[]) {
  await page.getByTestId(id).click();
  const popup = page.locator(".ant-select-dropdown:visible");
  for (const name of names.slice(0, -1)) {
    const node = popup.locator(".ant-select-tree-treenode").filter({ has: page.locator(".ant-select-tree-title", { hasText: name }) });
    await node.locator(".ant-select-tree-switcher").first().click();
  }
  await popup.locator(".ant-select-tree-title").filter({ hasText: names.at(-1)! }).click();
  await popup.waitFor({ state: "hidden" });
}

const settle = (page: Page) => page.waitForTimeout(400);
const figure = async (page: Page, key: string) => Number(await page.getByTestId(`planning-figure-${key}`).innerText());

describe("facilities, planning and the workforce in the staff console", () => {
  it("the district admin registers a station under its street's center and sees it in the planning figures", async () => {
    const page = await newPage(browser);
    await signIn(page, "district");
    // the planning page before: 兴胜路社区 is among the communities without a station
    await page.getByTestId("menu-planning").click();
    await page.getByTestId("planning-figure-stations").waitFor();
    const stations = await figure(page, "stations");
    const api = (await district.get("/api/v1/planning")).body;
    expect(stations).toBe(api.figures.stations);
    await expect.poll(() => page.locator(`[data-testid=planning-community-gap][data-code="${COMMUNITY}"]`).count()).toBe(1);
    await shot(page, "planning-before");

    // register the station in 兴胜路社区, led by 杨家坪街道养老服务中心
    await page.getByTestId("menu-facilities").click();
    await page.getByTestId("facility-table").locator("[data-testid=facility-row]").first().waitFor();
    await page.getByTestId("facility-create").click();
    await pickRegionPath(page, "facility-form-region", [/^九龙坡区$/, /^杨家坪街道$/, /^兴胜路社区/]);
    await page.getByTestId("facility-form-name").fill("兴胜路社区养老服务站");
    await page.getByTestId("facility-form-parent").click();
    // exactly the demo center (other journeys sharing this server add centers whose names begin the same)
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="杨家坪街道养老服务中心"]').click();
    await page.getByTestId("facility-form-address").fill("重庆市九龙坡区杨家坪街道兴胜路26号");
    await page.getByTestId("facility-form-operator").fill("九龙坡区康乐居家养老服务中心");
    await page.getByTestId("facility-form-beds").fill("8");
    await page.getByTestId("facility-form-nursing-beds").fill("5");
    await settle(page);
    await shot(page, "facility-register");
    await page.getByTestId("facility-form-submit").click();
    // the new station's drawer opens
    const drawer = page.getByTestId("facility-drawer");
    await drawer.getByText("兴胜路社区养老服务站").first().waitFor();
    await expect.poll(() => drawer.getByText("杨家坪街道养老服务中心").count()).toBeGreaterThan(0);
    // its filing (备案)
    await page.getByTestId("facility-filing-no").fill("九民养备〔2026〕088号");
    await drawer.locator(".ant-picker input").first().click();
    await page.locator(".ant-picker-dropdown:visible .ant-picker-today-btn, .ant-picker-dropdown:visible .ant-picker-now-btn").first().click();
    await page.getByTestId("facility-filing-submit").click();
    await drawer.getByText("九民养备〔2026〕088号（").waitFor();
    // its particulars changed: two more beds
    await page.getByTestId("facility-edit").click();
    await expect.poll(async () => (await page.locator(".ant-modal:visible [data-testid=facility-form-beds]").inputValue())).toBe("8");
    await page.locator(".ant-modal:visible [data-testid=facility-form-beds]").fill("10");
    await page.locator(".ant-modal:visible [data-testid=facility-form-submit]").click();
    await drawer.getByText("10 / 5").waitFor();
    await page.locator(".ant-drawer-close:visible").click();
    await drawer.waitFor({ state: "hidden" });

    // the center's drawer lists it among the stations it leads
    await page.getByTestId("facility-search").fill("杨家坪街道养老服务中心");
    await page.getByTestId("facility-search").press("Enter");
    await expect.poll(() => page.locator("[data-testid=facility-row]").count()).toBe(1);
    await page.locator("[data-testid=facility-row]").first().click();
    await page.getByTestId("facility-led-stations").getByText("兴胜路社区养老服务站").waitFor();
    await settle(page);
    await shot(page, "facility-center-drawer");
    await page.locator(".ant-drawer-close:visible").click();
    await page.getByTestId("facility-drawer").waitFor({ state: "hidden" });

    // the planning page after: one more station, 兴胜路社区 no longer a gap
    await page.getByTestId("menu-planning").click();
    await expect.poll(() => figure(page, "stations")).toBe(stations + 1);
    await expect.poll(() => page.locator(`[data-testid=planning-community-gap][data-code="${COMMUNITY}"]`).count()).toBe(0);
    await settle(page);
    await shot(page, "planning-after");
    // the same page in English
    await page.getByTestId("language-switch").click();
    await page.getByText("Beds per 1,000 elders").waitFor();
    await settle(page);
    await shot(page, "planning-english");
    await page.getByTestId("language-switch").click();
    await page.context().close();
  });

  it("the workforce page shows certificate reminders, the training rate and the institutions short of caregivers", async () => {
    const page = await newPage(browser);
    await signIn(page, "district");
    await page.getByTestId("menu-workforce").click();
    await page.locator("[data-testid=staff-row]").first().waitFor();
    // only the reminders: every row has a certificate expiring or expired
    await page.getByTestId("staff-expiring-only").click();
    const due = (await district.get("/api/v1/staff?expiring=30&limit=500")).body.items as unknown[];
    expect(due.length).toBeGreaterThan(0);
    await expect.poll(async () => (await page.locator("[data-testid=staff-row]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-alert")))).every((a) => a === "expiring" || a === "expired")).toBe(true);
    await expect.poll(() => page.locator("[data-testid=staff-row]").count()).toBe(Math.min(due.length, 20));
    await settle(page);
    await shot(page, "workforce-expiring");

    // 换证: the first reminder's certificates renewed to the end of 2030 — it leaves the reminders
    const firstRow = page.locator("[data-testid=staff-row]").first();
    const staffId = await firstRow.getAttribute("data-staff-id");
    await firstRow.getByTestId("staff-renew").click();
    const modal = page.locator(".ant-modal:visible");
    await modal.locator("[data-testid=staff-cert]").first().waitFor();
    for (const input of await modal.locator("[data-testid=staff-cert] .ant-picker input").all()) {
      await input.click();
      await input.fill("2030-12-31");
      await input.press("Enter");
    }
    await settle(page);
    await shot(page, "workforce-renew");
    await page.getByTestId("renew-form-submit").click();
    await modal.waitFor({ state: "hidden" });
    await expect.poll(() => page.locator(`[data-testid=staff-row][data-staff-id="${staffId}"]`).count()).toBe(0);
    const renewed = (await district.get(`/api/v1/staff/${staffId}`)).body as { certificates: { validTo: string }[]; certificateAlert: string | null };
    expect(renewed.certificateAlert).toBeNull();
    expect(renewed.certificates.every((c) => c.validTo === "2030-12-31")).toBe(true);

    // the staffing check: shortfalls first, as the API computes them
    await page.getByTestId("workforce-tab-staffing").click();
    const staffing = (await district.get("/api/v1/staffing")).body as { items: { facilityId: string; name: string; shortfall: number }[] };
    const worst = staffing.items[0]!;
    expect(worst.shortfall).toBeGreaterThan(0);
    const first = page.locator("[data-testid=staffing-row]").first();
    await expect.poll(() => first.getAttribute("data-facility-id")).toBe(worst.facilityId);
    expect(await first.getAttribute("data-shortfall")).toBe(String(worst.shortfall));
    await page.getByTestId("staffing-summary").waitFor();
    await settle(page);
    await shot(page, "workforce-staffing");
    await page.context().close();
  });
});
