import { Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { OrderEvent } from "../../api/orders.ts";
import { enumLabel } from "../../lib/labels.ts";
import { yuan } from "../../lib/money.ts";
import { formatDateTime } from "../../lib/time.ts";
import { confirmedByText } from "./OrderFacts.tsx";

const COLOR: Record<string, string> = { cancel: "gray", reject: "red", void: "red", dispute: "red", no_show: "orange", flag: "orange", dispatch_none: "orange", lapse: "orange", settle: "green", confirm: "green", resolve: "green" };

/** An event's detail in words: the reason, the distance, the price split, how the co-pay was collected… */
export function eventFacts(t: TFunction, e: OrderEvent): string[] {
  const d = e.detail ?? {};
  const out: string[] = [];
  const str = (k: string) => (typeof d[k] === "string" && d[k] !== "" ? (d[k] as string) : null);
  const num = (k: string) => (typeof d[k] === "number" ? (d[k] as number) : null);
  if (str("reason")) out.push(t("order.event.reason", { v: str("reason") }));
  if (str("message")) out.push(t("order.event.message", { v: str("message") }));
  if (str("notes")) out.push(t("order.event.notes", { v: str("notes") }));
  if (str("flag")) out.push(t("order.event.flag", { v: enumLabel(t, "flag", str("flag")) }));
  if (Array.isArray(d.flags) && d.flags.length) out.push(t("order.event.flag", { v: (d.flags as string[]).map((f) => enumLabel(t, "flag", f)).join("、") }));
  if (str("channel")) out.push(t("order.event.channel", { v: enumLabel(t, "channel", str("channel")) }));
  if (str("tier")) out.push(t("order.event.tier", { v: str("tier") }));
  if (e.action === "assign" && d.workerId) out.push(t(d.manual ? "order.event.manual" : "order.event.auto"));
  if (num("travelMinutes") !== null) out.push(t("order.event.travel", { v: num("travelMinutes") }));
  if (str("note")) out.push(str("note")!);
  if (num("distanceMeters") !== null) out.push(t("order.event.distance", { v: num("distanceMeters") }));
  if (num("minutes") !== null) out.push(t("order.event.minutes", { v: num("minutes") }));
  if (num("priceFen") !== null) out.push(t("order.event.price", { v: yuan(num("priceFen")) }));
  if (num("minutesFen")) out.push(t("order.event.minutesFen", { v: yuan(num("minutesFen")) }));
  if (num("walletFen")) out.push(t("order.event.wallet", { v: yuan(num("walletFen")) }));
  if (num("copayFen") !== null && e.action !== "settle") out.push(t("order.event.copay", { v: yuan(num("copayFen")) }));
  if (str("confirmedBy")) out.push(t("order.event.confirmedBy", { v: confirmedByText(t, str("confirmedBy")) }));
  if (str("method")) out.push(t("order.event.method", { v: enumLabel(t, "copayMethod", str("method")) }) + (num("copayFen") ? ` ${yuan(num("copayFen"))}` : ""));
  if (str("reference")) out.push(t("order.event.reference", { v: str("reference") }));
  return out;
}

/** 订单进程: every step with its time, who took it, the state it moved from and to, and what it recorded. */
export function OrderTimeline({ events }: { events: OrderEvent[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="order-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: COLOR[e.action] ?? "blue",
        content: (
          <div data-testid="order-event" data-action={e.action}>
            <Typography.Text strong>{enumLabel(t, "orderAction", e.action)}</Typography.Text>
            <Typography.Text type="secondary" className="mono" style={{ marginInlineStart: 8 }}>
              {formatDateTime(e.at)}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {e.actorName ? t("order.actor", { name: e.actorName, role: enumLabel(t, "role", e.actorRole) }) : t("role.system")}
              </Typography.Text>
              {e.from !== e.to && (
                <Typography.Text style={{ marginInlineStart: 8 }}>
                  {e.from ? `${enumLabel(t, "orderStatus", e.from)} → ` : "→ "}
                  {enumLabel(t, "orderStatus", e.to)}
                </Typography.Text>
              )}
            </div>
            {eventFacts(t, e).length > 0 && <Typography.Text type="secondary">{eventFacts(t, e).join(t("order.event.sep"))}</Typography.Text>}
          </div>
        ),
      }))}
    />
  );
}
