import { elders } from "@carecircle/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { elderInput, makeIdNumber, makePhone } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let district: Client;
let street: Client; // 杨家坪街道 500107001
beforeAll(async () => {
  server = await startTestServer();
  district = await server.login("district");
  street = await server.login("street");
});
afterAll(() => server?.close());

describe("registering an elder", () => {
  it("derives birth date and sex, masks ID and phone, encrypts them at rest", async () => {
    const idNumber = makeIdNumber("19400102", "M");
    const res = await street.post("/api/v1/elders", elderInput({ name: "刘德福", idNumber: idNumber.toLowerCase(), phone: "+86 139-0836-1234" }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "刘德福", birthDate: "1940-01-02", sex: "M", phone: "139****1234", regionName: expect.any(String), version: 1 });
    expect(res.body.idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    const [row] = await server.database.db.select().from(elders).where(eq(elders.id, res.body.id));
    expect(row!.idNumberEnc.toString("latin1")).not.toContain(idNumber.slice(6, 14));
    expect(row!.phoneEnc.toString("latin1")).not.toContain("13908361234");
    expect(server.secrets.decrypt(row!.idNumberEnc)).toBe(idNumber);
  });

  it("refuses a duplicate ID number with 409 naming the existing record", async () => {
    const input = elderInput({ name: "陈桂兰" });
    const first = await street.post("/api/v1/elders", input);
    const dup = await street.post("/api/v1/elders", { ...input, name: "别人", phone: makePhone() });
    expect(dup.status).toBe(409);
    expect(dup.body.existingId).toBe(first.body.id);
    expect(dup.body.detail).toContain("陈桂兰");
  });

  it("does not disclose a duplicate registered in another street", async () => {
    const input = elderInput({ regionCode: "500107002001" });
    expect((await district.post("/api/v1/elders", input)).status).toBe(201);
    const dup = await street.post("/api/v1/elders", { ...input, regionCode: "500107001001" });
    expect(dup.status).toBe(409);
    expect(dup.body.existingId).toBeUndefined();
    expect(dup.body.detail).toBe("该身份证号已在其他辖区登记");
  });

  it.each([
    ["a wrong check digit", { idNumber: "110105194912310022" }, "idNumber", "校验位"],
    ["an impossible date", { idNumber: "110105194902300021" }, "idNumber", "出生日期"],
    ["a future birth date", { idNumber: "110105209901010011" }, "idNumber", ""],
    ["someone under 60", { idNumber: makeIdNumber("19900101") }, "idNumber", "60"],
    ["an unknown region", { regionCode: "500107999999" }, "regionCode", "社区"],
    ["a region that is not a community", { regionCode: "500107001" }, "regionCode", "12位"],
    ["a bad phone", { phone: "12345" }, "phone", "电话"],
    ["a wrong type", { name: 42 }, "name", ""],
    ["an unknown field", { nickname: "x" }, "", "未知字段"],
    ["a bad enum", { livingSituation: "castle" }, "livingSituation", ""],
  ])("refuses %s with 422 naming the field, and writes nothing", async (_label, over, path, text) => {
    const before = (await district.get("/api/v1/elders?limit=1&status=all")).body.total;
    const res = await street.post("/api/v1/elders", elderInput(over));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(JSON.stringify(res.body)).toContain(text);
    expect((await district.get("/api/v1/elders?limit=1&status=all")).body.total).toBe(before);
  });

  it("refuses malformed JSON (400) and an oversized body (413)", async () => {
    const bad = await street.request("POST", "/api/v1/elders", { body: "{", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    const big = await (await server.login("street")).post("/api/v1/elders", elderInput({ notes: "长".repeat(600_000) }));
    expect(big.status).toBe(413);
  });

  it("stores HTML and SQL as typed", async () => {
    const name = "<script>alert(1)</script>'; DROP TABLE elders;--";
    const res = await street.post("/api/v1/elders", elderInput({ name: name.slice(0, 50) }));
    expect(res.status).toBe(201);
    expect((await street.get(`/api/v1/elders/${res.body.id}`)).body.name).toBe(name.slice(0, 50));
  });
});

describe("editing, history and closing a record", () => {
  it("edits with a version check and keeps a change history", async () => {
    const created = (await street.post("/api/v1/elders", elderInput({ name: "赵淑芬" }))).body;
    const edit = await street.patch(`/api/v1/elders/${created.id}`, { address: "新地址 8号", economicStatus: "minimum_living", version: 1 });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ address: "新地址 8号", economicStatus: "minimum_living", version: 2 });
    // someone else's stale edit is refused
    const stale = await street.patch(`/api/v1/elders/${created.id}`, { address: "旧的", version: 1 });
    expect(stale.status).toBe(409);
    const history = await street.get(`/api/v1/elders/${created.id}/history`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(["elder.update", "elder.create"]);
    expect(history.body.items[0].detail.changes.address).toEqual({ from: "重庆市九龙坡区杨家坪正街1号", to: "新地址 8号" });
    expect(history.body.items[0].actorUsername).toBe("street");
  });

  it("records a phone change masked in the history", async () => {
    const created = (await street.post("/api/v1/elders", elderInput())).body;
    await street.patch(`/api/v1/elders/${created.id}`, { phone: "13511112222" });
    const h = await street.get(`/api/v1/elders/${created.id}/history`);
    expect(h.body.items[0].detail.changes.phone.to).toBe("135****2222");
    expect(JSON.stringify(h.body)).not.toContain("13511112222");
  });

  it("marks an elder deceased: the record stays, read-only", async () => {
    const created = (await street.post("/api/v1/elders", elderInput())).body;
    const bad = await street.post(`/api/v1/elders/${created.id}/status`, { status: "gone", reason: "x", date: "2026-01-01" });
    expect(bad.status).toBe(422);
    const res = await street.post(`/api/v1/elders/${created.id}/status`, { status: "deceased", reason: "病故（殡葬系统通知）", date: "2026-10-01" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "deceased", statusReason: "病故（殡葬系统通知）", statusDate: "2026-10-01" });
    expect((await street.patch(`/api/v1/elders/${created.id}`, { address: "x" })).status).toBe(409);
    expect((await street.post(`/api/v1/elders/${created.id}/status`, { status: "moved_out", reason: "x", date: "2026-10-02" })).status).toBe(409);
    // out of the default (active) list, still found with status=all
    const list = await street.get(`/api/v1/elders?q=${created.idNumber.slice(-4)}&status=all`);
    expect(list.body.items.some((e: { id: string }) => e.id === created.id)).toBe(true);
  });

  it("reveals full values only with the permission, and audits each showing", async () => {
    const input = elderInput();
    const created = (await street.post("/api/v1/elders", input)).body;
    const shown = await street.post(`/api/v1/elders/${created.id}/reveal`, { fields: ["idNumber", "phone"] });
    expect(shown.body).toEqual({ idNumber: input.idNumber, phone: input.phone });
    const assessor = await server.login("assessor"); // may read, may not reveal
    expect((await assessor.get(`/api/v1/elders/${created.id}`)).status).toBe(200);
    expect((await assessor.post(`/api/v1/elders/${created.id}/reveal`, { fields: ["idNumber"] })).status).toBe(403);
    const audit = await district.get(`/api/v1/audit-events?action=elder.reveal&targetId=${created.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ actorUsername: "street", detail: { fields: ["idNumber", "phone"] } });
  });

  it("adds family contacts, binds a family account, records consent", async () => {
    const created = (await street.post("/api/v1/elders", elderInput())).body;
    const add = await street.post(`/api/v1/elders/${created.id}/contacts`, { name: "李强", relation: "儿子", phone: "13600001111", isEmergency: true, familyUsername: "family" });
    expect(add.status).toBe(201);
    expect((await street.post(`/api/v1/elders/${created.id}/contacts`, { name: "x", relation: "y", phone: "13600001111", familyUsername: "district" })).status).toBe(422);
    const list = await street.get(`/api/v1/elders/${created.id}/contacts`);
    expect(list.body.items).toEqual([expect.objectContaining({ name: "李强", phone: "136****1111", familyUsername: "family", isEmergency: true })]);
    expect((await street.delete(`/api/v1/elders/${created.id}/contacts/${add.body.id}`)).status).toBe(204);
    expect((await street.delete(`/api/v1/elders/${created.id}/contacts/${add.body.id}`)).status).toBe(404);
    expect((await street.post(`/api/v1/elders/${created.id}/consents`, { purpose: "健康信息用于上门服务", granted: true, signedBy: "本人" })).status).toBe(201);
    expect((await street.post(`/api/v1/elders/${created.id}/consents`, { purpose: "x" })).status).toBe(422);
    const consents = await street.get(`/api/v1/elders/${created.id}/consents`);
    expect(consents.body.items[0]).toMatchObject({ purpose: "健康信息用于上门服务", granted: true, recordedBy: "street" });
  });
});

describe("finding elders", () => {
  it("searches by pinyin initials, name, phone, ID number and its last four digits", async () => {
    const input = elderInput({ name: "欧阳翠花" });
    const created = (await street.post("/api/v1/elders", input)).body;
    const find = async (q: string) => (await street.get(`/api/v1/elders?q=${encodeURIComponent(q)}`)).body.items.map((e: { id: string }) => e.id);
    expect(await find("oych")).toContain(created.id);
    expect(await find("ouyang")).toContain(created.id);
    expect(await find("阳翠")).toContain(created.id);
    expect(await find(input.phone)).toEqual([created.id]);
    expect(await find(input.idNumber)).toEqual([created.id]);
    expect(await find(input.idNumber.slice(-4))).toContain(created.id);
    // the check character X, typed in either case
    const withX = elderInput({ idNumber: "11010519491231002X", name: "末位X" });
    const x = (await street.post("/api/v1/elders", withX)).body;
    expect(await find("002x")).toContain(x.id);
  });

  it("filters by region subtree, age band, living situation and tag, and pages by cursor", async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: { body: { items: { id: string; regionCode: string; age: number; livingSituation: string }[]; nextCursor: string | null; total: number | null } } = await street.get(
        `/api/v1/elders?livingSituation=alone&ageMin=70&ageMax=89&limit=7${cursor ? `&cursor=${cursor}` : ""}`,
      );
      if (!cursor) total = page.body.total ?? 0;
      for (const e of page.body.items) {
        expect(e.regionCode.startsWith("500107001")).toBe(true);
        expect(e.age).toBeGreaterThanOrEqual(70);
        expect(e.age).toBeLessThanOrEqual(89);
        expect(e.livingSituation).toBe("alone");
        all.push(e.id);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all.length).toBe(total);
    expect(new Set(all).size).toBe(all.length);
    const tagged = await district.get(`/api/v1/elders?tag=${encodeURIComponent("高龄")}&limit=50`);
    expect(tagged.body.items.every((e: { tags: string[] }) => e.tags.includes("高龄"))).toBe(true);
    expect((await street.get("/api/v1/elders?cursor=garbage")).status).toBe(400);
    expect((await street.get("/api/v1/elders?limit=9999")).status).toBe(422);
    expect((await street.get("/api/v1/elders?bogus=1")).status).toBe(422);
  });
});

describe("region isolation", () => {
  it("a street user cannot see or touch another street's elder: 404, not 403", async () => {
    const other = (await district.post("/api/v1/elders", elderInput({ regionCode: "500107003001", name: "黄家珍" }))).body; // 谢家湾街道
    const paths = [
      ["GET", `/api/v1/elders/${other.id}`],
      ["PATCH", `/api/v1/elders/${other.id}`, { address: "x" }],
      ["POST", `/api/v1/elders/${other.id}/reveal`, { fields: ["idNumber"] }],
      ["POST", `/api/v1/elders/${other.id}/status`, { status: "moved_out", reason: "x", date: "2026-01-01" }],
      ["GET", `/api/v1/elders/${other.id}/history`],
      ["GET", `/api/v1/elders/${other.id}/contacts`],
      ["POST", `/api/v1/elders/${other.id}/contacts`, { name: "a", relation: "b", phone: "13600001111" }],
      ["GET", `/api/v1/elders/${other.id}/consents`],
      ["POST", `/api/v1/elders/${other.id}/consents`, { purpose: "a", granted: true, signedBy: "b" }],
    ] as const;
    for (const [method, url, json] of paths) {
      const res = await street.request(method, url, json ? { json } : {});
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    expect((await street.get("/api/v1/elders?q=hjz")).body.items.find((e: { id: string }) => e.id === other.id)).toBeUndefined();
    expect((await street.get("/api/v1/elders?region=500107003")).status).toBe(404);
    expect((await street.post("/api/v1/elders", elderInput({ regionCode: "500107003001" }))).status).toBe(422);
    // and nothing changed
    expect((await district.get(`/api/v1/elders/${other.id}`)).body.version).toBe(1);
  });

  it("regions: a user sees their own subtree only", async () => {
    const root = await street.get("/api/v1/regions");
    expect(root.body.items).toEqual([expect.objectContaining({ code: "500107001", name: "杨家坪街道", hasChildren: true })]);
    const kids = await street.get("/api/v1/regions?parent=500107001");
    expect(kids.body.items.length).toBeGreaterThan(0);
    expect(kids.body.items.every((r: { code: string; level: number }) => r.code.startsWith("500107001") && r.level === 5)).toBe(true);
    expect((await street.get("/api/v1/regions?parent=500107002")).status).toBe(404);
    expect((await street.get("/api/v1/regions?parent=abc")).status).toBe(422);
    expect((await (await server.login("city")).get("/api/v1/regions?parent=5001")).body.items[0].code).toBe("500107");
  });

  it("roles without registry access are refused with 403", async () => {
    const worker = await server.login("worker");
    expect((await worker.get("/api/v1/elders")).status).toBe(403);
    expect((await worker.post("/api/v1/elders", elderInput())).status).toBe(403);
    expect((await worker.get("/api/v1/audit-events")).status).toBe(403);
    expect((await street.get("/api/v1/audit-events")).status).toBe(403);
    expect((await server.anonymous().get("/api/v1/elders")).status).toBe(401);
  });
});
