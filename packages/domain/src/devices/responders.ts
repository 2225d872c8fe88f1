import { alarms, elders, selectRows } from "@carecircle/db";
import { distanceMeters, type Responder, type WorkerResponder } from "@carecircle/shared";
import { eq, sql } from "drizzle-orm";
import { type Ctx } from "../core/context.ts";
import { NotFoundError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { requirePermission } from "../core/permissions.ts";
import { covers } from "../marketplace/providers.ts";
import { volunteersNear } from "./volunteer-responders.ts";

/** How far around the home the alarm console looks for someone to send, in kilometres. */
export const RESPONDER_RADIUS_KM = 5;
/** Products a responder can be sent under, in order of preference: 助急, 助医, 生活照料. */
const CATEGORIES = ["emergency", "medical", "daily_care"] as const;
const SHANGHAI_MS = 8 * 3600_000;

/**
 * The caregivers nearest an alarm's elder that the operator could send: active workers of approved providers whose
 * base lies within RESPONDER_RADIUS_KM of the home, nearest first — those on duty and free before the rest — each with
 * the product an emergency order for them would use (their provider's 助急, else 助医, else 生活照料 per-visit service
 * covering the elder's community, whose skills they have).
 *
 * Verified time-bank volunteers living within the radius join the list (up to `volunteerLimit`, see volunteersNear):
 * after the caregivers on duty and free — a paid, on-duty professional is the first to send — and then interleaved by
 * distance with the other caregivers (off duty or busy), since a neighbour 300 m away may come sooner than a caregiver
 * who must first finish another visit. Volunteers have their own cap so that a dense street of caregivers never
 * hides them.
 */
export async function nearbyResponders({ ctx, alarmId, limit = 6, volunteerLimit = 4 }: { ctx: Ctx; alarmId: string; limit?: number; volunteerLimit?: number }): Promise<{ items: Responder[]; radiusKm: number }> {
  requirePermission(ctx.actor, "alarm:handle");
  if (!isUuid(alarmId)) throw new NotFoundError("告警不存在");
  const [a] = await ctx.database.db
    .select({ regionCode: alarms.regionCode, lat: elders.lat, lng: elders.lng, elderRegion: elders.regionCode })
    .from(alarms)
    .leftJoin(elders, eq(elders.id, alarms.elderId))
    .where(eq(alarms.id, alarmId));
  if (!a || !a.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("告警不存在");
  // no elder bound, or a home without a position: nobody to find near it
  if (a.lat === null || a.lng === null || a.elderRegion === null) return { items: [], radiusKm: RESPONDER_RADIUS_KM };
  const e = { lat: a.lat, lng: a.lng, regionCode: a.elderRegion };
  const nearVolunteers = await volunteersNear(ctx, a, { lat: a.lat, lng: a.lng }, RESPONDER_RADIUS_KM, volunteerLimit);
  const home = { lat: e.lat, lng: e.lng };
  const dLat = RESPONDER_RADIUS_KM / 111;
  const dLng = RESPONDER_RADIUS_KM / (111 * Math.max(0.1, Math.cos((home.lat * Math.PI) / 180)));
  const rows = await selectRows<{ id: string; name: string; phone_masked: string; skills: string[]; work_days: number[]; work_start: string; work_end: string; base_lat: number; base_lng: number; provider_id: string; provider_name: string; busy: boolean }>(
    ctx.database.db,
    sql`SELECT w.id, w.name, w.phone_masked, w.skills, w.work_days, w.work_start, w.work_end, w.base_lat, w.base_lng, p.id AS provider_id, p.name AS provider_name,
          EXISTS (SELECT 1 FROM service_orders o WHERE o.worker_id = w.id AND o.status IN ('on_the_way', 'checked_in')) AS busy
        FROM workers w JOIN providers p ON p.id = w.provider_id
        WHERE w.active AND p.status = 'approved'
          AND w.base_lat BETWEEN ${home.lat - dLat} AND ${home.lat + dLat} AND w.base_lng BETWEEN ${home.lng - dLng} AND ${home.lng + dLng}`,
  );
  const now = new Date(Date.now() + SHANGHAI_MS);
  const dow = ((now.getUTCDay() + 6) % 7) + 1;
  const hhmm = now.toISOString().slice(11, 16);
  const near = rows
    .map((r) => ({ r, distance: Math.round(distanceMeters(home, { lat: r.base_lat, lng: r.base_lng })), onDuty: r.work_days.map(Number).includes(dow) && hhmm >= r.work_start && hhmm < r.work_end }))
    .filter((x) => x.distance <= RESPONDER_RADIUS_KM * 1000)
    .sort((x, y) => Number(y.onDuty && !y.r.busy) - Number(x.onDuty && !x.r.busy) || x.distance - y.distance || x.r.id.localeCompare(y.r.id))
    .slice(0, limit);
  const providerIds = [...new Set(near.map((x) => x.r.provider_id))];
  const products = providerIds.length
    ? await selectRows<{ id: string; name: string; category: string; provider_id: string; required_skills: string[]; service_regions: string[] }>(
        ctx.database.db,
        sql`SELECT id, name, category, provider_id, required_skills, service_regions FROM service_products
            WHERE provider_id = ANY(${sql.param(providerIds)}::uuid[]) AND on_sale AND unit = 'visit' AND category IN ('emergency', 'medical', 'daily_care')
            ORDER BY price_fen, id`,
      )
    : [];
  const productFor = (providerId: string, skills: string[]) => {
    for (const c of CATEGORIES) {
      // 生活照料 only where it is hands-on care (basic_care), not an errand or a repair filed under it
      const p = products.find(
        (x) => x.provider_id === providerId && x.category === c && (c !== "daily_care" || x.required_skills.includes("basic_care")) && covers(x.service_regions, e.regionCode) && x.required_skills.every((k) => skills.includes(k)),
      );
      if (p) return { id: p.id, name: p.name, category: p.category };
    }
    return null;
  };
  const caregivers = near.map(
    ({ r, distance, onDuty }): WorkerResponder => ({
      kind: "worker",
      workerId: r.id,
      name: r.name,
      phone: r.phone_masked,
      providerId: r.provider_id,
      providerName: r.provider_name,
      distanceMeters: distance,
      onDuty,
      busy: Boolean(r.busy),
      product: productFor(r.provider_id, r.skills),
    }),
  );
  const first = caregivers.filter((c) => c.onDuty && !c.busy);
  const rest = [...caregivers.filter((c) => !(c.onDuty && !c.busy)), ...nearVolunteers].sort((x, y) => x.distanceMeters - y.distanceMeters);
  return { radiusKm: RESPONDER_RADIUS_KM, items: [...first, ...rest] };
}
