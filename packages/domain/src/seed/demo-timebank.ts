import { elders, regionRules, regions, serviceProducts, users, volunteers } from "@carecircle/db";
import { checkCharacter, shanghaiDate } from "@carecircle/shared";
import { and, asc, count, eq, inArray, isNotNull } from "drizzle-orm";
import { actorOf } from "../auth/sessions.ts";
import type { Ctx } from "../core/context.ts";
import { setTimebankListing } from "../marketplace/products.ts";
import { recordService } from "../timebank/ledger.ts";
import { createTimebankRequest } from "../timebank/requests.ts";
import { registerVolunteer, setVolunteerStatus } from "../timebank/volunteers.ts";
import { mulberry32 } from "./demo-data.ts";

const NAMES = ["刘桂兰", "陈建国", "张秀英", "杨德明", "黄淑芬", "周志强"];
const TASKS = ["陪同散步、聊天", "代买菜、送上门", "读报、读家信", "陪同到社区卫生服务站", "帮忙打扫卫生", "教用智能手机"];

/**
 * The demo district's time bank, once: the demo volunteer account linked to a verified volunteer of the demo elder's
 * community, a few neighbours volunteering (one still waiting for verification) with phones and homes within about a
 * kilometre of the community's centre (the alarm console lists them near an elder in need), services of the past days deposited
 * as the community worker recorded them, an open request from the demo elder, and two providers' services the
 * district lets hours buy. Idempotent: nothing if any
 * volunteer exists.
 */
export async function ensureDemoTimebank(ctx: Ctx, opts: { seed?: number } = {}): Promise<number> {
  const db = ctx.database.db;
  const [existing] = await db.select({ n: count() }).from(volunteers);
  if ((existing?.n ?? 0) > 0) return 0;
  const [worker] = await db.select().from(users).where(eq(users.username, "community"));
  const [elderUser] = await db.select().from(users).where(eq(users.username, "elder"));
  const [volunteerUser] = await db.select().from(users).where(eq(users.username, "volunteer"));
  if (!worker || !elderUser?.elderId) return 0;
  const staff: Ctx = { ...ctx, actor: actorOf(worker) };
  const neighbours = await db
    .select({ id: elders.id })
    .from(elders)
    .where(and(eq(elders.regionCode, worker.regionCode), eq(elders.status, "active"), isNotNull(elders.lat)))
    .orderBy(asc(elders.id))
    .limit(8);
  const [community] = await db.select({ lat: regions.lat, lng: regions.lng }).from(regions).where(eq(regions.code, worker.regionCode));
  const rng = mulberry32(opts.seed ?? 0x7b4c);
  // a home up to ~1 km from the centre (1° of latitude ≈ 111 km), where the community has a position at all
  const homeNear = () =>
    community?.lat != null && community.lng != null ? { lat: community.lat + (rng() - 0.5) * 0.018, lng: community.lng + (rng() - 0.5) * 0.02 } : {};
  const today = shanghaiDate();
  const made: string[] = [];
  for (const [i, name] of NAMES.entries()) {
    const birth = `19${55 + Math.floor(rng() * 20)}0${1 + Math.floor(rng() * 9)}1${Math.floor(rng() * 9)}`;
    const first17 = `500107${birth}${String(100 + i * 7).padStart(3, "0")}`;
    const v = await registerVolunteer({
      ctx: staff,
      input: {
        name,
        idNumber: first17 + checkCharacter(first17),
        phone: `1398302${String(1000 + i * 137).slice(-4)}`,
        regionCode: worker.regionCode,
        team: "邻里互助队",
        skills: ["陪伴", "代购"],
        ...homeNear(),
        ...(i === 0 && volunteerUser ? { username: "volunteer" } : {}),
      },
    });
    if (i < NAMES.length - 1) await setVolunteerStatus({ ctx: staff, id: v.id, status: "verified" });
    made.push(v.id);
  }
  for (const [i, id] of made.slice(0, -1).entries()) {
    for (let k = 0; k < 1 + (i % 3); k++) {
      const day = new Date(Date.parse(`${today}T00:00:00Z`) - (1 + k * 2 + i) * 86_400_000).toISOString().slice(0, 10);
      const elderId = neighbours.length ? neighbours[(i + k) % neighbours.length]!.id : elderUser.elderId;
      await recordService({ ctx: staff, input: { volunteerId: id, elderId, day, minutes: 60 + 30 * ((i + k) % 3), description: TASKS[(i + k) % TASKS.length]! } });
    }
  }
  // the district lets hours buy two providers' services: companionship by the hour, prescriptions fetched per visit
  const [bureau] = await db.select().from(users).where(eq(users.username, "district"));
  if (bureau) {
    await db.insert(regionRules).values({ regionCode: bureau.regionCode, key: "timebank.providerServices", value: 1, effectiveFrom: "2000-01-01" }).onConflictDoNothing();
    const listed = await db
      .select({ id: serviceProducts.id, unit: serviceProducts.unit })
      .from(serviceProducts)
      .where(inArray(serviceProducts.name, ["陪伴聊天", "上门代配药"]))
      .orderBy(asc(serviceProducts.id));
    for (const p of listed) await setTimebankListing({ ctx: { ...ctx, actor: actorOf(bureau) }, id: p.id, timebankMinutes: 60 });
  }
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await createTimebankRequest({ ctx: staff, input: { elderId: elderUser.elderId, description: "陪我去社区卫生服务站量血压", day: tomorrow, startTime: "09:30", minutes: 60 } });
  return made.length;
}
