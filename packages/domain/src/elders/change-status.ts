import { elders } from "@carecircle/db";
import { ChangeStatusInput, shanghaiDate } from "@carecircle/shared";
import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { InvalidStateError, ValidationError } from "../core/errors.ts";
import { requirePermission } from "../core/permissions.ts";
import { getElderDetail } from "./get-elder.ts";
import { getElderInScope } from "./internal.ts";
import { parseInput } from "./parse-input.ts";
import { STATUS_LABELS } from "./update-elder.ts";

/** Marks an elder deceased or moved out: the record stays, read-only, with its reason and date. */
export async function changeElderStatus({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  requirePermission(ctx.actor, "elder:write");
  const change = parseInput(ChangeStatusInput, input);
  if (change.date > shanghaiDate()) throw new ValidationError("日期不能晚于今天", [{ path: "date", message: "日期不能晚于今天" }]);
  await withTransaction(ctx, async (tx) => {
    const row = await getElderInScope(ctx, id, tx);
    const correcting = change.status === "active";
    if (correcting && row.status === "active") throw new InvalidStateError("该档案未标记去世或迁出，无需更正");
    if (!correcting && row.status !== "active") {
      throw new InvalidStateError(`该档案已标记为${STATUS_LABELS[row.status] ?? row.status}`);
    }
    if (change.date < row.birthDate) throw new ValidationError("日期早于出生日期", [{ path: "date", message: "日期早于出生日期" }]);
    await tx
      .update(elders)
      .set({
        status: change.status,
        statusReason: change.reason,
        statusDate: correcting ? null : change.date,
        version: sql`${elders.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(elders.id, id));
    await recordAudit(tx, ctx, {
      action: correcting ? "elder.status_correction" : "elder.status",
      targetType: "elder",
      targetId: id,
      regionCode: row.regionCode,
      detail: { name: row.name, changes: { status: { from: row.status, to: change.status } }, reason: change.reason, date: change.date },
    });
  });
  return getElderDetail({ ctx, id });
}
