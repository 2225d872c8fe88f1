import fs from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { inject } from "vitest";
import { TEST_PASSWORD } from "../test/template.ts";

export const SHOTS = path.resolve(import.meta.dirname, "../artifacts/screenshots");

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launch(): Promise<Browser> {
  // playwright gives every launch a fresh temporary profile (its own --user-data-dir)
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai", acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export const url = (p: string) => inject("e2eUrl") + p;

export async function signIn(page: Page, username: string, password = TEST_PASSWORD) {
  await page.goto(url("/login"));
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("current-user").waitFor();
}

export async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The `<input>` behind a test id (antd puts some ids on a wrapper). */
export async function inputOf(page: Page, id: string): Promise<Locator> {
  const el = page.getByTestId(id);
  return (await el.evaluate((e) => e.tagName)) === "INPUT" ? el : el.locator("input").first();
}

/** Picks a region in a region tree-select: expands each named ancestor whose child is not shown yet, then picks the last name. */
export async function pickRegion(page: Page, id: string, names: string[]) {
  await page.getByTestId(id).click();
  const popup = page.locator(".ant-select-dropdown:visible");
  const title = (name: string) => popup.locator(".ant-select-tree-title").filter({ hasText: new RegExp(`^${name}$`) });
  for (const [i, name] of names.slice(0, -1).entries()) {
    await title(name).waitFor();
    const switcher = popup.locator(".ant-select-tree-treenode").filter({ has: page.locator(".ant-select-tree-title", { hasText: new RegExp(`^${name}$`) }) }).locator(".ant-select-tree-switcher");
    if (!/switcher_open/.test((await switcher.getAttribute("class")) ?? "")) await switcher.click();
    await title(names[i + 1]!).waitFor();
  }
  await title(names.at(-1)!).click();
  await popup.waitFor({ state: "hidden" });
}
