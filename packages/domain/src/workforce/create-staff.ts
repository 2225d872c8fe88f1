import { facilities, providers, staff } from "@carecircle/db";
import { CreateStaffInput, ID_NUMBER_MESSAGES, maskIdNumber, parseIdNumber, shanghaiDate } from "@carecircle/shared";
import { and, eq, like } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ConflictError, ForbiddenError, ValidationError } from "../core/errors.ts";
import { parseInput } from "../elders/parse-input.ts";
import { getStaff } from "./list-staff.ts";

/**
 * Registers a caregiver or staff member of a facility or provider: the bureau for employers in its region, a
 * provider admin for its own provider and the facilities it runs. The ID number is validated (GB 11643), stored
 * encrypted with a keyed hash beside it (one record per person) and shown masked.
 */
export async function createStaff({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const v = parseInput(CreateStaffInput, input);
  const providerAdmin = ctx.actor.role === "provider_admin";
  if (!providerAdmin && !ctx.actor.permissions.has("facility:manage")) throw new ForbiddenError("您没有执行此操作的权限");
  const id = parseIdNumber(v.idNumber);
  if (!id.ok) throw new ValidationError(ID_NUMBER_MESSAGES[id.problem], [{ path: "idNumber", message: ID_NUMBER_MESSAGES[id.problem] }]);
  if (v.graduatedOn && v.graduatedOn > shanghaiDate()) throw new ValidationError("毕业日期不能晚于今天", [{ path: "graduatedOn", message: "毕业日期不能晚于今天" }]);
  const staffId = await withTransaction(ctx, async (tx) => {
    let regionCode: string | null = null;
    if (v.facilityId) {
      const own = providerAdmin ? eq(facilities.operatorProviderId, ctx.actor.providerId ?? "00000000-0000-0000-0000-000000000000") : like(facilities.regionCode, `${ctx.actor.regionCode}%`);
      const [f] = await tx.select().from(facilities).where(and(eq(facilities.id, v.facilityId), own));
      if (!f) throw new ValidationError("所属设施不存在或不在您的辖区", [{ path: "facilityId", message: "所属设施不存在或不在您的辖区" }]);
      if (f.status === "closed") throw new ValidationError("所属设施已关闭", [{ path: "facilityId", message: "所属设施已关闭" }]);
      regionCode = f.regionCode;
    }
    if (v.providerId) {
      const [p] = await tx.select().from(providers).where(eq(providers.id, v.providerId));
      const mine = p && (providerAdmin ? ctx.actor.providerId === p.id : p.regionCode.startsWith(ctx.actor.regionCode));
      if (!mine) throw new ValidationError("所属服务商不存在或不在您的辖区", [{ path: "providerId", message: "所属服务商不存在或不在您的辖区" }]);
      regionCode ??= p.regionCode;
    }
    const hash = ctx.secrets.lookupHash("id", id.value.value);
    const [dup] = await tx.select({ id: staff.id }).from(staff).where(eq(staff.idNumberHash, hash));
    if (dup) throw new ConflictError("该身份证号已登记为从业人员", { errors: [{ path: "idNumber", message: "该身份证号已登记为从业人员" }] });
    const [row] = await tx
      .insert(staff)
      .values({
        regionCode: regionCode!,
        facilityId: v.facilityId ?? null,
        providerId: v.providerId ?? null,
        name: v.name,
        idNumberEnc: ctx.secrets.encrypt(id.value.value),
        idNumberHash: hash,
        idNumberMasked: maskIdNumber(id.value.value),
        post: v.post,
        certificates: v.certificates,
        education: v.education ?? null,
        graduatedOn: v.graduatedOn ?? null,
        hiredOn: v.hiredOn ?? null,
      })
      .returning({ id: staff.id, regionCode: staff.regionCode });
    await recordAudit(tx, ctx, { action: "staff.create", targetType: "staff", targetId: row!.id, regionCode: row!.regionCode, detail: { name: v.name, post: v.post, facilityId: v.facilityId ?? null, providerId: v.providerId ?? null } });
    return row!.id;
  });
  return getStaff({ ctx, id: staffId });
}
