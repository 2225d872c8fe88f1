import { shanghaiDate } from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { useProduct } from "../../api/catalog.ts";
import { errorText } from "../../api/client.ts";
import { type Booking, type Quote, usePlaceOrder, useQuote } from "../../api/orders.ts";
import { hours } from "../../api/timebank.ts";
import type { MyElder } from "../../api/queries.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { dayText, shanghaiTime, yuan } from "../../lib/format.ts";
import { newKey } from "../../lib/keys.ts";
import { ForElder, withElder } from "./booking-elder.tsx";
import { PayWithHours } from "./PayWithHours.tsx";

/** 确认预约: the service, the time, the address (the elder's, editable), notes, the price in plain words, one button. */
export function ConfirmPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const [params] = useSearchParams();
  const elderId = params.get("elder") ?? "";
  const slot = params.get("slot") ?? "";
  const back = `${withElder(`/products/${id}/time`, elderId)}&slot=${encodeURIComponent(slot)}`;
  if (Number.isNaN(Date.parse(slot))) return <Navigate to={withElder(`/products/${id}/time`, elderId)} replace />;
  return (
    <Screen title={t("book.confirm.title")} back={back} testId="confirm-page">
      <ForElder>{(elder) => <ConfirmForm elder={elder} productId={id} slot={slot} />}</ForElder>
    </Screen>
  );
}

function ConfirmForm({ elder, productId, slot }: { elder: MyElder; productId: string; slot: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const product = useProduct(productId);
  const quote = useQuote({ elderId: elder.id, productId, slotStart: slot });
  const place = usePlaceOrder();
  const [address, setAddress] = useState(elder.address);
  const [notes, setNotes] = useState("");
  // the elder's time account chosen to pay with (her own hours, given by relatives), or null: money
  const [hoursAccount, setHoursAccount] = useState<string | null>(null);
  // one key for this screen: a double tap or a retry after a lost answer places one order, not two
  const [key] = useState(newKey);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (place.isPending) return;
    const paidByHours = hoursAccount !== null && quote.data?.timebankMinutes != null;
    const booking: Booking = { elderId: elder.id, productId, slotStart: slot, address: address.trim() || undefined, notes: notes.trim() || undefined, ...(paidByHours ? { timebank: { accountId: hoursAccount } } : {}) };
    place.mutate({ booking, key }, { onSuccess: (order) => navigate(`/orders/${order.id}/placed`, { replace: true }) });
  };

  const end = quote.data?.slotEnd;
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <dl className="facts" data-testid="confirm-summary">
        <div>
          <dt>{t("book.confirm.service")}</dt>
          <dd>
            {product.data?.name ?? quote.data?.productName ?? "…"}
            {product.data?.providerName && <span className="muted block">{product.data.providerName}</span>}
          </dd>
        </div>
        <div>
          <dt>{t("book.confirm.when")}</dt>
          <dd data-testid="confirm-when">
            {dayText(shanghaiDate(new Date(slot)), i18n.language)} {shanghaiTime(slot)}
            {end && `–${shanghaiTime(end)}`}
          </dd>
        </div>
        <div>
          <dt>{t("book.confirm.elder")}</dt>
          <dd>{elder.name}</dd>
        </div>
      </dl>
      <div className="field">
        <label htmlFor="book-address">{t("book.confirm.address")}</label>
        <p className="muted" id="book-address-hint">
          {t("book.confirm.addressHint")}
        </p>
        <textarea id="book-address" rows={3} maxLength={200} value={address} onChange={(e) => setAddress(e.target.value)} aria-describedby="book-address-hint" data-testid="book-address" />
      </div>
      <div className="field">
        <label htmlFor="book-notes">{t("book.confirm.notes")}</label>
        <textarea id="book-notes" rows={3} maxLength={500} value={notes} placeholder={t("book.confirm.notesHint")} onChange={(e) => setNotes(e.target.value)} data-testid="book-notes" />
      </div>
      <section aria-labelledby="price-heading" className="panel stack">
        <h2 id="price-heading">{t("book.confirm.price")}</h2>
        {quote.isPending && <Loading />}
        {quote.isError && <ErrorNote message={errorText(quote.error)} onRetry={() => void quote.refetch()} testId="quote-error" />}
        {quote.data && <QuoteWords quote={quote.data} byHours={hoursAccount !== null && quote.data.timebankMinutes !== null} />}
        {quote.data && quote.data.timebankMinutes !== null && <PayWithHours elderId={elder.id} needMinutes={quote.data.timebankMinutes} accountId={hoursAccount} onChange={setHoursAccount} />}
      </section>
      {place.isError && <ErrorNote message={errorText(place.error)} testId="place-error" />}
      <button type="submit" className="btn btn-primary btn-main" disabled={place.isPending || !quote.data} data-testid="book-submit">
        <Icon name="check" /> {place.isPending ? t("app.sending") : place.isError ? t("book.confirm.again") : t("book.confirm.submit")}
      </button>
    </form>
  );
}

/** The price as one sentence anyone can follow, then how it was worked out. */
function QuoteWords({ quote, byHours }: { quote: Quote; byHours: boolean }) {
  const { t } = useTranslation();
  const unit = t(`unit.${quote.unit}`);
  return (
    <>
      <p className="quote" data-testid="quote-sentence">
        {byHours
          ? t("tb.order.priceSentence", { price: yuan(quote.priceFen), hours: hours(quote.timebankMinutes ?? 0) })
          : t("book.confirm.priceSentence", { price: yuan(quote.priceFen), wallet: yuan(quote.walletFen), minutes: yuan(quote.minutesFen), copay: yuan(quote.copayFen) })}
      </p>
      <p className="muted" data-testid="quote-basis">
        {quote.priceTier
          ? t("book.confirm.basisTier", { label: quote.priceTier, amount: yuan(quote.unitPriceFen), unit, n: quote.units, market: yuan(quote.marketPriceFen) })
          : t("book.confirm.basis", { amount: yuan(quote.unitPriceFen), unit, n: quote.units })}
      </p>
      {quote.overtimeNote && (
        <p className="muted" data-testid="quote-overtime">
          {t(`book.confirm.overtime.${quote.unit}`)}
        </p>
      )}
      <p className="muted">{t("book.confirm.estimate")}</p>
    </>
  );
}
