import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { isHandling, type MyAlarm, useElderAlarmPages, useElderAlarms } from "../../api/alarms.ts";
import { ApiError, errorText } from "../../api/client.ts";
import { useMyElders } from "../../api/queries.ts";
import { AlarmStatus, useStepWords, useWhen } from "../../components/AlarmParts.tsx";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { shanghaiTime } from "../../lib/format.ts";

/**
 * 紧急告警 of one elder: how many are being handled, then her alarms newest first, ten at a time — what, when, status,
 * outcome — and 查看更早的告警 for the ten before.
 */
export function ElderAlarmsPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const alarms = useElderAlarmPages(id);
  // counted among the latest 50, as 首页 counts them (and from the same answer)
  const latest = useElderAlarms(id);
  const elders = useMyElders();
  const name = elders.data?.find((e) => e.id === id)?.name;
  // a family member with several elders came through the choice of elder
  const back = (elders.data?.length ?? 0) > 1 ? "/alarms" : "/";
  return (
    <Screen title={name ? t("alarms.titleOf", { name }) : t("alarms.title")} back={back} testId="alarms-page">
      {alarms.isPending && <Loading />}
      {alarms.isError && (
        <ErrorNote message={alarms.error instanceof ApiError && alarms.error.status === 404 ? t("alarms.notFound") : errorText(alarms.error)} onRetry={() => void alarms.refetch()} testId="alarms-error" />
      )}
      {alarms.data && (
        <AlarmList
          elderId={id}
          alarms={alarms.data.pages.flatMap((p) => p.items)}
          handling={latest.data?.filter(isHandling).length ?? null}
          more={alarms.hasNextPage ? { loading: alarms.isFetchingNextPage, load: () => void alarms.fetchNextPage() } : null}
        />
      )}
    </Screen>
  );
}

interface ListProps {
  elderId: string;
  alarms: MyAlarm[];
  /** null until the latest alarms have been read */
  handling: number | null;
  /** the ten before, while there are more */
  more: { loading: boolean; load: () => void } | null;
}

function AlarmList({ elderId, alarms, handling: counted, more }: ListProps) {
  const { t } = useTranslation();
  // until the count is in, the pages loaded say it (a count that is still loading is not zero)
  const handling = counted ?? alarms.filter(isHandling).length;
  return (
    <>
      <p className={handling > 0 ? "handling-line handling-some" : "handling-line"} data-testid="alarms-handling" data-count={handling}>
        <Icon name={handling > 0 ? "warning" : "check"} /> {handling > 0 ? t("alarms.handlingSome", { n: handling }) : t("alarms.handlingNone")}
      </p>
      <p className="muted">{t("alarms.intro")}</p>
      {alarms.length === 0 ? (
        <p className="note" data-testid="alarms-empty">
          {t("alarms.empty")}
        </p>
      ) : (
        <>
          <p className="muted">{t("alarms.newestFirst")}</p>
          <ul className="cards" data-testid="alarm-list">
            {alarms.map((a) => (
              <li key={a.id}>
                <AlarmCard elderId={elderId} alarm={a} />
              </li>
            ))}
          </ul>
          {more && (
            <button type="button" className="btn btn-secondary btn-block" disabled={more.loading} onClick={more.load} data-testid="alarms-more">
              {more.loading ? t("app.loading") : t("alarms.more")}
            </button>
          )}
        </>
      )}
    </>
  );
}

function AlarmCard({ elderId, alarm }: { elderId: string; alarm: MyAlarm }) {
  const { t } = useTranslation();
  const when = useWhen();
  const stepWords = useStepWords();
  const latest = alarm.steps.at(-1);
  return (
    <Link to={`/elders/${elderId}/alarms/${alarm.id}`} className="alarm-card" data-testid="alarm-card" data-alarm-id={alarm.id} data-status={alarm.status}>
      <span className="alarm-card-head">
        <span className="alarm-type" data-testid="alarm-type">
          {t(`alarms.type.${alarm.type}`, { defaultValue: alarm.type })}
        </span>
        <AlarmStatus alarm={alarm} />
      </span>
      <time dateTime={alarm.raisedAt} data-testid="alarm-when">
        {when(alarm.raisedAt)}
      </time>
      {alarm.outcome ? (
        <span className="alarm-outcome" data-testid="alarm-outcome">
          {t("alarms.outcome", { outcome: t(`alarms.outcomeWords.${alarm.outcome}`, { defaultValue: t("alarms.outcomeWords.other") }) })}
        </span>
      ) : (
        <span className="muted" data-testid="alarm-latest">
          {latest ? t("alarms.latest", { step: `${shanghaiTime(latest.at)} ${stepWords(latest)}` }) : t(`alarm.waiting.${alarm.status}`)}
        </span>
      )}
      <span className="card-go">
        {t("alarms.open")} <Icon name="forward" />
      </span>
    </Link>
  );
}
