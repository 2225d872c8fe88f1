import { facilities, providers, type Tx } from "@carecircle/db";
import { CreateFacilityInput } from "@carecircle/shared";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ValidationError } from "../core/errors.ts";
import { requirePermission } from "../core/permissions.ts";
import { parseInput } from "../elders/parse-input.ts";
import { getFacility } from "./get-facility.ts";
import { checkPlacement } from "./internal.ts";

/** The operator named by id must be a registered provider the platform knows. */
export async function checkOperator(tx: Tx, providerId: string | null | undefined): Promise<void> {
  if (!providerId) return;
  const [p] = await tx.select({ id: providers.id }).from(providers).where(eq(providers.id, providerId));
  if (!p) throw new ValidationError("运营服务商不存在", [{ path: "operatorProviderId", message: "运营服务商不存在" }]);
}

/** Registers a facility of the network (a center, station, point or institution) in the actor's region. */
export async function createFacility({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePermission(ctx.actor, "facility:manage");
  const v = parseInput(CreateFacilityInput, input);
  const id = await withTransaction(ctx, async (tx) => {
    await checkPlacement(tx, ctx, v);
    await checkOperator(tx, v.operatorProviderId);
    const [row] = await tx
      .insert(facilities)
      .values({ ...v, parentId: v.parentId ?? null, lat: v.lat ?? null, lng: v.lng ?? null, operatorProviderId: v.operatorProviderId ?? null, openingHours: v.openingHours ?? null, videoUrl: v.videoUrl ?? null, kitchenCameraUrl: v.kitchenCameraUrl ?? null, statusAt: new Date() })
      .returning();
    await recordAudit(tx, ctx, { action: "facility.create", targetType: "facility", targetId: row!.id, regionCode: row!.regionCode, detail: { name: row!.name, tier: row!.tier } });
    return row!.id;
  });
  return getFacility({ ctx, id });
}
