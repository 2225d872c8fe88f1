import { ORDER_ACTIONS, ORDER_TRANSITIONS, type OrderAction } from "@carecircle/shared";
import type { Order, OrderDetail } from "../../api/orders.ts";

/**
 * What the caregiver can do next: the server's list on the job's own page, the same state machine in the list
 * (the list does not carry actions). 接受 goes once it is given (the server leaves it out too).
 */
export function workerActions(o: Order | OrderDetail): OrderAction[] {
  const all = o.actions ?? ORDER_ACTIONS.filter((a) => ORDER_TRANSITIONS[a].from.includes(o.status) && ORDER_TRANSITIONS[a].by.includes("worker"));
  return all.filter((a) => !(a === "worker_accept" && o.workerAcceptedAt));
}
