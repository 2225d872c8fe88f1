import { elderContacts, elders, regions } from "@carecircle/db";
import { ageOn, shanghaiDate } from "@carecircle/shared";
import { eq } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";

/**
 * The elders an elder or family account acts for: an elder sees their own record, a family member the elders
 * bound to their account (as a contact). Only what the H5 app shows: no ID numbers or phones.
 */
export async function listMyElders({ ctx }: { ctx: Ctx }) {
  const db = ctx.database.db;
  const pick = { id: elders.id, name: elders.name, sex: elders.sex, birthDate: elders.birthDate, abilityLevel: elders.abilityLevel, status: elders.status, regionCode: elders.regionCode, address: elders.address, regionName: regions.name };
  let rows: ({ relation: string | null } & { id: string; name: string; sex: string; birthDate: string; abilityLevel: number | null; status: string; regionCode: string; address: string; regionName: string | null })[] = [];
  if (ctx.actor.role === "elder" && ctx.actor.elderId) {
    rows = (await db.select(pick).from(elders).leftJoin(regions, eq(regions.code, elders.regionCode)).where(eq(elders.id, ctx.actor.elderId))).map((r) => ({ ...r, relation: "本人" }));
  } else if (ctx.actor.role === "family" && ctx.actor.id) {
    rows = await db
      .select({ ...pick, relation: elderContacts.relation })
      .from(elderContacts)
      .innerJoin(elders, eq(elders.id, elderContacts.elderId))
      .leftJoin(regions, eq(regions.code, elders.regionCode))
      .where(eq(elderContacts.familyUserId, ctx.actor.id));
  }
  const today = shanghaiDate();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, sex: r.sex, age: ageOn(r.birthDate, today), abilityLevel: r.abilityLevel, status: r.status, regionCode: r.regionCode, address: r.address, regionName: r.regionName, relation: r.relation })) };
}
