import { shanghaiDate } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/client.ts";
import { type Order, useJobs } from "../../api/orders.ts";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { dayText } from "../../lib/format.ts";
import { daysFromToday } from "../../lib/slots.ts";
import { JobCard } from "./JobCard.tsx";

/** Jobs grouped by day, in time order (the server sorts by the slot): overdue ones first, then today, tomorrow, later. */
function byDay(jobs: Order[]): { key: string; offset: number; date: string; jobs: Order[] }[] {
  const groups: { key: string; offset: number; date: string; jobs: Order[] }[] = [];
  for (const j of jobs) {
    const offset = daysFromToday(j.slotStart);
    const key = offset < 0 ? "earlier" : shanghaiDate(new Date(j.slotStart));
    let g = groups.find((x) => x.key === key);
    if (!g) groups.push((g = { key, offset, date: key, jobs: [] }));
    g.jobs.push(j);
  }
  return groups;
}

/** 今日工单: today's and the coming jobs for the signed-in caregiver, each with its next step. */
export function JobsPage() {
  const { t, i18n } = useTranslation();
  const jobs = useJobs();
  const heading = (g: { key: string; offset: number; date: string }) =>
    g.key === "earlier" ? t("jobs.earlier") : g.offset === 0 ? t("jobs.today") : g.offset === 1 ? `${t("jobs.tomorrow")} ${dayText(g.date, i18n.language)}` : dayText(g.date, i18n.language);
  return (
    <Screen title={t("jobs.title")} back="/" testId="jobs-page">
      {jobs.isPending && <Loading />}
      {jobs.isError && <ErrorNote message={errorText(jobs.error)} onRetry={() => void jobs.refetch()} />}
      {jobs.data?.length === 0 && (
        <p className="note" data-testid="jobs-empty">
          {t("jobs.empty")}
        </p>
      )}
      {jobs.data && jobs.data.length > 0 && !jobs.data.some((j) => daysFromToday(j.slotStart) === 0) && (
        <p className="note" data-testid="jobs-none-today">
          {t("jobs.noneToday")}
        </p>
      )}
      {jobs.data &&
        byDay(jobs.data).map((g) => (
          <section key={g.key} aria-labelledby={`day-${g.key}`} className="stack" data-testid="jobs-day" data-day={g.key}>
            <h2 id={`day-${g.key}`}>
              {heading(g)} <span className="muted">{t("jobs.count", { n: g.jobs.length })}</span>
            </h2>
            <ul className="cards">
              {g.jobs.map((j) => (
                <li key={j.id}>
                  <JobCard order={j} />
                </li>
              ))}
            </ul>
          </section>
        ))}
    </Screen>
  );
}
