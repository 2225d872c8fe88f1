import { DEFAULT_VISIT_RULES } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestServer, type TestServer } from "../../../test/harness.ts";

// What the console's 探访规则 page shows under each field: the server's 422 names every bad value, in Chinese, and
// writes nothing — on both engines.
let server: TestServer;
let street: Client;

beforeAll(async () => {
  server = await startTestServer();
  street = await server.login("street");
});
afterAll(() => server?.close());

const good = DEFAULT_VISIT_RULES.slice(0, 2);
const rulesWritten = async () => Number((await server.database.query<{ n: string }>("SELECT count(*) AS n FROM region_rules WHERE key = 'visits.rules'")).at(0)!.n);

describe("visit rules: bad values", () => {
  it("every bad value of every rule is named by its path with a Chinese message, and nothing is written", async () => {
    const before = await rulesWritten();
    const res = await street.request("PUT", "/api/v1/visit-rules", {
      json: {
        rules: [
          ...good,
          { key: "Bad Key", label: "  ", everyDays: 0, kind: "home" },
          { key: "b", label: "b", livingIn: [], minAge: -1, minAbilityLevel: 5, minRecentAlarms: 0, minHospitalStays: 1.5, everyDays: 400, kind: "visit" },
          { key: "c", label: "c", livingIn: ["on_the_moon"], kind: "phone" },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: "rules.2.key", message: "规则标识应为1–40位小写字母、数字或下划线" },
        { path: "rules.2.label", message: "请填写规则名称" },
        { path: "rules.2.everyDays", message: "间隔天数应为1–366天" },
        { path: "rules.3.livingIn", message: "至少选一种居住状况，或不限" },
        { path: "rules.3.minAge", message: "年龄不能小于0" },
        { path: "rules.3.minAbilityLevel", message: "能力等级应为0–4" },
        { path: "rules.3.minRecentAlarms", message: "告警次数至少为1" },
        { path: "rules.3.minHospitalStays", message: "住院次数应为正整数" },
        { path: "rules.3.everyDays", message: "间隔天数应为1–366天" },
        { path: "rules.3.kind", message: "探访方式应为上门或电话" },
        { path: "rules.4.livingIn.0", message: "居住状况无效" },
        { path: "rules.4.everyDays", message: "请填写探访间隔天数" },
      ]),
    );
    // nothing but Chinese (and the paths) reaches the page
    for (const e of res.body.errors as { message: string }[]) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await rulesWritten()).toBe(before);
    expect((await street.get("/api/v1/visit-rules")).body).toMatchObject({ from: null, scheduled: [] });
  });
});
