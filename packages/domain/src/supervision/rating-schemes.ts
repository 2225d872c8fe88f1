import { ratingSchemes, type Tx } from "@carecircle/db";
import { DEFAULT_RATING_SCHEME, type RatingScheme, RatingSchemeInput } from "@carecircle/shared";
import { asc, eq, or, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { ForbiddenError, NotFoundError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { requirePermission } from "../core/permissions.ts";
import { parseInput } from "../elders/parse-input.ts";

/**
 * The source document's scheme (DEFAULT_RATING_SCHEME) is one row for every region: region "" is a prefix of all. A fixed
 * id lets the first use create it exactly once, however many requests race to it.
 */
export const DEFAULT_RATING_SCHEME_ID = "00000000-0000-4000-8000-000000000c14";

export type RatingSchemeRow = typeof ratingSchemes.$inferSelect;
export function schemeView(r: RatingSchemeRow) {
  return { id: r.id, regionCode: r.regionCode, name: r.name, isDefault: r.id === DEFAULT_RATING_SCHEME_ID, scheme: r.scheme as RatingScheme, createdAt: r.createdAt };
}

async function ensureDefaultScheme(db: Pick<Tx, "insert">) {
  const scheme = RatingSchemeInput.parse(DEFAULT_RATING_SCHEME);
  await db.insert(ratingSchemes).values({ id: DEFAULT_RATING_SCHEME_ID, regionCode: "", name: scheme.name, scheme }).onConflictDoNothing();
}

/** A scheme serves the actor's region when it is the region's own, one of its ancestors', or one of its subtree's. */
const visible = (ctx: Ctx) =>
  or(sql`${ctx.actor.regionCode} LIKE ${ratingSchemes.regionCode} || '%'`, sql`${ratingSchemes.regionCode} LIKE ${`${ctx.actor.regionCode}%`}`);

function requireReader(ctx: Ctx) {
  const p = ctx.actor.permissions;
  if (!p.has("facility:read") && !p.has("evaluation:score") && !p.has("supervision:manage")) throw new ForbiddenError("您没有查看评定方案的权限");
}

export async function listRatingSchemes({ ctx }: { ctx: Ctx }) {
  requireReader(ctx);
  await ensureDefaultScheme(ctx.database.db);
  const rows = await ctx.database.db.select().from(ratingSchemes).where(visible(ctx)).orderBy(asc(ratingSchemes.regionCode), asc(ratingSchemes.createdAt));
  return { items: rows.map(schemeView) };
}

/** A scheme the actor's region may use; `tx` when called inside a write. */
export async function schemeInScope(ctx: Ctx, id: string, tx?: Tx): Promise<RatingSchemeRow> {
  if (!isUuid(id)) throw new NotFoundError("评定方案不存在");
  const db = tx ?? ctx.database.db;
  if (id === DEFAULT_RATING_SCHEME_ID) await ensureDefaultScheme(db);
  const [row] = await db.select().from(ratingSchemes).where(eq(ratingSchemes.id, id));
  if (!row || !(ctx.actor.regionCode.startsWith(row.regionCode) || row.regionCode.startsWith(ctx.actor.regionCode))) throw new NotFoundError("评定方案不存在");
  return row;
}

export async function getRatingScheme({ ctx, id }: { ctx: Ctx; id: string }) {
  requireReader(ctx);
  return schemeView(await schemeInScope(ctx, id));
}

/** The bureau defines its region's own scheme (sections, weights, minimums, items, bands). */
export async function createRatingScheme({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePermission(ctx.actor, "supervision:manage");
  const scheme = parseInput(RatingSchemeInput, input);
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.insert(ratingSchemes).values({ regionCode: ctx.actor.regionCode, name: scheme.name, scheme, createdBy: ctx.actor.id }).returning();
    await recordAudit(tx, ctx, { action: "rating_scheme.create", targetType: "rating_scheme", targetId: row!.id, detail: { name: scheme.name } });
    return schemeView(row!);
  });
}
