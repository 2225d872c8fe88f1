import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/client.ts";
import { type Order, useRate } from "../../api/orders.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote } from "../../components/Screen.tsx";

const STARS = [1, 2, 3, 4, 5] as const;

/** 评价: five large star buttons, the choice also in words ("5 星：非常满意"), an optional comment; once per order. */
export function RateOrder({ order }: { order: Order }) {
  const { t } = useTranslation();
  const rate = useRate(order.id);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const given = order.stars ?? rate.data?.stars ?? null;
  if (given !== null)
    return (
      <p className="note" data-testid="rated">
        <span className="star-row" aria-hidden="true">
          {STARS.map((n) => (
            <Icon key={n} name="star" filled={n <= given} />
          ))}
        </span>{" "}
        {t("rate.given", { n: given, words: t(`rate.words.s${given}`) })}
      </p>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(stars === 0);
    if (stars > 0) rate.mutate({ stars, comment: comment.trim() || undefined });
  };
  return (
    <form className="panel stack" onSubmit={submit} noValidate data-testid="rate-form">
      <fieldset className="stars-field">
        <legend>{t("rate.title")}</legend>
        <div className="stars">
          {STARS.map((n) => (
            <button key={n} type="button" className="star" aria-pressed={n <= stars} aria-label={t("rate.star", { n: n })} onClick={() => (setStars(n), setMissing(false))} data-testid={`star-${n}`}>
              <Icon name="star" filled={n <= stars} />
            </button>
          ))}
        </div>
        <p aria-live="polite" data-testid="rate-chosen">
          {stars > 0 ? t("rate.chosen", { n: stars, words: t(`rate.words.s${stars}`) }) : t("rate.choose")}
        </p>
      </fieldset>
      <div className="field">
        <label htmlFor="rate-comment">{t("rate.comment")}</label>
        <textarea id="rate-comment" rows={3} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="rate-comment" />
      </div>
      {missing && <ErrorNote message={t("rate.choose")} />}
      {rate.isError && <ErrorNote message={errorText(rate.error)} testId="rate-error" />}
      <button type="submit" className="btn btn-primary btn-main" disabled={rate.isPending} data-testid="rate-submit">
        {rate.isPending ? t("app.sending") : t("rate.submit")}
      </button>
    </form>
  );
}
