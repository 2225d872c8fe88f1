import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { elderInput } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("audit log", () => {
  it("records who did what to which record, when and from where", async () => {
    const street = await server.login("street");
    const created = (await street.post("/api/v1/elders", elderInput())).body;
    const district = await server.login("district");
    const res = await district.get(`/api/v1/audit-events?targetId=${created.id}`);
    expect(res.body.items).toEqual([
      expect.objectContaining({ action: "elder.create", actorUsername: "street", actorRole: "street_staff", targetType: "elder", regionCode: "500107001001", ip: expect.stringMatching(/127\.0\.0\.1/), requestId: expect.any(String) }),
    ]);
    expect(new Date(res.body.items[0].at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("is scoped: the city admin sees the district's events, a district of another city would not", async () => {
    const city = await server.login("city");
    const res = await city.get("/api/v1/audit-events?action=auth.login&limit=5");
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e: { regionCode: string }) => e.regionCode.startsWith("5001"))).toBe(true);
  });

  it("pages newest first and refuses bad filters", async () => {
    const district = await server.login("district");
    const p1 = await district.get("/api/v1/audit-events?limit=2");
    const p2 = await district.get(`/api/v1/audit-events?limit=2&cursor=${p1.body.nextCursor}`);
    expect(p1.body.items[1].id).toBeGreaterThan(p2.body.items[0].id);
    expect((await district.get("/api/v1/audit-events?from=yesterday")).status).toBe(422);
    expect((await district.get("/api/v1/audit-events?limit=0")).status).toBe(422);
  });

  it("cannot be altered: the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    await expect(server.database.exec("UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(server.database.exec("DELETE FROM audit_events")).rejects.toThrow(/append-only/);
    await expect(server.database.exec("TRUNCATE audit_events")).rejects.toThrow(/append-only/);
  });

  it("a write whose audit insert fails writes nothing", async () => {
    // break the audit table for a moment: the elder insert must roll back with it
    await server.database.exec("ALTER TABLE audit_events ADD CONSTRAINT no_creates CHECK (action <> 'elder.create') NOT VALID");
    try {
      const street = await server.login("street");
      const input = elderInput({ name: "回滚测试" });
      const res = await street.post("/api/v1/elders", input);
      expect(res.status).toBe(500);
      expect(res.body.detail).not.toMatch(/constraint|audit|SQL/i);
      expect((await street.get(`/api/v1/elders?q=${input.idNumber}`)).body.items).toEqual([]);
    } finally {
      await server.database.exec("ALTER TABLE audit_events DROP CONSTRAINT no_creates");
    }
  });
});
