import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Icon } from "./Icon.tsx";

/**
 * One screen: a top bar (a 返回 link, or the app's name), then the screen's single heading and content.
 * Focus moves to the heading on arrival, so a screen reader starts at the new screen, not at the old button.
 */
export function Screen({ title, back, action, children, testId }: { title: string; back?: string; action?: ReactNode; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page" data-testid={testId}>
      <header className="topbar">
        {back ? (
          <Link to={back} className="btn btn-secondary" data-testid="back">
            <Icon name="back" /> {t("app.back")}
          </Link>
        ) : (
          <span className="app-name">{t("app.shortName")}</span>
        )}
        {action}
      </header>
      <main className="content">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </main>
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" data-testid="loading">
      {t("app.loading")}
    </p>
  );
}

/** An inline error (never a pop-up): an icon and words, not colour alone. */
export function ErrorNote({ message, onRetry, testId }: { message: string; onRetry?: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert" role="alert" data-testid={testId ?? "error"}>
      <p>
        <Icon name="warning" />{" "}
        <strong>{t("app.errorPrefix")}</strong>
        {message}
      </p>
      {onRetry && (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}
