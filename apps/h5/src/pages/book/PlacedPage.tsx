import { shanghaiDate } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { errorText } from "../../api/client.ts";
import { useOrder } from "../../api/orders.ts";
import { hours } from "../../api/timebank.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { dayText, shanghaiTime } from "../../lib/format.ts";

/** 预约成功: what was booked, for when, who comes (or that the provider is finding someone), and what happens next. */
export function PlacedPage() {
  const { t, i18n } = useTranslation();
  const id = useParams().id ?? "";
  const order = useOrder(id);
  return (
    <Screen title={t("book.placed.title")} back="/" testId="placed-page">
      {order.isPending && <Loading />}
      {order.isError && <ErrorNote message={errorText(order.error)} onRetry={() => void order.refetch()} />}
      {order.data && (
        <>
          <p className="success" role="status" data-testid="placed-message">
            <Icon name="check" /> {t("book.placed.message")}
          </p>
          <dl className="facts">
            <div>
              <dt>{t("book.confirm.service")}</dt>
              <dd>{order.data.product.name}</dd>
            </div>
            <div>
              <dt>{t("book.confirm.when")}</dt>
              <dd>
                {dayText(shanghaiDate(new Date(order.data.slotStart)), i18n.language)} {shanghaiTime(order.data.slotStart)}–{shanghaiTime(order.data.slotEnd)}
              </dd>
            </div>
            <div>
              <dt>{t("book.confirm.address")}</dt>
              <dd>{order.data.address}</dd>
            </div>
            {order.data.timebankMinutes !== null && (
              <div data-testid="placed-timebank">
                <dt>{t("tb.order.paidTitle")}</dt>
                <dd>{t("tb.order.paidNow", { hours: hours(order.data.timebankMinutes) })}</dd>
              </div>
            )}
            <div>
              <dt>{t("order.worker")}</dt>
              <dd data-testid="placed-worker">{order.data.workerName ?? t("order.workerPending")}</dd>
            </div>
          </dl>
          <p>{t("book.placed.next")}</p>
          <Link to={`/orders/${id}`} className="btn btn-primary btn-main" data-testid="placed-open">
            {t("book.placed.open")}
          </Link>
          <Link to="/" className="btn btn-secondary btn-block">
            {t("book.placed.home")}
          </Link>
        </>
      )}
    </Screen>
  );
}
