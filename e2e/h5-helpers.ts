import { expect } from "vitest";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { TEST_PASSWORD } from "../test/template.ts";
import { url } from "./browser.ts";

/** A phone: the H5 app's home ground (390×844, touch). `extra` adds e.g. a geolocation and its permission. */
export async function phone(browser: Browser, extra: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    ...extra,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

export async function signInH5(page: Page, username: string, password = TEST_PASSWORD) {
  await page.goto(url("/h5/"));
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").tap();
  await page.getByTestId("home-page").waitFor();
}

export interface Measures {
  /** the smallest font size of any visible text in <main>, px */
  minFont: number;
  minLineHeight: number;
  /** the smallest height and width of any visible button, link, switch or choice row, px */
  minTargetHeight: number;
  minTargetWidth: number;
  /** the lowest text contrast ratio in <main>, against the nearest opaque background */
  minContrast: number;
  bodyFont: number;
  /** whether anything is wider than the screen (sideways scrolling) */
  overflows: boolean;
}

/** Measures what the aging-friendly rules are about, in the page as drawn. */
export function measure(page: Page): Promise<Measures> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r = 0, g = 0, b = 0]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c[3] ?? 0) > 0.9) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden";
    };
    let minFont = Infinity;
    let minLineHeight = Infinity;
    let minContrast = Infinity;
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== "");
      if (!hasText || !visible(el) || el.closest("[aria-hidden=true]")) continue;
      const s = getComputedStyle(el);
      const size = parseFloat(s.fontSize);
      minFont = Math.min(minFont, size);
      if (s.lineHeight !== "normal") minLineHeight = Math.min(minLineHeight, parseFloat(s.lineHeight) / size);
      const [a, b] = [lum(rgb(s.color)), lum(background(el))].sort((x, y) => y - x);
      minContrast = Math.min(minContrast, (a! + 0.05) / (b! + 0.05));
    }
    let minTargetHeight = Infinity;
    let minTargetWidth = Infinity;
    // a radio button or a checkbox is inside its label, and the whole label row is what is tapped
    for (const el of Array.from(document.querySelectorAll("button, a[href], [role=switch], input, select, textarea, label.choice-option, label.check-item"))) {
      if (!visible(el) || (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox"))) continue;
      const r = el.getBoundingClientRect();
      minTargetHeight = Math.min(minTargetHeight, r.height);
      minTargetWidth = Math.min(minTargetWidth, r.width);
    }
    const p = document.querySelector("main p");
    return {
      minFont,
      minLineHeight,
      minTargetHeight,
      minTargetWidth,
      minContrast,
      bodyFont: parseFloat(getComputedStyle(p ?? document.body).fontSize),
      overflows: document.documentElement.scrollWidth > window.innerWidth,
    };
  });
}

/** The floors a page must meet: elder mode (MIIT 2021: text ≥ 24 px here, targets ≥ 60 px) or standard (18 px, 44 px); contrast ≥ 4.5:1 and nothing off the side in both. */
async function expectFloor(page: Page, font: number, target: number) {
  const m = await measure(page);
  expect(m.minFont).toBeGreaterThanOrEqual(font);
  expect(m.minLineHeight).toBeGreaterThanOrEqual(1.29);
  expect(m.minTargetHeight).toBeGreaterThanOrEqual(target);
  expect(m.minTargetWidth).toBeGreaterThanOrEqual(target);
  expect(m.minContrast).toBeGreaterThanOrEqual(4.5);
  expect(m.overflows).toBe(false);
}

export const expectElderMode = (page: Page) => expectFloor(page, 24, 60);
export const expectStandard = (page: Page) => expectFloor(page, 18, 44);
