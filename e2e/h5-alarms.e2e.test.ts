import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { launch, shot } from "./browser.ts";
import { expectElderMode, expectStandard, measure, phone, signInH5 } from "./h5-helpers.ts";

let browser: Browser;
let district: Client;
let operator: Client;
let family: Client;
beforeAll(async () => {
  browser = await launch();
  const login = async (username: string) => {
    const c = new Client(inject("e2eUrl"));
    await c.post("/api/v1/auth/login", { username, password: TEST_PASSWORD });
    return c;
  };
  [district, operator, family] = await Promise.all([login("district"), login("operator"), login("family")]);
});
afterAll(() => browser?.close());

/** "14:02": an instant's clock time in Beijing, as the app writes it. */
const hhmm = (iso: string) => new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));

/** Each line of 处理经过 as read: "14:02 呼叫中心已接警". */
const stepLines = (page: Page) => page.getByTestId("alarm-step").evaluateAll((els) => els.map((e) => (e.textContent ?? "").replace(/\s+/g, " ").trim()));

describe("emergency alarms in the H5 app", () => {
  it("an SOS from the elder's button: her daughter sees 1 being handled on her phone, follows the call centre's steps as they happen, and finds it closed as 已送医 with every step in words; the elder sees it too, in 长辈模式 at 特大", async () => {
    // a call button for the demo elder, registered by the district; its credentials come back once
    const [elder] = (await family.get("/api/v1/me/elders")).body.items;
    const reg = await district.post("/api/v1/devices", { serial: `H5-ALARM-${Date.now()}`, type: "call_button", vendor: "演示", model: "SOS-1", heartbeatSeconds: 3600, elderId: elder.id });
    expect(reg.status).toBe(201);
    const basic = `Basic ${Buffer.from(`${reg.body.credentials.username}:${reg.body.credentials.password}`).toString("base64")}`;
    const event = (type: string, n: number) =>
      new Client(inject("e2eUrl")).request("POST", "/api/v1/device-messages", {
        json: { kind: "event", eventId: `${type}-${Date.now()}-${n}`, at: new Date().toISOString(), type },
        headers: { authorization: basic },
      });
    // earlier falls, handled and closed, more than the list's first page of ten: 查看更早的告警 brings them
    for (let n = 0; n < 11; n++) {
      const fall = await event("fall", n);
      const id = fall.body.alarms[0].id as string;
      await operator.post(`/api/v1/alarms/${id}/actions`, { action: "acknowledge" });
      expect((await operator.post(`/api/v1/alarms/${id}/actions`, { action: "close", outcome: "false_alarm" })).status).toBe(200);
    }
    // other journeys may have left alarms of hers open: the count is hers, whatever it was (among the latest 50, as the app counts)
    const handling = async () => ((await family.get(`/api/v1/me/elders/${elder.id}/alarms?limit=50`)).body.items as { status: string }[]).filter((a) => a.status !== "closed").length;
    const before = await handling();

    // she presses the button: one SOS alarm, open
    const sos = await event("sos", 0);
    expect(sos.status).toBe(202);
    const alarmId = sos.body.alarms[0].id as string;
    const open = before + 1;

    // the daughter signs in on her phone: 紧急告警 on 首页 says how many are being handled, in words and a badge
    const page = await phone(browser);
    await signInH5(page, "family");
    const tile = page.getByTestId("home-alarms");
    await page.locator(`[data-testid="home-alarms"][data-count="${open}"]`).waitFor();
    expect(await page.getByTestId("home-alarms-hint").innerText()).toBe(`${open} 条告警正在处理`);
    expect(await page.getByTestId("home-alarms-badge").innerText()).toBe(String(open));
    await expectStandard(page);
    await shot(page, "4x-h5-alarms-01-home");

    // the list, newest first: her SOS on top, in plain words, 处理中 with a sign
    await tile.tap();
    await page.getByTestId("alarm-list").waitFor();
    expect(await page.getByTestId("alarms-handling").innerText()).toContain(`有 ${open} 条告警正在处理`);
    const card = page.getByTestId("alarm-card").first();
    expect(await card.getAttribute("data-alarm-id")).toBe(alarmId);
    expect(await card.getByTestId("alarm-type").innerText()).toBe("一键呼叫（SOS）");
    expect(await card.getByTestId("alarm-status").innerText()).toContain("处理中");
    const raisedAt = (await family.get(`/api/v1/me/elders/${elder.id}/alarms`)).body.items.find((a: { id: string }) => a.id === alarmId).raisedAt as string;
    expect(await card.getByTestId("alarm-when").innerText()).toBe(`今天 ${hhmm(raisedAt)}`);
    expect(await card.getByTestId("alarm-latest").innerText()).toBe("等待呼叫中心接警");
    // ten at a time, and a big button for the ones before
    expect(await page.getByTestId("alarm-card").count()).toBe(10);
    expect(await page.getByTestId("alarms-more").innerText()).toBe("查看更早的告警");
    await expectStandard(page);
    await shot(page, "4x-h5-alarms-02-list-open");

    // its page: raised, and now waiting for the call centre
    await card.tap();
    await page.getByTestId("alarm-steps").waitFor();
    expect(await page.locator("h1").innerText()).toBe("一键呼叫（SOS）");
    expect(await stepLines(page)).toEqual([`${hhmm(raisedAt)} 发出告警：一键呼叫（SOS）`]);
    expect(await page.getByTestId("alarm-step-now").innerText()).toContain("等待呼叫中心接警");
    await page.getByTestId("alarm-handling").waitFor();
    await shot(page, "4x-h5-alarms-03-open");

    // the operator takes it and calls the family, who answer: the open page shows both within 15 s, no reload
    const act = async (input: Record<string, unknown>) => {
      const res = await operator.post(`/api/v1/alarms/${alarmId}/actions`, input);
      expect(res.status).toBe(200);
      return res.body as { actions: { action: string; at: string }[] };
    };
    await act({ action: "acknowledge" });
    await act({ action: "call_family", result: "answered" });
    await page.getByTestId("alarm-step").nth(2).waitFor({ timeout: 20_000 });
    expect((await stepLines(page)).slice(1).map((l) => l.slice(6))).toEqual(["呼叫中心已接警", "致电家属，已接通"]);
    expect(await page.getByTestId("alarm-step-now").innerText()).toContain("呼叫中心正在处理");
    await expectStandard(page);
    await shot(page, "4x-h5-alarms-04-handling");

    // closed as 送医: the outcome first, in big words, and every step with its time
    const closed = await act({ action: "close", outcome: "sent_to_hospital" });
    await page.reload();
    await page.getByTestId("alarm-result").waitFor();
    expect(await page.getByTestId("alarm-status").innerText()).toContain("已处理");
    expect(await page.getByTestId("alarm-result").innerText()).toContain("已送医");
    expect(await page.getByTestId("alarm-step-now").count()).toBe(0);
    const at = closed.actions.map((a) => hhmm(a.at));
    expect(await stepLines(page)).toEqual([`${hhmm(raisedAt)} 发出告警：一键呼叫（SOS）`, `${at[0]} 呼叫中心已接警`, `${at[1]} 致电家属，已接通`, `${at[2]} 已处理：送医`]);
    await expectStandard(page);
    await shot(page, "4x-h5-alarms-05-closed");

    // back on the list: 已处理 and the outcome in words; 首页 counts one fewer
    await page.getByTestId("back").tap();
    const done = page.locator(`[data-testid="alarm-card"][data-alarm-id="${alarmId}"]`);
    await done.waitFor();
    expect(await done.getByTestId("alarm-status").innerText()).toContain("已处理");
    expect(await done.getByTestId("alarm-outcome").innerText()).toBe("结果：已送医");
    await shot(page, "4x-h5-alarms-06-list-closed");
    await page.getByTestId("back").tap();
    await page.locator(`[data-testid="home-alarms"][data-count="${before}"]`).waitFor();
    expect(await page.getByTestId("home-alarms-hint").innerText()).toBe(before > 0 ? `${before} 条告警正在处理` : "没有正在处理的告警");
    expect(await page.getByTestId("home-alarms-badge").count()).toBe(before > 0 ? 1 : 0);
    await page.context().close();

    // the elder on her own phone: 长辈模式 (her account starts in it), text at 特大 — the same alarm, readable
    const own = await phone(browser);
    await signInH5(own, "elder");
    await own.getByTestId("settings-link").tap();
    await own.getByTestId("text-size-largest").check();
    await own.getByTestId("back").tap();
    await own.getByTestId("home-alarms").waitFor();
    await expectElderMode(own);
    await own.getByTestId("home-alarms").tap();
    const mine = own.locator(`[data-testid="alarm-card"][data-alarm-id="${alarmId}"]`);
    await mine.waitFor();
    expect(await mine.getByTestId("alarm-outcome").innerText()).toBe("结果：已送医");
    const m = await measure(own);
    expect(m.bodyFont).toBeGreaterThanOrEqual(30);
    await expectElderMode(own);
    await shot(own, "4x-h5-alarms-10-elder-list");
    // 查看更早的告警, as big as everything else in 长辈模式: the ten before, after the ten shown
    const more = own.getByTestId("alarms-more");
    const box = (await more.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(60);
    expect(parseFloat(await more.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(24);
    const shown = await own.getByTestId("alarm-card").evaluateAll((els) => els.map((e) => e.getAttribute("data-alarm-id")));
    expect(shown).toHaveLength(10);
    await more.tap();
    await own.getByTestId("alarm-card").nth(10).waitFor();
    const all = await own.getByTestId("alarm-card").evaluateAll((els) => els.map((e) => e.getAttribute("data-alarm-id")));
    expect(all.slice(0, 10)).toEqual(shown);
    expect(new Set(all).size).toBe(all.length);
    await expectElderMode(own);
    // an earlier one opens like the others
    await own.getByTestId("alarm-card").nth(10).tap();
    await own.getByTestId("alarm-result").waitFor();
    await own.getByTestId("back").tap();
    await own.getByTestId("alarm-list").waitFor();
    await mine.tap();
    await own.getByTestId("alarm-result").waitFor();
    expect((await stepLines(own)).at(-1)).toBe(`${at[2]} 已处理：送医`);
    await expectElderMode(own);
    await shot(own, "4x-h5-alarms-11-elder-alarm");
    await own.context().close();
  });
});
