import type { OrderStatus } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Icon, type IconName } from "./Icon.tsx";

// each status a sign and words as well as a colour: the colour is never the only cue
const LOOK: Record<OrderStatus, { group: string; icon: IconName }> = {
  placed: { group: "waiting", icon: "clock" },
  accepted: { group: "waiting", icon: "clock" },
  assigned: { group: "waiting", icon: "person" },
  on_the_way: { group: "active", icon: "walk" },
  checked_in: { group: "active", icon: "home" },
  checked_out: { group: "attention", icon: "warning" },
  confirmed: { group: "done", icon: "check" },
  settled: { group: "done", icon: "check" },
  cancelled: { group: "closed", icon: "cross" },
  rejected: { group: "closed", icon: "cross" },
  no_show: { group: "closed", icon: "cross" },
  disputed: { group: "attention", icon: "warning" },
};

/** An order's status in words, with a sign. */
export function StatusBadge({ status, testId }: { status: OrderStatus; testId?: string }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return (
    <span className={`status status-${look.group}`} data-status={status} data-testid={testId ?? "order-status"}>
      <Icon name={look.icon} /> {t(`status.${status}`)}
    </span>
  );
}
