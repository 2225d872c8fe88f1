import { shanghaiDate } from "@carecircle/shared";

/** Visits start on the hour, 08:00–18:00 Beijing time. */
export const SLOT_HOURS = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18] as const;
export const BOOKABLE_DAYS = 7;
// a visit booked for later today needs time to be dispatched and to travel
const LEAD_MS = 60 * 60_000;

/** A bookable day: its Beijing date and how many days from today (0 today, 1 tomorrow …). */
export interface Day {
  date: string;
  offset: number;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The start of a slot as ISO 8601 with Beijing's offset, as the server takes it. */
export function slotStart(date: string, hour: number): string {
  return `${date}T${String(hour).padStart(2, "0")}:00:00+08:00`;
}

/** The hours of a day still open to booking at `now`. */
export function openHours(date: string, now = new Date()): number[] {
  return SLOT_HOURS.filter((h) => Date.parse(slotStart(date, h)) >= now.getTime() + LEAD_MS);
}

/**
 * The next seven days that still have an open hour: from today, or from tomorrow once today's last slot has passed.
 * @example bookableDays(new Date("2026-11-24T02:00:00Z"))[1] // { date: "2026-11-25", offset: 1 }
 */
export function bookableDays(now = new Date()): Day[] {
  const today = shanghaiDate(now);
  const first = openHours(today, now).length > 0 ? 0 : 1;
  return Array.from({ length: BOOKABLE_DAYS }, (_, i) => ({ date: addDays(today, first + i), offset: first + i }));
}

/** Days from today (Beijing) to the day of an instant: 0 today, 1 tomorrow, -1 yesterday. */
export function daysFromToday(iso: string, now = new Date()): number {
  return Math.round((Date.parse(shanghaiDate(new Date(iso))) - Date.parse(shanghaiDate(now))) / 86_400_000);
}
