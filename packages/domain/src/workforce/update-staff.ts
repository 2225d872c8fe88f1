import { staff } from "@carecircle/db";
import { shanghaiDate, UpdateStaffInput } from "@carecircle/shared";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ForbiddenError, ValidationError } from "../core/errors.ts";
import { parseInput } from "../elders/parse-input.ts";
import { staffInScope } from "./internal.ts";
import { getStaff } from "./list-staff.ts";

/** Renewed certificates, a new post or education, or leaving (active false); identity and employer stay. Audited with the fields changed. */
export async function updateStaff({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  const v = parseInput(UpdateStaffInput, input);
  if (ctx.actor.role !== "provider_admin" && !ctx.actor.permissions.has("facility:manage")) throw new ForbiddenError("您没有执行此操作的权限");
  if (v.graduatedOn && v.graduatedOn > shanghaiDate()) throw new ValidationError("毕业日期不能晚于今天", [{ path: "graduatedOn", message: "毕业日期不能晚于今天" }]);
  await withTransaction(ctx, async (tx) => {
    const s = await staffInScope(ctx, id, tx);
    const fields = Object.keys(v);
    if (fields.length === 0) return;
    await tx.update(staff).set(v).where(eq(staff.id, s.id));
    await recordAudit(tx, ctx, { action: "staff.update", targetType: "staff", targetId: s.id, regionCode: s.regionCode, detail: { fields, ...(v.active !== undefined ? { active: v.active } : {}) } });
  });
  return getStaff({ ctx, id });
}
