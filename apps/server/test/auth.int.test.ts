import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, TEST_PASSWORD } from "../../../test/harness.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("auth", () => {
  it("signs in, tells who I am, signs out", async () => {
    const c = await server.login("district");
    const me = await c.get("/api/v1/auth/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: "district", role: "district_admin", regionCode: "500107", regionName: "九龙坡区" });
    expect(me.body.permissions).toContain("audit:read");
    expect((await c.post("/api/v1/auth/logout")).status).toBe(204);
    expect((await c.get("/api/v1/auth/me")).status).toBe(401);
  });

  it("sets an httpOnly SameSite session cookie", async () => {
    const c = server.anonymous();
    const res = await c.post("/api/v1/auth/login", { username: "street", password: TEST_PASSWORD });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("refuses a wrong password with 401 problem+json, and locks after 5 failures", async () => {
    const c = server.anonymous();
    for (let i = 0; i < 4; i++) {
      const r = await c.post("/api/v1/auth/login", { username: "volunteer", password: "Wrong-pass-1" });
      expect(r.status).toBe(401);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      expect(r.body.detail).toBe("用户名或密码错误");
    }
    const fifth = await c.post("/api/v1/auth/login", { username: "volunteer", password: "Wrong-pass-1" });
    expect(fifth.status).toBe(429);
    expect(fifth.body.detail).toContain("锁定");
    // even the right password is refused while locked
    const locked = await c.post("/api/v1/auth/login", { username: "volunteer", password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    const audit = await (await server.login("district")).get("/api/v1/audit-events?action=auth.login_failed&actor=volunteer");
    expect(audit.body.items.length).toBeGreaterThanOrEqual(6);
  });

  it("does not tell whether a username exists", async () => {
    const r = await server.anonymous().post("/api/v1/auth/login", { username: "nobody-here", password: "Whatever-1" });
    expect(r.status).toBe(401);
    expect(r.body.detail).toBe("用户名或密码错误");
  });

  it("answers bad input with problems, never 500", async () => {
    const c = server.anonymous();
    const malformed = await c.request("POST", "/api/v1/auth/login", { body: "{not json", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect((await c.post("/api/v1/auth/login", { username: 5, password: "x" })).status).toBe(422);
    expect((await c.post("/api/v1/auth/login", { username: "a", password: "b", extra: 1 })).status).toBe(422);
    const big = await c.request("POST", "/api/v1/auth/login", { body: JSON.stringify({ username: "a", password: "x".repeat(2_000_000) }), headers: { "content-type": "application/json" } });
    expect(big.status).toBe(413);
  });

  it("changes a password under the password rules", async () => {
    const c = await server.login("assessor");
    const weak = await c.post("/api/v1/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "abcdefgh" });
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0].path).toBe("newPassword");
    expect((await c.post("/api/v1/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "New-pass-2027" })).status).toBe(204);
    await expect(server.login("assessor")).rejects.toThrow(/401/);
    await server.login("assessor", "New-pass-2027");
  });

  it("serves health, readiness and the OpenAPI document", async () => {
    const c = server.anonymous();
    expect((await c.get("/healthz")).body).toEqual({ status: "ok" });
    expect((await c.get("/readyz")).body).toMatchObject({ status: "ok", database: server.engine });
    const doc = await c.get("/api/openapi.json");
    expect(doc.body.openapi).toBe("3.1.0");
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(["/api/v1/elders", "/api/v1/elders/{id}", "/api/v1/elders/import", "/api/v1/audit-events", "/api/v1/regions"]));
    expect((await c.get("/api/v1/nothing-here")).status).toBe(401);
  });
});
