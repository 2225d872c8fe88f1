import { createUser, type Ctx, expireHours, SYSTEM_ACTOR } from "@carecircle/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIdNumber, makePhone, uniqueBirth } from "../../../test/factories.ts";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

// The volunteer time bank over HTTP on both engines: volunteers registered and verified, confirmed services deposited,
// gifts to a relative, redemption by an eligible elder, donations to the district's pool — an append-only ledger that
// always balances and never goes below zero, under concurrent use too.
let server: TestServer;
let community: Client;
let elder: Client;
let elderId: string;
let elderRegion: string;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const sum = async (q: string) => Number((await server.database.query<{ n: string | null }>(q))[0]!.n ?? 0);

beforeAll(async () => {
  server = await startTestServer();
  [community, elder] = await Promise.all(["community", "elder"].map((u) => server.login(u)));
  const me = (await elder.get("/api/v1/me/elders")).body.items[0];
  elderId = me.id;
  elderRegion = me.regionCode;
});
afterAll(() => server?.close());

async function volunteer(name: string, verified = true) {
  const res = await community.post("/api/v1/volunteers", { name, idNumber: makeIdNumber(uniqueBirth(1962), "F"), phone: makePhone(), regionCode: elderRegion, team: "杨家坪互助队" });
  expect(res.status).toBe(201);
  if (verified) expect((await community.post(`/api/v1/volunteers/${res.body.id}/status`, { status: "verified" })).status).toBe(200);
  return res.body.id as string;
}
const serve = (volunteerId: string, minutes: number, day = today(), as = community, key?: string) =>
  as.request("POST", "/api/v1/timebank/services", { json: { volunteerId, elderId, day, minutes, description: "陪同散步、读报" }, headers: key ? { "idempotency-key": key } : {} });

describe("the time bank", () => {
  it("registers volunteers with a checked identity and age, once; deposits only a verified volunteer's confirmed service", async () => {
    const bad = await community.post("/api/v1/volunteers", { name: "", idNumber: "110101200001011234", regionCode: elderRegion });
    expect(bad.status).toBe(422);
    const child = await community.post("/api/v1/volunteers", { name: "小明", idNumber: makeIdNumber("20150101"), regionCode: elderRegion });
    expect(child.status).toBe(422);
    expect(child.body.errors[0].message).toContain("18");
    const idNumber = makeIdNumber(uniqueBirth(1960));
    expect((await community.post("/api/v1/volunteers", { name: "王芳", idNumber, regionCode: elderRegion })).status).toBe(201);
    expect((await community.post("/api/v1/volunteers", { name: "王芳", idNumber, regionCode: elderRegion })).status).toBe(409);
    const pending = await volunteer("赵敏", false);
    expect((await serve(pending, 60)).status).toBe(409);
    const list = (await community.get("/api/v1/volunteers")).body.items;
    expect(JSON.stringify(list)).not.toContain(idNumber);
  });

  it("a confirmed service deposits its hours once (the elder confirms, or a community worker for her); wrong amounts change nothing", async () => {
    const v = await volunteer("李红");
    expect((await serve(v, 45)).status).toBe(422); // not a whole half hour
    expect((await serve(v, 60, "2099-01-01")).status).toBe(422);
    const first = await serve(v, 90, today(), elder, `svc-${v}`);
    expect(first.status).toBe(201);
    expect((await serve(v, 90, today(), elder, `svc-${v}`)).status).toBe(200); // the same confirmation again
    const acct = (await community.get(`/api/v1/timebank/accounts?volunteerId=${v}`)).body;
    expect(acct.balanceMinutes).toBe(90);
    expect(acct.entries).toHaveLength(1);
    expect(acct.entries[0]).toMatchObject({ minutes: 90, reason: "deposit", kind: "deposit" });
    expect(acct.entries[0].detail).toMatchObject({ elderId, confirmedBy: "elder" });
    const listed = (await community.get("/api/v1/volunteers")).body.items.find((x: { id: string }) => x.id === v);
    expect(listed.balanceMinutes).toBe(90);
  });

  it("the day's maximum refuses more; above the cap the hours go to the district's pool (rules per region)", async () => {
    const district = elderRegion.slice(0, 6);
    await server.database.query("INSERT INTO region_rules (region_code, key, value, effective_from) VALUES ($1, 'timebank.dailyMaxMinutes', '120', '2000-01-01'), ($1, 'timebank.capMinutes', '180', '2000-01-01')", [district]);
    try {
      const v = await volunteer("周杰");
      expect((await serve(v, 120)).status).toBe(201);
      const over = await serve(v, 30);
      expect(over.status).toBe(422);
      expect(over.body.detail).toContain("每天最多存入 2 小时");
      const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
      const pool = () => sum(`SELECT balance_minutes AS n FROM timebank_accounts WHERE holder_kind = 'pool' AND region_code = '${district}'`);
      const before = await pool();
      expect((await serve(v, 120, yesterday)).status).toBe(201);
      expect((await community.get(`/api/v1/timebank/accounts?volunteerId=${v}`)).body.balanceMinutes).toBe(180);
      expect(await pool()).toBe(before + 60);
    } finally {
      await server.database.query("DELETE FROM region_rules WHERE key LIKE 'timebank.%'");
    }
  });

  it("hours gifted to a mother are redeemed by her when she is eligible (60+, needing care); a donation goes to the pool; no overdraft", async () => {
    const v = await volunteer("陈静");
    await serve(v, 240, today());
    const account = (await community.get(`/api/v1/timebank/accounts?volunteerId=${v}`)).body.id as string;
    const transfer = (body: Record<string, unknown>) => community.post("/api/v1/timebank/transfers", body);
    expect((await transfer({ kind: "gift", accountId: account, minutes: 120, toElderId: elderId, relation: "friend" })).status).toBe(422);
    expect((await transfer({ kind: "cash", accountId: account, minutes: 60 })).status).toBe(422); // no such path
    expect((await transfer({ kind: "gift", accountId: account, minutes: 120, toElderId: elderId, relation: "parent" })).status).toBe(201);
    const mother = (await elder.get(`/api/v1/timebank/accounts?elderId=${elderId}`)).body;
    expect(mother.balanceMinutes).toBeGreaterThanOrEqual(120);
    const redeem = { kind: "redeem", accountId: mother.id, minutes: 60, beneficiaryElderId: elderId, relation: "self", description: "志愿者上门助洁" };
    await server.database.query("UPDATE elders SET ability_level = 0 WHERE id = $1", [elderId]);
    const refused = await elder.post("/api/v1/timebank/transfers", redeem);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain("需要照护");
    await server.database.query("UPDATE elders SET ability_level = 2 WHERE id = $1", [elderId]);
    expect((await elder.post("/api/v1/timebank/transfers", redeem)).status).toBe(201);
    expect((await transfer({ kind: "donate", accountId: account, minutes: 60 })).status).toBe(201);
    const left = (await community.get(`/api/v1/timebank/accounts/${account}`)).body;
    expect(left.balanceMinutes).toBe(60);
    const overdraft = await transfer({ kind: "donate", accountId: account, minutes: 90 });
    expect(overdraft.status).toBe(422);
    expect((await community.get(`/api/v1/timebank/accounts/${account}`)).body.balanceMinutes).toBe(60);
  });

  it("under concurrent donations no account goes below zero, and the whole ledger balances", async () => {
    const v = await volunteer("孙丽");
    await serve(v, 300, today());
    const account = (await community.get(`/api/v1/timebank/accounts?volunteerId=${v}`)).body.id as string;
    const results = await Promise.all(Array.from({ length: 16 }, () => community.post("/api/v1/timebank/transfers", { kind: "donate", accountId: account, minutes: 30 })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.every((r) => r.status === 201 || r.status === 422)).toBe(true);
    expect((await community.get(`/api/v1/timebank/accounts/${account}`)).body.balanceMinutes).toBe(0);
    // every operation sums to zero; each balance is the sum of its entries; held = issued − redeemed
    expect(await sum("SELECT count(*) AS n FROM (SELECT op_id FROM timebank_entries GROUP BY op_id HAVING sum(minutes) <> 0) x")).toBe(0);
    expect(await sum("SELECT count(*) AS n FROM timebank_accounts a WHERE a.balance_minutes <> (SELECT COALESCE(sum(minutes), 0) FROM timebank_entries e WHERE e.account_id = a.id)")).toBe(0);
    const held = await sum("SELECT sum(balance_minutes) AS n FROM timebank_accounts");
    const issued = await sum("SELECT -sum(minutes) AS n FROM timebank_entries WHERE system_account = 'issued'");
    const redeemed = await sum("SELECT sum(minutes) AS n FROM timebank_entries WHERE system_account = 'redeemed'");
    expect(held).toBe(issued - redeemed);
    await expect(server.database.exec("DELETE FROM timebank_entries")).rejects.toThrow(/append-only/);
  });

  it("an elder asks, the demo volunteer takes it, checks in at the door (not 1 km away), checks out; the elder confirms and the time served is deposited", async () => {
    const idNumber = makeIdNumber(uniqueBirth(1958), "F");
    const reg = await community.post("/api/v1/volunteers", { name: "志愿者本人", idNumber, regionCode: elderRegion, username: "volunteer" });
    expect(reg.status).toBe(201);
    expect(reg.body.hasAccount).toBe(true);
    expect((await community.post("/api/v1/volunteers", { name: "x", idNumber: makeIdNumber(uniqueBirth(1959)), regionCode: elderRegion, username: "volunteer" })).status).toBe(422);
    const vol = await server.login("volunteer");
    const asked = await elder.post("/api/v1/timebank/requests", { elderId, description: "陪我去菜市场", day: today(), startTime: "09:30", minutes: 60 });
    expect(asked.status).toBe(201);
    const id = asked.body.id as string;
    const act = (as: Client, body: Record<string, unknown>) => as.post(`/api/v1/timebank/requests/${id}/actions`, body);
    // not verified yet: the request is listed but cannot be taken
    expect((await act(vol, { action: "take" })).status).toBe(409);
    await community.post(`/api/v1/volunteers/${reg.body.id}/status`, { status: "verified" });
    const open = (await vol.get("/api/v1/timebank/requests?status=open")).body.items.find((r: { id: string }) => r.id === id);
    expect(open).toMatchObject({ description: "陪我去菜市场", address: null, actions: ["take"] });
    expect((await act(elder, { action: "take" })).status).toBe(403);
    const taken = await act(vol, { action: "take" });
    expect(taken.body).toMatchObject({ status: "taken", volunteerName: "志愿者本人" });
    expect(taken.body.address).toBeTruthy();
    const [home] = await server.database.query<{ lat: number; lng: number }>("SELECT lat, lng FROM elders WHERE id = $1", [elderId]);
    const far = await act(vol, { action: "check_in", lat: home!.lat + 0.01, lng: home!.lng, datum: "gcj02" });
    expect(far.status).toBe(422);
    expect(far.body.distanceMeters).toBeGreaterThan(1000);
    expect((await act(vol, { action: "check_in", lat: home!.lat, lng: home!.lng, datum: "gcj02" })).body.status).toBe("checked_in");
    expect((await act(vol, { action: "confirm" })).status).toBe(403);
    expect((await act(elder, { action: "confirm" })).status).toBe(409);
    // an hour and a quarter later (moved back in the test), the volunteer checks out: 60 minutes in half hours
    await server.database.query("UPDATE timebank_requests SET check_in_at = now() - interval '75 minutes' WHERE id = $1", [id]);
    expect((await act(vol, { action: "check_out" })).body).toMatchObject({ status: "checked_out", servedMinutes: 60 });
    // she pays with the hours her daughter gave her (60 left of them): both entries in one step
    const mine = () => elder.get(`/api/v1/timebank/accounts?elderId=${elderId}`).then((r) => r.body.balanceMinutes as number);
    const before = await mine();
    expect(before).toBe(60);
    const done = await act(elder, { action: "confirm", redeem: true });
    expect(done.body).toMatchObject({ status: "confirmed", confirmedBy: "elder" });
    expect(await mine()).toBe(0);
    const account = (await community.get(`/api/v1/timebank/accounts?volunteerId=${reg.body.id}`)).body;
    expect(account.balanceMinutes).toBe(60);
    expect(account.entries[0].detail).toMatchObject({ requestId: id, confirmedBy: "elder" });
    expect((await act(elder, { action: "confirm" })).status).toBe(409);
    expect((await vol.get(`/api/v1/timebank/accounts/${account.id}`)).body.balanceMinutes).toBe(60);
    expect((await vol.get("/api/v1/me/volunteer")).body).toMatchObject({ name: "志愿者本人", status: "verified" });
  });

  it("is scoped: another street's staff finds neither the volunteers nor the accounts; the elder sees only her own", async () => {
    const sys: Ctx = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
    await createUser({ ctx: sys, input: { username: "street-tb", displayName: "其他街道", password: TEST_PASSWORD, role: "street_staff", regionCode: "500107002" } });
    const other = await server.login("street-tb");
    const v = await volunteer("吴刚");
    await serve(v, 60);
    const account = (await community.get(`/api/v1/timebank/accounts?volunteerId=${v}`)).body.id as string;
    expect((await other.get("/api/v1/volunteers")).body.items.map((x: { id: string }) => x.id)).not.toContain(v);
    expect((await other.get(`/api/v1/timebank/accounts/${account}`)).status).toBe(404);
    expect((await other.post(`/api/v1/volunteers/${v}/status`, { status: "suspended" })).status).toBe(404);
    expect((await other.post("/api/v1/timebank/services", { volunteerId: v, elderId, day: today(), minutes: 60, description: "x" })).status).toBe(404);
    expect((await other.post("/api/v1/volunteers", { name: "x", idNumber: makeIdNumber(uniqueBirth(1970)), regionCode: elderRegion })).status).toBe(422);
    expect((await elder.get(`/api/v1/timebank/accounts/${account}`)).status).toBe(404);
    expect((await elder.get("/api/v1/volunteers")).status).toBe(403);
  });
});

describe("expiry", () => {
  it("where a region's rule says hours expire, the oldest unspent ones go to the pool, once; elsewhere nothing expires", async () => {
    const sys: Ctx = { database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR };
    const district = elderRegion.slice(0, 6);
    const monthsAgo = (n: number) => {
      const d = new Date(Date.now() + 8 * 3600_000);
      d.setUTCMonth(d.getUTCMonth() - n);
      return d.toISOString().slice(0, 10);
    };
    const v = await volunteer("郑爽");
    await serve(v, 240, monthsAgo(8)); // eight months ago
    await serve(v, 60, today());
    const account = (await community.get(`/api/v1/timebank/accounts?volunteerId=${v}`)).body.id as string;
    // spending takes the oldest first: of the 240 old minutes, 180 are left
    expect((await community.post("/api/v1/timebank/transfers", { kind: "donate", accountId: account, minutes: 60 })).status).toBe(201);
    const pool = () => sum(`SELECT balance_minutes AS n FROM timebank_accounts WHERE holder_kind = 'pool' AND region_code = '${district}'`);
    // no rule: nothing expires
    expect(await expireHours(sys)).toEqual({ accounts: 0, minutes: 0 });
    await server.database.query("INSERT INTO region_rules (region_code, key, value, effective_from) VALUES ($1, 'timebank.expiryMonths', '6', '2000-01-01')", [district]);
    try {
      const poolBefore = await pool();
      const first = await expireHours(sys);
      expect(first.minutes).toBeGreaterThanOrEqual(180);
      expect((await community.get(`/api/v1/timebank/accounts/${account}`)).body).toMatchObject({ balanceMinutes: 60, entries: [{ kind: "expire", minutes: -180 }, ...Array(3).fill(expect.anything())] });
      expect((await pool()) - poolBefore).toBe(first.minutes);
      // again, or twice at once: nothing more
      expect(await Promise.all([expireHours(sys), expireHours(sys)])).toEqual([
        { accounts: 0, minutes: 0 },
        { accounts: 0, minutes: 0 },
      ]);
      expect(await sum("SELECT count(*) AS n FROM (SELECT op_id FROM timebank_entries GROUP BY op_id HAVING sum(minutes) <> 0) x")).toBe(0);
      expect(await sum("SELECT count(*) AS n FROM timebank_accounts a WHERE a.balance_minutes <> (SELECT COALESCE(sum(minutes), 0) FROM timebank_entries e WHERE e.account_id = a.id)")).toBe(0);
    } finally {
      await server.database.query("DELETE FROM region_rules WHERE key = 'timebank.expiryMonths'");
    }
  });
});
