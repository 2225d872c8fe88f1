import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { errorText } from "../../api/client.ts";
import { type MyVisit, useMyVisits } from "../../api/visits.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { dayText } from "../../lib/format.ts";
import { amapLink } from "../../lib/geo.ts";
import { VisitTabs } from "./VisitTabs.tsx";
import "../../styles/visits.css";

/** Directions to the elder's home in Amap (opens beside the app). */
export function VisitNavigateLink({ visit }: { visit: MyVisit }) {
  const { t } = useTranslation();
  if (visit.lat === null || visit.lng === null) return null;
  return (
    <a href={amapLink(visit.lat, visit.lng, visit.address)} target="_blank" rel="noopener noreferrer" className="btn btn-secondary" data-testid="visit-navigate">
      <Icon name="pin" /> {t("visits.navigate")}
    </a>
  );
}

/** Why this elder is visited (the rules met), as tags; how late the visit is and to whom it went up, in words. */
export function VisitFacts({ visit }: { visit: MyVisit }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <ul className="visit-reasons" aria-label={t("visits.title")}>
        {visit.task && (
          <li className="visit-tag visit-tag-task" data-testid="visit-task">
            <Icon name="phone" /> {t("visits.task")}
          </li>
        )}
        {!visit.task &&
          visit.reasons.map((r) => (
            <li key={r} className="visit-tag" lang="zh-CN">
              {r}
            </li>
          ))}
      </ul>
      <p className={visit.overdueDays > 0 ? "visit-due visit-overdue" : "visit-due"} data-testid="visit-due" data-overdue={visit.overdueDays}>
        <Icon name={visit.overdueDays > 0 ? "warning" : "clock"} /> {visit.overdueDays > 0 ? t("visits.overdue", { n: visit.overdueDays }) : t(visit.kind === "phone" ? "visits.calls.due" : "visits.due", { date: dayText(visit.dueOn, i18n.language) })}
        {visit.escalatedTo && <strong> · {t(`visits.escalated.${visit.escalatedTo}`)}</strong>}
      </p>
    </>
  );
}

/** 今日探访: the elders the signed-in community worker (or volunteer) is to visit today, the most overdue first. */
export function VisitsPage() {
  const { t } = useTranslation();
  const visits = useMyVisits();
  return (
    <Screen title={t("visits.title")} back="/" testId="visits-page">
      <VisitTabs current="visits" />
      {visits.isPending && <Loading />}
      {visits.isError && <ErrorNote message={errorText(visits.error)} onRetry={() => void visits.refetch()} />}
      {visits.data?.length === 0 && (
        <p className="note" data-testid="visits-empty">
          {t("visits.empty")}
        </p>
      )}
      {visits.data && visits.data.length > 0 && (
        <ul className="cards">
          {visits.data.map((v) => (
            <li key={`${v.elderId}-${v.task}`}>
              <article className={v.overdueDays > 0 || v.task ? "job-card visit-card visit-card-late" : "job-card visit-card"} data-testid="visit-card" data-elder-id={v.elderId} data-task={v.task}>
                <p className="product-name">
                  <Icon name="person" /> {v.elderName}
                </p>
                <p>
                  <Icon name="home" /> {v.address}
                </p>
                <VisitFacts visit={v} />
                <div className="row">
                  <VisitNavigateLink visit={v} />
                  <Link to={`/visits/${v.elderId}`} className="btn btn-primary" data-testid="visit-open">
                    {t("visits.open")} <Icon name="forward" />
                  </Link>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
