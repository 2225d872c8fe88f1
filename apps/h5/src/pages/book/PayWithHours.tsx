import { useTranslation } from "react-i18next";
import { hours, useTbAccount } from "../../api/timebank.ts";

/**
 * 用时间银行的时间支付: offered when the quote says hours may buy this service (the region allows it, the bureau
 * listed it) and the elder's own account holds enough; a plain two-way choice, money by default. The server checks
 * again on placing (eligibility, balance) and answers in Chinese when it refuses.
 */
export function PayWithHours({ elderId, needMinutes, accountId, onChange }: { elderId: string; needMinutes: number; accountId: string | null; onChange: (accountId: string | null) => void }) {
  const { t } = useTranslation();
  const account = useTbAccount({ elderId });
  if (!account.data) return null; // no account (nothing given to her yet), or still asking: nothing to offer
  const have = account.data.balanceMinutes;
  if (have < needMinutes) {
    return (
      <p className="note" data-testid="pay-hours-short">
        {t("tb.order.short", { need: hours(needMinutes), have: hours(have) })}
      </p>
    );
  }
  const id = account.data.id;
  return (
    <fieldset className="choice" data-testid="pay-hours">
      <legend>{t("tb.order.payTitle")}</legend>
      <label className="choice-option">
        <input type="radio" name="pay-with" checked={accountId === null} onChange={() => onChange(null)} data-testid="pay-money" />
        <span>{t("tb.order.payMoney")}</span>
      </label>
      <label className="choice-option">
        <input type="radio" name="pay-with" checked={accountId === id} onChange={() => onChange(id)} data-testid="pay-hours-choice" />
        <span data-testid="pay-hours-label">{t("tb.order.payHours", { need: hours(needMinutes), have: hours(have) })}</span>
      </label>
      {accountId === id && (
        <p className="muted" data-testid="pay-hours-note">
          {t("tb.order.payNote")}
        </p>
      )}
    </fieldset>
  );
}
