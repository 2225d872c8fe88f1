import { elderContacts, elders, inboundCalls, regions } from "@carecircle/db";
import { ageOn, InboundCallInput, maskPhone, normalizePhone, shanghaiDate } from "@carecircle/shared";
import { and, desc, eq, gte, isNull, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { NotFoundError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { requirePermission } from "../core/permissions.ts";

/**
 * A call reaches the hotline: the PBX (Asterisk, FreeSWITCH) posts {from, to, callId}. The caller's number is matched
 * against elders' own phones, then their family contacts' (by keyed hash: numbers are stored encrypted). A repeated
 * webhook for the same callId returns the same call. The number is kept masked and hashed, never in clear.
 */
export async function receiveInboundCall({ ctx, input }: { ctx: Ctx; input: z.input<typeof InboundCallInput> }) {
  const v = InboundCallInput.parse(input);
  const phone = normalizePhone(v.from);
  const hash = ctx.secrets.lookupHash("phone", phone);
  return withTransaction(ctx, async (tx) => {
    const [prior] = await tx.select().from(inboundCalls).where(eq(inboundCalls.callId, v.callId));
    if (prior) return { id: prior.id, elderId: prior.elderId, matchedBy: prior.matchedBy };
    let [match] = (await tx.select({ id: elders.id, regionCode: elders.regionCode }).from(elders).where(and(eq(elders.phoneHash, hash), eq(elders.status, "active"))).limit(2)).map((e) => ({ ...e, by: "elder" }));
    if (!match) {
      [match] = (
        await tx.select({ id: elders.id, regionCode: elders.regionCode }).from(elderContacts).innerJoin(elders, eq(elders.id, elderContacts.elderId)).where(and(eq(elderContacts.phoneHash, hash), eq(elders.status, "active"))).limit(2)
      ).map((e) => ({ ...e, by: "contact" }));
    }
    const [row] = await tx
      .insert(inboundCalls)
      .values({ callId: v.callId, fromMasked: maskPhone(phone), fromHash: hash, toNumber: v.to ?? null, elderId: match?.id ?? null, matchedBy: match?.by ?? null, regionCode: match?.regionCode ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const [again] = await tx.select().from(inboundCalls).where(eq(inboundCalls.callId, v.callId));
      return { id: again!.id, elderId: again!.elderId, matchedBy: again!.matchedBy };
    }
    await recordAudit(tx, ctx, { action: "call.inbound", targetType: "inbound_call", targetId: row.id, regionCode: match?.regionCode, detail: { callId: v.callId, matched: Boolean(match) } });
    return { id: row.id, elderId: row.elderId, matchedBy: row.matchedBy };
  });
}

/** Calls of the last `minutes` for the operator's screen: matched ones in their region, unmatched ones for every operator. */
export async function listInboundCalls({ ctx, minutes = 60, untaken }: { ctx: Ctx; minutes?: number; untaken?: boolean }) {
  requirePermission(ctx.actor, "order:place");
  const conds: SQL[] = [
    gte(inboundCalls.receivedAt, new Date(Date.now() - Math.min(minutes, 24 * 60) * 60_000)),
    or(isNull(inboundCalls.regionCode), sql`${inboundCalls.regionCode} LIKE ${`${ctx.actor.regionCode}%`}`)!,
  ];
  if (untaken) conds.push(isNull(inboundCalls.takenAt));
  const rows = await ctx.database.db
    .select({ c: inboundCalls, elderName: elders.name, birthDate: elders.birthDate, address: elders.address, regionName: regions.name, abilityLevel: elders.abilityLevel, livingSituation: elders.livingSituation })
    .from(inboundCalls)
    .leftJoin(elders, eq(elders.id, inboundCalls.elderId))
    .leftJoin(regions, eq(regions.code, inboundCalls.regionCode))
    .where(and(...conds))
    .orderBy(desc(inboundCalls.receivedAt))
    .limit(50);
  const today = shanghaiDate();
  return {
    items: rows.map((r) => ({
      id: r.c.id,
      callId: r.c.callId,
      from: r.c.fromMasked,
      to: r.c.toNumber,
      receivedAt: r.c.receivedAt.toISOString(),
      matchedBy: r.c.matchedBy,
      takenAt: r.c.takenAt?.toISOString() ?? null,
      orderId: r.c.orderId,
      elder: r.c.elderId
        ? { id: r.c.elderId, regionCode: r.c.regionCode, name: r.elderName, age: r.birthDate ? ageOn(r.birthDate, today) : null, address: r.address, regionName: r.regionName, abilityLevel: r.abilityLevel, livingSituation: r.livingSituation }
        : null,
    })),
  };
}

/** The operator picks up a call: it leaves the other operators' queues. */
export async function takeInboundCall({ ctx, id }: { ctx: Ctx; id: string }) {
  requirePermission(ctx.actor, "order:place");
  if (!isUuid(id)) throw new NotFoundError("来电不存在");
  return withTransaction(ctx, async (tx) => {
    const [c] = await tx.select().from(inboundCalls).where(eq(inboundCalls.id, id)).for("update");
    if (!c || (c.regionCode && !c.regionCode.startsWith(ctx.actor.regionCode))) throw new NotFoundError("来电不存在");
    if (!c.takenAt) await tx.update(inboundCalls).set({ takenAt: new Date(), takenBy: ctx.actor.id }).where(eq(inboundCalls.id, id));
    await recordAudit(tx, ctx, { action: "call.take", targetType: "inbound_call", targetId: id, regionCode: c.regionCode ?? undefined });
    return { id, takenBy: c.takenBy ?? ctx.actor.id };
  });
}
