import { useTranslation } from "react-i18next";
import { errorText } from "../../api/client.ts";
import { type OrderDetail, useTransition } from "../../api/orders.ts";
import { Expander } from "../../components/Expander.tsx";
import { Icon } from "../../components/Icon.tsx";
import { ReasonForm } from "../../components/ReasonForm.tsx";
import { ErrorNote } from "../../components/Screen.tsx";

const DISPUTE_REASONS = ["reasons.dispute.unfinished", "reasons.dispute.time", "reasons.dispute.absent", "reasons.dispute.quality"];
const CANCEL_REASONS = ["reasons.cancel.time", "reasons.cancel.unneeded", "reasons.cancel.other_provider", "reasons.cancel.family"];

/** After the worker has checked out: 确认服务完成 (one big button), or 有异议 with a reason. */
export function ConfirmOrder({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const confirm = useTransition(order.id);
  const dispute = useTransition(order.id);
  return (
    <section aria-labelledby="confirm-heading" className="panel panel-attention stack" data-testid="confirm-panel">
      <h2 id="confirm-heading">{t("order.confirm.title")}</h2>
      <p>{t("order.confirm.hint", { name: order.workerName ?? "" })}</p>
      {confirm.isError && <ErrorNote message={errorText(confirm.error)} testId="confirm-error" />}
      <button type="button" className="btn btn-primary btn-main" disabled={confirm.isPending} onClick={() => confirm.mutate({ action: "confirm" })} data-testid="confirm-done">
        <Icon name="check" /> {confirm.isPending ? t("app.sending") : t("order.confirm.submit")}
      </button>
      {order.actions.includes("dispute") && (
        <Expander label={t("order.dispute.open")} testId="dispute-open">
          {(close) => (
            <ReasonForm
              legend={t("order.dispute.legend")}
              reasons={DISPUTE_REASONS}
              submitLabel={t("order.dispute.submit")}
              onSubmit={(reason) => dispute.mutate({ action: "dispute", reason })}
              onCancel={close}
              pending={dispute.isPending}
              error={dispute.isError ? errorText(dispute.error) : null}
              testId="dispute"
            />
          )}
        </Expander>
      )}
    </section>
  );
}

/** 取消预约, with a reason; out of the way at the bottom, and a second step so that a stray tap cancels nothing. */
export function CancelOrder({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const cancel = useTransition(order.id);
  return (
    <Expander label={t("order.cancel.open")} className="btn btn-danger btn-block" testId="cancel-open">
      {(close) => (
        <ReasonForm
          legend={t("order.cancel.legend")}
          reasons={CANCEL_REASONS}
          submitLabel={t("order.cancel.submit")}
          onSubmit={(reason) => cancel.mutate({ action: "cancel", reason })}
          onCancel={close}
          cancelLabel={t("order.cancel.keep")}
          pending={cancel.isPending}
          error={cancel.isError ? errorText(cancel.error) : null}
          testId="cancel"
        />
      )}
    </Expander>
  );
}
