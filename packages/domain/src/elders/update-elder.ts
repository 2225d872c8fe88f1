import { elders } from "@carecircle/db";
import { ElderFields, UpdateElderInput } from "@carecircle/shared";
import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { refreshVisitPlan } from "../visits/plans.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { InvalidStateError, ValidationError } from "../core/errors.ts";
import { requirePermission } from "../core/permissions.ts";
import { assertNoDuplicate } from "./create-elder.ts";
import { getElderDetail } from "./get-elder.ts";
import { diffElder, getElderInScope, loadRegionFacts } from "./internal.ts";
import { normalizeElder } from "./normalize.ts";
import { parseInput } from "./parse-input.ts";

export const STATUS_LABELS: Record<string, string> = { deceased: "去世", moved_out: "迁出" };

/** Edits some fields; the record is re-validated as a whole. A stale `version` or a closed record is 409. */
export async function updateElder({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  requirePermission(ctx.actor, "elder:write");
  const patch = parseInput(UpdateElderInput, input);
  const facts = await loadRegionFacts(ctx);
  const changes = await withTransaction(ctx, async (tx) => {
    const row = await getElderInScope(ctx, id, tx);
    if (row.status !== "active") {
      throw new InvalidStateError(`该档案已标记为${STATUS_LABELS[row.status] ?? row.status}，只读`);
    }
    if (patch.version !== undefined && patch.version !== row.version) {
      throw new InvalidStateError("该档案已被他人修改，请刷新后重试", { currentVersion: row.version });
    }
    const { version: _v, ...given } = patch; // only the fields sent: the update schema has no defaults
    // decrypt only what the patch does not replace, to re-validate the whole record
    const merged = parseInput(ElderFields, {
      name: row.name,
      idNumber: given.idNumber ?? ctx.secrets.decrypt(row.idNumberEnc),
      phone: given.phone ?? ctx.secrets.decrypt(row.phoneEnc),
      address: row.address,
      regionCode: row.regionCode,
      lat: row.lat,
      lng: row.lng,
      hukouType: row.hukouType,
      hukouAddress: row.hukouAddress,
      livingSituation: row.livingSituation,
      economicStatus: row.economicStatus,
      disabilityKind: row.disabilityKind,
      disabilityGrade: row.disabilityGrade,
      abilityLevel: row.abilityLevel,
      tags: row.tags,
      health: row.health,
      notes: row.notes,
      ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
    });
    const norm = normalizeElder(merged, ctx.secrets, facts);
    if (!norm.ok) throw new ValidationError(norm.errors.map((e) => e.message).join("；"), norm.errors);
    const next = { ...norm.value };
    // keep ciphertexts of unchanged values: no churn in the history and no needless re-encryption
    if (next.idNumberHash === row.idNumberHash) next.idNumberEnc = row.idNumberEnc;
    else await assertNoDuplicate(ctx, tx, next.idNumberHash, row.id);
    if (next.phoneHash === row.phoneHash) next.phoneEnc = row.phoneEnc;
    const diff = diffElder(row, next);
    if (Object.keys(diff).length === 0) return diff;
    await tx
      .update(elders)
      .set({ ...next, version: sql`${elders.version} + 1`, updatedAt: new Date() })
      .where(eq(elders.id, row.id));
    await recordAudit(tx, ctx, {
      action: "elder.update",
      targetType: "elder",
      targetId: row.id,
      regionCode: next.regionCode,
      detail: { name: next.name, changes: diff, ...(next.regionCode !== row.regionCode ? { fromRegion: row.regionCode } : {}) },
    });
    // what decides the visit plan changed: keep the plan current in the same transaction
    if (["livingSituation", "abilityLevel", "regionCode", "birthDate"].some((k) => k in diff)) await refreshVisitPlan(tx, row.id);
    return diff;
  });
  return { ...(await getElderDetail({ ctx, id })), changed: Object.keys(changes) };
}
