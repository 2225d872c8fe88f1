import { alarms, selectRows, type Tx, volunteers } from "@carecircle/db";
import { distanceMeters, type VolunteerResponder } from "@carecircle/shared";
import { and, eq, isNotNull, like, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.ts";
import { type Ctx, withTransaction } from "../core/context.ts";
import { NotFoundError, ValidationError } from "../core/errors.ts";
import { isUuid } from "../core/ids.ts";
import { requirePermission } from "../core/permissions.ts";

/** The district (six digits) an alarm belongs to: a volunteer's hours count across the district (通存通兑), so does their help. */
const districtOf = (regionCode: string) => regionCode.slice(0, 6);

/**
 * Verified time-bank volunteers (志愿者) living within `radiusKm` of the home, nearest first: of the alarm's district
 * and inside the actor's own region (a street's staff see their street's volunteers only), with a phone to be asked
 * on and a home position. Suspended or pending volunteers are not offered. The credit/blacklist module does not cover
 * volunteers (its subjects are facilities, providers, workers, staff and recipients), so suspension is the only bar.
 */
export async function volunteersNear(
  ctx: Ctx,
  alarm: { regionCode: string },
  home: { lat: number; lng: number },
  radiusKm: number,
  limit: number,
): Promise<VolunteerResponder[]> {
  const dLat = radiusKm / 111;
  const dLng = radiusKm / (111 * Math.max(0.1, Math.cos((home.lat * Math.PI) / 180)));
  const rows = await selectRows<{ id: string; name: string; phone_masked: string; team: string | null; lat: number; lng: number }>(
    ctx.database.db,
    sql`SELECT id, name, phone_masked, team, lat, lng FROM volunteers
        WHERE status = 'verified' AND phone_enc IS NOT NULL AND lat IS NOT NULL AND lng IS NOT NULL
          AND region_code LIKE ${`${districtOf(alarm.regionCode)}%`} AND region_code LIKE ${`${ctx.actor.regionCode}%`}
          AND lat BETWEEN ${home.lat - dLat} AND ${home.lat + dLat} AND lng BETWEEN ${home.lng - dLng} AND ${home.lng + dLng}`,
  );
  return rows
    .map((r) => ({ r, distance: Math.round(distanceMeters(home, { lat: Number(r.lat), lng: Number(r.lng) })) }))
    .filter((x) => x.distance <= radiusKm * 1000)
    .sort((x, y) => x.distance - y.distance || x.r.id.localeCompare(y.r.id))
    .slice(0, limit)
    .map(({ r, distance }) => ({ kind: "volunteer" as const, volunteerId: r.id, name: r.name, phone: r.phone_masked, team: r.team, distanceMeters: distance }));
}

/**
 * The volunteer an operator may ask to go to this alarm: verified, with a phone, of the alarm's district and the
 * actor's region. Anything else is refused as invalid input (the operator picked from a stale list), never revealed.
 */
export async function volunteerForAlarm(tx: Pick<Tx, "select">, ctx: Ctx, alarmRegion: string, volunteerId: string) {
  const absent = new ValidationError("志愿者不存在、未通过审核或不在本区", [{ path: "volunteerId", message: "请从附近志愿者中选择" }]);
  if (!isUuid(volunteerId)) throw absent;
  const [v] = await tx
    .select({ id: volunteers.id, name: volunteers.name, regionCode: volunteers.regionCode, phoneEnc: volunteers.phoneEnc })
    .from(volunteers)
    .where(and(eq(volunteers.id, volunteerId), eq(volunteers.status, "verified"), isNotNull(volunteers.phoneEnc), like(volunteers.regionCode, `${districtOf(alarmRegion)}%`)));
  if (!v || !v.regionCode.startsWith(ctx.actor.regionCode)) throw absent;
  return v;
}

/**
 * 查看完整号码 of a volunteer on an alarm's nearby list, to call them: the full phone, and an audit event saying who
 * read whose number for which alarm (like a family contact's on the alarm card). Another region's alarm is not found.
 */
export async function revealVolunteerPhone({ ctx, alarmId, volunteerId }: { ctx: Ctx; alarmId: string; volunteerId: string }): Promise<{ id: string; phone: string }> {
  requirePermission(ctx.actor, "alarm:handle");
  requirePermission(ctx.actor, "elder:reveal");
  if (!isUuid(alarmId)) throw new NotFoundError("告警不存在");
  const [a] = await ctx.database.db.select({ regionCode: alarms.regionCode }).from(alarms).where(eq(alarms.id, alarmId));
  if (!a || !a.regionCode.startsWith(ctx.actor.regionCode)) throw new NotFoundError("告警不存在");
  return withTransaction(ctx, async (tx) => {
    const v = await volunteerForAlarm(tx, ctx, a.regionCode, volunteerId).catch((e: unknown) => {
      if (e instanceof ValidationError) throw new NotFoundError("志愿者不存在");
      throw e;
    });
    await recordAudit(tx, ctx, { action: "volunteer.reveal_phone", targetType: "volunteer", targetId: v.id, regionCode: v.regionCode, detail: { name: v.name, alarmId } });
    return { id: v.id, phone: ctx.secrets.decrypt(v.phoneEnc!) };
  });
}
