import { shanghaiDate } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { errorText } from "../../api/client.ts";
import { type Order, useMyOrders } from "../../api/orders.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { StatusBadge } from "../../components/StatusBadge.tsx";
import { dayText, shanghaiTime } from "../../lib/format.ts";

/** 我的订单: newest first, a short page at a time; each card says its status in words and what to do, if anything. */
export function OrdersPage() {
  const { t } = useTranslation();
  const orders = useMyOrders();
  const items = orders.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Screen title={t("orders.title")} back="/" testId="orders-page">
      {orders.isPending && <Loading />}
      {orders.isError && <ErrorNote message={errorText(orders.error)} onRetry={() => void orders.refetch()} />}
      {orders.data && items.length === 0 && (
        <div className="note stack" data-testid="orders-empty">
          <p>{t("orders.empty")}</p>
          <Link to="/book" className="btn btn-primary btn-block">
            {t("home.book")}
          </Link>
        </div>
      )}
      {items.length > 0 && (
        <ul className="cards" data-testid="order-list">
          {items.map((o) => (
            <li key={o.id}>
              <OrderCard order={o} />
            </li>
          ))}
        </ul>
      )}
      {orders.hasNextPage && (
        <button type="button" className="btn btn-secondary btn-block" disabled={orders.isFetchingNextPage} onClick={() => void orders.fetchNextPage()} data-testid="orders-more">
          {orders.isFetchingNextPage ? t("app.loading") : t("orders.more")}
        </button>
      )}
    </Screen>
  );
}

function OrderCard({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  return (
    <Link to={`/orders/${order.id}`} className="order-card" data-testid="order-card" data-order-id={order.id}>
      <span className="order-card-head">
        <span className="product-name">{order.product.name}</span>
        <StatusBadge status={order.status} />
      </span>
      <span>
        {dayText(shanghaiDate(new Date(order.slotStart)), i18n.language)} {shanghaiTime(order.slotStart)}
      </span>
      <span className="muted">{t("orders.forElder", { name: order.elderName })}</span>
      <span className="muted">{order.providerName}</span>
      {order.status === "checked_out" && (
        <span className="todo-line" data-testid="order-needs-you">
          <Icon name="warning" /> {t("orders.needConfirm")}
        </span>
      )}
      <span className="card-go">
        {t("orders.open")} <Icon name="forward" />
      </span>
    </Link>
  );
}
