import { elders, type Tx } from "@carecircle/db";
import { CreateElderInput } from "@carecircle/shared";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ConflictError, ValidationError } from "../core/errors.ts";
import { inScope, requirePermission } from "../core/permissions.ts";
import { getElderDetail } from "./get-elder.ts";
import { diffElder, loadRegionFacts } from "./internal.ts";
import { normalizeElder } from "./normalize.ts";
import { parseInput } from "./parse-input.ts";

/** Registers an elder; a second record with the same ID number is refused (409 naming the first). */
export async function createElder({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePermission(ctx.actor, "elder:write");
  const fields = parseInput(CreateElderInput, input);
  const facts = await loadRegionFacts(ctx);
  const norm = normalizeElder(fields, ctx.secrets, facts);
  if (!norm.ok) throw new ValidationError(norm.errors.map((e) => e.message).join("；"), norm.errors);
  const id = await withTransaction(ctx, async (tx) => {
    await assertNoDuplicate(ctx, tx, norm.value.idNumberHash);
    const [row] = await tx.insert(elders).values(norm.value).returning();
    await recordAudit(tx, ctx, {
      action: "elder.create",
      targetType: "elder",
      targetId: row!.id,
      regionCode: row!.regionCode,
      detail: { name: row!.name, changes: diffElder({}, row!) },
    });
    return row!.id;
  });
  return getElderDetail({ ctx, id });
}

/** 409 with the existing record's id when the actor may see it; otherwise only that it exists elsewhere. */
export async function assertNoDuplicate(ctx: Ctx, tx: Tx, idNumberHash: string, exceptId?: string) {
  const [dup] = await tx
    .select({ id: elders.id, name: elders.name, regionCode: elders.regionCode })
    .from(elders)
    .where(eq(elders.idNumberHash, idNumberHash));
  if (!dup || dup.id === exceptId) return;
  if (inScope(ctx.actor, dup.regionCode)) {
    throw new ConflictError(`该身份证号已登记：${dup.name}`, { existingId: dup.id, errors: [{ path: "idNumber", message: "该身份证号已登记" }] });
  }
  throw new ConflictError("该身份证号已在其他辖区登记", { errors: [{ path: "idNumber", message: "该身份证号已在其他辖区登记" }] });
}
