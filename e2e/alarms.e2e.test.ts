import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { launch, newPage, shot, signIn } from "./browser.ts";

let browser: Browser;
let district: Client;
let operator: Client;
let family: Client;
let elder: { id: string; name: string };
let basic: string;
let deviceId: string;
beforeAll(async () => {
  browser = await launch();
  const login = async (username: string) => {
    const c = new Client(inject("e2eUrl"));
    await c.post("/api/v1/auth/login", { username, password: TEST_PASSWORD });
    return c;
  };
  [district, operator, family] = await Promise.all([login("district"), login("operator"), login("family")]);
  [elder] = (await family.get("/api/v1/me/elders")).body.items;
  // a call button for the demo elder, registered by the district; its credentials come back once
  const reg = await district.post("/api/v1/devices", { serial: `E2E-CONSOLE-${Date.now()}`, type: "call_button", vendor: "演示", model: "SOS-1", heartbeatSeconds: 3600, elderId: elder.id });
  expect(reg.status).toBe(201);
  deviceId = reg.body.id;
  basic = `Basic ${Buffer.from(`${reg.body.credentials.username}:${reg.body.credentials.password}`).toString("base64")}`;
});
afterAll(() => browser?.close());

let presses = 0;
/**
 * The button sends an event over HTTP, as a device without MQTT does; answers the alarm raised. `heldSeconds`: the
 * device kept the message that long before sending it (it was offline), so its own time is older than the receipt.
 */
async function press(type: "sos" | "fall", heldSeconds = 0): Promise<string> {
  const res = await new Client(inject("e2eUrl")).request("POST", "/api/v1/device-messages", {
    json: { kind: "event", eventId: `${type}-${Date.now()}-${++presses}`, at: new Date(Date.now() - heldSeconds * 1000).toISOString(), type },
    headers: { authorization: basic },
  });
  expect(res.status).toBe(202);
  expect(res.body.alarms[0].grouped).toBe(false);
  return res.body.alarms[0].id as string;
}

/** The operator signed in, on 告警台 with the live stream open. */
async function openAlarmCenter(): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, "operator");
  await page.getByTestId("menu-alarms").click();
  await page.locator('[data-testid="alarms-page"][data-live="open"]').waitFor();
  return page;
}

/** Lets modals and messages finish sliding in before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(400);

/** One step through the action panel: the button, the form's choices, submit, and the step on record. */
async function act(page: Page, action: string, fill: (page: Page) => Promise<void>) {
  await page.getByTestId(`alarm-action-${action}`).click();
  await fill(page);
  await page.getByTestId("alarm-action-submit").click();
  await page.locator(`[data-testid="alarm-step"][data-action="${action}"]`).waitFor();
}

describe("the alarm center in the staff console", () => {
  it("an SOS reaches the operator's 告警台 within a second, flashing; she acknowledges, calls the elder (no answer) and the family (answered), closes it 居家处置, and the family sees the outcome", async () => {
    const page = await openAlarmCenter();
    // the operator's menu has 告警台 and 终端设备
    expect(await page.getByTestId("menu-devices").count()).toBe(1);

    // the button is pressed: from the post to the card on her screen
    const t0 = performance.now();
    const alarmId = await press("sos");
    const card = page.locator(`[data-testid="alarm-card"][data-alarm-id="${alarmId}"]`);
    await card.waitFor({ timeout: 5000 });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1500);

    // new: it flashes, says 新告警, and the beep was played; it names the type, the elder and the device
    expect(await card.getAttribute("data-new")).toBe("true");
    expect(await card.evaluate((e) => getComputedStyle(e).animationName)).toBe("alarm-flash");
    expect(await card.getByTestId("alarm-new-badge").innerText()).toBe("新告警");
    expect(Number(await page.getByTestId("alarm-mute").getAttribute("data-beeps"))).toBeGreaterThanOrEqual(1);
    const text = await card.innerText();
    expect(text).toContain("紧急呼叫（SOS）");
    expect(text).toContain(elder.name);
    expect(text).toContain("一键通");
    expect(text).toMatch(/已等待 \d+ 秒/);
    expect(await card.getAttribute("data-escalated")).toBe("false");
    await settle(page);
    await shot(page, "9x-console-alarms-01-new");

    // she opens it: the elder's card with her address on the map, her medications and the family to call
    await card.click();
    const detail = page.locator(`[data-testid="alarm-detail"][data-alarm-id="${alarmId}"]`);
    await detail.waitFor();
    expect(await card.getAttribute("data-new")).toBe("false");
    await page.getByTestId("alarm-elder").waitFor();
    expect(await page.getByTestId("alarm-elder-name").innerText()).toBe(elder.name);
    const demo = (await district.get(`/api/v1/elders/${elder.id}`)).body;
    expect(await page.getByTestId("alarm-elder-map").getAttribute("href")).toBe(`https://uri.amap.com/marker?position=${demo.lng},${demo.lat}`);
    expect(await page.getByTestId("alarm-elder-medications").innerText()).toContain(demo.health.medications[0]);
    expect(await page.getByTestId("alarm-contacts").innerText()).toMatch(/\*{4}/);
    // nothing but 接警 before it is acknowledged
    expect(await page.getByTestId("alarm-action-call_elder").isDisabled()).toBe(true);
    await shot(page, "9x-console-alarms-02-selected");

    // 接警, then the calls: the elder does not answer, her daughter does
    await page.getByTestId("alarm-acknowledge").click();
    await page.locator(`[data-testid="alarm-detail"][data-status="acknowledged"]`).waitFor();
    await act(page, "call_elder", (p) => p.getByTestId("alarm-action-result-no_answer").click());
    await act(page, "call_family", async (p) => {
      await p.getByTestId("alarm-action-result-answered").click();
      await p.getByTestId("alarm-action-notes").fill("女儿十分钟内到家");
    });
    await settle(page);
    await shot(page, "9x-console-alarms-03-in-hand");

    // 关闭 as 居家处置
    await page.getByTestId("alarm-action-close").click();
    await page.getByTestId("alarm-action-outcome").click();
    await page.locator('.ant-select-dropdown:visible [data-testid="alarm-outcome-resolved_at_home"]').click();
    await page.getByTestId("alarm-action-outcome").getByText("居家处置").waitFor();
    await page.getByTestId("alarm-action-notes").fill("起身时滑倒，无外伤，女儿陪护");
    await page.getByTestId("alarm-action-submit").click();
    await page.getByTestId("alarm-action-form").waitFor({ state: "hidden" });
    await page.locator(`[data-testid="alarm-detail"][data-status="closed"]`).waitFor();
    expect(await page.getByTestId("alarm-detail-outcome").innerText()).toContain("居家处置");
    const steps = await page.getByTestId("alarm-step").evaluateAll((els) => els.map((e) => [e.getAttribute("data-action"), e.getAttribute("data-result")]));
    expect(steps).toEqual([
      ["acknowledge", ""],
      ["call_elder", "no_answer"],
      ["call_family", "answered"],
      ["close", "resolved_at_home"],
    ]);
    expect(await page.getByTestId("alarm-steps").innerText()).toContain("女儿十分钟内到家");
    // it has left the live queue
    await card.waitFor({ state: "detached" });
    await settle(page);
    await shot(page, "9x-console-alarms-04-closed");

    // 已关闭 lists it with its outcome
    await page.getByTestId("alarm-tab-closed").click();
    const row = page.locator(`[data-testid="alarm-closed-row"][data-alarm-id="${alarmId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain("居家处置");

    // the family sees what happened, what was done and how it ended
    const mine = ((await family.get(`/api/v1/me/elders/${elder.id}/alarms`)).body.items as { id: string; status: string; outcome: string; steps: { action: string; result: string | null }[] }[]).find((a) => a.id === alarmId);
    expect(mine).toMatchObject({ status: "closed", outcome: "resolved_at_home" });
    expect(mine!.steps.map((s) => [s.action, s.result])).toEqual([
      ["acknowledge", null],
      ["call_elder", "no_answer"],
      ["call_family", "answered"],
      ["close", "resolved_at_home"],
    ]);

    // 接警时效 for today counts it
    await page.getByTestId("alarm-tab-stats").click();
    await page.getByTestId("alarm-stats-count").waitFor();
    expect(Number((await page.getByTestId("alarm-stats-count").locator(".ant-statistic-content-value").innerText()).replace(/\D/g, ""))).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId("alarm-stats-by-outcome").innerText()).toContain("居家处置");
    await shot(page, "9x-console-alarms-05-stats");
    await page.context().close();
  });

  it("an alarm nobody acknowledges within 60 s is escalated on screen (red border, 已超时未接警, the seconds counting); a colleague's 接警 first makes hers a 409 in words", async () => {
    const page = await newPage(browser);
    // the browser's clock runs on, and can be moved a minute ahead
    await page.clock.install();
    await signIn(page, "operator");
    await page.getByTestId("menu-alarms").click();
    await page.locator('[data-testid="alarms-page"][data-live="open"]').waitFor();
    const alarmId = await press("fall");
    const card = page.locator(`[data-testid="alarm-card"][data-alarm-id="${alarmId}"]`);
    await card.waitFor();
    expect(await card.getAttribute("data-escalated")).toBe("false");

    // a minute later, still not acknowledged (the server's list said not yet: the page works it out each second)
    await page.clock.fastForward(61_000);
    await page.locator(`[data-testid="alarm-card"][data-alarm-id="${alarmId}"][data-escalated="true"]`).waitFor();
    expect(await card.getByTestId("alarm-escalated").innerText()).toBe("已超时未接警");
    expect(Number(/已等待 (\d+) 秒/.exec(await card.getByTestId("alarm-elapsed").innerText())?.[1])).toBeGreaterThanOrEqual(61);
    // the red border (after antd's border transition)
    await page.waitForFunction((e) => !!e && getComputedStyle(e).borderTopColor === "rgb(255, 77, 79)", await card.elementHandle());
    await shot(page, "9x-console-alarms-06-escalated");

    // a colleague acknowledges it while her screen has not caught up yet (the lists are held back): her 接警 is
    // refused with the server's words, and the page catches up
    let release = () => {};
    let gate: Promise<void> = new Promise((r) => (release = r));
    await page.route((u) => u.pathname === "/api/v1/alarms", async (route) => {
      await gate;
      await route.continue();
    });
    await card.click();
    const street = new Client(inject("e2eUrl"));
    await street.post("/api/v1/auth/login", { username: "street", password: TEST_PASSWORD });
    expect((await street.post(`/api/v1/alarms/${alarmId}/actions`, { action: "acknowledge" })).status).toBe(200);
    await page.getByTestId("alarm-acknowledge").click();
    expect(await page.getByTestId("alarm-action-error").innerText()).toContain("告警已确认");
    await settle(page);
    await shot(page, "9x-console-alarms-07-conflict");
    gate = Promise.resolve();
    release();
    await page.locator(`[data-testid="alarm-detail"][data-status="acknowledged"]`).waitFor();
    expect((await street.post(`/api/v1/alarms/${alarmId}/actions`, { action: "close", outcome: "false_alarm" })).status).toBe(200);
    await card.waitFor({ state: "detached" });
    await page.context().close();
  });

  it("a buffered SOS shows the device's own time; she acknowledges, sees the caregivers near the elder, sends one with 派他/她上门 and sees the order number in the steps; she shows a family contact's full number to call; 终端设备 names the elder of each device", async () => {
    const page = await openAlarmCenter();
    // the button was offline for five minutes and sends its SOS now
    const alarmId = await press("sos", 300);
    const card = page.locator(`[data-testid="alarm-card"][data-alarm-id="${alarmId}"]`);
    await card.waitFor();
    expect(await card.getByTestId("alarm-device-time").innerText()).toMatch(/^设备时间 \d\d:\d\d:\d\d$/);
    await card.click();
    const detail = page.locator(`[data-testid="alarm-detail"][data-alarm-id="${alarmId}"]`);
    await detail.waitFor();
    const deviceTime = detail.getByTestId("alarm-device-time");
    expect(await deviceTime.innerText()).toMatch(/^设备时间 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(Number(await deviceTime.getAttribute("data-lag-seconds"))).toBeGreaterThanOrEqual(299);

    // the caregivers near her home, as the server ranks them: name, provider, distance in words, duty, masked phone
    // (the caregivers only: volunteers living nearby, if any, are alarms-volunteers.e2e's)
    const all = (await operator.get(`/api/v1/alarms/${alarmId}/responders`)).body as { items: { kind: string; workerId: string; name: string; providerName: string; phone: string; onDuty: boolean; product: unknown }[] };
    const near = { items: all.items.filter((r) => r.kind === "worker") };
    expect(near.items.length).toBeGreaterThan(0);
    const rows = page.locator('[data-testid="alarm-responder"][data-kind="worker"]');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-worker-id")))).toEqual(near.items.map((r) => r.workerId));
    const first = rows.first();
    expect(await first.getByTestId("alarm-responder-name").innerText()).toBe(near.items[0]!.name);
    expect(await first.getByTestId("alarm-responder-provider").innerText()).toBe(near.items[0]!.providerName);
    expect(await first.getByTestId("alarm-responder-distance").innerText()).toMatch(/^(\d+ 米|\d+(\.\d)? 公里)$/);
    expect(await first.getByTestId("alarm-responder-duty").innerText()).toBe(near.items[0]!.onDuty ? "在岗" : "不在岗");
    expect(await first.innerText()).toContain(near.items[0]!.phone);
    // not before 接警: the server would refuse it
    expect(await first.getByTestId("alarm-responder-dispatch").isDisabled()).toBe(true);
    await settle(page);
    await shot(page, "9x-console-alarms-08-responders");

    await page.getByTestId("alarm-acknowledge").click();
    await page.locator(`[data-testid="alarm-detail"][data-status="acknowledged"]`).waitFor();
    const pick = near.items.find((r) => r.product)!;
    const row = page.locator(`[data-testid="alarm-responder"][data-worker-id="${pick.workerId}"]`);
    const send = row.getByTestId("alarm-responder-dispatch");
    await page.waitForFunction((e) => !!e && !(e as HTMLButtonElement).disabled, await send.elementHandle());
    // a caregiver without a service to order under cannot be sent, and the row says why
    for (const r of near.items.filter((x) => !x.product)) {
      expect(await page.locator(`[data-testid="alarm-responder"][data-worker-id="${r.workerId}"]`).getByTestId("alarm-responder-dispatch").isDisabled()).toBe(true);
    }

    // 派他/她上门: a short note, prefilled, then the order
    await send.click();
    const notes = page.getByTestId("alarm-responder-notes");
    await notes.waitFor();
    expect(await notes.inputValue()).toBe("就近派人上门查看");
    await page.getByTestId("alarm-responder-submit").click();
    const step = page.locator('[data-testid="alarm-step"][data-action="dispatch"]');
    await step.waitFor();
    const orderNo = (await step.getAttribute("data-result")) ?? "";
    expect(orderNo).toMatch(/^\d{8,}$/);
    expect(await step.innerText()).toContain(`订单 ${orderNo}`);
    expect(await step.innerText()).toContain(pick.name);
    expect(await page.getByTestId("alarm-responder-sent").innerText()).toContain(orderNo);
    const onRecord = (await operator.get(`/api/v1/alarms/${alarmId}`)).body as { actions: { action: string; result: string | null }[] };
    expect(onRecord.actions.at(-1)).toMatchObject({ action: "dispatch", result: orderNo });
    // the free-text 派人上门 is still there for anyone else
    expect(await page.getByTestId("alarm-action-dispatch").isDisabled()).toBe(false);
    await settle(page);
    await shot(page, "9x-console-alarms-09-dispatched");

    // a family contact's full number, for calling: masked until asked for, then a tel: link, and the page says it was recorded
    const contact = page.getByTestId("alarm-contact").first();
    const contactId = (await contact.getAttribute("data-contact-id"))!;
    expect(await contact.getByTestId("alarm-contact-phone").innerText()).toMatch(/\*{4}/);
    await contact.getByTestId("alarm-contact-reveal").click();
    const tel = page.locator(`[data-testid="alarm-contact"][data-contact-id="${contactId}"] a[data-testid="alarm-contact-phone"]`);
    await tel.waitFor();
    const full = (await operator.post(`/api/v1/elders/${elder.id}/contacts/${contactId}/reveal`)).body.phone as string;
    expect(await tel.getAttribute("href")).toBe(`tel:${full}`);
    expect((await tel.innerText()).trim()).toBe(full);
    expect(await page.getByTestId("alarm-contact-reveal-note").innerText()).toBe("查看家属完整号码的操作已记入审计日志。");
    await settle(page);
    await shot(page, "9x-console-alarms-10-contact-revealed");

    expect((await operator.post(`/api/v1/alarms/${alarmId}/actions`, { action: "close", outcome: "worker_sent" })).status).toBe(200);

    // 终端设备 names the elder each device is bound to, linked to her record; an unbound one says 未绑定
    const spare = await district.post("/api/v1/devices", { serial: `E2E-SPARE-${Date.now()}`, type: "safety_bell", vendor: "演示", model: "PA-1", heartbeatSeconds: 3600 });
    expect(spare.status).toBe(201);
    await page.getByTestId("menu-devices").click();
    const bound = page.locator(`[data-testid="device-row"][data-device-id="${deviceId}"]`);
    await bound.waitFor();
    expect(await bound.getByTestId("device-elder").innerText()).toBe(elder.name);
    expect(await bound.getByTestId("device-elder").getAttribute("href")).toBe(`/elders/${elder.id}`);
    expect(await page.locator(`[data-testid="device-row"][data-device-id="${spare.body.id}"]`).getByTestId("device-elder-unbound").innerText()).toBe("未绑定");
    await page.waitForFunction(() => !document.querySelector(".ant-message-notice"));
    await shot(page, "9x-console-devices-elder-names");
    await page.context().close();
  });

  it("已关闭 lists closed alarms 25 at a time, 加载更多 bringing the older ones", async () => {
    // 26 alarms raised and closed, so that there is more than one page whatever came before
    for (let i = 0; i < 26; i++) {
      const id = await press("fall");
      await operator.post(`/api/v1/alarms/${id}/actions`, { action: "acknowledge" });
      expect((await operator.post(`/api/v1/alarms/${id}/actions`, { action: "close", outcome: "false_alarm" })).status).toBe(200);
    }
    const page = await openAlarmCenter();
    await page.getByTestId("alarm-tab-closed").click();
    const rows = page.getByTestId("alarm-closed-row");
    await rows.nth(24).waitFor();
    expect(await rows.count()).toBe(25);
    expect(await page.getByTestId("alarm-closed-loaded").innerText()).toBe("已加载 25 条");
    await page.getByTestId("alarm-closed-more").click();
    await rows.nth(25).waitFor();
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-alarm-id")));
    expect(new Set(ids).size).toBe(ids.length);
    // an older one opens like any other
    await rows.nth(25).click();
    await page.locator(`[data-testid="alarm-detail"][data-alarm-id="${ids[25]}"][data-status="closed"]`).waitFor();
    // the elder's card filled in before the picture
    await page.getByTestId("alarm-step").first().waitFor();
    await page.getByTestId("alarm-contact").first().waitFor();
    await page.locator('[data-testid="alarm-contacts"] .ant-spin-spinning').waitFor({ state: "detached" });
    await shot(page, "9x-console-alarms-11-closed-more");
    await page.context().close();
  });
});
