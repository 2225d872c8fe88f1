import { trainings } from "@carecircle/db";
import { shanghaiDate, TrainingInput } from "@carecircle/shared";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ForbiddenError, ValidationError } from "../core/errors.ts";
import { parseInput } from "../elders/parse-input.ts";
import { staffInScope } from "./internal.ts";
import { getStaff } from "./list-staff.ts";

/** Appends a training record (course, hours, pass or fail): the record is append-only, a correction is a new line. */
export async function addTraining({ ctx, staffId, input }: { ctx: Ctx; staffId: string; input: unknown }) {
  const v = parseInput(TrainingInput, input);
  if (ctx.actor.role !== "provider_admin" && !ctx.actor.permissions.has("facility:manage")) throw new ForbiddenError("您没有执行此操作的权限");
  if (v.trainedOn > shanghaiDate()) throw new ValidationError("培训日期不能晚于今天", [{ path: "trainedOn", message: "培训日期不能晚于今天" }]);
  await withTransaction(ctx, async (tx) => {
    const s = await staffInScope(ctx, staffId, tx);
    const [row] = await tx.insert(trainings).values({ staffId: s.id, ...v }).returning({ id: trainings.id });
    await recordAudit(tx, ctx, { action: "staff.training", targetType: "staff", targetId: s.id, regionCode: s.regionCode, detail: { trainingId: row!.id, ...v } });
  });
  return getStaff({ ctx, id: staffId });
}
