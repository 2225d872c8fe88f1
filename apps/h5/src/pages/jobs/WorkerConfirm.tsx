import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/client.ts";
import { type Order, useOrder, useTransition } from "../../api/orders.ts";
import { ErrorNote } from "../../components/Screen.tsx";

const WHO = ["elder", "family"] as const;

/**
 * 请老人确认: the elder confirms on their own phone (the page looks again by itself), or the worker records who
 * confirmed on the spot, by name. The server marks such confirmations as recorded by the worker.
 */
export function WorkerConfirm({ order }: { order: Order }) {
  const { t } = useTranslation();
  const confirm = useTransition(order.id);
  const follow = useOrder(order.id);
  const [who, setWho] = useState<(typeof WHO)[number] | null>(null);
  const [name, setName] = useState("");
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(who === null);
    if (who) confirm.mutate({ action: "confirm", confirmedBy: who, confirmerName: name.trim() || undefined });
  };
  return (
    <section aria-labelledby="ask-heading" className="panel panel-attention stack" data-testid="worker-confirm">
      <h2 id="ask-heading">{t("job.confirm.title")}</h2>
      <p>{t("job.confirm.own", { name: order.elderName ?? "" })}</p>
      <button type="button" className="btn btn-secondary btn-block" disabled={follow.isFetching} onClick={() => void follow.refetch()} data-testid="confirm-refresh">
        {follow.isFetching ? t("app.loading") : t("job.confirm.refresh")}
      </button>
      <form className="stack" onSubmit={submit} noValidate>
        <p>{t("job.confirm.orRecord")}</p>
        <fieldset className="choice">
          <legend>{t("job.confirm.who")}</legend>
          {WHO.map((w) => (
            <label key={w} className="choice-option">
              <input type="radio" name="confirmed-by" value={w} checked={who === w} onChange={() => setWho(w)} data-testid={`confirmed-by-${w}`} />
              <span>{t(`job.confirm.by.${w}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="confirmer-name">{t("job.confirm.name")}</label>
          <input id="confirmer-name" maxLength={50} value={name} onChange={(e) => setName(e.target.value)} data-testid="confirmer-name" />
        </div>
        {missing && <ErrorNote message={t("job.confirm.whoMissing")} />}
        {confirm.isError && <ErrorNote message={errorText(confirm.error)} testId="worker-confirm-error" />}
        <button type="submit" className="btn btn-primary btn-main" disabled={confirm.isPending} data-testid="worker-confirm-submit">
          {confirm.isPending ? t("app.sending") : t("job.confirm.submit")}
        </button>
      </form>
    </section>
  );
}
