import type { OrderStatus } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import type { OrderDetail } from "../api/orders.ts";
import { shanghaiDateTime } from "../lib/format.ts";
import { Icon } from "./Icon.tsx";

// The six steps people follow; each with the timeline events that reach it (the last one gives its time).
const STEPS = [
  { key: "placed", events: ["place"] },
  { key: "assigned", events: ["assign"] },
  { key: "on_the_way", events: ["depart"] },
  { key: "checked_in", events: ["check_in"] },
  { key: "checked_out", events: ["check_out"] },
  { key: "done", events: ["confirm", "resolve"] },
] as const;

/** How far along the steps a status is (the index of the current step). */
const REACHED: Record<OrderStatus, number> = {
  placed: 0,
  accepted: 0,
  assigned: 1,
  on_the_way: 2,
  checked_in: 3,
  checked_out: 4,
  disputed: 4,
  confirmed: 5,
  settled: 5,
  cancelled: -1,
  rejected: -1,
  no_show: -1,
};

/**
 * 服务进度: done steps with a tick and their time, the current one marked 现在, later ones as open circles after it —
 * the shapes and the word say it, not only the colour. A closed order (cancelled …) shows the steps it got through.
 */
export function Timeline({ order }: { order: OrderDetail }) {
  const { t, i18n } = useTranslation();
  const timeOf = (events: readonly string[]) => order.events.filter((e) => events.includes(e.action)).at(-1)?.at;
  let current = REACHED[order.status];
  if (current < 0) current = STEPS.reduce((n, s, i) => (timeOf(s.events) ? i : n), 0);
  const closed = REACHED[order.status] < 0;
  return (
    <ol className="timeline" data-testid="timeline">
      {STEPS.map((s, i) => {
        const state = i < current || (i === current && (closed || s.key === "done")) ? "done" : i === current ? "current" : "todo";
        const at = timeOf(s.events);
        return (
          <li key={s.key} className={`step step-${state}`} aria-current={state === "current" ? "step" : undefined} data-step={s.key} data-state={state}>
            <span className="step-mark">
              <Icon name={state === "done" ? "check" : state === "current" ? "dot" : "circle"} />
            </span>
            <span className="step-text">
              <span className="step-name">{t(`timeline.${s.key}`)}</span>
              {state === "current" && <span className="step-now">{t("timeline.now")}</span>}
              {state === "done" && at && <time dateTime={at}>{shanghaiDateTime(at, i18n.language)}</time>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
