import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { launch, shot, url } from "./browser.ts";
import { measure, phone, signInH5 } from "./h5-helpers.ts";

let browser: Browser;
let district: Client;
let family: Client;
beforeAll(async () => {
  browser = await launch();
  district = new Client(inject("e2eUrl"));
  await district.post("/api/v1/auth/login", { username: "district", password: TEST_PASSWORD });
  family = new Client(inject("e2eUrl"));
  await family.post("/api/v1/auth/login", { username: "family", password: TEST_PASSWORD });
});
afterAll(() => browser?.close());

/** This month in Shanghai, "YYYY-MM". */
function shanghaiMonth(): string {
  const parts = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).formatToParts(new Date());
  return `${parts.find((p) => p.type === "year")!.value}-${parts.find((p) => p.type === "month")!.value}`;
}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

describe("the H5 app for elders and families", () => {
  it("a daughter signs in on her phone, opens her mother's 服务补贴, and turns on 长辈模式", async () => {
    // this month's subsidies are credited first (the test database has no run yet; a second run is harmless)
    const run = await district.post("/api/v1/subsidy-runs?wait=true", { month: shanghaiMonth() });
    expect(run.status).toBe(200);
    const [elder] = (await family.get("/api/v1/me/elders")).body.items;
    expect(elder).toBeDefined();
    const wallet = (await family.get(`/api/v1/elders/${elder.id}/wallet`)).body;
    // she qualifies when the run credited her wallet with something
    const qualifies = wallet.entries.some((e: { kind: string }) => e.kind === "credit" || e.kind === "backpay");

    const page = await phone(browser);
    // signed out: the app opens on 登录
    await page.goto(url("/h5/"));
    await page.getByTestId("login-page").waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await shot(page, "4x-h5-login");
    await signInH5(page, "family");
    expect(await page.locator("h1").innerText()).toContain("家属");

    // one card, for the bound elder: name, relation, age, community
    const card = page.locator(`[data-testid="elder-card"][data-elder-id="${elder.id}"]`);
    await card.waitFor();
    expect(await page.getByTestId("elder-card").count()).toBe(1);
    const cardText = await card.innerText();
    expect(cardText).toContain(elder.name);
    expect(cardText).toContain(`关系：${elder.relation}`);
    expect(cardText).toContain(`${elder.age} 岁`);
    // the standard mode already meets the floor: text ≥ 18 px, line height ≥ 1.3, targets ≥ 44 px, contrast ≥ 4.5:1
    const standard = await measure(page);
    expect(standard.minFont).toBeGreaterThanOrEqual(18);
    expect(standard.minLineHeight).toBeGreaterThanOrEqual(1.29);
    expect(standard.minTargetHeight).toBeGreaterThanOrEqual(44);
    expect(standard.minTargetWidth).toBeGreaterThanOrEqual(44);
    expect(standard.minContrast).toBeGreaterThanOrEqual(4.5);
    await shot(page, "4x-h5-home");

    // 服务补贴: the balance in words the elder can read, the server's summary, the history newest first
    await card.tap();
    await page.getByTestId("wallet-page").waitFor();
    const balance = page.getByTestId("wallet-balance");
    await balance.waitFor();
    expect(await balance.innerText()).toContain("服务补贴余额");
    expect(await balance.innerText()).toContain(`${yuan(wallet.balanceFen)} 元`);
    expect(await page.getByTestId("wallet-minutes").innerText()).toContain("小时");
    expect(await page.getByTestId("wallet-summary").innerText()).toBe(wallet.summary);
    if (qualifies) {
      // the credit is there, and the balance is not zero
      expect(wallet.balanceFen + wallet.balanceMinutes).toBeGreaterThan(0);
      const entries = page.getByTestId("wallet-entry");
      expect(await entries.count()).toBe(Math.min(wallet.entries.length, 10));
      expect(await entries.first().innerText()).toContain(wallet.entries[0].text);
    } else {
      // she does not qualify for any subsidy: a plain zero and the summary sentence, no empty table
      expect(await balance.innerText()).toContain("0.00 元");
      expect(await page.getByTestId("wallet-summary").innerText()).toContain("服务补贴余额");
    }
    // 朗读 is offered only where the browser can speak
    const canSpeak = await page.evaluate(() => "speechSynthesis" in window);
    expect(await page.getByTestId("wallet-read-aloud").count()).toBe(canSpeak ? 1 : 0);
    const walletStandard = await measure(page);
    expect(walletStandard.minFont).toBeGreaterThanOrEqual(18);
    expect(walletStandard.minContrast).toBeGreaterThanOrEqual(4.5);
    await shot(page, "4x-h5-wallet");

    // 长辈模式, switched on from the home page
    await page.getByTestId("back").tap();
    await page.getByTestId("home-page").waitFor();
    const toggle = page.getByTestId("elder-mode-switch");
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    await toggle.tap();
    expect(await toggle.getAttribute("aria-checked")).toBe("true");
    expect(await toggle.innerText()).toContain("开");
    const elderHome = await measure(page);
    expect(elderHome.bodyFont).toBeGreaterThanOrEqual(24);
    expect(elderHome.minFont).toBeGreaterThanOrEqual(24);
    expect(elderHome.minTargetHeight).toBeGreaterThanOrEqual(60);
    expect(elderHome.minTargetWidth).toBeGreaterThanOrEqual(60);
    expect(elderHome.minContrast).toBeGreaterThanOrEqual(4.5);
    await shot(page, "4x-h5-home-elder-mode");

    // it stays on after a reload, and the wallet grows with it
    await page.reload();
    await page.getByTestId("home-page").waitFor();
    expect(await page.getByTestId("elder-mode-switch").getAttribute("aria-checked")).toBe("true");
    await card.tap();
    await page.getByTestId("wallet-balance").waitFor();
    const elderWallet = await measure(page);
    expect(elderWallet.bodyFont).toBeGreaterThanOrEqual(24);
    expect(elderWallet.minFont).toBeGreaterThanOrEqual(24);
    expect(elderWallet.minTargetHeight).toBeGreaterThanOrEqual(60);
    expect(elderWallet.minLineHeight).toBeGreaterThanOrEqual(1.29);
    const mainButtons = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('[data-testid="back"], [data-testid="wallet-read-aloud"]')).map((b) => b.getBoundingClientRect().height),
    );
    for (const h of mainButtons) expect(h).toBeGreaterThanOrEqual(60);
    await shot(page, "4x-h5-wallet-elder-mode");

    // 设置: the same switch, the language, and 退出登录 — all by plain taps, no pop-up
    await page.getByTestId("back").tap();
    await page.getByTestId("settings-link").tap();
    await page.getByTestId("settings-page").waitFor();
    expect(await page.getByTestId("elder-mode-switch").getAttribute("aria-checked")).toBe("true");
    await shot(page, "4x-h5-settings-elder-mode");
    await page.getByTestId("language-en").check();
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await shot(page, "4x-h5-settings-english");
    await page.getByTestId("language-zh-CN").check();
    await page.getByRole("heading", { level: 1, name: "设置" }).waitFor();
    await page.getByTestId("logout").tap();
    await page.getByTestId("login-page").waitFor();
    // signed out for real: the API refuses the old session
    expect(await page.evaluate(async () => (await fetch("/api/v1/auth/me")).status)).toBe(401);
    await page.context().close();
  });

  it("shows the server's own words for a wrong password, and an elder sees her own record", async () => {
    const page = await phone(browser);
    await page.goto(url("/h5/login"));
    await page.getByTestId("login-username").fill("nobody-h5");
    await page.getByTestId("login-password").fill("wrong-password");
    await page.getByTestId("login-submit").tap();
    await page.getByTestId("login-error").waitFor();
    expect(await page.getByTestId("login-error").innerText()).toContain("用户名或密码错误");
    await shot(page, "4x-h5-login-error");
    await signInH5(page, "elder");
    const card = page.getByTestId("elder-card");
    await card.waitFor();
    expect(await card.count()).toBe(1);
    expect(await card.innerText()).toContain("关系：本人");
    // a keyboard reaches everything too: Tab to the card, Enter opens it
    await card.focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("wallet-balance").waitFor();
    await page.context().close();
  });
});
