import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { elderInput, makeIdNumber, makePhone, north, uniqueBirth } from "../test/factories.ts";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { inputOf, launch, newPage, shot, signIn } from "./browser.ts";

// A volunteer on the alarm console's nearby list: the community worker gives a registered volunteer her home position
// in 时间银行; an elder two streets from her presses his call button; the operator sees her tagged 志愿者 with her
// distance and a masked phone, reads the full number (on record) to call her, and records 请志愿者前往 — no order.
// Its own elder and volunteer, ~15 km from the demo elder, so the other alarm journeys' nearby lists never see them.
const HOME = { lat: 29.3871 + Math.random() * 0.01, lng: 106.3954 };
const NAMES = ["韩秀梅", "韩雪松", "韩玉兰", "韩建英", "韩丽华"];
let browser: Browser;
let community: Client;
let district: Client;
let volunteer: { id: string; name: string; phone: string; regionCode: string };
let elderId: string;
let basic: string;

async function login(username: string) {
  const c = new Client(inject("e2eUrl"));
  expect((await c.post("/api/v1/auth/login", { username, password: TEST_PASSWORD })).status).toBe(200);
  return c;
}

beforeAll(async () => {
  browser = await launch();
  [community, district] = await Promise.all([login("community"), login("district")]);
  const region = (await community.get("/api/v1/auth/me")).body.regionCode as string;
  const name = NAMES[Math.floor(Math.random() * NAMES.length)]!;
  const reg = await community.post("/api/v1/volunteers", { name, idNumber: makeIdNumber(uniqueBirth(1966), "F"), phone: makePhone(), regionCode: region, team: "应急邻里队" });
  expect(reg.status).toBe(201);
  volunteer = reg.body;
  expect((await community.post(`/api/v1/volunteers/${volunteer.id}/status`, { status: "verified" })).status).toBe(200);
  const elder = await district.post("/api/v1/elders", elderInput({ name: "钟德福", regionCode: region, ...HOME }));
  expect(elder.status).toBe(201);
  elderId = elder.body.id;
  const device = await district.post("/api/v1/devices", { serial: `E2E-VOL-${Date.now()}`, type: "call_button", vendor: "演示", model: "SOS-1", heartbeatSeconds: 3600, elderId });
  expect(device.status).toBe(201);
  basic = `Basic ${Buffer.from(`${device.body.credentials.username}:${device.body.credentials.password}`).toString("base64")}`;
});
afterAll(() => browser?.close());

describe("volunteers near an alarm, in the console", () => {
  it("the community worker gives the volunteer her home position in 时间银行", async () => {
    const page = await newPage(browser);
    await signIn(page, "community");
    await page.getByTestId("menu-timebank").click();
    await page.getByTestId("tb-volunteer-search").locator("input").fill(volunteer.name);
    await page.getByTestId("tb-volunteer-search").locator("input").press("Enter");
    const row = page.locator(`[data-testid="tb-volunteer-row"][data-volunteer-id="${volunteer.id}"]`);
    expect(await row.getByTestId("tb-volunteer-home").innerText()).toBe("未填");
    await row.getByTestId("tb-edit").click();
    // only a latitude: the form asks for both, nothing is sent
    const home = north(HOME, 400);
    await (await inputOf(page, "tb-edit-lat")).fill(String(home.lat.toFixed(6)));
    await page.getByTestId("tb-edit-submit").click();
    await page.locator(".ant-form-item-explain-error").filter({ hasText: "纬度和经度须同时填写" }).first().waitFor();
    await (await inputOf(page, "tb-edit-lng")).fill(String(home.lng.toFixed(6)));
    await page.waitForTimeout(300);
    await shot(page, "alarms-volunteers-01-home");
    await page.getByTestId("tb-edit-submit").click();
    await page.locator(".ant-message").filter({ hasText: "已保存" }).waitFor();
    await page.locator(`[data-testid="tb-volunteer-row"][data-volunteer-id="${volunteer.id}"] [data-testid="tb-volunteer-home"]`).filter({ hasText: "已填" }).waitFor();
    const listed = (await community.get(`/api/v1/volunteers?q=${encodeURIComponent(volunteer.name)}`)).body.items.find((v: { id: string }) => v.id === volunteer.id);
    expect(listed.lat).toBeCloseTo(home.lat, 5);
    expect(listed.lng).toBeCloseTo(home.lng, 5);
    await page.context().close();
  });

  it("the operator sees her tagged 志愿者 near the elder, reads her full number on record and asks her to go: a step naming her, no order", async () => {
    const raised = await new Client(inject("e2eUrl")).request("POST", "/api/v1/device-messages", {
      json: { kind: "event", eventId: `vol-sos-${Date.now()}`, at: new Date().toISOString(), type: "sos" },
      headers: { authorization: basic },
    });
    expect(raised.status).toBe(202);
    const alarmId = raised.body.alarms[0].id as string;
    const page: Page = await newPage(browser);
    await signIn(page, "operator");
    await page.getByTestId("menu-alarms").click();
    const card = page.locator(`[data-testid="alarm-card"][data-alarm-id="${alarmId}"]`);
    await card.click();
    const row = page.locator(`[data-testid="alarm-responder"][data-kind="volunteer"][data-volunteer-id="${volunteer.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId("alarm-responder-volunteer-tag").innerText()).toBe("志愿者");
    expect(await row.getByTestId("alarm-responder-name").innerText()).toBe(volunteer.name);
    expect(await row.getByTestId("alarm-responder-provider").innerText()).toBe("应急邻里队");
    expect(await row.getByTestId("alarm-responder-distance").innerText()).toMatch(/^(3|4)\d\d 米$/);
    expect(await row.getByTestId("alarm-responder-phone").innerText()).toBe(volunteer.phone);
    expect(volunteer.phone).toMatch(/\*{4}/);
    expect(await row.innerText()).toContain("志愿服务，不下订单");
    // not before 接警
    expect(await row.getByTestId("alarm-volunteer-dispatch").isDisabled()).toBe(true);

    // 查看完整号码: a tel: link with the whole number, and the page says the reading is on record
    await row.getByTestId("alarm-volunteer-reveal").click();
    const tel = row.locator('a[data-testid="alarm-responder-phone"]');
    await tel.waitFor();
    expect(await tel.getAttribute("href")).toMatch(/^tel:1\d{10}$/);
    expect(await page.getByTestId("alarm-volunteer-reveal-note").innerText()).toContain("审计");
    const audit = (await district.get(`/api/v1/audit-events?action=volunteer.reveal_phone&targetId=${volunteer.id}`)).body.items as { action: string; targetId: string; actorUsername: string }[];
    expect(audit.some((e) => e.targetId === volunteer.id && e.actorUsername === "operator")).toBe(true);
    await page.waitForTimeout(400);
    await shot(page, "alarms-volunteers-02-nearby");

    // 接警, then 请志愿者前往 with the prefilled note
    await page.getByTestId("alarm-acknowledge").click();
    await page.locator(`[data-testid="alarm-detail"][data-status="acknowledged"]`).waitFor();
    // the number she read stays on screen after 接警 (the alarm moved from the open list to the acknowledged one)
    expect(await tel.getAttribute("href")).toMatch(/^tel:1\d{10}$/);
    const ask = row.getByTestId("alarm-volunteer-dispatch");
    await page.waitForFunction((e) => !!e && !(e as HTMLButtonElement).disabled, await ask.elementHandle());
    await ask.click();
    const notes = page.getByTestId("alarm-responder-notes");
    await notes.waitFor();
    expect(await notes.inputValue()).toBe("已电话联系，志愿者答应先去老人家查看");
    await page.waitForTimeout(400);
    await shot(page, "alarms-volunteers-03-ask");
    await page.getByTestId("alarm-responder-submit").click();
    const step = page.locator('[data-testid="alarm-step"][data-action="dispatch"]');
    await step.waitFor();
    expect(await step.getAttribute("data-volunteer-id")).toBe(volunteer.id);
    expect(await step.innerText()).toContain(`志愿者 ${volunteer.name}`);
    expect(await page.getByTestId("alarm-responder-sent").innerText()).toContain(`请志愿者 ${volunteer.name} 前往`);
    const orders = (await district.get(`/api/v1/service-orders?elderId=${elderId}`)).body.items as unknown[];
    expect(orders).toEqual([]);
    await page.waitForTimeout(400);
    await shot(page, "alarms-volunteers-04-asked");
    await page.context().close();
  });
});
