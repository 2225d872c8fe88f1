import crypto from "node:crypto";
import { evaluationRounds, evaluations, facilities } from "@carecircle/db";
import { AppealInput, EvaluationListQuery, type RatingScheme, SaveEvaluationInput, scoreEvaluation } from "@carecircle/shared";
import { and, desc, eq, or, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { BadRequestError, ForbiddenError, InvalidStateError, NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { parseInput } from "../elders/parse-input.ts";
import { appealDeadline, evaluationView, loadEvaluation } from "./evaluation-access.ts";

const MAX_PHOTOS = 20;
// the cursor carries milliseconds: compare at that precision, or rows of one round (one created_at) would be skipped
const createdMs = sql`date_trunc('milliseconds', ${evaluations.createdAt})`;

/**
 * Evaluations the actor has to do with: an assessor those assigned to them, the bureau its region's, a provider admin
 * those of the facilities its provider operates once handed in, other facility readers the confirmed ones of their region.
 */
export async function listEvaluations({ ctx, query }: { ctx: Ctx; query: unknown }) {
  const q = parseInput(EvaluationListQuery, query);
  const a = ctx.actor;
  const who: SQL[] = [];
  if (a.permissions.has("supervision:manage")) who.push(sql`${evaluations.regionCode} LIKE ${`${a.regionCode}%`}`);
  if (a.permissions.has("evaluation:score") && a.id) who.push(eq(evaluations.assessorId, a.id));
  if (a.providerId) who.push(sql`${facilities.operatorProviderId} = ${a.providerId} AND ${evaluations.status} <> 'assigned'`);
  if (a.permissions.has("facility:read")) who.push(sql`${evaluations.regionCode} LIKE ${`${a.regionCode}%`} AND ${evaluations.status} = 'confirmed'`);
  if (who.length === 0) throw new ForbiddenError("您没有查看星级评定的权限");
  const conds: SQL[] = [or(...who)!];
  if (q.roundId) conds.push(isUuid(q.roundId) ? eq(evaluations.roundId, q.roundId) : sql`false`);
  if (q.facilityId) conds.push(isUuid(q.facilityId) ? eq(evaluations.facilityId, q.facilityId) : sql`false`);
  if (q.status) conds.push(eq(evaluations.status, q.status));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, 2);
    if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof id !== "string" || !isUuid(id)) throw new BadRequestError("分页游标无效");
    conds.push(sql`(${createdMs}, ${evaluations.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.database.db
    .select({ e: evaluations, round: evaluationRounds, facility: facilities })
    .from(evaluations)
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, evaluations.roundId))
    .innerJoin(facilities, eq(facilities.id, evaluations.facilityId))
    .where(and(...conds))
    .orderBy(desc(createdMs), desc(evaluations.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => evaluationView({ ...r, schemeName: "", roles: new Set() }, false)),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.e.createdAt.toISOString(), last.e.id]) : null,
  };
}

/** One evaluation with its scheme (the scoring form renders from it) and evidence photos. */
export async function getEvaluation({ ctx, id }: { ctx: Ctx; id: string }) {
  return evaluationView(await loadEvaluation(ctx, id));
}

function itemErrors(scheme: RatingScheme, keys: string[], prefix: string) {
  const known = new Set(scheme.sections.flatMap((s) => s.items.map((i) => i.key)));
  return keys.filter((k) => !known.has(k)).map((k) => ({ path: `${prefix}.${k}`, message: "不是本方案的评分项" }));
}

/** Names each incomplete or out-of-range item, so that the form can point at it. */
export function resultErrors(scheme: RatingScheme, r: ReturnType<typeof scoreEvaluation>) {
  const names = new Map(scheme.sections.flatMap((s) => s.items.map((i) => [i.key, i.name] as const)));
  return [
    ...r.missing.map((k) => ({ path: `scores.${k}`, message: `${names.get(k) ?? k}：未评分` })),
    ...r.invalid.map((x) => ({ path: `scores.${x.key}`, message: `${names.get(x.key) ?? x.key}：${x.message}` })),
  ];
}

/**
 * The assessor saves item scores, remarks and evidence photos as a draft; with `submit` the result is computed and
 * handed in — complete and in range, or refused (422 naming the items) with nothing saved. After that, read-only.
 */
export async function saveEvaluation({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  const v = parseInput(SaveEvaluationInput, input);
  return withTransaction(ctx, async (tx) => {
    const l = await loadEvaluation(ctx, id, tx, true);
    if (!l.roles.has("assessor")) throw l.roles.has("bureau") ? new ForbiddenError("只有指派的评估员可以评分") : new NotFoundError("评定记录不存在");
    if (l.e.status !== "assigned") throw new InvalidStateError("评定结果已提交，不能再修改");
    if (l.round.status !== "open") throw new InvalidStateError("评定批次已结束");
    const unknown = [...itemErrors(l.scheme, Object.keys(v.scores), "scores"), ...itemErrors(l.scheme, Object.keys(v.remarks), "remarks"), ...itemErrors(l.scheme, v.addPhotos.map((p) => p.itemKey), "addPhotos")];
    if (unknown.length) throw new ValidationError("有不属于本评定方案的评分项", unknown);
    const scores: Record<string, number> = { ...(l.e.scores as Record<string, number>) };
    for (const [k, s] of Object.entries(v.scores)) if (s === null) delete scores[k];
    else scores[k] = s;
    const remarks: Record<string, string> = { ...(l.e.remarks as Record<string, string>) };
    for (const [k, r] of Object.entries(v.remarks)) if (r === "") delete remarks[k];
    else remarks[k] = r;
    const result = scoreEvaluation(l.scheme, scores);
    // a draft may be incomplete, never out of range
    const errors = resultErrors(l.scheme, { ...result, missing: v.submit ? result.missing : [] });
    if (errors.length) throw new ValidationError(v.submit ? "评分不完整或超出范围，不能提交" : "评分超出范围", errors);
    const gone = new Set(v.removePhotos);
    const photos = [
      ...(l.e.photos as { id: string }[]).filter((p) => !gone.has(p.id)),
      ...v.addPhotos.map((p) => ({ id: crypto.randomUUID(), itemKey: p.itemKey, photo: p.photo, addedAt: new Date().toISOString() })),
    ];
    if (photos.length > MAX_PHOTOS) throw new ValidationError("佐证照片过多", [{ path: "addPhotos", message: `每次评定最多 ${MAX_PHOTOS} 张照片` }]);
    const submitted = v.submit
      ? { status: "submitted", scoreCenti: Math.round(result.score * 100), stars: result.stars, unqualified: result.unqualified, result: { score: result.score, stars: result.stars, unqualified: result.unqualified, sections: result.sections }, submittedAt: new Date() }
      : {};
    const [row] = await tx.update(evaluations).set({ scores, remarks, photos, ...submitted }).where(eq(evaluations.id, l.e.id)).returning();
    await recordAudit(tx, ctx, {
      action: v.submit ? "evaluation.submit" : "evaluation.save",
      targetType: "evaluation",
      targetId: l.e.id,
      regionCode: l.e.regionCode,
      detail: v.submit ? { score: result.score, stars: result.stars, unqualified: result.unqualified } : { items: Object.keys(v.scores).length, photos: v.addPhotos.length },
    });
    return evaluationView({ ...l, e: row! });
  });
}

/** The facility's operator appeals its handed-in result within the round's window. */
export async function appealEvaluation({ ctx, id, input }: { ctx: Ctx; id: string; input: unknown }) {
  const v = parseInput(AppealInput, input);
  return withTransaction(ctx, async (tx) => {
    const l = await loadEvaluation(ctx, id, tx, true);
    if (!l.roles.has("facility")) throw l.roles.size ? new ForbiddenError("只有被评定设施的运营方可以申诉") : new NotFoundError("评定记录不存在");
    if (l.e.status === "appealed") throw new InvalidStateError("已经申诉过，请等待答复");
    if (l.e.status !== "submitted") throw new InvalidStateError("评定结果已确认，不能再申诉");
    const deadline = appealDeadline(l.e, l.round)!;
    if (Date.now() > deadline.getTime()) throw new InvalidStateError(`申诉期已过（截至 ${deadline.toISOString()}）`);
    const [row] = await tx.update(evaluations).set({ status: "appealed", appealReason: v.reason, appealedAt: new Date() }).where(eq(evaluations.id, l.e.id)).returning();
    await recordAudit(tx, ctx, { action: "evaluation.appeal", targetType: "evaluation", targetId: l.e.id, regionCode: l.e.regionCode, detail: { reason: v.reason } });
    return evaluationView({ ...l, e: row! });
  });
}
