import { elderConsents, users } from "@carecircle/db";
import { ConsentInput } from "@carecircle/shared";
import { desc, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { requirePermission } from "../core/permissions.ts";
import { getElderInScope } from "./internal.ts";
import { parseInput } from "./parse-input.ts";

/** Consent records (PIPL art. 28–29: separate consent for sensitive data), newest first. */
export async function listConsents({ ctx, elderId }: { ctx: Ctx; elderId: string }) {
  requirePermission(ctx.actor, "elder:read");
  await getElderInScope(ctx, elderId);
  const rows = await ctx.database.db
    .select({ c: elderConsents, recordedBy: users.username })
    .from(elderConsents)
    .leftJoin(users, eq(users.id, elderConsents.recordedBy))
    .where(eq(elderConsents.elderId, elderId))
    .orderBy(desc(elderConsents.recordedAt));
  return {
    items: rows.map(({ c, recordedBy }) => ({
      id: c.id,
      purpose: c.purpose,
      granted: c.granted,
      signedBy: c.signedBy,
      note: c.note,
      recordedBy,
      recordedAt: c.recordedAt.toISOString(),
    })),
  };
}

export async function addConsent({ ctx, elderId, input }: { ctx: Ctx; elderId: string; input: unknown }) {
  requirePermission(ctx.actor, "elder:write");
  const c = parseInput(ConsentInput, input);
  const id = await withTransaction(ctx, async (tx) => {
    const elder = await getElderInScope(ctx, elderId, tx);
    const [row] = await tx
      .insert(elderConsents)
      .values({ elderId, purpose: c.purpose, granted: c.granted, signedBy: c.signedBy, note: c.note ?? null, recordedBy: ctx.actor.id })
      .returning({ id: elderConsents.id });
    await recordAudit(tx, ctx, {
      action: "elder.consent_add",
      targetType: "elder",
      targetId: elderId,
      regionCode: elder.regionCode,
      detail: { name: elder.name, purpose: c.purpose, granted: c.granted },
    });
    return row!.id;
  });
  return { id };
}
