import type { OrderStatus } from "@carecircle/shared";
import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { OrderFlag } from "../../api/orders.ts";

const COLOR: Record<OrderStatus, string> = {
  placed: "gold",
  accepted: "cyan",
  assigned: "blue",
  on_the_way: "geekblue",
  checked_in: "processing",
  checked_out: "purple",
  confirmed: "lime",
  settled: "green",
  cancelled: "default",
  rejected: "default",
  no_show: "orange",
  disputed: "red",
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} data-testid="order-status" data-status={status}>
      {t(`orderStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** Fraud and delay flags as warning tags: the short label, the server's sentence on hover. */
export function FlagTags({ flags }: { flags: OrderFlag[] }) {
  const { t } = useTranslation();
  return (
    <>
      {flags.map((f) => (
        <Tooltip key={f.code} title={f.text}>
          <Tag color="warning" data-testid="order-flag" data-flag={f.code} style={{ marginInlineEnd: 4 }}>
            {t(`flag.${f.code}`, { defaultValue: f.text })}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}
