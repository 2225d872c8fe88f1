import { selectRows, type Tx } from "@carecircle/db";
import { sql } from "drizzle-orm";

export interface AlarmStepView {
  action: string;
  result: string | null;
  notes: string | null;
  actorName: string | null;
  at: string;
  /** The volunteer asked to go (请志愿者前往), on a dispatch step without an order. */
  volunteer: { id: string; name: string } | null;
}

/**
 * An alarm's steps in order (append-only): who did what, when, with which result (a caregiver's dispatch: the order
 * number); a volunteer's dispatch names the volunteer.
 */
export async function alarmSteps(db: Pick<Tx, "execute">, alarmId: string): Promise<AlarmStepView[]> {
  const rows = await selectRows<{ action: string; result: string | null; notes: string | null; actor_name: string | null; display_name: string | null; at: string; volunteer_id: string | null; volunteer_name: string | null }>(
    db,
    sql`SELECT s.action, s.result, s.notes, s.actor_name, u.display_name, s.at, v.id AS volunteer_id, v.name AS volunteer_name
        FROM alarm_actions s LEFT JOIN users u ON u.id = s.actor_id
          LEFT JOIN volunteers v ON v.id = s.volunteer_id
        WHERE s.alarm_id = ${alarmId}::uuid ORDER BY s.id`,
  );
  return rows.map((x) => ({
    action: x.action,
    result: x.result,
    notes: x.notes,
    actorName: x.display_name ?? x.actor_name,
    at: new Date(x.at).toISOString(),
    volunteer: x.volunteer_id ? { id: x.volunteer_id, name: x.volunteer_name ?? "" } : null,
  }));
}
