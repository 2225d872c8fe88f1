import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router-dom";
import { errorText } from "../../api/client.ts";
import { type MyElder, useMyElders } from "../../api/queries.ts";
import { Icon } from "../../components/Icon.tsx";
import { ErrorNote, Loading } from "../../components/Screen.tsx";

/** A booking page's link that keeps the chosen elder (?elder=…) along the way. */
export function withElder(path: string, elderId: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}elder=${encodeURIComponent(elderId)}`;
}

/**
 * Whom the booking is for: the elder's own record, or the family member's bound elder (?elder=… once chosen; the only
 * one when there is one). Renders the loading, the error, "none bound" and the choice itself; `children` gets the elder.
 */
export function ForElder({ children }: { children: (elder: MyElder) => ReactNode }) {
  const { t } = useTranslation();
  const elders = useMyElders();
  const [params] = useSearchParams();
  const location = useLocation();
  if (elders.isPending) return <Loading />;
  if (elders.isError) return <ErrorNote message={errorText(elders.error)} onRetry={() => void elders.refetch()} />;
  const active = elders.data.filter((e) => e.status === "active");
  const chosen = active.find((e) => e.id === params.get("elder")) ?? (active.length === 1 ? active[0] : undefined);
  if (chosen) return <>{children(chosen)}</>;
  if (active.length === 0)
    return (
      <p className="note" data-testid="no-elders">
        {t("home.none")}
      </p>
    );
  return (
    <section aria-labelledby="for-whom" className="stack">
      <h2 id="for-whom">{t("book.forWhom")}</h2>
      <ul className="cards">
        {active.map((e) => (
          <li key={e.id}>
            <Link to={withElder(location.pathname, e.id)} className="pick-card" data-testid="pick-elder" data-elder-id={e.id}>
              <span className="elder-name">{e.name}</span>
              {e.relation && <span className="muted">{t("elder.relation", { relation: e.relation })}</span>}
              <Icon name="forward" />
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
