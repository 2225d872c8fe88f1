import { selectRows } from "@carecircle/db";
import { PublicRatingsQuery } from "@carecircle/shared";
import { type SQL, sql } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { BadRequestError, NotFoundError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { parseInput } from "../elders/parse-input.ts";

interface PublicRow {
  id: string;
  name: string;
  tier: string;
  address: string;
  region_code: string;
  region_name: string | null;
  status: string;
  stars: number | null;
  unqualified: boolean;
  rated_at: Date | string | null;
  score_centi: number | null;
  round_name: string | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const view = (r: PublicRow) => ({
  id: r.id,
  name: r.name,
  tier: r.tier,
  address: r.address,
  regionCode: r.region_code,
  regionName: r.region_name,
  status: r.status,
  stars: r.stars === null ? null : Number(r.stars),
  unqualified: r.unqualified,
  score: r.score_centi === null ? null : Number(r.score_centi) / 100,
  ratedAt: iso(r.rated_at),
  roundName: r.round_name,
});

// the latest confirmed evaluation: only confirmed results are public
const LATEST = sql`LEFT JOIN LATERAL (
    SELECT e.score_centi, r.name AS round_name FROM evaluations e JOIN evaluation_rounds r ON r.id = e.round_id
    WHERE e.facility_id = f.id AND e.status = 'confirmed' ORDER BY e.confirmed_at DESC, e.id DESC LIMIT 1) last ON true`;

/**
 * The public ratings page (no login): facilities with their current stars — set only by a confirmed result — score,
 * tier and address; best first, by region, stars (0 = no star yet) or name.
 */
export async function listPublicRatings({ ctx, query }: { ctx: Ctx; query: unknown }) {
  const q = parseInput(PublicRatingsQuery, query);
  const conds: SQL[] = [sql`f.status <> 'closed'`];
  if (q.regionCode) conds.push(sql`f.region_code LIKE ${`${q.regionCode}%`}`);
  if (q.stars !== undefined) conds.push(q.stars === 0 ? sql`COALESCE(f.stars, 0) = 0` : sql`f.stars = ${q.stars}`);
  if (q.q) conds.push(sql`(f.name LIKE ${`%${q.q}%`} OR f.address LIKE ${`%${q.q}%`})`);
  if (q.cursor) {
    const [s, name, id] = decodeCursor(q.cursor, 3);
    if (typeof s !== "number" || typeof name !== "string" || !isUuid(id)) throw new BadRequestError("分页游标无效");
    conds.push(sql`(COALESCE(f.stars, 0) < ${s} OR (COALESCE(f.stars, 0) = ${s} AND (f.name, f.id) > (${name}, ${id}::uuid)))`);
  }
  const rows = await selectRows<PublicRow>(
    ctx.database.db,
    sql`SELECT f.id, f.name, f.tier, f.address, f.region_code, g.name AS region_name, f.status, f.stars, f.unqualified, f.rated_at, last.score_centi, last.round_name
        FROM facilities f LEFT JOIN regions g ON g.code = f.region_code ${LATEST}
        WHERE ${sql.join(conds, sql` AND `)}
        ORDER BY COALESCE(f.stars, 0) DESC, f.name, f.id LIMIT ${q.limit + 1}`,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { items: page.map(view), nextCursor: rows.length > q.limit && last ? encodeCursor([Number(last.stars ?? 0), last.name, last.id]) : null };
}

/** One facility's rating history (no login): each confirmed evaluation's round, date, score, stars and sections. */
export async function getPublicRating({ ctx, facilityId }: { ctx: Ctx; facilityId: string }) {
  if (!isUuid(facilityId)) throw new NotFoundError("设施不存在");
  const [f] = await selectRows<PublicRow>(
    ctx.database.db,
    sql`SELECT f.id, f.name, f.tier, f.address, f.region_code, g.name AS region_name, f.status, f.stars, f.unqualified, f.rated_at, last.score_centi, last.round_name
        FROM facilities f LEFT JOIN regions g ON g.code = f.region_code ${LATEST} WHERE f.id = ${facilityId} AND f.status <> 'closed'`,
  );
  if (!f) throw new NotFoundError("设施不存在");
  const history = await selectRows<{ id: string; round_name: string; recheck: boolean; confirmed_at: Date | string; score_centi: number; stars: number; unqualified: boolean; result: { sections?: { key: string; name: string; percent: number }[] } | null }>(
    ctx.database.db,
    sql`SELECT e.id, r.name AS round_name, r.recheck, e.confirmed_at, e.score_centi, e.stars, e.unqualified, e.result
        FROM evaluations e JOIN evaluation_rounds r ON r.id = e.round_id
        WHERE e.facility_id = ${facilityId} AND e.status = 'confirmed' ORDER BY e.confirmed_at DESC, e.id DESC`,
  );
  return {
    ...view(f),
    history: history.map((h) => ({
      evaluationId: h.id,
      roundName: h.round_name,
      recheck: h.recheck,
      confirmedAt: iso(h.confirmed_at),
      score: Number(h.score_centi) / 100,
      stars: Number(h.stars),
      unqualified: h.unqualified,
      sections: (h.result?.sections ?? []).map((s) => ({ key: s.key, name: s.name, percent: s.percent })),
    })),
  };
}
