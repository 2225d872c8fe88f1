import { shanghaiDate } from "@carecircle/shared";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { isHandling, type MyAlarm, useElderAlarmPages } from "../../api/alarms.ts";
import { errorText } from "../../api/client.ts";
import { useMyElders } from "../../api/queries.ts";
import { AlarmStatus, useStepWords, useWhen } from "../../components/AlarmParts.tsx";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { shanghaiDate as fullDate, shanghaiDateTime, shanghaiTime } from "../../lib/format.ts";

/**
 * One alarm: its status and outcome first, then what the call centre did, step by step with the time
 * ("14:03 致电老人，未接通"); while it is being handled the page follows it (every 15 s), no pop-ups.
 */
export function AlarmPage() {
  const { t } = useTranslation();
  const { id = "", alarmId = "" } = useParams();
  // there is no single-alarm read for families: the elder's list holds it, the pages the list page loaded (shared),
  // or, opened afresh, the pages read one after another until it turns up
  const alarms = useElderAlarmPages(id);
  const alarm = alarms.data?.pages.flatMap((p) => p.items).find((a) => a.id === alarmId);
  // a page that failed stops the search (ErrorNote offers to try again) rather than asking again at once
  const seeking = !!alarms.data && !alarm && alarms.hasNextPage && !alarms.isError;
  const { fetchNextPage, isFetching } = alarms;
  useEffect(() => {
    if (seeking && !isFetching) void fetchNextPage();
  }, [seeking, isFetching, fetchNextPage]);
  return (
    <Screen title={alarm ? t(`alarms.type.${alarm.type}`, { defaultValue: alarm.type }) : t("alarm.title")} back={`/elders/${id}/alarms`} testId="alarm-page">
      {(alarms.isPending || seeking) && <Loading />}
      {alarms.isError && <ErrorNote message={errorText(alarms.error)} onRetry={() => void alarms.refetch()} />}
      {alarms.data && !alarm && !seeking && (
        <p className="note" data-testid="alarm-not-found">
          {t("alarm.notFound")}
        </p>
      )}
      {alarm && <AlarmView elderId={id} alarm={alarm} />}
    </Screen>
  );
}

function AlarmView({ elderId, alarm }: { elderId: string; alarm: MyAlarm }) {
  const { t, i18n } = useTranslation();
  const when = useWhen();
  const name = useMyElders().data?.find((e) => e.id === elderId)?.name;
  return (
    <>
      <p className="status-line">
        <AlarmStatus alarm={alarm} />
        <time dateTime={alarm.raisedAt}>{when(alarm.raisedAt)}</time>
      </p>
      {!isHandling(alarm) ? (
        <section aria-labelledby="result-heading" className="panel alarm-result" data-testid="alarm-result">
          <h2 id="result-heading">{t("alarm.result")}</h2>
          <p className="alarm-result-words">
            <Icon name="check" /> {t(`alarms.outcomeWords.${alarm.outcome ?? "other"}`, { defaultValue: t("alarms.outcomeWords.other") })}
          </p>
          {alarm.closedAt && <p className="muted">{t("alarm.closedAt", { when: when(alarm.closedAt) })}</p>}
        </section>
      ) : (
        <p className="panel panel-attention" data-testid="alarm-handling">
          <Icon name="clock" /> {t("alarm.handling")}
        </p>
      )}
      <section aria-labelledby="steps-heading" className="stack">
        <h2 id="steps-heading">{t("alarm.steps")}</h2>
        <AlarmSteps alarm={alarm} />
      </section>
      <dl className="facts">
        <div>
          <dt>{t("alarm.when")}</dt>
          <dd>
            {fullDate(alarm.raisedAt, i18n.language)} {shanghaiTime(alarm.raisedAt)}
          </dd>
        </div>
        {name && (
          <div>
            <dt>{t("alarm.elder")}</dt>
            <dd>{name}</dd>
          </div>
        )}
      </dl>
    </>
  );
}

/**
 * 处理经过: the alarm, then each of the call centre's steps with a tick and its time; while it is being handled, a last
 * step marked 现在 says who has it. Times carry the date only when the step fell on another day than the alarm.
 */
function AlarmSteps({ alarm }: { alarm: MyAlarm }) {
  const { t, i18n } = useTranslation();
  const stepWords = useStepWords();
  const day = shanghaiDate(new Date(alarm.raisedAt));
  const at = (iso: string) => (shanghaiDate(new Date(iso)) === day ? shanghaiTime(iso) : shanghaiDateTime(iso, i18n.language));
  const rows = [{ key: "raised", at: alarm.raisedAt, words: t("alarm.raised", { type: t(`alarms.type.${alarm.type}`, { defaultValue: alarm.type }) }) }].concat(
    alarm.steps.map((s, i) => ({ key: `${i}-${s.action}`, at: s.at, words: stepWords(s) })),
  );
  return (
    <ol className="timeline alarm-steps" data-testid="alarm-steps">
      {rows.map((r) => (
        <li key={r.key} className="step step-done" data-state="done" data-testid="alarm-step">
          <span className="step-mark">
            <Icon name="check" />
          </span>
          <span className="step-text">
            <time dateTime={r.at}>{at(r.at)}</time> <span className="step-name">{r.words}</span>
          </span>
        </li>
      ))}
      {isHandling(alarm) && (
        <li className="step step-current" aria-current="step" data-state="current" data-testid="alarm-step-now">
          <span className="step-mark">
            <Icon name="dot" />
          </span>
          <span className="step-text">
            <span className="step-now">{t("alarm.now")}</span> <span className="step-name">{t(`alarm.waiting.${alarm.status}`)}</span>
          </span>
        </li>
      )}
    </ol>
  );
}
