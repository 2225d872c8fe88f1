import { createUser, type Ctx, SYSTEM_ACTOR } from "@carecircle/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { elderInput, makeIdNumber, makePhone, uniqueBirth } from "../../../test/factories.ts";
import { type Client, startTestServer, TEST_PASSWORD, type TestServer } from "../../../test/harness.ts";

// 电话关怀 in the H5 app: a community worker's own care calls (GET /visits?kind=phone) with the masked phone and the
// unanswered streak, the full number through the audited reveal; another worker's plans, another region's elders refused.
let server: TestServer;
let community: Client;
let me: { id: string; regionCode: string };
let elder: { id: string; phone: string };
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
interface Call {
  elderId: string;
  kind: string;
  task: boolean;
  phoneMasked: string | null;
  unansweredCalls: number;
}
const myCalls = async (c: Client) => (await c.get("/api/v1/visits?kind=phone")).body.items as Call[];
const sys = (): Ctx => ({ database: server.database, secrets: server.secrets, actor: SYSTEM_ACTOR });

beforeAll(async () => {
  server = await startTestServer();
  community = await server.login("community");
  me = (await community.get("/api/v1/auth/me")).body;
  // an empty-nest elder over 80: a care call every fortnight, given to this worker
  const phone = makePhone();
  const r = await community.post("/api/v1/elders", elderInput({ name: "空巢电话老人", regionCode: me.regionCode, livingSituation: "empty_nest", phone, idNumber: makeIdNumber(uniqueBirth(1940), "F") }));
  expect(r.status).toBe(201);
  elder = { id: r.body.id, phone };
  expect((await community.post("/api/v1/visit-plans", { regionCode: me.regionCode })).status).toBe(200);
  expect((await community.post(`/api/v1/visit-plans/${elder.id}/assignee`, { userId: me.id })).status).toBe(200);
});
afterAll(() => server?.close());

describe("a community worker's care calls", () => {
  it("lists her own phone plans due with the masked phone and the unanswered streak; the full number is an audited read", async () => {
    const calls = await myCalls(community);
    expect(calls.every((c) => c.kind === "phone" && !c.task)).toBe(true);
    expect(calls.find((c) => c.elderId === elder.id)).toMatchObject({ phoneMasked: `${elder.phone.slice(0, 3)}****${elder.phone.slice(-4)}`, unansweredCalls: 0 });
    // nobody answered: tried again tomorrow; when tomorrow comes the list says it is the second try
    expect((await community.post("/api/v1/visits", { elderId: elder.id, kind: "phone", outcome: "no_answer" })).body.unansweredCalls).toBe(1);
    expect((await myCalls(community)).some((c) => c.elderId === elder.id)).toBe(false);
    await server.database.query("UPDATE visit_plans SET next_due = $1::date WHERE elder_id = $2", [today(), elder.id]);
    expect((await myCalls(community)).find((c) => c.elderId === elder.id)?.unansweredCalls).toBe(1);
    // 拨打电话: the full number, and the read on record
    const revealed = await community.post(`/api/v1/elders/${elder.id}/reveal`, { fields: ["phone"] });
    expect(revealed.status).toBe(200);
    expect(revealed.body.phone).toBe(elder.phone);
    const [audit] = await server.database.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE action = 'elder.reveal' AND target_id = $1", [elder.id]);
    expect(Number(audit!.n)).toBe(1);
  });

  it("does not list another worker's plans; another region's worker can neither see, dial nor record the call; a volunteer has no care calls", async () => {
    // a second worker of the same community: the plan is not hers until it is given to her
    await createUser({ ctx: sys(), input: { username: "community-b", displayName: "社区网格员乙", password: TEST_PASSWORD, role: "community_worker", regionCode: me.regionCode } });
    const colleague = await server.login("community-b");
    expect((await myCalls(colleague)).some((c) => c.elderId === elder.id)).toBe(false);
    const colleagueId = (await colleague.get("/api/v1/auth/me")).body.id as string;
    expect((await community.post(`/api/v1/visit-plans/${elder.id}/assignee`, { userId: colleagueId })).status).toBe(200);
    expect((await myCalls(colleague)).some((c) => c.elderId === elder.id)).toBe(true);
    expect((await myCalls(community)).some((c) => c.elderId === elder.id)).toBe(false);

    // a worker of a community in another street
    const [other] = await server.database.query<{ code: string }>("SELECT code FROM regions WHERE code LIKE '500107002%' AND length(code) = 12 ORDER BY code LIMIT 1");
    await createUser({ ctx: sys(), input: { username: "community-x", displayName: "外街道网格员", password: TEST_PASSWORD, role: "community_worker", regionCode: other!.code } });
    const outsider = await server.login("community-x");
    expect((await myCalls(outsider)).some((c) => c.elderId === elder.id)).toBe(false);
    expect((await outsider.post(`/api/v1/elders/${elder.id}/reveal`, { fields: ["phone"] })).status).toBe(404);
    const refused = await outsider.post("/api/v1/visits", { elderId: elder.id, kind: "phone", outcome: "no_answer" });
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    // …and the refusal changed nothing
    const [plan] = await server.database.query<{ unanswered_calls: number }>("SELECT unanswered_calls FROM visit_plans WHERE elder_id = $1", [elder.id]);
    expect(Number(plan!.unanswered_calls)).toBe(1);

    // a volunteer with no visits given to him (no volunteer record): no care calls, no full numbers
    const volunteer = await server.login("volunteer");
    expect((await volunteer.get("/api/v1/visits?kind=phone")).status).toBe(403);
    expect((await volunteer.post(`/api/v1/elders/${elder.id}/reveal`, { fields: ["phone"] })).status).toBe(403);
  });
});
