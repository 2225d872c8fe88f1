import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { gcj02ToWgs84 } from "@carecircle/shared";
import { beijingSlot, north } from "../test/factories.ts";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { launch, newPage, shot, signIn, url } from "./browser.ts";
import { expectElderMode, expectStandard, phone, signInH5 } from "./h5-helpers.ts";

const PROVIDER = "九龙坡区康乐居家养老服务中心";
// a 1×1 PNG: the app turns whatever the camera gives into a JPEG small enough for the server
const PHOTO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

let browser: Browser;
let elderApi: Client;
beforeAll(async () => {
  browser = await launch();
  elderApi = new Client(inject("e2eUrl"));
  await elderApi.post("/api/v1/auth/login", { username: "elder", password: TEST_PASSWORD });
});
afterAll(() => browser?.close());

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

describe("home services in the H5 app", () => {
  it("an elder books cleaning for tomorrow 10:00 (H5); the provider sees it dispatched (console); the caregiver is refused 450 m away, checks in at the door, ticks the checklist and checks out (H5); the elder confirms, rates 5 stars and sees what was paid; the provider settles the co-pay and finds it on the statement", async () => {
    const [me] = (await elderApi.get("/api/v1/me/elders")).body.items;
    const slot = beijingSlot(1, 10);
    const before = (await elderApi.get("/api/v1/service-orders?limit=200")).body.items.length as number;

    // the elder signs in: her own account starts in elder mode
    const elder = await phone(browser);
    await signInH5(elder, "elder");
    expect(await elder.getByTestId("elder-mode-switch").getAttribute("aria-checked")).toBe("true");
    await expectElderMode(elder);
    await shot(elder, "4x-h5-orders-01-home");

    // 预约服务 → 助洁 → the products serving her community → 居家保洁 from the demo provider
    await elder.getByTestId("home-book").tap();
    await elder.getByTestId("category-cleaning").tap();
    await elder.getByTestId("product-list").waitFor();
    await expectElderMode(elder);
    const card = elder.locator(`[data-testid="product-card"][data-provider="${PROVIDER}"][data-name="居家保洁"]`);
    while ((await card.count()) === 0) await elder.getByTestId("show-more").tap();
    expect(await card.innerText()).toContain("元/小时");
    expect(await card.getByTestId("price-tiers").innerText()).toContain("80周岁以上老人");
    await shot(elder, "4x-h5-orders-02-products");
    await card.tap();
    await elder.getByTestId("product-tasks").waitFor();
    expect(await elder.getByTestId("product-tasks").innerText()).toContain("厨房清洁");

    // tomorrow at 10:00, in big buttons; the choice is said back in words
    await elder.getByTestId("product-book").tap();
    await elder.getByTestId("time-page").waitFor();
    await elder.getByTestId("date-1").tap();
    await elder.getByTestId("hour-10").tap();
    expect(await elder.getByTestId("time-chosen").innerText()).toContain("明天");
    expect(await elder.getByTestId("time-chosen").innerText()).toContain("10:00");
    await expectElderMode(elder);
    await shot(elder, "4x-h5-orders-03-time");
    await elder.getByTestId("time-next").tap();

    // 确认预约: her address, notes, and the price in plain words — the server's own quote
    await elder.getByTestId("quote-sentence").waitFor();
    expect(await elder.getByTestId("book-address").inputValue()).toBe(me.address);
    const productId = new URL(elder.url()).pathname.split("/")[3]!;
    const quote = (await elderApi.post("/api/v1/service-orders/quote", { elderId: me.id, productId, slotStart: slot })).body;
    expect(quote.priceFen).toBe(quote.minutesFen + quote.walletFen + quote.copayFen);
    expect(await elder.getByTestId("quote-sentence").innerText()).toBe(
      `服务费约 ${yuan(quote.priceFen)} 元；补贴账户支付 ${yuan(quote.walletFen)} 元，免费服务时长抵扣 ${yuan(quote.minutesFen)} 元；您需自付约 ${yuan(quote.copayFen)} 元，服务完成后再付。`,
    );
    expect(await elder.getByTestId("quote-overtime").innerText()).toContain("每开始一小时");
    await elder.getByTestId("book-notes").fill("请带拖把");
    await expectElderMode(elder);
    await shot(elder, "4x-h5-orders-04-confirm");

    // the first answer is lost on the way back (the order is made); the retry carries the same key: one order
    await elder.route("**/api/v1/service-orders", async (route) => {
      await route.fetch();
      await route.abort("connectionreset");
    });
    await elder.getByTestId("book-submit").tap();
    await elder.getByTestId("place-error").waitFor();
    expect(await elder.getByTestId("place-error").innerText()).toContain("网络不通");
    await elder.unroute("**/api/v1/service-orders");
    await elder.getByTestId("book-submit").tap();
    await elder.getByTestId("placed-message").waitFor();
    const orderId = new URL(elder.url()).pathname.split("/")[3]!;
    const mine = (await elderApi.get("/api/v1/service-orders?limit=200")).body.items as { id: string; slotStart: string }[];
    expect(mine.length).toBe(before + 1);
    expect(mine.filter((o) => o.id === orderId && Date.parse(o.slotStart) === Date.parse(slot))).toHaveLength(1);
    // dispatched at once to the demo caregiver, who lives next door
    expect(await elder.getByTestId("placed-worker").innerText()).toBe("王秀梅");
    await shot(elder, "4x-h5-orders-05-placed");
    const home = (await elderApi.get(`/api/v1/service-orders/${orderId}`)).body as { lat: number; lng: number };

    // the provider, in the console (a third browser context), sees the new order dispatched to 王秀梅
    const console_ = await newPage(browser);
    await signIn(console_, "provider");
    await console_.goto(url("/orders"));
    const row = console_.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-status")).toBe("assigned");
    expect(await row.innerText()).toContain("王秀梅");
    await shot(console_, "4x-console-orders-provider-list");

    // the caregiver, 450 m away, opens 今日工单: the job is under 明天, with directions. Positions are kept in GCJ-02
    // (Chinese maps); the phone's GPS reports WGS-84, so the browser is placed at the WGS-84 equivalents
    const far = gcj02ToWgs84(north(home, 450));
    const worker = await phone(browser, { geolocation: { latitude: far.lat, longitude: far.lng }, permissions: ["geolocation"] });
    await signInH5(worker, "worker");
    await worker.getByTestId("home-jobs").tap();
    const job = worker.locator(`[data-testid="job-card"][data-order-id="${orderId}"]`);
    await job.waitFor();
    expect(await job.innerText()).toContain("10:00–12:00");
    expect(await job.innerText()).toContain(me.name);
    expect(await job.getByTestId("job-navigate").getAttribute("href")).toBe(`https://uri.amap.com/marker?position=${home.lng},${home.lat}&name=${encodeURIComponent(me.address)}`);
    await expectStandard(worker);
    await shot(worker, "4x-h5-orders-10-jobs");
    await job.getByTestId("job-accept").tap();
    await job.getByTestId("job-depart").tap();
    await job.getByTestId("check-in-submit").waitFor();
    await job.getByTestId("job-open").tap();

    // 签到 from 450 m: refused, the distance in big figures and the server's own sentence
    await worker.getByTestId("check-in-submit").tap();
    const refused = worker.getByTestId("check-in-refused");
    await refused.waitFor();
    expect(await worker.getByTestId("check-in-distance").innerText()).toMatch(/^您离老人家还有 4[45]\d 米$/);
    expect(await refused.innerText()).toContain("超出 200 米范围");
    await expectStandard(worker);
    await shot(worker, "4x-h5-orders-11-check-in-refused");

    // at the door, with a photo: checked in; the checklist, ticked; notes; 签退
    const door = gcj02ToWgs84(north(home, 30));
    await worker.context().setGeolocation({ latitude: door.lat, longitude: door.lng });
    await worker.getByTestId("photo-input").setInputFiles({ name: "door.png", mimeType: "image/png", buffer: PHOTO });
    await worker.getByTestId("photo-preview").waitFor();
    expect(await worker.getByTestId("photo-preview").getAttribute("src")).toMatch(/^data:image\/jpeg;base64,/);
    await worker.getByTestId("check-in-submit").tap();
    await worker.getByTestId("service-record").waitFor();
    const tasks = worker.getByTestId("task");
    expect(await tasks.count()).toBe(4);
    for (let i = 0; i < 4; i++) await tasks.nth(i).tap();
    expect(await worker.getByTestId("tasks-count").innerText()).toBe("已做 4 项，共 4 项");
    await worker.getByTestId("service-notes").fill("已打扫完毕");
    await expectStandard(worker);
    await shot(worker, "4x-h5-orders-12-checklist");
    await worker.getByTestId("check-out-submit").tap();
    await worker.getByTestId("worker-confirm").waitFor();
    await shot(worker, "4x-h5-orders-13-ask-elder");

    // the elder finds it under 我的订单, marked for her, and confirms
    await elder.goto(url("/h5/orders"));
    const mineCard = elder.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`);
    await mineCard.getByTestId("order-needs-you").waitFor();
    expect(await mineCard.getByTestId("order-status").innerText()).toContain("待确认");
    await mineCard.tap();
    await elder.getByTestId("confirm-panel").waitFor();
    expect(await elder.getByTestId("order-record").innerText()).toContain("垃圾清运");
    await expectElderMode(elder);
    await shot(elder, "4x-h5-orders-20-to-confirm");
    await elder.getByTestId("confirm-done").tap();

    // the payment split: the price, the free time, the subsidy account, her own part — adding up
    await elder.getByTestId("payment-split").waitFor();
    const o = (await elderApi.get(`/api/v1/service-orders/${orderId}`)).body;
    expect(o.confirmedBy).toBe("elder");
    expect(o.priceFen).toBe(o.unitPriceFen * 2);
    expect(o.minutesFen + o.walletFen + o.copayFen).toBe(o.priceFen);
    expect(await elder.getByTestId("pay-price").innerText()).toContain(`${yuan(o.priceFen)} 元`);
    expect(await elder.getByTestId("pay-minutes").innerText()).toContain(`${yuan(o.minutesFen)} 元`);
    expect(await elder.getByTestId("pay-wallet").innerText()).toContain(`${yuan(o.walletFen)} 元`);
    expect(await elder.getByTestId("pay-copay").innerText()).toContain(`${yuan(o.copayFen)} 元`);
    expect(await elder.getByTestId("pay-state").innerText()).toBe(o.copayFen === 0 ? "不用再付钱" : "请付给服务商");

    // five large stars, the choice said in words
    await elder.getByTestId("star-5").tap();
    expect(await elder.getByTestId("rate-chosen").innerText()).toBe("您打了 5 星：非常满意");
    await elder.getByTestId("rate-comment").fill("很细心");
    await expectElderMode(elder);
    await shot(elder, "4x-h5-orders-21-rating");
    await elder.getByTestId("rate-submit").tap();
    await elder.getByTestId("rated").waitFor();
    expect(await elder.getByTestId("rated").innerText()).toContain("5 星");

    // completed: in words, and every step of the progress ticked
    expect(await elder.getByTestId("order-status").innerText()).toContain("已完成");
    const steps = elder.getByTestId("timeline").locator("li");
    expect(await steps.count()).toBe(6);
    expect(await elder.getByTestId("timeline").locator('li[data-state="done"]').count()).toBe(6);
    expect((await elderApi.get(`/api/v1/service-orders/${orderId}`)).body.stars).toBe(5);
    await expectElderMode(elder);
    await shot(elder, "4x-h5-orders-22-done");

    // the caregiver's page shows it finished, with what is left to collect
    await worker.reload();
    await worker.getByTestId("job-finished").waitFor();
    expect(await worker.getByTestId("payment-split").innerText()).toContain(`${yuan(o.copayFen)} 元`);
    await worker.context().close();
    await elder.context().close();

    // back in the console: the provider sees every step on the timeline, records the co-pay as collected in cash
    // (when there is one), and finds the order on this month's settlement statement
    await console_.goto(url(`/orders/${orderId}`));
    const detail = console_.getByTestId("order-detail");
    await detail.waitFor();
    const actions = await console_.getByTestId("order-event").evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
    expect(actions).toEqual(expect.arrayContaining(["place", "accept", "assign", "worker_accept", "depart", "check_in", "check_out", "confirm"]));
    if (o.copayFen > 0) {
      await console_.getByTestId("order-action-settle").click();
      await console_.getByTestId("order-action-form").waitFor();
      await console_.getByTestId("order-action-method-cash").click();
      await console_.getByTestId("order-action-submit").click();
    }
    await console_.locator('[data-testid="order-detail"][data-status="settled"]').waitFor();
    await shot(console_, "4x-console-orders-provider-settled");
    await console_.goto(url("/statements"));
    await console_.getByTestId("statement-line").filter({ hasText: o.orderNo }).waitFor();
    await shot(console_, "4x-console-orders-provider-statement");
    await console_.context().close();
  });

  it("anyone can browse 服务目录 without signing in: area, category, prices and the lower prices", async () => {
    const page = await phone(browser);
    await page.goto(url("/h5/login"));
    await page.getByTestId("login-catalog").tap();
    await page.getByTestId("catalog-page").waitFor();
    await page.getByTestId("catalog-area").selectOption({ label: "杨家坪街道" });
    await page.getByTestId("catalog-category-cleaning").tap();
    // the choice goes into the address (?area=…&category=…), which the router applies a moment later
    await page.locator('[data-testid="catalog-category-cleaning"][aria-pressed="true"]').waitFor();
    await page.getByTestId("catalog-products").waitFor();
    const card = page.locator(`[data-testid="catalog-product"][data-provider="${PROVIDER}"][data-name="居家保洁"]`);
    while ((await card.count()) === 0) await page.getByTestId("show-more").tap();
    expect(await card.innerText()).toContain("元/小时");
    expect(await card.innerText()).toContain("特困、低保老人");
    await expectStandard(page);
    await shot(page, "4x-h5-orders-30-catalog");
    // nobody is signed in: the app never asked
    expect(await page.evaluate(async () => (await fetch("/api/v1/auth/me")).status)).toBe(401);
    await page.context().close();
  });
});
