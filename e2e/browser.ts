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
