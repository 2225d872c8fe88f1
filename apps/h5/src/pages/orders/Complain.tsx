import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/client.ts";
import { useComplain } from "../../api/orders.ts";
import { Expander } from "../../components/Expander.tsx";
import { ErrorNote } from "../../components/Screen.tsx";

/** 投诉: in the page, not a pop-up; the bureau and the provider see it in the console. */
export function Complain({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const complain = useComplain(orderId);
  const [content, setContent] = useState("");
  const [missing, setMissing] = useState(false);
  if (complain.isSuccess)
    return (
      <p className="success" role="status" data-testid="complaint-sent">
        {t("complain.sent")}
      </p>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!content.trim());
    if (content.trim()) complain.mutate(content.trim());
  };
  return (
    <Expander label={t("complain.open")} testId="complain-open">
      {(close) => (
        <form className="stack" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="complaint">{t("complain.label")}</label>
            <p className="muted" id="complaint-hint">
              {t("complain.hint")}
            </p>
            <textarea id="complaint" rows={4} maxLength={1000} value={content} onChange={(e) => setContent(e.target.value)} aria-describedby="complaint-hint" data-testid="complaint-text" />
          </div>
          {missing && <ErrorNote message={t("complain.required")} />}
          {complain.isError && <ErrorNote message={errorText(complain.error)} />}
          <button type="submit" className="btn btn-primary btn-main" disabled={complain.isPending} data-testid="complaint-submit">
            {complain.isPending ? t("app.sending") : t("complain.submit")}
          </button>
          <button type="button" className="btn btn-secondary btn-block" onClick={close}>
            {t("app.close")}
          </button>
        </form>
      )}
    </Expander>
  );
}
