import { shanghaiDate } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ApiError, errorText } from "../../api/client.ts";
import { type OrderDetail, useContact, useOrder } from "../../api/orders.ts";
import { Icon } from "../../components/Icon.tsx";
import { PaymentSplit } from "../../components/PaymentSplit.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { StatusBadge } from "../../components/StatusBadge.tsx";
import { dayText, shanghaiTime } from "../../lib/format.ts";
import { JobActions } from "./JobActions.tsx";
import { NavigateLink } from "./JobCard.tsx";
import { ServiceRecord } from "./ServiceRecord.tsx";
import { WorkerConfirm } from "./WorkerConfirm.tsx";

/** One job, whole screen: whom, where and what; then the step the visit is at (签到, the checklist, 请老人确认). */
export function JobPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const order = useOrder(id);
  return (
    <Screen title={order.data?.product.name ?? t("job.title")} back="/jobs" testId="job-page">
      {order.isPending && <Loading />}
      {order.isError && (
        <ErrorNote message={order.error instanceof ApiError && order.error.status === 404 ? t("job.notFound") : errorText(order.error)} onRetry={() => void order.refetch()} />
      )}
      {order.data && <JobView order={order.data} />}
    </Screen>
  );
}

const CALLABLE = ["assigned", "on_the_way", "checked_in", "checked_out"];

/** 打电话: the number is fetched when asked for (each read is on record), then the phone dials it. */
function CallElder({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const contact = useContact(orderId);
  return (
    <>
      <button
        type="button"
        className="btn btn-secondary"
        data-testid="job-call"
        disabled={contact.isPending}
        onClick={() =>
          contact.mutate(undefined, {
            onSuccess: (c) => {
              window.location.href = `tel:${c.elderPhone}`;
            },
          })
        }
      >
        <Icon name="phone" /> {t("job.call")}
      </button>
      {contact.data && (
        <p className="muted" data-testid="job-call-number">
          {t("job.callNumber", { phone: contact.data.elderPhone })}
          {contact.data.emergencyContact && <span className="block">{t("job.emergencyContact", { name: contact.data.emergencyContact.name, relation: contact.data.emergencyContact.relation, phone: contact.data.emergencyContact.phone })}</span>}
        </p>
      )}
      {contact.isError && <ErrorNote message={errorText(contact.error)} />}
    </>
  );
}

function JobView({ order }: { order: OrderDetail }) {
  const { t, i18n } = useTranslation();
  const finished = order.status === "confirmed" || order.status === "settled";
  return (
    <>
      <p className="status-line">
        <StatusBadge status={order.status} />
      </p>
      <p className="job-time">
        <Icon name="clock" /> {dayText(shanghaiDate(new Date(order.slotStart)), i18n.language)} {shanghaiTime(order.slotStart)}–{shanghaiTime(order.slotEnd)}
      </p>
      <dl className="facts">
        <div>
          <dt>{t("job.elder")}</dt>
          <dd>
            {order.elderName}
            {order.elderPhone && <span className="block muted">{t("order.phone", { phone: order.elderPhone })}</span>}
          </dd>
        </div>
        <div>
          <dt>{t("book.confirm.address")}</dt>
          <dd>{order.address}</dd>
        </div>
        {order.notes && (
          <div>
            <dt>{t("order.notes")}</dt>
            <dd lang="zh-CN">{order.notes}</dd>
          </div>
        )}
      </dl>
      <NavigateLink order={order} />
      {CALLABLE.includes(order.status) && <CallElder orderId={order.id} />}
      {order.status === "checked_in" && <ServiceRecord order={order} />}
      {order.status === "checked_out" && <WorkerConfirm order={order} />}
      {finished && (
        <>
          <p className="success" role="status" data-testid="job-finished">
            <Icon name="check" /> {t("job.finished")}
          </p>
          <PaymentSplit order={order} audience="worker" />
        </>
      )}
      <JobActions order={order} />
    </>
  );
}
