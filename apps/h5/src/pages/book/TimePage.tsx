import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router-dom";
import { useProduct } from "../../api/catalog.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Screen } from "../../components/Screen.tsx";
import { dayParts, dayText } from "../../lib/format.ts";
import { bookableDays, type Day, openHours, slotStart } from "../../lib/slots.ts";
import { withElder } from "./booking-elder.tsx";

/** "今天" / "明天" / "后天" where they apply, for the date chips. */
export function useDayName() {
  const { t, i18n } = useTranslation();
  return (d: Day) => {
    const near = ["today", "tomorrow", "dayAfter"][d.offset];
    return { near: near ? t(`book.time.${near}`) : null, date: dayText(d.date, i18n.language) };
  };
}

/**
 * 选择服务时间: seven date chips, then big buttons for the hours still open that day (08:00–18:00). The chosen chip
 * and hour are filled dark with a thick frame, and the choice is repeated in words under them.
 */
export function TimePage() {
  const { t, i18n } = useTranslation();
  const id = useParams().id ?? "";
  const [params] = useSearchParams();
  const elderId = params.get("elder") ?? "";
  const navigate = useNavigate();
  const product = useProduct(id);
  const dayName = useDayName();
  const days = bookableDays();
  // coming back from 确认预约 keeps the time chosen before
  const previous = params.get("slot");
  const [date, setDate] = useState(() => days.find((d) => previous?.startsWith(d.date))?.date ?? days[0]!.date);
  const [hour, setHour] = useState<number | null>(() => (previous ? Number(previous.slice(11, 13)) : null));
  const [missing, setMissing] = useState(false);
  const hoursOpen = openHours(date);
  const chosenDay = days.find((d) => d.date === date)!;

  const next = () => {
    if (hour === null || !hoursOpen.includes(hour)) return setMissing(true);
    navigate(`${withElder(`/products/${id}/confirm`, elderId)}&slot=${encodeURIComponent(slotStart(date, hour))}`);
  };
  const chosen = hour !== null && hoursOpen.includes(hour) ? `${[dayName(chosenDay).near, dayName(chosenDay).date].filter(Boolean).join(" ")} ${String(hour).padStart(2, "0")}:00` : null;

  return (
    <Screen title={t("book.time.title")} back={withElder(`/products/${id}`, elderId)} testId="time-page">
      {product.data && <p className="lead">{t("book.time.for", { product: product.data.name })}</p>}
      <fieldset className="picker">
        <legend>{t("book.time.date")}</legend>
        <div className="chips">
          {days.map((d) => {
            const near = dayName(d).near;
            const parts = dayParts(d.date, i18n.language);
            return (
              <button key={d.date} type="button" className="chip" aria-pressed={d.date === date} onClick={() => (setDate(d.date), setMissing(false))} data-testid={`date-${d.offset}`} data-date={d.date}>
                {near && <strong>{near}</strong>}
                <span>{parts.date}</span>
                <span>{parts.weekday}</span>
              </button>
            );
          })}
        </div>
      </fieldset>
      <fieldset className="picker">
        <legend>{t("book.time.hour")}</legend>
        <div className="hour-grid">
          {hoursOpen.map((h) => {
            const label = `${String(h).padStart(2, "0")}:00`;
            return (
              <button key={h} type="button" className="hour" aria-pressed={hour === h} onClick={() => (setHour(h), setMissing(false))} data-testid={`hour-${h}`}>
                {label}
              </button>
            );
          })}
        </div>
      </fieldset>
      <p className="note" aria-live="polite" data-testid="time-chosen">
        {chosen ? t("book.time.chosen", { when: chosen }) : t("book.time.none")}
      </p>
      {missing && <ErrorNote message={t("book.time.none")} testId="time-missing" />}
      <button type="button" className="btn btn-primary btn-main" onClick={next} data-testid="time-next">
        {t("book.time.next")} <Icon name="forward" />
      </button>
    </Screen>
  );
}
