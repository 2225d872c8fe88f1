import { facilities } from "@carecircle/db";
import { FacilityListQuery } from "@carecircle/shared";
import { and, asc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { BadRequestError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { parseInput } from "../elders/parse-input.ts";
import { facilityViews } from "./get-facility.ts";
import { facilityScope } from "./internal.ts";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Facilities in the actor's scope, by region then name, filtered by tier, status, region and a name/address search. */
export async function listFacilities({ ctx, query }: { ctx: Ctx; query: unknown }) {
  const q = parseInput(FacilityListQuery, query);
  const limit = q.limit ?? 50;
  const where: (SQL | undefined)[] = [facilityScope(ctx, q.regionCode)];
  if (q.tier) where.push(eq(facilities.tier, q.tier));
  if (q.status) where.push(eq(facilities.status, q.status));
  if (q.q) where.push(or(ilike(facilities.name, `%${escapeLike(q.q)}%`), ilike(facilities.address, `%${escapeLike(q.q)}%`), ilike(facilities.operatorName, `%${escapeLike(q.q)}%`)));
  if (q.cursor) {
    const [r, n, id] = decodeCursor(q.cursor, 3).map(String) as [string, string, string];
    if (!isUuid(id)) throw new BadRequestError("分页游标无效");
    where.push(sql`(${facilities.regionCode}, ${facilities.name}, ${facilities.id}) > (${r}, ${n}, ${id}::uuid)`);
  }
  const rows = await ctx.database.db
    .select()
    .from(facilities)
    .where(and(...where))
    .orderBy(asc(facilities.regionCode), asc(facilities.name), asc(facilities.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: await facilityViews(ctx, page), nextCursor: rows.length > limit && last ? encodeCursor([last.regionCode, last.name, last.id]) : null };
}
