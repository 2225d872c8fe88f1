import { DEFAULT_VISIT_RULES } from "@carecircle/shared";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { elderInput, makeIdNumber, uniqueBirth } from "../test/factories.ts";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { launch, newPage, pickRegion, shot, signIn, url } from "./browser.ts";
import { E2E_SECOND_STREET } from "./setup.ts";

// 探访规则: a street sets its own visit rules in the console (a bad value refused field by field, nothing saved; a good
// set regenerating the street's plans at once; a later version scheduled); the bureau sees them from above, and a
// community worker only reads them.
// Only the second street (黄桷坪) is changed: the other journeys use the demo street, whose rules stay the platform's.
let browser: Browser;
const api = async (username: string) => {
  const c = new Client(inject("e2eUrl"));
  expect((await c.post("/api/v1/auth/login", { username, password: TEST_PASSWORD })).status).toBe(200);
  return c;
};
/** The `<input>` of a field in a rule's row (antd puts some test ids on a wrapper). */
const inputIn = (row: Locator, id: string) => row.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
/** Picks an option of the antd select under a test id, in the open dropdown. */
async function pick(page: Page, select: Locator, option: string) {
  await select.click();
  await page.locator(".ant-select-dropdown:visible").getByTitle(option, { exact: true }).click();
  await page.keyboard.press("Escape");
}
const ALONE = DEFAULT_VISIT_RULES.findIndex((r) => r.key === "alone");

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("visit rules", () => {
  it("a street changes a frequency and adds a rule: 0 days is refused under its field and nothing is saved; saved, the street's plans follow; a later version is scheduled; the bureau sees the street's own rules and a community following them; a community worker only reads", async () => {
    const [district, hjp] = await Promise.all([api("district"), api(E2E_SECOND_STREET.username)]);
    // an elder living alone in the street, aged about 76
    const [community] = (await hjp.get(`/api/v1/regions?parent=${E2E_SECOND_STREET.regionCode}`)).body.items as { code: string; name: string }[];
    const name = `规则${Date.now().toString(36).slice(-4)}`;
    const made = await district.post("/api/v1/elders", elderInput({ name, regionCode: community!.code, address: "重庆市九龙坡区黄桷坪正街8号", idNumber: makeIdNumber(uniqueBirth(1950), "F"), livingSituation: "alone" }));
    expect(made.status).toBe(201);
    const elderId = made.body.id as string;

    // the street has set nothing: the platform's rules, shown as such
    const page = await newPage(browser);
    await signIn(page, E2E_SECOND_STREET.username);
    await page.getByTestId("menu-visit-rules").click();
    await page.getByTestId("visit-rules-table").waitFor();
    expect(await page.getByTestId("visit-rules-source").getAttribute("data-source")).toBe("platform");
    expect(await page.getByTestId("visit-rules-source").innerText()).toBe("平台默认");
    expect(await page.getByTestId("visit-rule-row").count()).toBe(DEFAULT_VISIT_RULES.length);
    await shot(page, "visit-rules-01-platform-default");

    // 独居 every 10 days instead of 14, and a new rule: 独居 and 85 or over, at home every 0 days (a slip)
    await page.getByTestId("visit-rules-edit").click();
    const rows = page.getByTestId("rule-edit-row");
    await rows.first().waitFor();
    expect(await inputIn(rows.nth(ALONE), "rule-label").inputValue()).toBe("独居");
    await inputIn(rows.nth(ALONE), "rule-everyDays").fill("10");
    await page.getByTestId("visit-rules-add").click();
    const added = rows.nth(DEFAULT_VISIT_RULES.length);
    await inputIn(added, "rule-label").fill("独居高龄");
    await pick(page, added.getByTestId("rule-livingIn"), "独居");
    await inputIn(added, "rule-minAge").fill("85");
    await inputIn(added, "rule-everyDays").fill("0");
    await pick(page, added.getByTestId("rule-kind"), "上门探访");
    await page.getByTestId("visit-rules-save").click();
    // refused: the message in Chinese under the new rule's frequency, and nothing saved
    await page.getByTestId("visit-rules-error").waitFor();
    const explain = added.locator(".ant-form-item-explain-error");
    expect(await explain.innerText()).toBe("间隔天数应为1–366天");
    // shown, not only present (antd slides the message in)
    await expect.poll(async () => (await explain.boundingBox())?.height ?? 0).toBeGreaterThan(12);
    expect(await page.locator(".ant-form-item-explain-error").count()).toBe(1);
    await shot(page, "visit-rules-02-refused");
    const unchanged = (await hjp.get("/api/v1/visit-rules")).body;
    expect(unchanged).toMatchObject({ regionCode: E2E_SECOND_STREET.regionCode, from: null, scheduled: [] });

    // every 5 days: saved for today, the street's plans regenerated at once
    await inputIn(added, "rule-everyDays").fill("5");
    await page.getByTestId("visit-rules-save").click();
    const saved = page.getByTestId("visit-rules-saved");
    await saved.waitFor();
    const count = Number(/已重新生成 (\d+) 份探访计划/.exec(await saved.innerText())?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
    await shot(page, "visit-rules-03-saved");
    const plans = (await hjp.get("/api/v1/visit-plans")).body.items as { elderId: string; everyDays: number; kind: string; reasons: string[] }[];
    expect(plans.find((p) => p.elderId === elderId)).toMatchObject({ everyDays: 10, kind: "home", reasons: ["独居"] });

    // after a reload: the street's own rules, with the change and the new rule
    await page.reload();
    await page.getByTestId("visit-rules-table").waitFor();
    expect(await page.getByTestId("visit-rules-source").innerText()).toBe("本级设定");
    const alone = page.locator('[data-testid="visit-rule-row"][data-key="alone"]');
    expect(await alone.getAttribute("data-every-days")).toBe("10");
    const mine = page.getByTestId("visit-rule-row").last();
    expect(await mine.getAttribute("data-every-days")).toBe("5");
    expect(await mine.innerText()).toContain("独居高龄");
    expect(await mine.innerText()).toContain("85岁及以上");
    expect(await mine.innerText()).toContain("上门探访");
    expect(await page.getByTestId("visit-rule-row").count()).toBe(DEFAULT_VISIT_RULES.length + 1);
    await shot(page, "visit-rules-04-own");

    // a later version: the new rule removed, from tomorrow; today's rules stay, the version is listed
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId("visit-rules-edit").click();
    await rows.first().waitFor();
    await rows.last().getByTestId("rule-remove").click();
    await page.getByTestId("visit-rules-from").click();
    await page.locator(`.ant-picker-dropdown:visible td[title="${tomorrow}"]`).click();
    await page.getByTestId("visit-rules-save").click();
    await page.getByText(`已保存，将于 ${tomorrow} 生效`).waitFor();
    await page.getByTestId("visit-rules-scheduled").waitFor();
    expect(await page.getByTestId("visit-rules-scheduled-from").innerText()).toBe(`${tomorrow} 起生效`);
    expect(await page.getByTestId("visit-rules-scheduled-table").getByTestId("visit-rule-row").count()).toBe(DEFAULT_VISIT_RULES.length);
    expect(await page.getByTestId("visit-rules-table").getByTestId("visit-rule-row").count()).toBe(DEFAULT_VISIT_RULES.length + 1);
    await shot(page, "visit-rules-05-scheduled");

    // the bureau looks at the street below it (its own rules) and at one of its communities (following the street)
    const bureau = await newPage(browser);
    await signIn(bureau, "district");
    await bureau.goto(url("/visit-rules"));
    await bureau.getByTestId("visit-rules-table").waitFor();
    await pickRegion(bureau, "visit-rules-region", ["九龙坡区", "黄桷坪街道"]);
    await expect.poll(() => bureau.getByTestId("visit-rules-source").innerText()).toBe("本级设定");
    expect(await bureau.getByTestId("visit-rules-table").getByTestId("visit-rule-row").count()).toBe(DEFAULT_VISIT_RULES.length + 1);
    expect(await bureau.getByTestId("visit-rules-scheduled-from").innerText()).toBe(`${tomorrow} 起生效`);
    await pickRegion(bureau, "visit-rules-region", ["九龙坡区", "黄桷坪街道", community!.name]);
    await expect.poll(() => bureau.getByTestId("visit-rules-source").innerText()).toBe("沿用上级 黄桷坪街道");
    expect(await bureau.getByTestId("visit-rules-table").getByTestId("visit-rule-row").count()).toBe(DEFAULT_VISIT_RULES.length + 1);
    // the street's coming version reaches the community too, named
    await expect.poll(() => bureau.getByTestId("visit-rules-scheduled-from").innerText()).toBe(`${tomorrow} 起生效 （黄桷坪街道设定）`);
    await shot(bureau, "visit-rules-06-bureau-community");

    // a community worker sees her region's rules and cannot change them
    const worker = await newPage(browser);
    await signIn(worker, "community");
    await worker.goto(url("/visit-rules"));
    await worker.getByTestId("visit-rules-table").waitFor();
    expect(await worker.getByTestId("visit-rule-row").count()).toBeGreaterThan(0);
    expect(await worker.getByTestId("visit-rules-edit").count()).toBe(0);
    await worker.getByText("探访规则由区民政局或街道设定，您可以查看。").waitFor();
    await shot(worker, "visit-rules-07-read-only");
  });
});
