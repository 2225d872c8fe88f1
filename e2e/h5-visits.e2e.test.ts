import { gcj02ToWgs84 } from "@carecircle/shared";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { elderInput, makeIdNumber, makePhone, north, uniqueBirth } from "../test/factories.ts";
import { Client } from "../test/harness.ts";
import { TEST_PASSWORD } from "../test/template.ts";
import { launch, shot } from "./browser.ts";
import { expectStandard, phone, signInH5 } from "./h5-helpers.ts";
import { E2E_VISIT_VOLUNTEER } from "./setup.ts";

// Visits in the H5 app beyond the community worker's own home visits (visits.e2e): a volunteer given a home visit
// goes and records it; the community worker makes her care calls (电话关怀) — dials with the full number (an audited
// read), records one call nobody answered and one that got through with a worrying answer, passed to the alarm center.
// Every elder here is made by this file (unique names), so the other journeys' data cannot get in the way.
let browser: Browser;
const api = async (username: string) => {
  const c = new Client(inject("e2eUrl"));
  expect((await c.post("/api/v1/auth/login", { username, password: TEST_PASSWORD })).status).toBe(200);
  return c;
};
interface Plan {
  elderId: string;
  kind: string;
  nextDue: string;
  lastDoneOn: string | null;
  unansweredCalls: number;
  assigneeName: string | null;
}
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
const tag = `${Date.now() % 100_000}`;
// a home in the demo community (GCJ-02, as records keep it)
const HOME = { lat: 29.5028, lng: 106.5118 };

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** An elder of the community worker's community; `living` decides the plan (alone: home visits; empty nest at 80+: calls). */
async function makeElder(community: Client, region: string, name: string, living: string, phoneNo = makePhone()) {
  const r = await community.post("/api/v1/elders", elderInput({ name, regionCode: region, livingSituation: living, phone: phoneNo, lat: HOME.lat, lng: HOME.lng, idNumber: makeIdNumber(uniqueBirth(1940), "F") }));
  expect(r.status).toBe(201);
  return { id: r.body.id as string, name, phone: phoneNo };
}

describe("H5 visits and care calls", () => {
  it("(a) a volunteer given a home visit sees the elder on his list, checks in at the door and records the visit; the plan leaves his list", async () => {
    const [community, street] = await Promise.all([api("community"), api("street")]);
    const region = (await community.get("/api/v1/auth/me")).body.regionCode as string;
    // the community worker registers the volunteer (his phone account linked) and verifies him
    const volunteerName = `入户志愿者${tag}`;
    const registered = await community.post("/api/v1/volunteers", { name: volunteerName, idNumber: makeIdNumber(uniqueBirth(1972), "M"), phone: makePhone(), regionCode: region, team: "邻里探访队", username: E2E_VISIT_VOLUNTEER.username });
    expect(registered.status).toBe(201);
    expect((await community.post(`/api/v1/volunteers/${registered.body.id}/status`, { status: "verified" })).status).toBe(200);
    // an elder living alone: weekly-or-fortnightly home visits once the plans are generated
    const elder = await makeElder(community, region, `独居老人${tag}`, "alone");
    expect((await community.post("/api/v1/visit-plans", { regionCode: region })).status).toBe(200);
    const plan = ((await community.get("/api/v1/visit-plans?kind=home")).body.items as Plan[]).find((p) => p.elderId === elder.id);
    expect(plan?.nextDue).toBe(today());
    // the street gives the visit to the volunteer
    expect((await street.post(`/api/v1/visit-plans/${elder.id}/assignee`, { volunteerId: registered.body.id })).status).toBe(200);

    // his phone is at the elder's door (WGS-84; the record keeps GCJ-02)
    const door = gcj02ToWgs84(north(HOME, 25));
    const vol = await phone(browser, { geolocation: { latitude: door.lat, longitude: door.lng }, permissions: ["geolocation"] });
    await signInH5(vol, E2E_VISIT_VOLUNTEER.username);
    await expect.poll(() => vol.getByTestId("home-visits").getAttribute("data-count")).toBe("1");
    await vol.getByTestId("home-visits").tap();
    await vol.getByTestId("visits-page").waitFor();
    const card = vol.locator(`[data-testid="visit-card"][data-elder-id="${elder.id}"]`);
    await card.waitFor();
    expect(await card.innerText()).toContain(elder.name);
    expect(await card.innerText()).toContain("独居");
    // a volunteer visits only: no 电话关怀 tab (he may not see a full phone number)
    expect(await vol.getByTestId("visit-tab-calls").count()).toBe(0);
    await expectStandard(vol);
    await shot(vol, "h5-visits-01-volunteer-list");

    await card.getByTestId("visit-open").tap();
    await vol.getByTestId("visit-form").waitFor();
    await vol.getByTestId("visit-check-in-submit").tap();
    expect(await vol.getByTestId("visit-checked-in").innerText()).toMatch(/约 2\d 米/);
    await vol.getByTestId("finding-health").getByText("一般").tap();
    await vol.getByTestId("finding-homeSafety").getByText("好", { exact: true }).tap();
    await vol.getByTestId("finding-mood").getByText("好", { exact: true }).tap();
    await vol.getByTestId("need-companionship").tap();
    await vol.getByTestId("visit-notes").fill("精神不错，想找人聊天");
    // nothing worrying: nobody is asked to follow up
    expect(await vol.getByTestId("visit-follow-ups").count()).toBe(0);
    await shot(vol, "h5-visits-02-volunteer-form");
    await vol.getByTestId("visit-submit").tap();
    const done = vol.getByTestId("visit-done");
    await done.waitFor();
    expect(await done.getAttribute("data-worrying")).toBe("false");
    expect(await done.innerText()).toContain("探访已记录");
    await expectStandard(vol);
    await shot(vol, "h5-visits-03-volunteer-done");

    // the plan moved on (done today, next due after its interval) and left his list
    await vol.getByTestId("visit-back-to-list").tap();
    await vol.getByTestId("visits-empty").waitFor();
    const after = ((await community.get("/api/v1/visit-plans?kind=home")).body.items as Plan[]).find((p) => p.elderId === elder.id);
    expect(after?.lastDoneOn).toBe(today());
    expect(after!.nextDue > today()).toBe(true);
    expect(after?.assigneeName).toBe(volunteerName);
  });

  it("(b) the community worker makes her care calls in the H5 app: dials with the full number, one nobody answers, one answered with a worrying answer passed to the alarm center", async () => {
    const [community, operator, district] = await Promise.all([api("community"), api("operator"), api("district")]);
    const me = (await community.get("/api/v1/auth/me")).body as { id: string; regionCode: string };
    // two empty-nest elders over 80: care calls (phone plans), given to this community worker
    const silent = await makeElder(community, me.regionCode, `空巢甲${tag}`, "empty_nest");
    const low = await makeElder(community, me.regionCode, `空巢乙${tag}`, "empty_nest");
    expect((await community.post("/api/v1/visit-plans", { regionCode: me.regionCode })).status).toBe(200);
    for (const e of [silent, low]) expect((await community.post(`/api/v1/visit-plans/${e.id}/assignee`, { userId: me.id })).status).toBe(200);
    const due = (await community.get("/api/v1/visits?kind=phone")).body.items as { elderId: string; phoneMasked: string | null; unansweredCalls: number }[];
    expect(due.find((c) => c.elderId === silent.id)).toMatchObject({ phoneMasked: `${silent.phone.slice(0, 3)}****${silent.phone.slice(-4)}`, unansweredCalls: 0 });

    const worker = await phone(browser);
    await signInH5(worker, "community");
    // 电话关怀 beside 今日探访 on her home screen, with how many calls are due
    const tile = worker.getByTestId("home-calls");
    await expect.poll(() => tile.getAttribute("data-count")).toBe(String(due.length));
    expect(await tile.innerText()).toContain("电话关怀");
    await shot(worker, "h5-visits-04-worker-home");
    await tile.tap();
    await worker.getByTestId("calls-page").waitFor();
    expect(await worker.getByTestId("visit-tab-calls").getAttribute("aria-current")).toBe("page");
    const first = worker.locator(`[data-testid="call-card"][data-elder-id="${silent.id}"]`);
    await first.waitFor();
    expect(await first.innerText()).toContain(silent.name);
    expect(await first.innerText()).toContain("空巢");
    expect(await first.getByTestId("call-phone").innerText()).toContain("****");
    await expectStandard(worker);
    await shot(worker, "h5-visits-05-worker-calls");

    // 拨打电话: the full number (the read is in the audit log) and a tel: link to dial it
    await first.getByTestId("call-reveal").tap();
    const dial = first.getByTestId("call-dial");
    await dial.waitFor();
    expect(await dial.getAttribute("href")).toBe(`tel:${silent.phone}`);
    expect(await first.getByTestId("call-phone").innerText()).toContain(silent.phone);
    const reads = (await district.get(`/api/v1/audit-events?action=elder.reveal&targetId=${silent.id}`)).body.items as { action: string; actor?: unknown }[];
    expect(reads.length).toBe(1);
    await first.scrollIntoViewIfNeeded();
    await shot(worker, "h5-visits-06-worker-dial");

    // nobody answers: one tap; tried again tomorrow, and the card leaves today's list
    await first.getByTestId("call-no-answer").tap();
    const recorded = worker.locator(`[data-testid="call-recorded"][data-elder-id="${silent.id}"]`);
    await recorded.waitFor();
    expect(await recorded.innerText()).toContain(`${silent.name} 无人接听（已连续 1 次），明天再打`);
    await first.waitFor({ state: "detached" });
    await shot(worker, "h5-visits-07-worker-no-answer");

    // the other answers and sounds poorly: 接通了 → what was heard, a worrying health answer → the alarm center
    const second = worker.locator(`[data-testid="call-card"][data-elder-id="${low.id}"]`);
    await second.getByTestId("call-answered").tap();
    await worker.getByTestId("call-form").waitFor();
    expect(await worker.locator("h1").innerText()).toContain(low.name);
    await worker.getByTestId("finding-health").getByText("令人担忧").tap();
    await worker.getByTestId("finding-homeSafety").getByText("好", { exact: true }).tap();
    await worker.getByTestId("finding-mood").getByText("差").tap();
    await worker.getByTestId("need-medical").tap();
    await worker.getByTestId("visit-notes").fill("说胸口闷，两天没出门");
    await worker.getByTestId("visit-follow-ups").waitFor();
    expect(await worker.getByTestId("follow-alarm").isChecked()).toBe(true);
    await expectStandard(worker);
    await worker.getByTestId("visit-follow-ups").scrollIntoViewIfNeeded();
    await shot(worker, "h5-visits-08-worker-answered");
    await worker.getByTestId("call-submit").tap();
    const done = worker.getByTestId("call-done");
    await done.waitFor();
    expect(await done.getAttribute("data-worrying")).toBe("true");
    expect(await done.innerText()).toContain("已转告警中心，坐席会跟进");
    await expectStandard(worker);
    await shot(worker, "h5-visits-09-worker-call-done");
    await worker.getByTestId("call-back-to-list").tap();
    await worker.getByTestId("calls-page").waitFor();
    await expect.poll(() => worker.locator(`[data-testid="call-card"][data-elder-id="${low.id}"]`).count()).toBe(0);

    // the server has both: one unanswered call (next try tomorrow), one call through (done today) and its follow-up
    const plans = (await community.get("/api/v1/visit-plans?kind=phone")).body.items as Plan[];
    expect(plans.find((p) => p.elderId === silent.id)).toMatchObject({ unansweredCalls: 1, nextDue: tomorrow(), lastDoneOn: null });
    const answered = plans.find((p) => p.elderId === low.id);
    expect(answered).toMatchObject({ unansweredCalls: 0, lastDoneOn: today() });
    expect(answered!.nextDue > today()).toBe(true);
    const followUps = (await operator.get("/api/v1/follow-ups")).body.items as { elderId: string; kind: string }[];
    expect(followUps.some((f) => f.elderId === low.id && f.kind === "visit_concern")).toBe(true);
    expect(followUps.some((f) => f.elderId === silent.id)).toBe(false);

    // the same list in English: the calls still due, the tabs, the buttons
    await worker.evaluate(() => localStorage.setItem("carecircle.h5.lang", "en"));
    await worker.reload();
    await worker.getByTestId("calls-page").waitFor();
    expect(await worker.locator("h1").innerText()).toBe("Care calls");
    expect(await worker.getByTestId("visit-tab-visits").innerText()).toContain("Today's visits");
    const card = worker.getByTestId("call-card").first();
    if (await card.count()) {
      expect(await card.getByTestId("call-reveal").innerText()).toContain("Call");
      expect(await card.getByTestId("call-no-answer").innerText()).toContain("No answer");
    } else expect(await worker.getByTestId("calls-empty").innerText()).toContain("No care call to make today");
    await expectStandard(worker);
    await shot(worker, "h5-visits-10-worker-calls-english");
    await worker.context().close();
  });
});
