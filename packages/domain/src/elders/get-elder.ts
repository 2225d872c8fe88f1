import type { Ctx } from "../core/context.ts";
import { requirePermission } from "../core/permissions.ts";
import { getRegion } from "../regions/regions.ts";
import { getElderInScope, toDetail } from "./internal.ts";

export async function getElderDetail({ ctx, id }: { ctx: Ctx; id: string }) {
  requirePermission(ctx.actor, "elder:read");
  const row = await getElderInScope(ctx, id);
  const region = await getRegion(ctx, row.regionCode);
  return toDetail(row, region?.name ?? null);
}
