import { elderContacts, elders } from "@carecircle/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import type { Ctx } from "../core/context.ts";
import { ForbiddenError, InvalidStateError } from "../core/errors.ts";
import { orderForActor } from "./access.ts";

const OPEN = ["accepted", "assigned", "on_the_way", "checked_in", "checked_out"];

/**
 * The elder's full phone (and the emergency contact's) for the worker on the job or the provider's admin, so that
 * they can call ahead: only while the job is open, and every read is audited. Elsewhere phones stay masked.
 */
export async function orderContact({ ctx, id }: { ctx: Ctx; id: string }) {
  const { order, parties } = await orderForActor(ctx, id);
  if (!parties.includes("worker") && !parties.includes("provider")) throw new ForbiddenError("只有承接该单的服务人员和服务商可以查看联系电话");
  if (!OPEN.includes(order.status)) throw new InvalidStateError("订单已结束，不能再查看联系电话");
  const [elder] = await ctx.database.db.select({ name: elders.name, phoneEnc: elders.phoneEnc }).from(elders).where(eq(elders.id, order.elderId));
  const [emergency] = await ctx.database.db
    .select({ name: elderContacts.name, relation: elderContacts.relation, phoneEnc: elderContacts.phoneEnc })
    .from(elderContacts)
    .where(and(eq(elderContacts.elderId, order.elderId), eq(elderContacts.isEmergency, true)))
    .limit(1);
  await ctx.database.db.transaction((tx) =>
    recordAudit(tx, ctx, { action: "order.contact_reveal", targetType: "service_order", targetId: order.id, regionCode: order.regionCode, detail: { orderNo: order.orderNo } }),
  );
  return {
    elderName: elder!.name,
    elderPhone: ctx.secrets.decrypt(elder!.phoneEnc),
    emergencyContact: emergency ? { name: emergency.name, relation: emergency.relation, phone: ctx.secrets.decrypt(emergency.phoneEnc) } : null,
  };
}
