import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Order } from "../../api/orders.ts";
import { Icon } from "../../components/Icon.tsx";
import { StatusBadge } from "../../components/StatusBadge.tsx";
import { shanghaiTime } from "../../lib/format.ts";
import { amapLink } from "../../lib/geo.ts";
import { JobActions } from "./JobActions.tsx";

/** Directions to the home in Amap; opens beside the app, so the job stays where it was. */
export function NavigateLink({ order }: { order: Order }) {
  const { t } = useTranslation();
  if (order.lat === null || order.lng === null) return null;
  return (
    <a href={amapLink(order.lat, order.lng, order.address)} target="_blank" rel="noopener noreferrer" className="btn btn-secondary" data-testid="job-navigate">
      <Icon name="pin" /> {t("job.navigate")}
    </a>
  );
}

/** One job in 今日工单: the time first and large, whom and where, what; directions; the next step. */
export function JobCard({ order }: { order: Order }) {
  const { t } = useTranslation();
  return (
    <article className="job-card" data-testid="job-card" data-order-id={order.id} data-status={order.status}>
      <p className="job-time">
        <Icon name="clock" /> {shanghaiTime(order.slotStart)}–{shanghaiTime(order.slotEnd)}
      </p>
      <p className="status-line">
        <StatusBadge status={order.status} />
        {order.status === "assigned" && <span className="muted">{order.workerAcceptedAt ? t("job.accepted") : t("job.toAccept")}</span>}
      </p>
      <p className="product-name">{order.product.name}</p>
      <p>
        <Icon name="person" /> {order.elderName}
        {order.elderPhone && <span className="muted"> {order.elderPhone}</span>}
      </p>
      <p>
        <Icon name="home" /> {order.address}
      </p>
      {order.notes && (
        <p className="muted" lang="zh-CN">
          {t("job.notes", { notes: order.notes })}
        </p>
      )}
      <div className="row">
        <NavigateLink order={order} />
        <Link to={`/jobs/${order.id}`} className="btn btn-secondary" data-testid="job-open">
          {t("job.open")} <Icon name="forward" />
        </Link>
      </div>
      <JobActions order={order} onCard />
    </article>
  );
}
