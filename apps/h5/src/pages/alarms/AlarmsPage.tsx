import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router-dom";
import { useHandlingCounts } from "../../api/alarms.ts";
import { errorText } from "../../api/client.ts";
import { type MyElder, useMyElders } from "../../api/queries.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";

/** 紧急告警 for a family member with several elders: whose alarms, each with how many are being handled; one elder goes straight on. */
export function AlarmsPage() {
  const { t } = useTranslation();
  const elders = useMyElders();
  if (elders.data?.length === 1) return <Navigate to={`/elders/${elders.data[0]!.id}/alarms`} replace />;
  return (
    <Screen title={t("alarms.title")} back="/" testId="alarms-choose-page">
      {elders.isPending && <Loading />}
      {elders.isError && <ErrorNote message={errorText(elders.error)} onRetry={() => void elders.refetch()} />}
      {elders.data?.length === 0 && (
        <p className="note" data-testid="no-elders">
          {t("home.none")}
        </p>
      )}
      {elders.data && elders.data.length > 1 && <Choose elders={elders.data} />}
    </Screen>
  );
}

function Choose({ elders }: { elders: MyElder[] }) {
  const { t } = useTranslation();
  const counts = useHandlingCounts(elders);
  return (
    <section aria-labelledby="for-whom" className="stack">
      <h2 id="for-whom">{t("alarms.forWhom")}</h2>
      <ul className="cards">
        {elders.map((e) => {
          const n = counts.byElder.get(e.id);
          return (
            <li key={e.id}>
              <Link to={`/elders/${e.id}/alarms`} className="pick-card" data-testid="pick-elder" data-elder-id={e.id} data-count={n ?? ""}>
                <span className="pick-text">
                  <span className="elder-name">{e.name}</span>
                  {e.relation && <span className="muted">{t("elder.relation", { relation: e.relation })}</span>}
                  <span className={n ? "handling-some" : "muted"}>{n === undefined ? t("app.loading") : n > 0 ? t("alarms.handlingSome", { n }) : t("alarms.handlingNone")}</span>
                </span>
                {n ? (
                  <span className="count-badge" aria-hidden="true">
                    {n}
                  </span>
                ) : null}
                <Icon name="forward" />
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
