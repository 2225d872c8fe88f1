import { creditCodeCheckCharacter } from "@carecircle/shared";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { elderInput } from "../test/factories.ts";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { inputOf, launch, newPage, shot, signIn } from "./browser.ts";
import { E2E_PBX_TOKEN } from "./setup.ts";

const PROVIDER = "九龙坡区康乐居家养老服务中心";

let browser: Browser;
let district: Client;
beforeAll(async () => {
  browser = await launch();
  district = new Client(inject("e2eUrl"));
  await district.post("/api/v1/auth/login", { username: "district", password: TEST_PASSWORD });
});
afterAll(() => browser?.close());

/** Picks a region by name in a region tree-select (the district is the root of the district admin's tree). */
async function pickRegion(page: Page, id: string, name: string) {
  await page.getByTestId(id).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-tree-title").filter({ hasText: new RegExp(`^${name}$`) }).click();
  // a multiple select stays open: close it by clicking the modal's title
  await page.locator(".ant-modal-title:visible").click();
  await page.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden" });
}

/** Tomorrow in Beijing, as the date picker shows it. */
function tomorrow(): string {
  return new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
}

/** A valid unified social credit code no demo provider has (9 = 工商, 1 = 企业, the district, nine random characters). */
function newCreditCode(): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  let body = "91500107";
  while (body.length < 17) body += alphabet[Math.floor(Math.random() * alphabet.length)];
  return body + creditCodeCheckCharacter(body);
}

/** Lets modals and pop-ups finish sliding in before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(400);

describe("the service marketplace in the staff console", () => {
  it("a call pops up the elder; the operator answers, orders 居家保洁 for tomorrow 10:00, sees it assigned, and cancels it at the elder's request", async () => {
    // an elder who lives where the demo elder lives (her community, her home's coordinates), with a phone of her own
    const elderApi = new Client(inject("e2eUrl"));
    await elderApi.post("/api/v1/auth/login", { username: "elder", password: TEST_PASSWORD });
    const demo = (await district.get(`/api/v1/elders/${(await elderApi.get("/api/v1/me/elders")).body.items[0].id}`)).body;
    const input = elderInput({ name: "欧阳桂英", regionCode: demo.regionCode, address: demo.address, lat: demo.lat, lng: demo.lng });
    const created = await district.post("/api/v1/elders", input);
    expect(created.status).toBe(201);

    const page = await newPage(browser);
    await signIn(page, "operator");
    // the operator's menu: calls, orders, return visits — no providers, no complaints
    await page.getByTestId("menu-calls").waitFor();
    expect(await page.getByTestId("menu-providers").count()).toBe(0);
    expect(await page.getByTestId("menu-complaints").count()).toBe(0);
    await page.getByTestId("menu-calls").click();
    await page.getByTestId("calls-page").waitFor();

    // the PBX reports a call from her number
    const callId = `e2e-call-${Date.now()}`;
    const pbx = new Client(inject("e2eUrl"));
    const inbound = await pbx.request("POST", "/api/v1/calls/inbound", { json: { from: input.phone, callId }, headers: { authorization: `Bearer ${E2E_PBX_TOKEN}` } });
    expect(inbound.status).toBe(201);
    expect(inbound.body.elderId).toBe(created.body.id);

    // within a poll or two: a pop-up and a card with the elder
    const card = page.locator(`[data-testid="call-card"][data-call-id="${inbound.body.id}"]`);
    await card.waitFor();
    expect(await card.getAttribute("data-matched")).toBe("true");
    expect(await card.getByTestId("call-elder").innerText()).toContain("欧阳桂英");
    expect(await card.getByTestId("call-elder").innerText()).toContain(demo.address);
    await page.locator(".ant-notification-notice").filter({ hasText: "欧阳桂英" }).waitFor();
    await settle(page);
    await shot(page, "81-console-call-popup");

    // 接听: the call leaves the queue and the order panel opens for her
    await card.getByTestId("call-take").click();
    await page.getByTestId("call-active").waitFor();
    await card.waitFor({ state: "detached" });
    await page.getByTestId("order-category-cleaning").click();
    const product = page.getByTestId("order-product-row").filter({ hasText: PROVIDER }).filter({ hasText: "居家保洁" });
    await product.click();
    expect(await product.getAttribute("data-selected")).toBe("true");
    const date = await inputOf(page, "order-date");
    await date.fill(tomorrow());
    await date.press("Enter");
    await page.getByTestId("order-time").click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="10:00"]').click();
    await page.getByTestId("order-notes").fill("请带拖把");
    // nothing can be ordered before it is quoted
    expect(await page.getByTestId("order-place").isDisabled()).toBe(true);
    await page.getByTestId("order-quote").click();
    const quote = page.getByTestId("order-quote-result");
    await quote.waitFor();
    // two booked hours of cleaning; her own part is what the wallet does not cover
    expect(await quote.innerText()).toContain("2 小时");
    expect(await page.getByTestId("order-quote-copay").innerText()).toMatch(/^¥\d+\.\d{2}$/);
    await shot(page, "82-console-call-quote");
    await page.getByTestId("order-place").click();

    const placed = page.getByTestId("order-placed");
    await placed.waitFor();
    expect(await placed.getAttribute("data-status")).toBe("assigned");
    expect(await page.getByTestId("order-placed-worker").innerText()).toMatch(/服务人员：\S+/);
    const orderId = (await placed.getAttribute("data-order-id"))!;
    await shot(page, "83-console-call-placed");

    // one order, tied to the call, for tomorrow 10:00–12:00 Beijing time
    const mine = (await district.get(`/api/v1/service-orders?elderId=${created.body.id}`)).body.items as { id: string; slotStart: string; channel: string }[];
    expect(mine.map((o) => o.id)).toEqual([orderId]);
    expect(mine[0]!.channel).toBe("hotline");
    expect(mine[0]!.slotStart).toBe(new Date(`${tomorrow()}T10:00:00+08:00`).toISOString());
    const calls = (await district.get("/api/v1/calls?minutes=60")).body.items as { id: string; orderId: string | null; takenAt: string | null }[];
    const call = calls.find((c) => c.id === inbound.body.id);
    expect(call?.takenAt).toBeTruthy();
    expect(call?.orderId).toBe(orderId);

    // the order as the operator sees it: assigned, with its timeline
    await page.getByTestId("order-placed-link").click();
    await page.getByTestId("order-detail").waitFor();
    expect(await page.getByTestId("order-detail").getAttribute("data-status")).toBe("assigned");
    const events = await page.getByTestId("order-event").evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
    expect(events).toEqual(["place", "accept", "assign"]);
    expect(await page.getByTestId("order-timeline").innerText()).toContain("热线电话");
    await shot(page, "84-console-order-assigned");

    // the elder calls back to cancel: the worker's time is free again for others
    await page.getByTestId("order-action-cancel").click();
    await page.getByTestId("order-action-reason").fill("老人临时住院，取消服务");
    await page.getByTestId("order-action-submit").click();
    await page.locator('[data-testid="order-detail"][data-status="cancelled"]').waitFor();
    expect(await page.getByTestId("order-timeline").innerText()).toContain("老人临时住院，取消服务");
    expect(await page.getByTestId("order-actions").count()).toBe(0);
    await page.context().close();
  });

  it("the district admin registers a provider (a wrong check character is shown on the field), then suspends it with a reason and its products leave the catalogue", async () => {
    const page = await newPage(browser);
    await signIn(page, "district");
    await page.getByTestId("menu-providers").click();
    await page.getByTestId("provider-row").first().waitFor();

    // 登记服务商 with the last character of the credit code wrong
    const code = newCreditCode();
    const wrong = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    const name = `重庆市九龙坡区测试${code.slice(-4)}养老服务有限公司`;
    await page.getByTestId("provider-create").click();
    await page.getByTestId("provider-form-name").fill(name);
    await page.getByTestId("provider-form-creditCode").fill(wrong);
    await page.getByTestId("provider-form-legalPerson").fill("欧阳明");
    await page.getByTestId("provider-form-phone").fill("02368123456");
    await page.getByTestId("provider-form-address").fill("九龙坡区杨家坪正街88号");
    await pickRegion(page, "provider-form-region", "九龙坡区");
    await pickRegion(page, "provider-form-serviceRegions", "九龙坡区");
    await page.getByTestId("provider-form-submit").click();
    const fieldError = page.locator(".ant-form-item-has-error").filter({ has: page.getByTestId("provider-form-creditCode") });
    await fieldError.getByText("统一社会信用代码校验位不正确").waitFor();
    await settle(page);
    await shot(page, "85-console-provider-credit-code");

    // corrected: registered (approved at once by the bureau) and opened
    await page.getByTestId("provider-form-creditCode").fill(code);
    await page.getByTestId("provider-form-submit").click();
    const detail = page.getByTestId("provider-detail");
    await detail.waitFor();
    const providerId = (await detail.getAttribute("data-provider-id"))!;
    expect(await page.getByTestId("provider-detail-name").innerText()).toBe(name);

    // it publishes a product, and the catalogue lists it
    const published = await district.post("/api/v1/service-products", {
      providerId,
      name: "测试上门助浴",
      category: "bathing",
      unit: "visit",
      priceFen: 12000,
      durationMinutes: 90,
      requiredSkills: ["bathing"],
    });
    expect(published.status).toBe(201);
    // the public catalogue (the bureau itself still sees a suspended provider's products, to put them back)
    const catalogue = async () => (await new Client(inject("e2eUrl")).get(`/api/v1/service-products?providerId=${providerId}`)).body.items as { id: string }[];
    expect((await catalogue()).map((p) => p.id)).toEqual([published.body.id]);
    await page.getByTestId("tab-products").click();
    await page.locator(`[data-testid="product-row"][data-product-id="${published.body.id}"]`).waitFor();

    // 暂停, with a reason: the list shows it suspended with the reason
    await page.getByTestId("menu-providers").click();
    await page.getByTestId("provider-search").fill(code.slice(-4));
    const row = page.locator(`[data-testid="provider-row"][data-provider-id="${providerId}"]`);
    await row.getByTestId("provider-suspend").click();
    await page.getByTestId("provider-status-submit").click();
    await page.getByText("请填写原因").waitFor();
    await page.getByTestId("provider-status-reason").fill("回访发现多次虚报服务时长，暂停整改");
    await settle(page);
    await shot(page, "86-console-provider-suspend");
    await page.getByTestId("provider-status-submit").click();
    await page.locator(`[data-testid="provider-row"][data-provider-id="${providerId}"][data-status="suspended"]`).waitFor();
    expect(await row.innerText()).toContain("回访发现多次虚报服务时长，暂停整改");
    await shot(page, "87-console-provider-suspended");

    // its products are gone from the catalogue, by provider and by name
    expect(await catalogue()).toEqual([]);
    const byName = (await new Client(inject("e2eUrl")).get(`/api/v1/service-products?q=${encodeURIComponent("测试上门助浴")}`)).body.items as { providerId: string }[];
    expect(byName.filter((p) => p.providerId === providerId)).toEqual([]);
    await page.context().close();
  });
});
