import crypto from "node:crypto";
import { auditEvents, elderContacts, elders, providers, regions, serviceProducts, subsidyRules, users, workers } from "@carecircle/db";
import { CreateWorkerInput, ElderFields, maskPhone, type Role, shanghaiDate, yearsBefore } from "@carecircle/shared";
import { and, asc, count, eq, lte } from "drizzle-orm";
import { createUser } from "../auth/users.ts";
import type { Ctx } from "../core/context.ts";
import { SYSTEM_ACTOR } from "../core/permissions.ts";
import { loadRegionFacts } from "../elders/internal.ts";
import { insertEldersBulk } from "../elders/bulk-insert.ts";
import { normalizeElder } from "../elders/normalize.ts";
import { demoSubsidyRules } from "../subsidies/demo-rules.ts";
import { DEMO_DISTRICT_CODE, demoRegions, generateDemoElders } from "./demo-data.ts";
import { demoWorkerFor, generateDemoMarketplace } from "./demo-marketplace.ts";

/** Fixed demo usernames, one per role, so that scripts can rely on them. */
export const DEMO_USERS: { username: string; displayName: string; role: Role; region: "city" | "district" | "street" | "community" }[] = [
  { username: "city", displayName: "重庆市民政局管理员", role: "city_admin", region: "city" },
  { username: "district", displayName: "九龙坡区民政局管理员", role: "district_admin", region: "district" },
  { username: "street", displayName: "杨家坪街道工作人员", role: "street_staff", region: "street" },
  { username: "community", displayName: "社区网格员", role: "community_worker", region: "community" },
  { username: "operator", displayName: "呼叫中心坐席", role: "operator", region: "district" },
  { username: "provider", displayName: "服务商管理员", role: "provider_admin", region: "district" },
  { username: "worker", displayName: "护理员", role: "worker", region: "district" },
  { username: "assessor", displayName: "评估员", role: "assessor", region: "district" },
  { username: "volunteer", displayName: "志愿者", role: "volunteer", region: "community" },
  { username: "elder", displayName: "老人", role: "elder", region: "community" },
  { username: "family", displayName: "家属", role: "family", region: "community" },
];

/** A random password that meets the password rules (4 classes). */
export function generatePassword(): string {
  return `Cc-${crypto.randomBytes(9).toString("base64url").replace(/[-_]/g, "x")}7a`;
}

export async function isSeeded(ctx: Ctx): Promise<boolean> {
  const [row] = await ctx.database.db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

export interface SeedOptions {
  password: string;
  elderCount: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Seeds the demo district (Jiulongpo, 500107): its real streets and communities, one account per role,
 * and `elderCount` elders. Idempotent for regions; users and elders are only created when there are none.
 */
export async function seedDemo(ctx: Ctx, opts: SeedOptions): Promise<{ users: string[]; elders: number }> {
  const sys: Ctx = { ...ctx, actor: SYSTEM_ACTOR };
  const db = ctx.database.db;
  const regionRows = demoRegions();
  await db.insert(regions).values(regionRows).onConflictDoNothing();
  const street = regionRows.find((r) => r.level === 4)!;
  const community = regionRows.find((r) => r.level === 5 && r.parentCode === street.code)!;
  const regionFor = { city: "5001", district: DEMO_DISTRICT_CODE, street: street.code, community: community.code };
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    const [exists] = await db.select({ id: users.id }).from(users).where(eq(users.username, u.username));
    if (exists) continue;
    await createUser({ ctx: sys, input: { username: u.username, displayName: u.displayName, password: opts.password, role: u.role, regionCode: regionFor[u.region] } });
    created.push(u.username);
  }
  const [ruleCount] = await db.select({ n: count() }).from(subsidyRules);
  if ((ruleCount?.n ?? 0) === 0) {
    const year = new Date().getUTCFullYear();
    await db.insert(subsidyRules).values(
      demoSubsidyRules(DEMO_DISTRICT_CODE, `${year}-01-01`).map(({ status, ...r }) => ({
        ...r,
        description: r.description ?? null,
        version: 1,
        status,
        activatedAt: status === "active" ? new Date() : null,
      })),
    );
  }
  const [existing] = await db.select({ n: count() }).from(elders);
  if ((existing?.n ?? 0) > 0) return { users: created, elders: 0 };

  const communities = regionRows.filter((r) => r.level === 5);
  const demo = generateDemoElders({ count: opts.elderCount, communities, seed: opts.seed });
  const facts = await loadRegionFacts(sys);
  const BATCH = 1000;
  let done = 0;
  for (let i = 0; i < demo.length; i += BATCH) {
    const rows = demo.slice(i, i + BATCH).flatMap((d) => {
      const norm = normalizeElder(ElderFields.parse(d), ctx.secrets, facts);
      return norm.ok ? [norm.value] : [];
    });
    await db.transaction((tx) => insertEldersBulk(tx, rows));
    done += rows.length;
    opts.onProgress?.(Math.min(i + BATCH, demo.length), demo.length);
  }
  await ctx.database.exec("ANALYZE elders");
  // the demo elder account is that of the first elder of the demo community; the family account is her daughter's
  // the demo elder: an 80-year-old or older of the demo community, so that her wallet shows subsidies after a run
  const eighty = yearsBefore(shanghaiDate(), 80);
  const [first] =
    (await db.select().from(elders).where(and(eq(elders.regionCode, community.code), lte(elders.birthDate, eighty))).orderBy(asc(elders.namePinyin)).limit(1)).concat(
      await db.select().from(elders).where(eq(elders.regionCode, community.code)).limit(1),
    );
  const [family] = await db.select().from(users).where(eq(users.username, "family"));
  if (first) await db.update(users).set({ elderId: first.id }).where(eq(users.username, "elder"));
  if (first && family) {
    const phone = "13800000000";
    await db.insert(elderContacts).values({
      elderId: first.id,
      name: "家属（演示）",
      relation: "女儿",
      phoneEnc: ctx.secrets.encrypt(phone),
      phoneHash: ctx.secrets.lookupHash("phone", phone),
      phoneMasked: maskPhone(phone),
      isEmergency: true,
      familyUserId: family.id,
    });
  }
  await db.insert(auditEvents).values({
    actorUsername: "system",
    actorRole: "system",
    action: "seed.demo",
    regionCode: DEMO_DISTRICT_CODE,
    detail: { elders: done, users: created },
  });
  return { users: created, elders: done };
}

/**
 * The demo marketplace: about 40 providers with their products and caregivers; the `provider` account administers
 * the first, and the `worker` account is that provider's caregiver living beside the demo elder. Runs once: when the
 * demo accounts exist and no provider does (so an older demo database gains it on its next start).
 */
export async function ensureDemoMarketplace(ctx: Ctx, opts: { providers?: number; seed?: number } = {}): Promise<number> {
  const db = ctx.database.db;
  const [existing] = await db.select({ n: count() }).from(providers);
  const [providerUser] = await db.select().from(users).where(eq(users.username, "provider"));
  const [workerUser] = await db.select().from(users).where(eq(users.username, "worker"));
  const [elderUser] = await db.select().from(users).where(eq(users.username, "elder"));
  if ((existing?.n ?? 0) > 0 || !providerUser) return 0;
  const today = shanghaiDate();
  const demo = generateDemoMarketplace({ regions: demoRegions(), count: opts.providers ?? 40, today, seed: opts.seed });
  const [demoElder] = elderUser?.elderId ? await db.select().from(elders).where(eq(elders.id, elderUser.elderId)) : [];
  const workerRow = (w: CreateWorkerInput, providerId: string, userId: string | null) => {
    const v = CreateWorkerInput.parse(w);
    return { ...v, providerId, userId, phoneEnc: ctx.secrets.encrypt(v.phone), phoneMasked: maskPhone(v.phone), phone: undefined };
  };
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(providers)
      .values(demo.map((d) => ({ ...d.provider, status: "approved", statusAt: new Date(), lat: d.provider.lat ?? null, lng: d.provider.lng ?? null, description: d.provider.description ?? null, qualifications: d.provider.qualifications ?? [] })))
      .returning({ id: providers.id });
    const ids = inserted.map((r) => r.id);
    await tx.insert(serviceProducts).values(
      demo.flatMap((d, i) =>
        d.products.map(({ providerIndex: _i, ...p }) => ({ ...p, providerId: ids[i]!, serviceRegions: d.provider.serviceRegions, description: p.description ?? null, subsidyPrices: p.subsidyPrices ?? [], requiredSkills: p.requiredSkills ?? [], requiredCertificates: p.requiredCertificates ?? [], tasks: p.tasks ?? [] })),
      ),
    );
    await tx.insert(workers).values(demo.flatMap((d, i) => d.workers.map((w) => workerRow(w, ids[i]!, null))));
    await tx.update(users).set({ providerId: ids[0]! }).where(eq(users.id, providerUser.id));
    if (workerUser) {
      const lat = demoElder?.lat ?? 29.5035;
      const lng = demoElder?.lng ?? 106.5105;
      await tx.insert(workers).values(workerRow(demoWorkerFor(lat, lng, today), ids[0]!, workerUser.id));
      await tx.update(users).set({ providerId: ids[0]! }).where(eq(users.id, workerUser.id));
    }
    await tx.insert(auditEvents).values({ actorUsername: "system", actorRole: "system", action: "seed.marketplace", regionCode: DEMO_DISTRICT_CODE, detail: { providers: ids.length } });
  });
  await ctx.database.exec("ANALYZE workers; ANALYZE service_products");
  return demo.length;
}
