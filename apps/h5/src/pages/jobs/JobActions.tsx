import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { errorText } from "../../api/client.ts";
import { type Order, type OrderDetail, useRefuse, useTransition } from "../../api/orders.ts";
import { Expander } from "../../components/Expander.tsx";
import { Icon } from "../../components/Icon.tsx";
import { ReasonForm } from "../../components/ReasonForm.tsx";
import { ErrorNote } from "../../components/Screen.tsx";
import { CheckIn } from "./CheckIn.tsx";
import { workerActions } from "./job-actions.ts";

const REFUSE_REASONS = ["reasons.refuse.clash", "reasons.refuse.far", "reasons.refuse.unwell", "reasons.refuse.skill"];

/**
 * The next step of a job, as buttons: 接受 / 退回 before it is accepted, then 出发 and 签到. On a card (`onCard`) the
 * later steps, which need the whole screen (the checklist, the confirmation), are a link to the job's page.
 */
export function JobActions({ order, onCard = false }: { order: Order | OrderDetail; onCard?: boolean }) {
  const { t } = useTranslation();
  const move = useTransition(order.id);
  const refuse = useRefuse(order.id);
  const actions = workerActions(order);
  const accepted = Boolean(order.workerAcceptedAt);
  const moveButton = (action: "worker_accept" | "depart", label: string, primary: boolean) => (
    <button
      type="button"
      className={`btn ${primary ? "btn-primary btn-main" : "btn-secondary btn-block"}`}
      disabled={move.isPending}
      onClick={() => move.mutate({ action })}
      data-testid={action === "worker_accept" ? "job-accept" : "job-depart"}
    >
      {move.isPending ? t("app.sending") : label}
    </button>
  );
  const refuseForm = (
    <Expander label={t("job.refuse.open")} testId="job-refuse-open">
      {(close) => (
        <ReasonForm
          legend={t("job.refuse.legend")}
          reasons={REFUSE_REASONS}
          submitLabel={t("job.refuse.submit")}
          onSubmit={(reason) => refuse.mutate(reason)}
          onCancel={close}
          pending={refuse.isPending}
          error={refuse.isError ? errorText(refuse.error) : null}
          testId="refuse"
        />
      )}
    </Expander>
  );
  if (refuse.isSuccess)
    return (
      <p className="success" role="status" data-testid="job-refused">
        {t("job.refuse.done")}
      </p>
    );
  return (
    <div className="stack job-actions">
      {move.isError && <ErrorNote message={errorText(move.error)} testId="job-error" />}
      {actions.includes("worker_accept") && (
        <>
          {moveButton("worker_accept", t("job.accept"), true)}
          {refuseForm}
        </>
      )}
      {accepted && actions.includes("depart") && moveButton("depart", t("job.depart"), true)}
      {accepted && actions.includes("check_in") && <CheckIn order={order} withPhoto={!onCard} primary={order.status === "on_the_way"} />}
      {onCard && order.status === "checked_in" && (
        <Link to={`/jobs/${order.id}`} className="btn btn-primary btn-main" data-testid="job-record-link">
          {t("job.recordLink")} <Icon name="forward" />
        </Link>
      )}
      {onCard && order.status === "checked_out" && (
        <Link to={`/jobs/${order.id}`} className="btn btn-primary btn-main" data-testid="job-confirm-link">
          {t("job.confirmLink")} <Icon name="forward" />
        </Link>
      )}
      {!onCard && accepted && actions.includes("refuse") && refuseForm}
    </div>
  );
}
