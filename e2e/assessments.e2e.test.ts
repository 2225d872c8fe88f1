import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { elderInput, makeIdNumber, uniqueBirth } from "../test/factories.ts";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { launch, SHOTS, shot, signIn, url } from "./browser.ts";

interface Item {
  code: string;
  scores: number[];
}
interface Scale {
  code: string;
  items: Item[];
}

let browser: Browser;
let district: Client;
let assessor: Client;
let gbt: Scale;

/** Today in Shanghai, YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
const daysAgo = (n: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() - n * 86_400_000));

/** A 1024×768 tablet, the assessor's device. */
async function tabletPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN", timezoneId: "Asia/Shanghai", acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Lets the page finish: requests done, messages and modals faded, the table's loading veil gone. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.locator(".ant-modal-wrap, .ant-spin-spinning").first().waitFor({ state: "detached", timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(400);
}

/** A full-page shot of the form, with its sticky action bar in its own place rather than over the content. */
async function formShot(page: Page, name: string) {
  await settle(page);
  const style = await page.addStyleTag({ content: ".assessment-actionbar { position: static !important; }" });
  await shot(page, name);
  await style.evaluate((el) => (el as HTMLElement).remove());
}

/** What the tablet shows right now (the viewport, not the whole page). */
async function screenShot(page: Page, name: string) {
  await settle(page);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/**
 * Scores that add up to 60 of 90 (中度失能: 46–65): the maximum everywhere except these items.
 * Lost points: 1+4+3+2 (B1) + 2+3+2 (B2) + 3 (B3) + 4+3+3 (B4) = 30.
 */
const LOWER: Record<string, number> = { "B1.2": 3, "B1.3": 0, "B1.5": 1, "B1.8": 2, "B2.2": 2, "B2.3": 1, "B2.4": 1, "B3.4": 1, "B4.3": 0, "B4.4": 0, "B4.5": 1 };
const scoreOf = (item: Item, lower: Record<string, number> = LOWER) => lower[item.code] ?? Math.max(...item.scores);

async function createElder(name: string, regionCode = "500107001002"): Promise<string> {
  // born in 1952: the factories' counters start again in every test file, and the other files use other years
  const res = await district.post("/api/v1/elders", elderInput({ name, regionCode, idNumber: makeIdNumber(uniqueBirth(1952), "F") }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** A submitted GB/T 42195 assessment made through the API (for the pages that only read them). */
async function submitViaApi(elderId: string, assessedAt: string, lower: Record<string, number> = LOWER) {
  const items = Object.fromEntries(gbt.items.map((i) => [i.code, scoreOf(i, lower)]));
  const res = await assessor.post("/api/v1/assessments", {
    elderId,
    scale: gbt.code,
    reason: "routine",
    items,
    adjustments: {},
    assessors: ["李评估", "王评估"],
    informant: "本人",
    assessedAt,
    submit: true,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; total: number };
}

beforeAll(async () => {
  browser = await launch();
  district = new Client(inject("e2eUrl"));
  await district.post("/api/v1/auth/login", { username: "district", password: TEST_PASSWORD });
  assessor = new Client(inject("e2eUrl"));
  await assessor.post("/api/v1/auth/login", { username: "assessor", password: TEST_PASSWORD });
  const scales = await assessor.get<{ items: Scale[] }>("/api/v1/assessment-scales");
  gbt = scales.body.items.find((s) => s.code === "GB/T 42195-2022")!;
  expect(gbt.items).toHaveLength(26);
});
afterAll(() => browser?.close());

describe("ability assessment in the staff console", () => {
  it("an assessor scores all 26 items on a tablet, sees the live total and level, submits, prints, and the elder's record shows the level and the due date", async () => {
    const elderId = await createElder("评估测试甲");
    const page = await tabletPage();
    await signIn(page, "assessor");
    await page.goto(url(`/elders/${elderId}`));
    await page.getByTestId("tab-assessments").click();
    await page.getByTestId("assessment-table").waitFor();
    await settle(page);
    await shot(page, "21-assessment-tab-empty");
    await page.getByTestId("assessment-create").click();
    await page.getByTestId("assessment-form").waitFor();
    expect(new URL(page.url()).pathname).toBe("/assessments/new");
    expect(await page.getByTestId("assessment-title").innerText()).toContain("评估测试甲");
    expect(await page.getByTestId("assessment-item").count()).toBe(26);
    await screenShot(page, "22-assessment-new");

    // B.1 first: the group's subtotal and the running total follow each click
    const b1 = gbt.items.filter((i) => i.code.startsWith("B1."));
    for (const item of b1) await page.getByTestId(`item-${item.code}-${scoreOf(item)}`).click();
    await expect.poll(() => page.getByTestId("group-subtotal-B1").innerText()).toContain("22 / 32");
    await expect.poll(() => page.getByTestId("live-total").innerText()).toBe("22");
    await expect.poll(() => page.getByTestId("live-scored").innerText()).toContain("8/26");
    // no level until every item is scored
    await expect.poll(() => page.getByTestId("live-level").innerText()).toBe("—");

    for (const item of gbt.items.filter((i) => !i.code.startsWith("B1."))) {
      await page.getByTestId(`item-${item.code}-${scoreOf(item)}`).click();
    }
    await page.getByTestId("assessment-assessor1").fill("李评估");
    await page.getByTestId("assessment-assessor2").fill("王评估");
    await page.getByTestId("assessment-informant").fill("女儿 王芳");
    await expect.poll(() => page.getByTestId("live-total").innerText()).toBe("60");
    await expect.poll(() => page.getByTestId("live-level").innerText()).toBe("中度失能");
    await expect.poll(() => page.getByTestId("summary-preliminary").innerText()).toBe("中度失能");
    await expect.poll(() => page.getByTestId("summary-subtotal-B4").innerText()).toContain("5 / 15");

    // diagnosed dementia lowers the level by one in the live preview, with the reason
    await page.getByTestId("adj-dementia").click();
    await expect.poll(() => page.getByTestId("live-level").innerText()).toBe("重度失能");
    await expect.poll(() => page.getByTestId("summary-reasons").innerText()).toContain("确诊痴呆");
    await page.getByTestId("item-B1.3-0").scrollIntoViewIfNeeded();
    await screenShot(page, "23-assessment-scoring-tablet");
    await formShot(page, "23-assessment-scored-dementia");
    await page.getByTestId("adj-dementia").click();
    await expect.poll(() => page.getByTestId("live-level").innerText()).toBe("中度失能");

    // a draft first: the server's result replaces the preview
    await page.getByTestId("assessment-save-draft").click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="assessment-summary"][data-source="server"]').waitFor();
    expect(await page.getByTestId("summary-total").innerText()).toContain("60");
    const assessmentId = new URL(page.url()).pathname.split("/").pop()!;
    const draft = await assessor.get(`/api/v1/assessments/${assessmentId}`);
    expect(draft.body).toMatchObject({ status: "draft", total: 60, finalLevel: { level: 2 }, assessors: ["李评估", "王评估"], informant: "女儿 王芳" });

    // submit, after the confirmation
    await page.getByTestId("assessment-submit").click();
    await page.getByTestId("assessment-submit-confirm").click();
    await page.locator('[data-testid="assessment-view"][data-status="submitted"]').waitFor();
    expect(await page.getByTestId("summary-final").innerText()).toBe("中度失能");
    expect(await page.getByTestId("summary-total").innerText()).toContain("60");
    expect(await page.getByTestId("view-score-B1.3").innerText()).toBe("0 / 4");
    expect(await page.getByTestId("assessment-correct").count()).toBe(1);
    await settle(page);
    await shot(page, "24-assessment-submitted");

    // 打印报告: a PDF
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("assessment-print").click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // the elder's record: the list, the level with its date, the due date a year on
    await page.getByTestId("assessment-back").click();
    const row = page.locator(`[data-testid="assessment-row"][data-assessment-id="${assessmentId}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-status")).toBe("submitted");
    expect(await row.innerText()).toContain("中度失能");
    await settle(page);
    await shot(page, "25-assessment-list");
    await page.getByRole("tab", { name: "基本信息" }).click();
    const elder = (await assessor.get(`/api/v1/elders/${elderId}`)).body;
    expect(elder).toMatchObject({ abilityLevel: 2, abilityAssessedAt: today(), abilityAssessmentId: assessmentId });
    expect(elder.abilityDueAt.slice(0, 4)).toBe(String(Number(today().slice(0, 4)) + 1));
    const level = await page.getByTestId("elder-ability-level").innerText();
    expect(level).toContain("中度失能");
    expect(level).toContain(today());
    const due = page.getByTestId("elder-ability-due");
    expect(await due.innerText()).toContain(elder.abilityDueAt);
    expect(await due.getAttribute("data-overdue")).toBe("false");
    await settle(page);
    await shot(page, "26-elder-ability-level");
    await page.context().close();
  });

  it("refuses to submit an incomplete assessment and marks every unscored item and missing name", async () => {
    const elderId = await createElder("评估测试乙");
    const page = await tabletPage();
    await signIn(page, "assessor");
    await page.goto(url(`/assessments/new?elderId=${elderId}`));
    await page.getByTestId("assessment-form").waitFor();
    await page.getByTestId("item-B1.1-4").click();
    await page.getByTestId("assessment-submit").click();
    await page.getByTestId("assessment-error").waitFor();
    expect(await page.getByTestId("assessment-submit-confirm").count()).toBe(0);
    expect(await page.locator(".score-item .ant-form-item-has-error").count()).toBe(25);
    await page.getByText("请填写信息提供者").waitFor();
    await screenShot(page, "27-assessment-incomplete");
    // scoring a marked item clears its mark
    await page.getByTestId("item-B1.2-4").click();
    await expect.poll(() => page.locator(".score-item .ant-form-item-has-error").count()).toBe(24);
    // nothing was saved
    expect((await assessor.get(`/api/v1/elders/${elderId}/assessments`)).body.items).toHaveLength(0);
    await page.context().close();
  });

  it("puts the server's 422 errors on the item rows and fields, and the rest in the alert", async () => {
    const elderId = await createElder("评估测试丁");
    const page = await tabletPage();
    await signIn(page, "assessor");
    await page.goto(url(`/assessments/new?elderId=${elderId}`));
    await page.getByTestId("assessment-form").waitFor();
    // the server's answer is staged, so that paths the form would never let through can be checked
    await page.route("**/api/v1/assessments", (route) =>
      route.fulfill({
        status: 422,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "https://carecircle.example/problems/422",
          title: "输入的值无效",
          status: 422,
          detail: "修饰的得分应为 0、1、2、3、4 之一；提交前须填写两名评估员；被更正的评估须是同一老人、同一量表的评估",
          errors: [
            { path: "items.B1.2", message: "修饰的得分应为 0、1、2、3、4 之一" },
            { path: "assessors", message: "提交前须填写两名评估员" },
            { path: "supersedes", message: "被更正的评估须是同一老人、同一量表的评估" },
          ],
        }),
      }),
    );
    await page.getByTestId("item-B1.1-4").click();
    await page.getByTestId("assessment-save-draft").click();
    await page.getByTestId("assessment-error").waitFor();
    const row = page.locator('[data-testid="assessment-item"][data-item-code="B1.2"]');
    await row.getByText("修饰的得分应为 0、1、2、3、4 之一").waitFor();
    expect(await page.locator(".score-item .ant-form-item-has-error").count()).toBe(1);
    // "assessors" goes onto the first empty name
    await page.locator(".ant-form-item").filter({ has: page.getByTestId("assessment-assessor1") }).getByText("提交前须填写两名评估员").waitFor();
    // a path with no field on the form is listed in the alert
    expect(await page.getByTestId("assessment-error").innerText()).toContain("被更正的评估须是同一老人、同一量表的评估");
    await page.context().close();
  });

  it("corrects a submitted assessment: the form starts from the old scores, needs a reason, and the original is marked corrected", async () => {
    const elderId = await createElder("评估测试丙");
    const original = await submitViaApi(elderId, today());
    const page = await tabletPage();
    await signIn(page, "assessor");
    await page.goto(url(`/assessments/${original.id}`));
    await page.getByTestId("assessment-correct").click();
    await page.locator('[data-testid="assessment-page"][data-mode="correct"]').waitFor();
    await expect.poll(() => page.getByTestId("live-total").innerText()).toBe("60");
    expect(await page.getByTestId("assessment-save-draft").count()).toBe(0);
    // B1.3 洗澡 and B4.3 执行日常事务 were entered as 0 by mistake: 60 + 4 + 4 = 68, 轻度失能
    await page.getByTestId("item-B1.3-4").click();
    await page.getByTestId("item-B4.3-4").click();
    await expect.poll(() => page.getByTestId("live-total").innerText()).toBe("68");
    await expect.poll(() => page.getByTestId("live-level").innerText()).toBe("轻度失能");
    await page.getByTestId("assessment-submit").click();
    await page.getByText("请填写更正原因").waitFor();
    await page.getByTestId("assessment-correctionReason").fill("洗澡、执行日常事务两项录入错误");
    await formShot(page, "28-assessment-correction");
    await page.getByTestId("assessment-submit").click();
    await page.getByTestId("assessment-submit-confirm").click();
    await page.locator('[data-testid="assessment-view"][data-status="submitted"]').waitFor();
    await page.getByTestId("assessment-correction-of").waitFor();
    expect(await page.getByTestId("summary-final").innerText()).toBe("轻度失能");
    expect(await page.getByTestId("assessment-correction-of").innerText()).toContain("洗澡、执行日常事务两项录入错误");
    const old = await assessor.get(`/api/v1/assessments/${original.id}`);
    expect(old.body.status).toBe("superseded");
    // the original now says it was corrected, and links to the correction
    await page.goto(url(`/assessments/${original.id}`));
    await page.getByTestId("assessment-superseded").waitFor();
    expect(await page.getByTestId("assessment-correct").count()).toBe(0);
    expect((await assessor.get(`/api/v1/elders/${elderId}`)).body.abilityLevel).toBe(1);
    await page.context().close();
  });

  it("a street clerk sees overdue and due re-assessments, read-only", async () => {
    const overdueId = await createElder("复评逾期");
    const soonId = await createElder("复评将到期");
    await submitViaApi(overdueId, daysAgo(400));
    const recent = await submitViaApi(soonId, daysAgo(350));
    const page = await tabletPage();
    await signIn(page, "street");
    await page.getByTestId("menu-assessments-due").click();
    await page.getByTestId("due-table").waitFor();
    const overdueRow = page.locator(`[data-testid="due-row"][data-elder-id="${overdueId}"]`);
    await overdueRow.waitFor();
    expect(await overdueRow.getAttribute("data-overdue")).toBe("true");
    expect(await overdueRow.innerText()).toMatch(/已逾期 \d+ 天/);
    const soonRow = page.locator(`[data-testid="due-row"][data-elder-id="${soonId}"]`);
    expect(await soonRow.getAttribute("data-overdue")).toBe("false");
    expect(await soonRow.innerText()).toMatch(/\d+ 天后到期/);
    await settle(page);
    await shot(page, "29-assessments-due");
    // the link leads to the elder's assessments, which a street clerk may read but not write
    await soonRow.getByTestId("due-elder-link").click();
    await page.getByTestId("assessment-table").waitFor();
    expect(await page.getByTestId("assessment-create").count()).toBe(0);
    await page.locator(`[data-testid="assessment-row"][data-assessment-id="${recent.id}"]`).getByTestId("assessment-open").click();
    await page.getByTestId("assessment-view").waitFor();
    expect(await page.getByTestId("assessment-correct").count()).toBe(0);
    await page.context().close();
  });
});
