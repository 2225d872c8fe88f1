import { elderContacts, users } from "@carecircle/db";
import { ContactInput, isValidPhone, maskPhone, normalizePhone } from "@carecircle/shared";
import { and, asc, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { inScope, requirePermission } from "../core/permissions.ts";
import { getElderInScope } from "./internal.ts";
import { parseInput } from "./parse-input.ts";
import { isUuid } from "../core/ids.ts";

export async function listContacts({ ctx, elderId }: { ctx: Ctx; elderId: string }) {
  requirePermission(ctx.actor, "elder:read");
  await getElderInScope(ctx, elderId);
  const rows = await ctx.database.db
    .select({ c: elderContacts, familyUsername: users.username })
    .from(elderContacts)
    .leftJoin(users, eq(users.id, elderContacts.familyUserId))
    .where(eq(elderContacts.elderId, elderId))
    .orderBy(asc(elderContacts.createdAt));
  return {
    items: rows.map(({ c, familyUsername }) => ({
      id: c.id,
      name: c.name,
      relation: c.relation,
      phone: c.phoneMasked,
      isEmergency: c.isEmergency,
      familyUsername,
      createdAt: c.createdAt.toISOString(),
    })),
  };
}

/** Adds a family contact; with `familyUsername` it binds that family account to the elder. */
export async function addContact({ ctx, elderId, input }: { ctx: Ctx; elderId: string; input: unknown }) {
  requirePermission(ctx.actor, "elder:write");
  const c = parseInput(ContactInput, input);
  const phone = normalizePhone(c.phone);
  if (!isValidPhone(phone)) throw new ValidationError("电话号码格式不正确", [{ path: "phone", message: "电话号码格式不正确" }]);
  const id = await withTransaction(ctx, async (tx) => {
    const elder = await getElderInScope(ctx, elderId, tx);
    if (elder.status !== "active") throw new InvalidStateError("该档案只读，不能添加联系人");
    let familyUserId: string | null = null;
    if (c.familyUsername) {
      const [u] = await tx.select().from(users).where(eq(users.username, c.familyUsername));
      // only family accounts of the actor's own region: no probing for accounts elsewhere
      if (!u || u.role !== "family" || !inScope(ctx.actor, u.regionCode)) {
        throw new ValidationError("家属账号不存在", [{ path: "familyUsername", message: "家属账号不存在或不是家属角色" }]);
      }
      familyUserId = u.id;
    }
    const [row] = await tx
      .insert(elderContacts)
      .values({
        elderId,
        name: c.name,
        relation: c.relation,
        phoneEnc: ctx.secrets.encrypt(phone),
        phoneHash: ctx.secrets.lookupHash("phone", phone),
        phoneMasked: maskPhone(phone),
        isEmergency: c.isEmergency,
        familyUserId,
      })
      .returning({ id: elderContacts.id });
    await recordAudit(tx, ctx, {
      action: "elder.contact_add",
      targetType: "elder",
      targetId: elderId,
      regionCode: elder.regionCode,
      detail: { name: elder.name, contact: c.name, relation: c.relation, familyUsername: c.familyUsername ?? null },
    });
    return row!.id;
  });
  return { id };
}

export async function removeContact({ ctx, elderId, contactId }: { ctx: Ctx; elderId: string; contactId: string }) {
  requirePermission(ctx.actor, "elder:write");
  await withTransaction(ctx, async (tx) => {
    const elder = await getElderInScope(ctx, elderId, tx);
    if (!isUuid(contactId)) throw new NotFoundError("联系人不存在");
    const [row] = await tx
      .delete(elderContacts)
      .where(and(eq(elderContacts.id, contactId), eq(elderContacts.elderId, elderId)))
      .returning();
    if (!row) throw new NotFoundError("联系人不存在");
    await recordAudit(tx, ctx, {
      action: "elder.contact_remove",
      targetType: "elder",
      targetId: elderId,
      regionCode: elder.regionCode,
      detail: { name: elder.name, contact: row.name, relation: row.relation },
    });
  });
}

/** A family contact's full phone number, for calling them (from the alarm console or the record); every reading audited. */
export async function revealContact({ ctx, elderId, contactId }: { ctx: Ctx; elderId: string; contactId: string }) {
  requirePermission(ctx.actor, "elder:reveal");
  if (!isUuid(contactId)) throw new NotFoundError("联系人不存在");
  const elder = await getElderInScope(ctx, elderId);
  const [c] = await ctx.database.db.select().from(elderContacts).where(and(eq(elderContacts.id, contactId), eq(elderContacts.elderId, elder.id)));
  if (!c) throw new NotFoundError("联系人不存在");
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, { action: "contact.reveal", targetType: "elder", targetId: elder.id, regionCode: elder.regionCode, detail: { name: elder.name, contact: c.name, relation: c.relation } }),
  );
  return { id: c.id, phone: ctx.secrets.decrypt(c.phoneEnc) };
}
