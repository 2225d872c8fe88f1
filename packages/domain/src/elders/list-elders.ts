import { elders } from "@carecircle/db";
import { ElderListQuery, shanghaiDate, yearsBefore } from "@carecircle/shared";
import { and, arrayContains, asc, count, eq, gt, ilike, like, lte, or, type SQL, sql } from "drizzle-orm";
import type { Ctx } from "../core/context.ts";
import { decodeCursor, encodeCursor } from "../core/cursor.ts";
import { BadRequestError, NotFoundError } from "../core/errors.ts";
import { requirePermission } from "../core/permissions.ts";
import { regionNames } from "../regions/regions.ts";
import { normalizePhone } from "@carecircle/shared";
import { toListItem } from "./internal.ts";
import { parseInput } from "./parse-input.ts";
import { isUuid } from "../core/ids.ts";

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}


/**
 * The search box: a full ID number or phone is looked up by keyed hash; four digits match the
 * visible tail of a masked phone or ID; latin letters match pinyin initials or full pinyin; anything else the name.
 */
function searchCondition(ctx: Ctx, q: string): SQL | undefined {
  const s = q.trim();
  if (!s) return undefined;
  if (/^\d{17}[\dXx]$/.test(s)) return eq(elders.idNumberHash, ctx.secrets.lookupHash("id", s.toUpperCase()));
  const phone = normalizePhone(s);
  if (/^(1\d{10}|0\d{9,11})$/.test(phone)) return eq(elders.phoneHash, ctx.secrets.lookupHash("phone", phone));
  if (/^\d{4}$/.test(s)) return or(like(elders.phoneMasked, `%${s}`), like(elders.idNumberMasked, `%${s}`));
  // an ID number's last four may end in the check character X
  if (/^\d{3}[Xx]$/.test(s)) return like(elders.idNumberMasked, `%${s.toUpperCase()}`);
  if (/^[a-zA-Z]+$/.test(s)) {
    const l = s.toLowerCase();
    return or(like(elders.nameInitials, `${l}%`), like(elders.namePinyin, `${l}%`));
  }
  const chars = [...s.toLowerCase()];
  // one character is a surname: "contains 英" would match a tenth of everyone and find no one
  if (chars.length === 1) return like(elders.name, `${escapeLike(s)}%`);
  if (chars.length <= 4) return arrayContains(elders.nameGrams, [chars.join("")]);
  return ilike(elders.name, `%${escapeLike(s)}%`);
}

/** Builds the WHERE of a filtered list: the actor's region scope always comes first. */
export function elderFilter(ctx: Ctx, query: ElderListQuery): SQL[] {
  let prefix = ctx.actor.regionCode;
  if (query.region) {
    if (query.region.startsWith(prefix)) prefix = query.region;
    else if (!prefix.startsWith(query.region)) throw new NotFoundError("区划不存在");
  }
  const where: (SQL | undefined)[] = [like(elders.regionCode, `${prefix}%`)];
  if (query.status !== "all") where.push(eq(elders.status, query.status));
  const today = shanghaiDate();
  if (query.ageMin !== undefined) where.push(lte(elders.birthDate, yearsBefore(today, query.ageMin)));
  if (query.ageMax !== undefined) where.push(gt(elders.birthDate, yearsBefore(today, query.ageMax + 1)));
  if (query.livingSituation) where.push(eq(elders.livingSituation, query.livingSituation));
  if (query.economicStatus) where.push(eq(elders.economicStatus, query.economicStatus));
  if (query.abilityLevel !== undefined) where.push(eq(elders.abilityLevel, query.abilityLevel));
  if (query.tag) where.push(arrayContains(elders.tags, [query.tag]));
  if (query.q) where.push(searchCondition(ctx, query.q));
  return where.filter((w): w is SQL => w !== undefined);
}

/** One page, ordered by pinyin; `total` is counted on the first page only. */
export async function listElders({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requirePermission(ctx.actor, "elder:read");
  const query = parseInput(ElderListQuery, input);
  const where = elderFilter(ctx, query);
  const db = ctx.database.db;
  const pageWhere = [...where];
  if (query.cursor) {
    const [py, id] = decodeCursor(query.cursor, 2);
    if (typeof py !== "string" || !isUuid(id)) throw new BadRequestError("分页游标无效");
    pageWhere.push(or(gt(elders.namePinyin, String(py)), and(eq(elders.namePinyin, String(py)), gt(elders.id, String(id))))!);
  }
  // With a search, order by an expression the pinyin index cannot serve: the planner then uses the search's own
  // index and sorts the few matches, instead of walking the whole district in pinyin order looking for them.
  const order = query.q ? sql`${elders.namePinyin} || ''` : elders.namePinyin;
  const rows = await db
    .select()
    .from(elders)
    .where(and(...pageWhere))
    .orderBy(asc(order), asc(elders.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const names = await regionNames(ctx, page.map((r) => r.regionCode));
  const last = page.at(-1);
  const total = query.cursor ? null : ((await db.select({ n: count() }).from(elders).where(and(...where)))[0]?.n ?? 0);
  return {
    items: page.map((r) => toListItem(r, names.get(r.regionCode) ?? null)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.namePinyin, last.id]) : null,
    total,
  };
}

