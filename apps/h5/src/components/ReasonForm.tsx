import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNote } from "./Screen.tsx";

const OTHER = "other";

/**
 * Choose a reason (large radio rows) or write one, then submit. The reason goes to the provider and the bureau in
 * Chinese whatever language the screen is in: they read it in the console.
 */
export function ReasonForm({
  legend,
  reasons,
  submitLabel,
  onSubmit,
  onCancel,
  cancelLabel,
  pending,
  error,
  testId,
}: {
  legend: string;
  /** i18n keys of the reasons offered, e.g. "reasons.cancel.time"; "other" lets the user write one. */
  reasons: string[];
  submitLabel: string;
  onSubmit: (reason: string) => void;
  onCancel?: () => void;
  cancelLabel?: string;
  pending: boolean;
  error: string | null;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const [other, setOther] = useState("");
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const zh = i18n.getFixedT("zh-CN");
    const reason = chosen === OTHER ? other.trim() : chosen ? zh(chosen) : "";
    setMissing(!reason);
    if (reason) onSubmit(reason);
  };
  return (
    <form className="stack" onSubmit={submit} noValidate data-testid={testId}>
      <fieldset className="choice">
        <legend>{legend}</legend>
        {[...reasons, OTHER].map((key) => (
          <label key={key} className="choice-option">
            <input type="radio" name={`${testId}-reason`} value={key} checked={chosen === key} onChange={() => setChosen(key)} data-testid={`${testId}-${key.split(".").at(-1)}`} />
            <span>{key === OTHER ? t("reasons.other") : t(key)}</span>
          </label>
        ))}
      </fieldset>
      {chosen === OTHER && (
        <div className="field">
          <label htmlFor={`${testId}-other`}>{t("reasons.otherLabel")}</label>
          <textarea id={`${testId}-other`} rows={3} maxLength={200} value={other} onChange={(e) => setOther(e.target.value)} data-testid={`${testId}-other-text`} />
        </div>
      )}
      {missing && <ErrorNote message={t("reasons.required")} testId={`${testId}-missing`} />}
      {error && <ErrorNote message={error} testId={`${testId}-error`} />}
      <button type="submit" className="btn btn-primary btn-main" disabled={pending} data-testid={`${testId}-submit`}>
        {pending ? t("app.sending") : submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="btn btn-secondary btn-block" onClick={onCancel}>
          {cancelLabel ?? t("app.close")}
        </button>
      )}
    </form>
  );
}
