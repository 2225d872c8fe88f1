import { distanceMeters, toGcj02 } from "@carecircle/shared";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ApiError, errorText } from "../../api/client.ts";
import { type MyVisit, type VisitResult, useMyVisits, useRecordVisit } from "../../api/visits.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { currentPosition, GeoError, type GeoProblem, type Position } from "../../lib/geo.ts";
import { PhotoPicker } from "../jobs/PhotoPicker.tsx";
import { FindingsFields, FollowUpFields, FollowUpList, useFindingsForm } from "./Findings.tsx";
import { VisitFacts, VisitNavigateLink } from "./VisitsPage.tsx";
import "../../styles/visits.css";

/** One visit: 签到 at the door (or 敲门没人应答), what was found, follow-ups when something is worrying; then what followed. */
export function VisitPage() {
  const { t } = useTranslation();
  const { elderId } = useParams();
  const visits = useMyVisits();
  const [result, setResult] = useState<VisitResult | null>(null);
  const visit = visits.data?.find((v) => v.elderId === elderId);
  return (
    <Screen title={visit ? t("visits.visitTitle", { name: visit.elderName }) : t("visits.title")} back="/visits" testId="visit-page">
      {result ? (
        <VisitDone result={result} />
      ) : visits.isPending ? (
        <Loading />
      ) : visits.isError ? (
        <ErrorNote message={errorText(visits.error)} onRetry={() => void visits.refetch()} />
      ) : !visit ? (
        <>
          <p className="note" data-testid="visit-not-found">
            {t("visits.notFound")}
          </p>
          <Link to="/visits" className="btn btn-secondary btn-block">
            {t("visits.backToList")}
          </Link>
        </>
      ) : (
        <VisitForm visit={visit} onDone={setResult} />
      )}
    </Screen>
  );
}

function VisitForm({ visit, onDone }: { visit: MyVisit; onDone: (r: VisitResult) => void }) {
  const { t } = useTranslation();
  const record = useRecordVisit();
  const [position, setPosition] = useState<Position | null>(null);
  const [locating, setLocating] = useState(false);
  const [geo, setGeo] = useState<GeoProblem | null>(null);
  const form = useFindingsForm();
  const [photo, setPhoto] = useState<string | null>(null);
  const [missing, setMissing] = useState<string | null>(null);

  const refusal = record.error instanceof ApiError && record.error.problem.distanceMeters !== undefined ? record.error.problem : null;
  // the home is kept in GCJ-02; the phone answers in WGS-84: the same conversion the server makes
  // the refusal is shown at 签到, far above the submit button: bring it into view
  const refusalBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusal) refusalBox.current?.scrollIntoView({ block: "center" });
  }, [refusal]);
  const near = position && visit.lat !== null && visit.lng !== null ? Math.round(distanceMeters(toGcj02({ lat: position.lat, lng: position.lng }, "wgs84"), { lat: visit.lat, lng: visit.lng })) : null;

  const locate = async () => {
    setGeo(null);
    record.reset();
    setLocating(true);
    try {
      setPosition(await currentPosition());
    } catch (e) {
      setGeo(e instanceof GeoError ? e.problem : "unavailable");
    } finally {
      setLocating(false);
    }
  };

  const noAnswer = () => {
    setMissing(null);
    record.mutate({ elderId: visit.elderId, kind: "home", outcome: "no_answer" }, { onSuccess: onDone });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!position) return setMissing(t("visits.needCheckIn"));
    const findings = form.findings();
    if (!findings) return setMissing(t("visits.needFindings"));
    setMissing(null);
    record.mutate(
      {
        elderId: visit.elderId,
        kind: "home",
        outcome: "visited",
        lat: position.lat,
        lng: position.lng,
        datum: "wgs84",
        findings,
        photos: photo ? [photo] : [],
        ...form.followUp(),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate data-testid="visit-form">
      <p>
        <Icon name="home" /> {visit.address}
      </p>
      <VisitFacts visit={visit} />
      <div className="row">
        <VisitNavigateLink visit={visit} />
      </div>

      <section className="stack panel" aria-labelledby="check-in-heading" data-testid="visit-check-in">
        <h2 id="check-in-heading">{t("visits.checkIn.heading")}</h2>
        {position && !refusal && (
          <p className="success" role="status" data-testid="visit-checked-in">
            <Icon name="check" /> {t("visits.checkIn.done")}
            {near !== null && <> · {t("visits.checkIn.near", { distance: near })}</>}
          </p>
        )}
        {refusal && (
          <div className="alert" role="alert" ref={refusalBox} data-testid="visit-refused">
            <p>
              <Icon name="warning" /> <strong>{t("visits.checkIn.refused")}</strong>
            </p>
            <p className="distance" data-testid="visit-distance">
              {t("visits.checkIn.distance", { distance: refusal.distanceMeters })}
            </p>
            {refusal.geofenceMeters !== undefined && <p>{t("visits.checkIn.fence", { fence: refusal.geofenceMeters })}</p>}
            <p lang="zh-CN">{refusal.detail}</p>
          </div>
        )}
        {geo && <ErrorNote message={t(`job.geo.${geo}`)} testId="visit-geo" />}
        <button type="button" className={`btn ${position && !refusal ? "btn-secondary btn-block" : "btn-primary btn-main"}`} disabled={locating || record.isPending} onClick={() => void locate()} data-testid="visit-check-in-submit">
          <Icon name="pin" /> {locating ? t("visits.checkIn.locating") : position ? t("visits.checkIn.again") : t("visits.checkIn.submit")}
        </button>
        <button type="button" className="btn btn-secondary btn-main" disabled={record.isPending} onClick={noAnswer} data-testid="visit-no-answer">
          <Icon name="cross" /> {t("visits.noAnswer.submit")}
        </button>
        <p className="muted">{t("visits.noAnswer.hint")}</p>
      </section>

      <section className="stack" aria-labelledby="findings-heading">
        <FindingsFields form={form} heading={t("visits.findings.heading")} />
        <p className="lead">{t("visits.findings.photo")}</p>
        <PhotoPicker photo={photo} onPhoto={setPhoto} />
      </section>

      <FollowUpFields form={form} />

      {missing && <ErrorNote message={missing} testId="visit-missing" />}
      {record.isError && !refusal && <ErrorNote message={errorText(record.error)} testId="visit-error" />}
      <button type="submit" className="btn btn-primary btn-main" disabled={record.isPending} data-testid="visit-submit">
        <Icon name="check" /> {record.isPending ? t("app.sending") : t("visits.submit")}
      </button>
    </form>
  );
}

/** What followed: the visit is on record, and who is to act on what was found. */
function VisitDone({ result }: { result: VisitResult }) {
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="visit-done" data-worrying={result.worrying}>
      <p className="success" role="status">
        <Icon name="check" /> {result.outcome === "no_answer" ? t("visits.noAnswer.done") : t("visits.done.title")}
      </p>
      {result.outcome === "visited" && <p className={result.worrying ? "lead" : undefined}>{result.worrying ? t("visits.done.worrying") : t("visits.done.fine")}</p>}
      {result.followUps.length > 0 ? (
        <FollowUpList followUps={result.followUps} />
      ) : (
        result.outcome === "visited" && <p className="muted">{t("visits.done.none")}</p>
      )}
      <Link to="/visits" className="btn btn-primary btn-main" data-testid="visit-back-to-list">
        {t("visits.backToList")}
      </Link>
    </div>
  );
}
