import { useTranslation } from "react-i18next";
import type { Order } from "../api/orders.ts";
import { hours, yuan } from "../lib/format.ts";

/**
 * 费用 after the service is confirmed: the price, what the free service time and the subsidy account paid, and the
 * elder's own part — whether it is still to pay or paid, and how. The parts always add up to the price. The worker
 * sees the same, the elder's part worded as what to collect.
 */
export function PaymentSplit({ order, audience = "client" }: { order: Order; audience?: "client" | "worker" }) {
  const { t } = useTranslation();
  if (order.priceFen === null) return null;
  const copay = order.copayFen ?? 0;
  const unit = t(`unit.${order.product.unit}`);
  const units = order.product.unit === "visit" ? 1 : Math.round((order.billableMinutes ?? 0) / (order.product.unit === "hour" ? 60 : 1440));
  return (
    <section aria-labelledby="pay-heading" className="panel stack" data-testid="payment-split">
      <h2 id="pay-heading">{t("pay.title")}</h2>
      <dl className="lines">
        <div data-testid="pay-price">
          <dt>
            {t("pay.price")}
            <span className="muted block">{t("pay.priceHow", { unitPrice: yuan(order.unitPriceFen), unit, n: units })}</span>
          </dt>
          <dd>{t("app.yuan", { amount: yuan(order.priceFen) })}</dd>
        </div>
        <div data-testid="pay-minutes">
          <dt>
            {t("pay.minutes")}
            {(order.walletMinutes ?? 0) > 0 && <span className="muted block">{t("pay.minutesHow", { hours: hours(order.walletMinutes ?? 0) })}</span>}
          </dt>
          <dd>{t("app.yuan", { amount: yuan(order.minutesFen ?? 0) })}</dd>
        </div>
        <div data-testid="pay-wallet">
          <dt>{t("pay.wallet")}</dt>
          <dd>{t("app.yuan", { amount: yuan(order.walletFen ?? 0) })}</dd>
        </div>
        <div className="line-total" data-testid="pay-copay">
          <dt>{audience === "client" ? t("pay.copay") : t("pay.copayWorker")}</dt>
          <dd className="big-inline">{t("app.yuan", { amount: yuan(copay) })}</dd>
          <dd className="pay-state" data-testid="pay-state">
            {copay === 0 ? t("pay.nothingToPay") : order.settledAt ? t("pay.paid", { method: t(`pay.method.${order.copayMethod ?? "cash"}`) }) : t("pay.due")}
          </dd>
        </div>
      </dl>
    </section>
  );
}
