import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorText } from "../../api/client.ts";
import { hours, type TbAccount, type TbRequest, useDonate, useMyVolunteer, useTbAccount, useTbAction, useTbRequests } from "../../api/timebank.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { currentPosition, GeoError, type GeoProblem } from "../../lib/geo.ts";
import { AccountView, TbStatus, useWhen } from "./parts.tsx";

/**
 * 志愿服务 (a volunteer's phone): my tasks first (check in at the door, check out), then the requests nearby to take,
 * then my hours (balance and statement), donating to the pool. Gifts to a relative are recorded at the community
 * service station (the staff check the relation and choose the relative from the elder registry).
 */
export function VolunteerPage() {
  const { t } = useTranslation();
  const me = useMyVolunteer();
  return (
    <Screen title={t("tb.volunteer.title")} back="/" testId="volunteer-page">
      {me.isPending && <Loading />}
      {me.isError && <ErrorNote message={errorText(me.error)} onRetry={() => void me.refetch()} />}
      {me.data === null && (
        <p className="note" data-testid="volunteer-not-registered">
          {t("tb.volunteer.notRegistered")}
        </p>
      )}
      {me.data && (
        <>
          {me.data.status !== "verified" && (
            <p className="note" data-testid="volunteer-not-verified">
              {t(`tb.volunteer.${me.data.status === "pending" ? "pending" : "suspended"}`)}
            </p>
          )}
          <Requests volunteerId={me.data.id} />
          <MyHours volunteerId={me.data.id} />
        </>
      )}
    </Screen>
  );
}

function Requests({ volunteerId }: { volunteerId: string }) {
  const { t } = useTranslation();
  const requests = useTbRequests();
  if (requests.isPending) return <Loading />;
  if (requests.isError) return <ErrorNote message={errorText(requests.error)} onRetry={() => void requests.refetch()} />;
  const mine = requests.data.filter((r) => r.volunteerId === volunteerId && ["taken", "checked_in", "checked_out"].includes(r.status));
  const open = requests.data.filter((r) => r.status === "open");
  return (
    <>
      <section aria-labelledby="tasks-heading" className="stack" data-testid="tb-tasks">
        <h2 id="tasks-heading">{t("tb.volunteer.myTasks")}</h2>
        {mine.length === 0 ? (
          <p className="note">{t("tb.volunteer.noTasks")}</p>
        ) : (
          <ul className="cards">
            {mine.map((r) => (
              <li key={r.id}>
                <TaskCard request={r} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="nearby-heading" className="stack" data-testid="tb-nearby">
        <h2 id="nearby-heading">{t("tb.volunteer.nearby")}</h2>
        {open.length === 0 ? (
          <p className="note">{t("tb.volunteer.noNearby")}</p>
        ) : (
          <ul className="cards">
            {open.map((r) => (
              <li key={r.id}>
                <TaskCard request={r} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** One request: what, for whom, when; and the one next step as a big button (a refused check-in shows the distance). */
function TaskCard({ request: r }: { request: TbRequest }) {
  const { t } = useTranslation();
  const when = useWhen();
  const act = useTbAction(r.id);
  const [locating, setLocating] = useState(false);
  const [geo, setGeo] = useState<GeoProblem | null>(null);
  const checkIn = async () => {
    setGeo(null);
    act.reset();
    setLocating(true);
    try {
      const p = await currentPosition();
      act.mutate({ action: "check_in", lat: p.lat, lng: p.lng, datum: "wgs84" });
    } catch (e) {
      setGeo(e instanceof GeoError ? e.problem : "unavailable");
    } finally {
      setLocating(false);
    }
  };
  const refusal = act.error instanceof ApiError ? act.error.problem : null;
  const far = refusal?.distanceMeters !== undefined ? refusal : null;
  const busy = act.isPending || locating;
  return (
    <article className="job-card stack" data-testid="tb-request" data-request-id={r.id} data-status={r.status}>
      <p className="order-card-head">
        <strong>{r.description}</strong>
        <TbStatus status={r.status} />
      </p>
      <p>{r.elderName}</p>
      <p className="job-time">
        <Icon name="clock" /> {when(r)}
      </p>
      {r.address && (
        <p>
          <Icon name="pin" /> {t("tb.volunteer.address", { address: r.address })}
        </p>
      )}
      {far && (
        <div className="alert" role="alert" data-testid="tb-check-in-refused">
          <p>
            <Icon name="warning" /> <strong>{t("tb.volunteer.refused")}</strong>
          </p>
          <p className="distance" data-testid="tb-check-in-distance">
            {t("tb.volunteer.distance", { distance: far.distanceMeters })}
          </p>
          <p>{t("tb.volunteer.fence", { fence: far.geofenceMeters })}</p>
        </div>
      )}
      {act.isError && !far && <ErrorNote message={errorText(act.error)} testId="tb-action-error" />}
      {geo && <ErrorNote message={t(`job.geo.${geo}`)} testId="tb-geo" />}
      {r.status === "checked_out" && <p className="note">{t("tb.volunteer.waiting")}</p>}
      {r.actions.includes("take") && (
        <button type="button" className="btn btn-primary btn-main" disabled={busy} onClick={() => act.mutate({ action: "take" })} data-testid="tb-take">
          <Icon name="check" /> {busy ? t("app.sending") : t("tb.volunteer.take")}
        </button>
      )}
      {r.actions.includes("check_in") && (
        <button type="button" className="btn btn-primary btn-main" disabled={busy} onClick={() => void checkIn()} data-testid="tb-check-in">
          <Icon name="pin" /> {locating ? t("tb.volunteer.locating") : act.isPending ? t("app.sending") : far ? t("tb.volunteer.checkInAgain") : t("tb.volunteer.checkIn")}
        </button>
      )}
      {r.actions.includes("check_out") && (
        <button type="button" className="btn btn-primary btn-main" disabled={busy} onClick={() => act.mutate({ action: "check_out" })} data-testid="tb-check-out">
          <Icon name="check" /> {busy ? t("app.sending") : t("tb.volunteer.checkOut")}
        </button>
      )}
      {r.actions.includes("release") && (
        <button type="button" className="btn btn-secondary btn-block" disabled={busy} onClick={() => act.mutate({ action: "release" })} data-testid="tb-release">
          {t("tb.volunteer.release")}
        </button>
      )}
    </article>
  );
}

function MyHours({ volunteerId }: { volunteerId: string }) {
  const { t } = useTranslation();
  const account = useTbAccount({ volunteerId });
  return (
    <section aria-labelledby="hours-heading" className="stack" data-testid="tb-my-hours">
      <h2 id="hours-heading">{t("tb.volunteer.myHours")}</h2>
      {account.isPending && <Loading />}
      {account.isError && <ErrorNote message={errorText(account.error)} onRetry={() => void account.refetch()} />}
      {account.isSuccess && <AccountView account={account.data} />}
      {account.data && account.data.balanceMinutes > 0 && <Donate account={account.data} />}
      <h3>{t("tb.volunteer.gift")}</h3>
      <p className="note" data-testid="tb-gift-hint">
        {t("tb.volunteer.giftHint")}
      </p>
    </section>
  );
}

/** 捐给公益池: half hours up to the balance, chosen with − and + (no keyboard), then one button saying how much. */
function Donate({ account }: { account: TbAccount }) {
  const { t } = useTranslation();
  const donate = useDonate();
  const [minutes, setMinutes] = useState(30);
  const [done, setDone] = useState<number | null>(null);
  const max = account.balanceMinutes;
  const change = (d: number) => (setDone(null), donate.reset(), setMinutes((m) => Math.min(max, Math.max(30, m + d))));
  return (
    <div className="panel stack" data-testid="tb-donate">
      <h3>{t("tb.volunteer.donate")}</h3>
      <p className="muted">{t("tb.volunteer.donateHint")}</p>
      <p>{t("tb.volunteer.donateHours")}</p>
      <div className="row">
        <button type="button" className="btn btn-secondary" aria-label={t("tb.volunteer.less")} disabled={minutes <= 30} onClick={() => change(-30)} data-testid="tb-donate-less">
          −
        </button>
        <strong className="big" data-testid="tb-donate-amount">
          {t("tb.hours", { hours: hours(minutes) })}
        </strong>
        <button type="button" className="btn btn-secondary" aria-label={t("tb.volunteer.more")} disabled={minutes + 30 > max} onClick={() => change(30)} data-testid="tb-donate-more">
          +
        </button>
      </div>
      {donate.isError && <ErrorNote message={errorText(donate.error)} testId="tb-donate-error" />}
      {done !== null && (
        <p className="success" role="status" data-testid="tb-donated">
          <Icon name="check" /> {t("tb.volunteer.donated", { hours: hours(done) })}
        </p>
      )}
      <button
        type="button"
        className="btn btn-primary btn-block"
        disabled={donate.isPending || minutes > max}
        onClick={() => donate.mutate({ accountId: account.id, minutes }, { onSuccess: () => (setDone(minutes), setMinutes(30)) })}
        data-testid="tb-donate-submit"
      >
        {donate.isPending ? t("app.sending") : t("tb.volunteer.donateGo", { hours: hours(minutes) })}
      </button>
    </div>
  );
}
