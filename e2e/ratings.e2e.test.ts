import { DEFAULT_RATING_SCHEME } from "@carecircle/shared";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { inputOf, launch, shot, signIn, url } from "./browser.ts";
import { measure, phone } from "./h5-helpers.ts";

let browser: Browser;
let district: Client;
const NAME = `星级测试颐养院${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  browser = await launch();
  district = new Client(inject("e2eUrl"));
  await district.post("/api/v1/auth/login", { username: "district", password: TEST_PASSWORD });
});
afterAll(() => browser?.close());

/** A tablet in landscape: the assessor scores on site. */
async function tablet(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1180, height: 820 }, locale: "zh-CN", timezoneId: "Asia/Shanghai", hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const settle = (page: Page) => page.waitForTimeout(400);

/** Picks an option of an antd select by its text (typing first when the select searches). */
async function pick(page: Page, testId: string, text: string, type = false) {
  await page.getByTestId(testId).click();
  if (type) await page.keyboard.type(text);
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: text }).first().click();
  // a multiple select stays open: close it by clicking the modal's title; either way, wait until it has gone
  if (type) await page.locator(".ant-modal-title:visible").click();
  await page.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden" });
}

describe("star rating", () => {
  it("the bureau opens a round, the assessor scores on the tablet form and submits, the facility appeals, the bureau answers and confirms, and the public H5 page shows the stars", async () => {
    const providerApi = new Client(inject("e2eUrl"));
    await providerApi.post("/api/v1/auth/login", { username: "provider", password: TEST_PASSWORD });
    const operatorProviderId = (await providerApi.get("/api/v1/auth/me")).body.providerId as string;
    const created = await district.post("/api/v1/facilities", {
      name: NAME,
      tier: "institution",
      regionCode: "500107001",
      address: "九龙坡区杨家坪正街88号",
      operatorName: "重庆康颐养老服务有限公司",
      operatingModel: "private",
      operatorProviderId,
      beds: 120,
      nursingBeds: 80,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    // the bureau opens a round for the facility, with the demo assessor
    const bureau = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" })).newPage();
    bureau.setDefaultTimeout(15_000);
    await signIn(bureau, "district");
    await bureau.getByTestId("menu-ratings").click();
    await bureau.getByTestId("ratings-page").waitFor();
    await bureau.getByTestId("round-open").click();
    await (await inputOf(bureau, "round-name")).fill("2026年度星级评定（第一批）");
    await pick(bureau, "round-scheme", "默认方案");
    await pick(bureau, "round-facilities", NAME, true);
    await pick(bureau, "round-assessor", "评估员");
    await settle(bureau);
    await shot(bureau, "91-console-rating-round");
    await bureau.getByTestId("round-submit").click();
    await bureau.locator(".ant-modal:visible").waitFor({ state: "hidden" });
    await bureau.locator(`[data-testid="evaluation-row"][data-facility="${NAME}"][data-status="assigned"]`).waitFor();

    // the assessor scores item by item; the preview follows; exactly 90 is five stars
    const assessor = await tablet();
    await signIn(assessor, "assessor");
    await assessor.getByTestId("menu-ratings").click();
    await assessor.locator(`[data-testid="evaluation-row"][data-facility="${NAME}"]`).getByTestId("evaluation-score").click();
    await assessor.getByTestId("scoring-form").waitFor();
    const items = DEFAULT_RATING_SCHEME.sections.flatMap((s) => s.items);
    for (const i of items) await (await inputOf(assessor, `score-${i.key}`)).fill(String(i.key === "coverage" ? 2 : i.maxPoints));
    await (await inputOf(assessor, "remark-coverage")).fill("助餐、助洁开展正常，助医服务人次偏少");
    // an evidence photo for the first item: a picture drawn in the page, uploaded through the file input
    const png = await assessor.evaluate(() => {
      const c = document.createElement("canvas");
      c.width = 320;
      c.height = 200;
      const g = c.getContext("2d")!;
      g.fillStyle = "#6b8e23";
      g.fillRect(0, 0, 320, 200);
      g.fillStyle = "#fff";
      g.font = "32px sans-serif";
      g.fillText("功能分区", 90, 110);
      return c.toDataURL("image/png").split(",")[1]!;
    });
    await assessor.getByTestId("photo-area").setInputFiles({ name: "area.png", mimeType: "image/png", buffer: Buffer.from(png, "base64") });
    await assessor.locator('[data-item-key="area"] img').waitFor();
    await (await inputOf(assessor, "remark-area")).click();
    expect(await assessor.getByTestId("preview-total").innerText()).toBe("90.00");
    expect(await assessor.getByTestId("preview-stars").innerText()).toContain("五星");
    expect(await assessor.getByTestId("preview-missing").innerText()).toBe("已全部评分");
    await settle(assessor);
    await shot(assessor, "92-console-rating-scoring");
    await assessor.getByTestId("scoring-submit").click();
    await assessor.getByTestId("scoring-submit-confirm").click();
    await assessor.locator('[data-testid="evaluation-page"][data-status="submitted"]').waitFor();
    expect(await assessor.getByTestId("result-score").innerText()).toBe("90.00");
    // handed in: the form is gone
    expect(await assessor.getByTestId("scoring-form").count()).toBe(0);

    // the facility's operator sees its result and appeals within the window
    const facility = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" })).newPage();
    facility.setDefaultTimeout(15_000);
    await signIn(facility, "provider");
    await facility.getByTestId("menu-ratings").click();
    await facility.locator(`[data-testid="evaluation-row"][data-facility="${NAME}"][data-status="submitted"]`).getByTestId("evaluation-view").click();
    await facility.getByTestId("evaluation-appeal").click();
    await facility.getByTestId("evaluation-action-text").fill("服务项目与覆盖一项漏计了助医服务人次，请复核");
    await facility.getByTestId("evaluation-action-submit").click();
    await facility.locator('[data-testid="evaluation-page"][data-status="appealed"]').waitFor();
    expect(await facility.getByTestId("evaluation-appeal").count()).toBe(0);

    // the bureau must answer the appeal, then confirms; the result is published
    await bureau.reload();
    await bureau.locator(`[data-testid="evaluation-row"][data-facility="${NAME}"][data-status="appealed"]`).getByTestId("evaluation-view").click();
    expect(await bureau.getByTestId("result-appeal").innerText()).toContain("漏计了助医服务人次");
    await bureau.getByTestId("evaluation-confirm").click();
    await bureau.getByTestId("evaluation-action-submit").click();
    await bureau.locator(".ant-form-item-explain-error:visible").waitFor();
    await bureau.getByTestId("evaluation-action-text").fill("经调阅台账核实，助医人次已计入，维持原评分");
    await settle(bureau);
    await shot(bureau, "93a-console-rating-appeal-answer");
    await bureau.getByTestId("evaluation-action-submit").click();
    await bureau.locator('[data-testid="evaluation-page"][data-status="confirmed"]').waitFor();
    expect(await bureau.getByTestId("result-reward").innerText()).toContain("50000.00");
    await settle(bureau);
    await shot(bureau, "93-console-rating-confirmed");

    // anyone, without signing in: the public page from the catalog, the stars in glyphs and words
    const h5 = await phone(browser);
    await h5.goto(url("/h5/catalog"));
    await h5.getByTestId("catalog-ratings").tap();
    await h5.getByTestId("ratings-page").waitFor();
    await h5.getByTestId("ratings-q").fill(NAME);
    await h5.getByTestId("ratings-search").tap();
    const card = h5.locator(`[data-testid="rating-card"][data-name="${NAME}"]`);
    await card.waitFor();
    expect(await card.getAttribute("data-stars")).toBe("5");
    const text = await card.innerText();
    expect(text).toContain("★★★★★");
    expect(text).toContain("五星");
    expect(text).toContain("得分 90.00 分");
    const m = await measure(h5);
    expect(m.minFont).toBeGreaterThanOrEqual(18);
    expect(m.minContrast).toBeGreaterThanOrEqual(4.5);
    expect(m.overflows).toBe(false);
    await shot(h5, "94-h5-public-ratings");
    await card.tap();
    await h5.getByTestId("rating-history-page").waitFor();
    const history = h5.getByTestId("rating-history-item");
    await history.first().waitFor();
    expect(await history.count()).toBe(1);
    expect(await history.first().innerText()).toContain("2026年度星级评定（第一批）");
    await shot(h5, "95-h5-rating-history");
  });
});
