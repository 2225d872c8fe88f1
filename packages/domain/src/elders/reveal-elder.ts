import { RevealInput } from "@carecircle/shared";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { requirePermission } from "../core/permissions.ts";
import { getElderInScope } from "./internal.ts";
import { parseInput } from "./parse-input.ts";

/** Shows the full ID number and/or phone; needs the permission, and every showing is audited. */
export async function revealElder({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  requirePermission(ctx.actor, "elder:reveal");
  const { fields } = parseInput(RevealInput, input);
  const row = await getElderInScope(ctx, id);
  const out: { idNumber?: string; phone?: string } = {};
  if (fields.includes("idNumber")) out.idNumber = ctx.secrets.decrypt(row.idNumberEnc);
  if (fields.includes("phone")) out.phone = ctx.secrets.decrypt(row.phoneEnc);
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, { action: "elder.reveal", targetType: "elder", targetId: id, regionCode: row.regionCode, detail: { name: row.name, fields } }),
  );
  return out;
}
