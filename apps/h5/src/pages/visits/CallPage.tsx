import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { errorText } from "../../api/client.ts";
import { type MyVisit, type VisitResult, useMyCalls, useRecordVisit } from "../../api/visits.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { CallDial } from "./CallsPage.tsx";
import { FindingsFields, FollowUpFields, FollowUpList, useFindingsForm } from "./Findings.tsx";
import { VisitFacts } from "./VisitsPage.tsx";
import "../../styles/visits.css";

/** A care call that got through (接通): what was heard, in the home visit's short form; a worrying answer is passed on. */
export function CallPage() {
  const { t } = useTranslation();
  const { elderId } = useParams();
  const calls = useMyCalls();
  const [result, setResult] = useState<VisitResult | null>(null);
  const call = calls.data?.find((c) => c.elderId === elderId);
  // once recorded the call has left today's list: the title keeps the name it had
  const [name, setName] = useState<string | null>(null);
  if (call && name !== call.elderName) setName(call.elderName);
  return (
    <Screen title={name ? t("visits.calls.callTitle", { name }) : t("visits.calls.title")} back="/calls" testId="call-page">
      {result ? (
        <CallDone result={result} />
      ) : calls.isPending ? (
        <Loading />
      ) : calls.isError ? (
        <ErrorNote message={errorText(calls.error)} onRetry={() => void calls.refetch()} />
      ) : !call ? (
        <>
          <p className="note" data-testid="call-not-found">
            {t("visits.calls.notFound")}
          </p>
          <Link to="/calls" className="btn btn-secondary btn-block">
            {t("visits.calls.backToList")}
          </Link>
        </>
      ) : (
        <CallForm call={call} onDone={setResult} />
      )}
    </Screen>
  );
}

function CallForm({ call, onDone }: { call: MyVisit; onDone: (r: VisitResult) => void }) {
  const { t } = useTranslation();
  const record = useRecordVisit();
  const form = useFindingsForm();
  const [missing, setMissing] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const findings = form.findings();
    if (!findings) return setMissing(t("visits.needFindings"));
    setMissing(null);
    record.mutate({ elderId: call.elderId, kind: "phone", outcome: "visited", findings, ...form.followUp() }, { onSuccess: onDone });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate data-testid="call-form">
      <VisitFacts visit={call} />
      <CallDial call={call} />
      <section className="stack" aria-labelledby="findings-heading">
        <FindingsFields form={form} heading={t("visits.calls.findingsHeading")} />
      </section>
      <FollowUpFields form={form} />
      {missing && <ErrorNote message={missing} testId="call-missing" />}
      {record.isError && <ErrorNote message={errorText(record.error)} testId="call-error" />}
      <button type="submit" className="btn btn-primary btn-main" disabled={record.isPending} data-testid="call-submit">
        <Icon name="check" /> {record.isPending ? t("app.sending") : t("visits.calls.submit")}
      </button>
    </form>
  );
}

/** The call is on record; who is to act on what was heard. */
function CallDone({ result }: { result: VisitResult }) {
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="call-done" data-worrying={result.worrying}>
      <p className="success" role="status">
        <Icon name="check" /> {t("visits.calls.done")}
      </p>
      <p className={result.worrying ? "lead" : undefined}>{result.worrying ? t("visits.calls.doneWorrying") : t("visits.calls.doneFine")}</p>
      {result.followUps.length > 0 ? <FollowUpList followUps={result.followUps} /> : <p className="muted">{t("visits.done.none")}</p>}
      <Link to="/calls" className="btn btn-primary btn-main" data-testid="call-back-to-list">
        {t("visits.calls.backToList")}
      </Link>
    </div>
  );
}
