import { facilities } from "@carecircle/db";
import { FacilityFilingInput, FacilityStatusInput, UpdateFacilityInput } from "@carecircle/shared";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { InvalidStateError, ValidationError } from "../core/errors.ts";
import { parseInput } from "../elders/parse-input.ts";
import { checkOperator } from "./create-facility.ts";
import { getFacility } from "./get-facility.ts";
import { checkPlacement, managedFacility } from "./internal.ts";

/** Changes a facility's particulars; tier and region stay (a move is a new registration). */
export async function updateFacility({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  const v = parseInput(UpdateFacilityInput, input);
  await withTransaction(ctx, async (tx) => {
    const f = await managedFacility(ctx, id, tx);
    const fields = Object.keys(v);
    if (fields.length === 0) return;
    // the rules hold for the record as it will be, not only for the fields sent
    const beds = v.beds ?? f.beds;
    const nursingBeds = v.nursingBeds ?? f.nursingBeds;
    if (nursingBeds > beds) throw new ValidationError("护理型床位数不能超过床位数", [{ path: "nursingBeds", message: "护理型床位数不能超过床位数" }]);
    if (v.parentId !== undefined) await checkPlacement(tx, ctx, { tier: f.tier, regionCode: f.regionCode, parentId: v.parentId }, f.id);
    await checkOperator(tx, v.operatorProviderId);
    await tx.update(facilities).set(v).where(eq(facilities.id, f.id));
    await recordAudit(tx, ctx, { action: "facility.update", targetType: "facility", targetId: f.id, regionCode: f.regionCode, detail: { fields } });
  });
  return getFacility({ ctx, id });
}

/** Operating, suspended or closed, with the reason; a closed facility stays closed (a reopening is a new one). */
export async function setFacilityStatus({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  const v = parseInput(FacilityStatusInput, input);
  await withTransaction(ctx, async (tx) => {
    const f = await managedFacility(ctx, id, tx);
    if (f.status === "closed") throw new InvalidStateError("设施已关闭，不能再变更状态");
    if (f.status === v.status) throw new InvalidStateError("设施已是该状态");
    await tx.update(facilities).set({ status: v.status, statusReason: v.reason, statusAt: new Date() }).where(eq(facilities.id, f.id));
    await recordAudit(tx, ctx, { action: "facility.status", targetType: "facility", targetId: f.id, regionCode: f.regionCode, detail: { from: f.status, to: v.status, reason: v.reason } });
  });
  return getFacility({ ctx, id });
}

/** 备案: records the filing number, date and documents (the audit keeps the earlier filing). */
export async function fileFacility({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  const v = parseInput(FacilityFilingInput, input);
  await withTransaction(ctx, async (tx) => {
    const f = await managedFacility(ctx, id, tx);
    await tx.update(facilities).set({ filingNo: v.filingNo, filedAt: v.filedAt, filingDocuments: v.documents }).where(eq(facilities.id, f.id));
    await recordAudit(tx, ctx, { action: "facility.filing", targetType: "facility", targetId: f.id, regionCode: f.regionCode, detail: { filingNo: v.filingNo, filedAt: v.filedAt, documents: v.documents.length, previous: f.filingNo } });
  });
  return getFacility({ ctx, id });
}
