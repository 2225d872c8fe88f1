import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/client.ts";
import { type MyElder, useMyElders } from "../../api/queries.ts";
import { hours, type TbRequest, useAskHelp, useTbAccount, useTbAction, useTbRequests } from "../../api/timebank.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { AccountView, TbStatus, useWhen } from "./parts.tsx";

const DURATIONS = [30, 60, 90, 120, 180] as const;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * 邻里互助 (an elder, or a family member for her): her requests first (confirm a finished service, paying with her
 * own hours when she has enough; cancel one not yet served), then asking for help, then her time account.
 */
export function HelpPage() {
  const { t } = useTranslation();
  const elders = useMyElders();
  const [chosen, setChosen] = useState<string | null>(null);
  const elder = elders.data?.find((e) => e.id === chosen) ?? elders.data?.[0];
  return (
    <Screen title={t("tb.help.title")} back="/" testId="help-page">
      {elders.isPending && <Loading />}
      {elders.isError && <ErrorNote message={errorText(elders.error)} onRetry={() => void elders.refetch()} />}
      {elders.data && elders.data.length === 0 && <p className="note">{t("home.none")}</p>}
      {elders.data && elders.data.length > 1 && (
        <div className="stack">
          <p>{t("tb.help.forElder")}</p>
          <div className="chips">
            {elders.data.map((e) => (
              <button key={e.id} type="button" className="chip" aria-pressed={e.id === elder?.id} onClick={() => setChosen(e.id)} data-testid="help-elder">
                {e.name}
              </button>
            ))}
          </div>
        </div>
      )}
      {elder && <ForElder key={elder.id} elder={elder} />}
    </Screen>
  );
}

function ForElder({ elder }: { elder: MyElder }) {
  const { t } = useTranslation();
  const requests = useTbRequests(elder.id);
  const account = useTbAccount({ elderId: elder.id });
  const balance = account.data?.balanceMinutes ?? 0;
  return (
    <>
      <section aria-labelledby="mine-heading" className="stack" data-testid="help-mine">
        <h2 id="mine-heading">{t("tb.help.mine")}</h2>
        {requests.isPending && <Loading />}
        {requests.isError && <ErrorNote message={errorText(requests.error)} onRetry={() => void requests.refetch()} />}
        {requests.data?.length === 0 && <p className="note">{t("tb.help.none")}</p>}
        {requests.data && requests.data.length > 0 && (
          <ul className="cards">
            {requests.data.slice(0, 10).map((r) => (
              <li key={r.id}>
                <RequestCard request={r} balance={balance} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <AskForm elderId={elder.id} />
      <section aria-labelledby="account-heading" className="stack">
        <h2 id="account-heading">{t("tb.help.account")}</h2>
        {account.isPending && <Loading />}
        {account.isError && <ErrorNote message={errorText(account.error)} onRetry={() => void account.refetch()} />}
        {account.isSuccess && <AccountView account={account.data} testId="help-account" />}
      </section>
    </>
  );
}

function RequestCard({ request: r, balance }: { request: TbRequest; balance: number }) {
  const { t } = useTranslation();
  const when = useWhen();
  const act = useTbAction(r.id);
  const canPay = r.actions.includes("confirm") && r.servedMinutes !== null && balance >= r.servedMinutes;
  return (
    <article className="order-card stack" data-testid="help-request" data-request-id={r.id} data-status={r.status}>
      <p className="order-card-head">
        <strong>{r.description}</strong>
        <TbStatus status={r.status} />
      </p>
      <p className="job-time">
        <Icon name="clock" /> {when(r)}
      </p>
      {r.volunteerName && <p>{t("tb.volunteerName", { name: r.volunteerName })}</p>}
      {r.servedMinutes !== null && <p data-testid="help-served">{t("tb.served", { hours: hours(r.servedMinutes) })}</p>}
      {act.isError && <ErrorNote message={errorText(act.error)} testId="help-action-error" />}
      {act.isSuccess && r.status === "confirmed" && (
        <p className="success" role="status" data-testid="help-confirmed">
          <Icon name="check" /> {t("tb.help.confirmed")}
        </p>
      )}
      {canPay && (
        <>
          <p className="note" data-testid="help-pay-hint">
            {t("tb.help.payHint", { hours: hours(balance) })}
          </p>
          <button type="button" className="btn btn-primary btn-main" disabled={act.isPending} onClick={() => act.mutate({ action: "confirm", redeem: true })} data-testid="help-confirm-pay">
            <Icon name="check" /> {act.isPending ? t("app.sending") : t("tb.help.confirmPay", { hours: hours(r.servedMinutes!) })}
          </button>
        </>
      )}
      {r.actions.includes("confirm") && (
        <button type="button" className={`btn ${canPay ? "btn-secondary btn-block" : "btn-primary btn-main"}`} disabled={act.isPending} onClick={() => act.mutate({ action: "confirm", redeem: false })} data-testid="help-confirm">
          <Icon name="check" /> {act.isPending ? t("app.sending") : t("tb.help.confirm")}
        </button>
      )}
      {r.actions.includes("cancel") && (
        <button type="button" className="btn btn-secondary btn-block" disabled={act.isPending} onClick={() => act.mutate({ action: "cancel" })} data-testid="help-cancel">
          <Icon name="cross" /> {t("tb.help.cancel")}
        </button>
      )}
    </article>
  );
}

function AskForm({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const ask = useAskHelp();
  const [description, setDescription] = useState("");
  const [day, setDay] = useState(today());
  const [time, setTime] = useState("");
  const [minutes, setMinutes] = useState<number>(60);
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!description.trim()) return setMissing(true);
    ask.mutate(
      { elderId, description: description.trim(), day, minutes, ...(time ? { startTime: time } : {}) },
      { onSuccess: () => (setDescription(""), setTime("")) },
    );
  };
  return (
    <section aria-labelledby="ask-heading" className="stack">
      <h2 id="ask-heading">{t("tb.help.ask")}</h2>
      <form className="stack" onSubmit={submit} noValidate data-testid="help-form">
        <div className="field">
          <label htmlFor="help-what">{t("tb.help.what")}</label>
          <textarea id="help-what" rows={2} maxLength={200} value={description} placeholder={t("tb.help.whatHint")} onChange={(e) => (setDescription(e.target.value), setMissing(false), ask.reset())} data-testid="help-what" />
        </div>
        <div className="field">
          <label htmlFor="help-day">{t("tb.help.day")}</label>
          <input id="help-day" type="date" min={today()} value={day} onChange={(e) => setDay(e.target.value)} data-testid="help-day" />
        </div>
        <div className="field">
          <label htmlFor="help-time">{t("tb.help.time")}</label>
          <input id="help-time" type="time" value={time} onChange={(e) => setTime(e.target.value)} data-testid="help-time" />
        </div>
        <div className="field">
          <p>{t("tb.help.duration")}</p>
          <div className="chips">
            {DURATIONS.map((m) => (
              <button key={m} type="button" className="chip" aria-pressed={m === minutes} onClick={() => setMinutes(m)} data-testid={`help-minutes-${m}`}>
                {t("tb.hours", { hours: hours(m) })}
              </button>
            ))}
          </div>
        </div>
        {missing && <ErrorNote message={t("tb.help.missing")} testId="help-missing" />}
        {ask.isError && <ErrorNote message={errorText(ask.error)} testId="help-error" />}
        {ask.isSuccess && (
          <p className="success" role="status" data-testid="help-asked">
            <Icon name="check" /> {t("tb.help.asked")}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-main" disabled={ask.isPending} data-testid="help-submit">
          <Icon name="bell" /> {ask.isPending ? t("app.sending") : t("tb.help.submit")}
        </button>
      </form>
    </section>
  );
}
