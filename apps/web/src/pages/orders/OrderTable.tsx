import { Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { Order } from "../../api/orders.ts";
import { hours } from "../../api/timebank.ts";
import { enumLabel } from "../../lib/labels.ts";
import { yuan } from "../../lib/money.ts";
import { dayjs, TZ } from "../../lib/time.ts";
import { FlagTags, OrderStatusTag } from "./OrderTags.tsx";

/** The day and the times of a slot in Beijing time: 2026-11-25 and 10:00–12:00 (the end's day too when it differs). */
export function slotParts(start: string, end: string): { day: string; time: string } {
  const s = dayjs(start).tz(TZ);
  const e = dayjs(end).tz(TZ);
  return { day: s.format("YYYY-MM-DD"), time: s.isSame(e, "day") ? `${s.format("HH:mm")}–${e.format("HH:mm")}` : `${s.format("HH:mm")}–${e.format("MM-DD HH:mm")}` };
}

export function slotText(start: string, end: string): string {
  const { day, time } = slotParts(start, end);
  return `${day} ${time}`;
}

/** Orders as rows; a click opens the order. The price shows once the order is priced, the unit price before. */
export function OrderTable({ items, loading, showElder = true, emptyText }: { items: Order[]; loading: boolean; showElder?: boolean; emptyText: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table<Order>
      rowKey="id"
      size="middle"
      data-testid="order-table"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 1140 }}
      locale={{ emptyText }}
      onRow={(o) => ({ onClick: () => navigate(`/orders/${o.id}`), style: { cursor: "pointer" }, ...rowAttrs(o) })}
      columns={[
        { title: t("order.orderNo"), dataIndex: "orderNo", width: 150, fixed: "left", render: (v: string) => <Typography.Link className="mono">{v}</Typography.Link> },
        ...(showElder
          ? [
              {
                title: t("order.elder"),
                key: "elder",
                width: 140,
                render: (_: unknown, o: Order) => (
                  <>
                    <div>{o.elderName ?? t("common.none")}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {o.regionName ?? o.regionCode}
                    </Typography.Text>
                  </>
                ),
              },
            ]
          : []),
        {
          title: t("order.product"),
          key: "product",
          width: 160,
          render: (_: unknown, o: Order) => (
            <>
              <div>{o.product.name}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {enumLabel(t, "category", o.product.category)}
              </Typography.Text>
            </>
          ),
        },
        { title: t("order.provider"), dataIndex: "providerName", width: 180, ellipsis: true, render: (v: string | null) => v ?? t("common.none") },
        {
          title: t("order.slot"),
          key: "slot",
          width: 110,
          render: (_: unknown, o: Order) => {
            const { day, time } = slotParts(o.slotStart, o.slotEnd);
            return (
              <span className="mono">
                <div>{day}</div>
                <Typography.Text type="secondary">{time}</Typography.Text>
              </span>
            );
          },
        },
        { title: t("order.worker"), dataIndex: "workerName", width: 80, render: (v: string | null) => v ?? t("common.none") },
        {
          title: t("order.amount"),
          key: "amount",
          width: 100,
          align: "right" as const,
          render: (_: unknown, o: Order) => (
            <>
              {o.priceFen !== null ? (
                yuan(o.priceFen)
              ) : (
                <Typography.Text type="secondary">{t("product.perUnit", { price: yuan(o.unitPriceFen), unit: enumLabel(t, "priceUnit", o.product.unit) })}</Typography.Text>
              )}
              {o.timebankMinutes !== null && (
                // paid with time-bank hours (given back when the order was called off)
                <div>
                  <Tag color={o.timebankRefunded ? "default" : "purple"} data-testid="order-row-timebank" style={{ marginInlineEnd: 0 }}>
                    {o.timebankRefunded ? t("timebank.orders.refunded") : t("timebank.orders.listHours", { hours: hours(o.timebankMinutes) })}
                  </Tag>
                </div>
              )}
            </>
          ),
        },
        { title: t("order.flags"), dataIndex: "flags", width: 130, render: (_: unknown, o: Order) => (o.flags.length ? <FlagTags flags={o.flags} /> : null) },
        { title: t("order.status"), dataIndex: "status", width: 100, fixed: "right", render: (_: unknown, o: Order) => <OrderStatusTag status={o.status} /> },
      ]}
    />
  );
}

/** Test hooks on each table row. */
function rowAttrs(o: Order): Record<string, string> {
  return { "data-testid": "order-row", "data-order-id": o.id, "data-status": o.status, "data-flagged": String(o.flags.length > 0) };
}
