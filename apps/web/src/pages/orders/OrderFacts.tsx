import { Descriptions, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { can, useMe } from "../../api/auth.ts";
import type { OrderDetail } from "../../api/orders.ts";
import { hours } from "../../api/timebank.ts";
import { enumLabel } from "../../lib/labels.ts";
import { yuan } from "../../lib/money.ts";
import { formatDateTime } from "../../lib/time.ts";
import { unitPrice } from "../providers/ProductsTab.tsx";
import { slotText } from "./OrderTable.tsx";

/** 老人本人, 家属, 服务人员记录（家属：王芳）… from the server's `confirmedBy` code. */
export function confirmedByText(t: TFunction, v: string | null): string {
  if (!v) return t("common.none");
  if (v.startsWith("worker_recorded:")) {
    const [, who = "", name] = v.split(":");
    return t("confirmedBy.worker_recorded", { who: [enumLabel(t, "confirmedBy", who), name].filter(Boolean).join("：") });
  }
  return enumLabel(t, "confirmedBy", v);
}

/** 订单信息: who, what, when, where, by whom. */
export function OrderInfo({ order: o }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const none = t("common.none");
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="order-facts" title={t("order.sectionOrder")}>
      <Descriptions.Item label={t("order.elder")}>
        {can(me, "elder:read") ? (
          <Link to={`/elders/${o.elderId}`} data-testid="order-elder">
            {o.elderName}
          </Link>
        ) : (
          <span data-testid="order-elder">{o.elderName}</span>
        )}
        {o.elderPhone && (
          <Typography.Text type="secondary" className="mono" style={{ marginInlineStart: 8 }}>
            {o.elderPhone}
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t("order.region")}>{o.regionName ?? o.regionCode}</Descriptions.Item>
      <Descriptions.Item label={t("order.product")}>
        <span data-testid="order-product">{o.product.name}</span> <Tag style={{ marginInlineStart: 6 }}>{enumLabel(t, "category", o.product.category)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t("order.provider")}>
        {can(me, "provider:approve") ? <Link to={`/providers/${o.providerId}`}>{o.providerName}</Link> : o.providerName}
      </Descriptions.Item>
      <Descriptions.Item label={t("order.slot")}>
        <span className="mono" data-testid="order-slot">
          {slotText(o.slotStart, o.slotEnd)}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t("order.duration")}>{t("product.minutes", { n: o.product.durationMinutes })}</Descriptions.Item>
      <Descriptions.Item label={t("order.address")} span={2}>
        {o.address}
      </Descriptions.Item>
      <Descriptions.Item label={t("order.worker")}>
        <span data-testid="order-worker">{o.workerName ?? t("order.noWorker")}</span>
        {o.workerPhone && (
          <Typography.Text type="secondary" className="mono" style={{ marginInlineStart: 8 }}>
            {o.workerPhone}
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t("order.channel")}>{enumLabel(t, "channel", o.channel)}</Descriptions.Item>
      <Descriptions.Item label={t("order.createdAt")}>{formatDateTime(o.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t("order.notes")}>{o.notes || none}</Descriptions.Item>
      {o.product.tasks.length > 0 && (
        <Descriptions.Item label={t("product.tasks")} span={2}>
          {o.product.tasks.map((task) => (
            <Tag key={task} color={o.tasksDone?.includes(task) ? "green" : undefined}>
              {task}
            </Tag>
          ))}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** 服务记录: the visit as recorded — only the facts there are. */
export function ServiceRecord({ order: o }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const rows: [string, React.ReactNode][] = [];
  if (o.workerAcceptedAt) rows.push([t("order.workerAcceptedAt"), formatDateTime(o.workerAcceptedAt)]);
  if (o.checkedInAt) {
    rows.push([t("order.checkedInAt"), o.checkInDistanceM !== null ? t("order.checkInDistance", { time: formatDateTime(o.checkedInAt), m: o.checkInDistanceM }) : formatDateTime(o.checkedInAt)]);
  }
  if (o.checkedOutAt) rows.push([t("order.checkedOutAt"), formatDateTime(o.checkedOutAt)]);
  if (o.actualMinutes !== null) rows.push([t("order.actualMinutes"), t("product.minutes", { n: o.actualMinutes })]);
  if (o.serviceNotes) rows.push([t("order.serviceNotes"), o.serviceNotes]);
  if (o.confirmedAt) rows.push([t("order.confirmedAt"), `${formatDateTime(o.confirmedAt)} · ${confirmedByText(t, o.confirmedBy)}`]);
  if (o.closedReason) rows.push([t("order.closedReason"), o.closedReason]);
  if (o.stars !== null) rows.push([t("order.stars"), t("order.starsValue", { n: o.stars })]);
  if (rows.length === 0) return null;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="order-service" title={t("order.sectionService")} style={{ marginTop: 16 }}>
      {rows.map(([label, value]) => (
        <Descriptions.Item key={label} label={label}>
          {value}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** 费用: the unit price (and its tier) from the start; the price and its split once the service is confirmed. */
export function OrderMoney({ order: o }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const priced = o.priceFen !== null;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} data-testid="order-amounts" title={t("order.sectionMoney")} style={{ marginTop: 16 }}>
      <Descriptions.Item label={t("order.unitPrice")}>
        {unitPrice(t, o.unitPriceFen, o.product.unit)}
        {o.priceTier && (
          <Tag color="green" style={{ marginInlineStart: 6 }}>
            {t("order.tier", { tier: o.priceTier })}
          </Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t("order.marketPrice")}>{unitPrice(t, o.product.priceFen, o.product.unit)}</Descriptions.Item>
      <Descriptions.Item label={t("order.billableMinutes")}>{o.billableMinutes !== null ? t("product.minutes", { n: o.billableMinutes }) : t("common.none")}</Descriptions.Item>
      {o.timebankMinutes !== null && (
        <Descriptions.Item label={t("timebank.orders.paid")} span={3}>
          <span data-testid="order-timebank" data-refunded={String(o.timebankRefunded)}>
            <Typography.Text strong>{t("timebank.orders.paidHours", { hours: hours(o.timebankMinutes) })}</Typography.Text>
            {o.timebankFen !== null ? t("timebank.orders.covered", { amount: yuan(o.timebankFen) }) : t("timebank.orders.coveredPending")}
            {o.timebankRefunded && (
              <Tag color="orange" style={{ marginInlineStart: 8 }} data-testid="order-timebank-refunded">
                {t("timebank.orders.refunded")}
              </Tag>
            )}
          </span>
        </Descriptions.Item>
      )}
      {priced ? (
        <>
          <Descriptions.Item label={t("order.priceFen")}>
            <span data-testid="order-price">{yuan(o.priceFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("order.minutesFen")}>
            <span data-testid="order-minutes-fen">{o.walletMinutes ? t("order.minutesUsed", { amount: yuan(o.minutesFen), minutes: o.walletMinutes }) : yuan(o.minutesFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("order.walletFen")}>
            <span data-testid="order-wallet-fen">{yuan(o.walletFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("order.copayFen")}>
            <Typography.Text strong data-testid="order-copay">
              {yuan(o.copayFen)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("order.copayMethod")}>{o.copayMethod ? enumLabel(t, "copayMethod", o.copayMethod) : t("common.none")}</Descriptions.Item>
          <Descriptions.Item label={t("order.settledAt")}>{formatDateTime(o.settledAt)}</Descriptions.Item>
        </>
      ) : (
        <Descriptions.Item label={t("order.priceFen")} span={3}>
          <Typography.Text type="secondary" data-testid="order-price">
            {t("order.notPriced")}
          </Typography.Text>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
