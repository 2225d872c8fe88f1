import dayjs, { type Dayjs } from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";
import "dayjs/locale/zh-cn";

dayjs.extend(utc);
dayjs.extend(timezone);

export const TZ = "Asia/Shanghai";

/** A UTC instant from the wire, shown in Shanghai time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return dayjs(iso).tz(TZ).format("YYYY-MM-DD HH:mm:ss");
}

/** Start of a day picked in the UI (Shanghai), as an ISO instant with offset. */
export function startOfDayIso(d: Dayjs): string {
  return dayjs.tz(d.format("YYYY-MM-DD"), TZ).startOf("day").format();
}

/** The instant just after the end of a picked day (exclusive upper bound). */
export function endOfDayIso(d: Dayjs): string {
  return dayjs.tz(d.format("YYYY-MM-DD"), TZ).add(1, "day").startOf("day").format();
}

/** Today in Shanghai as a Dayjs (for date pickers' defaults). */
export function todayShanghai(): Dayjs {
  return dayjs(dayjs().tz(TZ).format("YYYY-MM-DD"));
}

export { dayjs };
