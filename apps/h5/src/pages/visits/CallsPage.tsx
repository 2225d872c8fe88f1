import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { errorText } from "../../api/client.ts";
import { type MyVisit, type VisitResult, useMyCalls, useRecordVisit, useRevealPhone } from "../../api/visits.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { VisitFacts } from "./VisitsPage.tsx";
import { VisitTabs } from "./VisitTabs.tsx";
import "../../styles/visits.css";

/**
 * The elder's number and the way to dial it. The list shows it masked; 拨打电话 asks the server for the full number
 * (the read is audited, as in the staff console) and turns into a tel: link with it — one more tap dials.
 */
export function CallDial({ call }: { call: MyVisit }) {
  const { t } = useTranslation();
  const reveal = useRevealPhone();
  const phone = reveal.data?.phone;
  if (!call.phoneMasked)
    return (
      <p className="muted" data-testid="call-no-phone">
        <Icon name="phone" /> {t("visits.calls.noPhone")}
      </p>
    );
  return (
    <div className="stack">
      <p className="call-phone" data-testid="call-phone">
        <Icon name="phone" /> {phone ?? call.phoneMasked}
      </p>
      {phone ? (
        <>
          <a href={`tel:${phone}`} className="btn btn-primary btn-main" data-testid="call-dial">
            <Icon name="phone" /> {t("visits.calls.dialNumber", { phone })}
          </a>
          <p className="muted">{t("visits.calls.revealNote")}</p>
        </>
      ) : (
        <button type="button" className="btn btn-primary btn-main" disabled={reveal.isPending} onClick={() => reveal.mutate(call.elderId)} data-testid="call-reveal">
          <Icon name="phone" /> {reveal.isPending ? t("app.loading") : t("visits.calls.dial")}
        </button>
      )}
      {reveal.isError && <ErrorNote message={errorText(reveal.error)} testId="call-reveal-error" />}
    </div>
  );
}

/** What the last 无人接听 did: tried again tomorrow, or (the third in a row) a home visit put on the list. */
type Recorded = { name: string; result: VisitResult };

/**
 * 电话关怀: the community worker's own care calls due today (phone plans), the most overdue first — why, how late,
 * how many calls in a row went unanswered; dial, then 接通了 (what was heard, on its own screen) or 无人接听 (one tap).
 */
export function CallsPage() {
  const { t } = useTranslation();
  const calls = useMyCalls();
  const record = useRecordVisit();
  const [recorded, setRecorded] = useState<Recorded[]>([]);
  const noAnswer = (c: MyVisit) =>
    record.mutate({ elderId: c.elderId, kind: "phone", outcome: "no_answer" }, { onSuccess: (result) => setRecorded((x) => [{ name: c.elderName, result }, ...x]) });
  return (
    <Screen title={t("visits.calls.title")} back="/" testId="calls-page">
      <VisitTabs current="calls" />
      {recorded.map(({ name, result }) => {
        const homeVisit = result.followUps.some((f) => f.kind === "home_visit");
        return (
          <p key={result.id} className={homeVisit ? "alert" : "success"} role="status" data-testid="call-recorded" data-elder-id={result.elderId} data-home-visit={homeVisit}>
            <Icon name={homeVisit ? "warning" : "check"} /> {homeVisit ? t("visits.calls.recordedHomeVisit", { name }) : t("visits.calls.recordedNoAnswer", { name, n: result.unansweredCalls })}
          </p>
        );
      })}
      {record.isError && <ErrorNote message={errorText(record.error)} testId="call-error" />}
      {calls.isPending && <Loading />}
      {calls.isError && <ErrorNote message={errorText(calls.error)} onRetry={() => void calls.refetch()} />}
      {calls.data?.length === 0 && (
        <p className="note" data-testid="calls-empty">
          {t("visits.calls.empty")}
        </p>
      )}
      {calls.data && calls.data.length > 0 && (
        <>
          <p className="muted">{t("visits.calls.hint")}</p>
          <ul className="cards">
            {calls.data.map((c) => (
              <li key={c.elderId}>
                <article className={c.overdueDays > 0 ? "job-card visit-card visit-card-late" : "job-card visit-card"} data-testid="call-card" data-elder-id={c.elderId} data-unanswered={c.unansweredCalls}>
                  <p className="product-name">
                    <Icon name="person" /> {c.elderName}
                  </p>
                  <VisitFacts visit={c} />
                  {c.unansweredCalls > 0 && (
                    <p className="visit-overdue" data-testid="call-unanswered">
                      <Icon name="warning" /> {t("visits.calls.unanswered", { n: c.unansweredCalls })}
                    </p>
                  )}
                  <CallDial call={c} />
                  <div className="call-outcomes">
                    <Link to={`/calls/${c.elderId}`} className="btn btn-primary" data-testid="call-answered">
                      <Icon name="check" /> {t("visits.calls.answered")}
                    </Link>
                    <button type="button" className="btn btn-secondary" disabled={record.isPending} onClick={() => noAnswer(c)} data-testid="call-no-answer">
                      <Icon name="cross" /> {t("visits.calls.noAnswer")}
                    </button>
                  </div>
                </article>
              </li>
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}
