import { shanghaiDate } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ApiError, errorText } from "../../api/client.ts";
import { type OrderDetail, useOrder } from "../../api/orders.ts";
import { hours } from "../../api/timebank.ts";
import { Icon } from "../../components/Icon.tsx";
import { PaymentSplit } from "../../components/PaymentSplit.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { StatusBadge } from "../../components/StatusBadge.tsx";
import { Timeline } from "../../components/Timeline.tsx";
import { dayText, shanghaiTime, yuan } from "../../lib/format.ts";
import { CancelOrder, ConfirmOrder } from "./ClientActions.tsx";
import { Complain } from "./Complain.tsx";
import { RateOrder } from "./RateOrder.tsx";

/** The order for the elder or family: what to do now first, then the progress, the details, the price. */
export function OrderPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const order = useOrder(id);
  return (
    <Screen title={order.data?.product.name ?? t("order.title")} back="/orders" testId="order-page">
      {order.isPending && <Loading />}
      {order.isError && (
        <ErrorNote message={order.error instanceof ApiError && order.error.status === 404 ? t("order.notFound") : errorText(order.error)} onRetry={() => void order.refetch()} />
      )}
      {order.data && <OrderView order={order.data} />}
    </Screen>
  );
}

/** What the order is expected to cost before the service (the booked time at the elder's unit price). */
function estimateFen(o: OrderDetail): number {
  const size = o.product.unit === "hour" ? 60 : o.product.unit === "day" ? 1440 : 0;
  return o.unitPriceFen * (size ? Math.max(1, Math.ceil(o.product.durationMinutes / size)) : 1);
}

function OrderView({ order }: { order: OrderDetail }) {
  const { t, i18n } = useTranslation();
  const client = order.parties.includes("client");
  const finished = order.status === "confirmed" || order.status === "settled";
  const closed = ["cancelled", "rejected", "no_show", "disputed"].includes(order.status);
  return (
    <>
      <p className="status-line">
        <StatusBadge status={order.status} />
        <span className="muted">{t("order.number", { no: order.orderNo })}</span>
      </p>
      {closed && (
        <p className="note" data-testid="order-closed">
          {t(`order.closed.${order.status}`, { reason: order.closedReason ?? "" })}
        </p>
      )}
      {order.actions.includes("confirm") && <ConfirmOrder order={order} />}
      {finished && <PaymentSplit order={order} />}
      {finished && client && <RateOrder order={order} />}
      <section aria-labelledby="progress-heading" className="stack">
        <h2 id="progress-heading">{t("order.progress")}</h2>
        <Timeline order={order} />
      </section>
      <section aria-labelledby="details-heading" className="stack">
        <h2 id="details-heading">{t("order.details")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("book.confirm.when")}</dt>
            <dd>
              {dayText(shanghaiDate(new Date(order.slotStart)), i18n.language)} {shanghaiTime(order.slotStart)}–{shanghaiTime(order.slotEnd)}
            </dd>
          </div>
          <div>
            <dt>{t("book.confirm.elder")}</dt>
            <dd>{order.elderName}</dd>
          </div>
          <div>
            <dt>{t("book.confirm.address")}</dt>
            <dd>{order.address}</dd>
          </div>
          <div>
            <dt>{t("book.product.provider")}</dt>
            <dd>{order.providerName}</dd>
          </div>
          {order.timebankMinutes !== null && (
            <div data-testid="order-timebank" data-refunded={String(order.timebankRefunded)}>
              <dt>{t("tb.order.paidTitle")}</dt>
              <dd>
                {t("tb.order.paid", { hours: hours(order.timebankMinutes) })}
                {order.timebankFen !== null && !order.timebankRefunded && <span className="block">{t("tb.order.covered", { amount: yuan(order.timebankFen) })}</span>}
                {order.timebankRefunded && (
                  <span className="block" data-testid="order-timebank-refunded">
                    <Icon name="check" /> {t("tb.order.refunded", { hours: hours(order.timebankMinutes) })}
                  </span>
                )}
              </dd>
            </div>
          )}
          <div data-testid="order-worker">
            <dt>{t("order.worker")}</dt>
            <dd>
              {order.workerName ?? t("order.workerPending")}
              {order.workerPhone && (
                <span className="block">
                  <Icon name="phone" /> {t("order.phone", { phone: order.workerPhone })}
                </span>
              )}
            </dd>
          </div>
          {order.notes && (
            <div>
              <dt>{t("order.notes")}</dt>
              <dd>{order.notes}</dd>
            </div>
          )}
          {order.checkedOutAt && (
            <div data-testid="order-record">
              <dt>{t("order.record")}</dt>
              <dd>
                {(order.tasksDone ?? []).length > 0 && (
                  <ul className="ticks" lang="zh-CN">
                    {(order.tasksDone ?? []).map((task) => (
                      <li key={task}>
                        <Icon name="check" /> {task}
                      </li>
                    ))}
                  </ul>
                )}
                {order.serviceNotes && <p lang="zh-CN">{order.serviceNotes}</p>}
              </dd>
            </div>
          )}
          {!finished && !closed && (
            <div data-testid="order-estimate">
              <dt>{t("order.estimate")}</dt>
              {order.timebankMinutes !== null && !order.timebankRefunded ? (
                <dd>
                  {t("app.yuan", { amount: yuan(0) })}
                  <span className="muted block">{t("tb.order.estimateNote", { hours: hours(order.timebankMinutes) })}</span>
                </dd>
              ) : (
                <dd>
                  {t("app.yuan", { amount: yuan(estimateFen(order)) })}
                  <span className="muted block">{t("order.estimateNote")}</span>
                </dd>
              )}
            </div>
          )}
        </dl>
      </section>
      {order.actions.includes("cancel") && <CancelOrder order={order} />}
      {client && <Complain orderId={order.id} />}
    </>
  );
}
