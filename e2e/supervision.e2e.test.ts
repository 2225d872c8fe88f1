import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { launch, newPage, shot, signIn, url } from "./browser.ts";

let browser: Browser;
let district: Client;
let street: Client;
let facilityName: string;

const settle = (page: Page) => page.waitForTimeout(400);
async function login(username: string): Promise<Client> {
  const c = new Client(inject("e2eUrl"));
  await c.post("/api/v1/auth/login", { username, password: TEST_PASSWORD });
  return c;
}

beforeAll(async () => {
  browser = await launch();
  [district, street] = await Promise.all([login("district"), login("street")]);
  const provider = await login("provider");
  const providerId = (await provider.get("/api/v1/auth/me")).body.providerId as string;
  const streetCode = (await street.get("/api/v1/auth/me")).body.regionCode as string;
  // a street centre run by the demo provider: its admin answers the centre's tasks
  facilityName = `杨家坪街道养老服务中心（检查${Date.now() % 100000}）`;
  const made = await district.post("/api/v1/facilities", { name: facilityName, tier: "center", regionCode: streetCode, address: "杨家坪正街1号", operatorName: "九龙坡区康乐居家养老服务中心", operatorProviderId: providerId, operatingModel: "public_private" });
  expect(made.status).toBe(201);
});
afterAll(() => browser?.close());

/** The row of a task by its description, on the 整改 page. */
const taskRow = (page: Page, description: string) => page.locator(`[data-testid="rect-row"][data-description="${description}"]`);

async function act(page: Page, description: string, action: string, fill?: () => Promise<void>) {
  await taskRow(page, description).getByTestId(`rect-${action}`).click();
  await page.getByTestId("action-submit").waitFor();
  if (fill) await fill();
  await page.getByTestId("action-submit").click();
  await page.locator(".ant-modal:visible").waitFor({ state: "hidden" });
}

describe("inspections and 13710 rectification in the console", () => {
  it("the street inspector records a major finding; the facility's provider answers and resolves it; the street closes it; the board counts it closed on time", async () => {
    const description = `安全出口堆放杂物（${Date.now() % 100000}）`;
    const before = (await street.get("/api/v1/rectifications/board")).body.counts.closedOnTime as number;

    // the street staff records a fire-safety inspection with a failed item and a major finding
    const inspector = await newPage(browser);
    await signIn(inspector, "street");
    await inspector.getByTestId("menu-supervision-inspections").click();
    await inspector.getByTestId("inspection-record").click();
    await inspector.getByTestId("inspection-target").click();
    await inspector.keyboard.type(facilityName.slice(0, 12));
    await inspector.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: facilityName }).click();
    await inspector.getByTestId("check-exits-fail").click();
    await inspector.getByTestId("finding-add").click();
    await inspector.getByTestId("finding-description").fill(description);
    await inspector.getByTestId("finding-row").last().getByText("重大").click();
    await settle(inspector);
    await shot(inspector, "supervision-01-inspection-form");
    await inspector.getByTestId("inspection-submit").click();
    await inspector.locator(".ant-message-notice").filter({ hasText: "生成整改任务 1 条" }).waitFor();
    await inspector.getByTestId("inspections-page").getByText(facilityName).first().waitFor();
    await shot(inspector, "supervision-02-inspections");

    // the provider that runs the centre answers it in the console
    const facility = await newPage(browser);
    await signIn(facility, "provider");
    await facility.getByTestId("menu-supervision-rectifications").click();
    await taskRow(facility, description).waitFor();
    expect(await taskRow(facility, description).getByTestId("rect-close").count()).toBe(0);
    await act(facility, description, "acknowledge");
    await expect.poll(() => taskRow(facility, description).getAttribute("data-status")).toBe("acknowledged");
    await act(facility, description, "feedback", async () => {
      await facility.getByTestId("action-feedback").fill("已清理安全出口，安排专人每日巡查");
    });
    await expect.poll(() => taskRow(facility, description).getAttribute("data-status")).toBe("feedback");
    await act(facility, description, "resolve", async () => {
      await facility.getByTestId("action-evidence-note").fill("出口已清空，巡查记录已建立");
    });
    await expect.poll(() => taskRow(facility, description).getAttribute("data-status")).toBe("resolved");
    // every deadline met: shown green
    expect(await taskRow(facility, description).locator('[data-testid^="deadline-"][data-state="done"]').count()).toBe(3);
    await shot(facility, "supervision-03-provider-resolved");

    // the street re-checks and closes it
    await inspector.getByTestId("menu-supervision-rectifications").click();
    await act(inspector, description, "close", async () => {
      await inspector.getByTestId("action-note").fill("复查合格");
    });
    await expect.poll(() => taskRow(inspector, description).getAttribute("data-status")).toBe("closed");
    await taskRow(inspector, description).getByText("按期销号").waitFor();
    await shot(inspector, "supervision-04-closed");

    // the board counts it closed on time
    await inspector.getByTestId("menu-supervision-board").click();
    await expect.poll(async () => Number((await inspector.getByTestId("board-closedOnTime").locator(".ant-statistic-content-value").innerText()).replace(/\D/g, ""))).toBe(before + 1);
    await settle(inspector);
    await shot(inspector, "supervision-05-board");
    // in English too, then back to Chinese for the next journey
    await inspector.getByTestId("language-switch").click();
    await inspector.getByText("Rectification board").first().waitFor();
    await inspector.getByTestId("menu-supervision-rectifications").click();
    await taskRow(inspector, description).getByText("Closed on time").waitFor();
    await settle(inspector);
    await shot(inspector, "supervision-06-rectifications-en");
    await inspector.getByTestId("language-switch").click();
  });

  it("the street records a violation of the negative list in the console; the district approves a blacklisting proposed by the street; the public page masks the person's name", async () => {
    const streetPage = await newPage(browser);
    await signIn(streetPage, "street");
    await streetPage.getByTestId("menu-supervision-credit").click();
    await streetPage.getByTestId("credit-add").click();
    await streetPage.getByTestId("credit-subject").click();
    await streetPage.keyboard.type(facilityName.slice(0, 12));
    await streetPage.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: facilityName }).click();
    await streetPage.getByTestId("credit-prohibition").click();
    await streetPage.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: "未公示费用" }).click();
    await streetPage.getByTestId("credit-reason").fill("向老人收取未公示的床位调整费");
    await settle(streetPage);
    await shot(streetPage, "supervision-07-credit-form");
    await streetPage.getByTestId("credit-submit").click();
    await streetPage.locator(".ant-modal:visible").waitFor({ state: "hidden" });
    await streetPage.locator('[data-testid="credit-row"]').filter({ hasText: facilityName }).filter({ hasText: "违反负面清单" }).waitFor();
    // on record at once, in the region's list
    const records = (await street.get("/api/v1/credit-records?kind=violation")).body.items as { subjectName: string; prohibition: string; status: string }[];
    expect(records.find((r) => r.subjectName === facilityName)).toMatchObject({ prohibition: "hidden_fees", status: "approved" });

    const name = "赵某某";
    const proposed = await street.post("/api/v1/credit-records", { subjectKind: "legal_person", subjectName: name, kind: "blacklist", prohibition: "illegal_fundraising", reason: "以养老服务为名非法集资", startsOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), endsOn: "2030-12-31" });
    expect(proposed.status).toBe(201);
    const page = await newPage(browser);
    await signIn(page, "district");
    await page.getByTestId("menu-supervision-credit").click();
    const row = page.locator(`[data-testid="credit-row"][data-id="${proposed.body.id}"]`);
    await row.getByTestId("credit-approve").click();
    await expect.poll(() => row.getAttribute("data-status")).toBe("approved");
    await shot(page, "supervision-08-credit");

    const pub = await newPage(browser);
    await pub.goto(url("/h5/blacklist"));
    await pub.getByTestId("blacklist-list").waitFor();
    expect(await pub.locator('[data-testid="blacklist-item"][data-name="赵**"]').count()).toBeGreaterThanOrEqual(1);
    expect(await pub.getByText(name).count()).toBe(0);
    await shot(pub, "supervision-09-public-blacklist");
  });
});
