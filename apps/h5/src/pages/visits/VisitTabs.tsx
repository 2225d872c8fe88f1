import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMe } from "../../api/queries.ts";
import { Icon } from "../../components/Icon.tsx";
import { CALLER_ROLES } from "../../lib/roles.ts";

/**
 * 今日探访 | 电话关怀: two big tabs at the top of both lists, for the community workers who have both. A volunteer
 * visits only (he may not see an elder's full phone number), so he sees no tabs.
 */
export function VisitTabs({ current }: { current: "visits" | "calls" }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data || !(CALLER_ROLES as readonly string[]).includes(me.data.role)) return null;
  const tab = (to: "visits" | "calls", icon: "home" | "phone", label: string) => (
    <Link to={`/${to}`} className="visit-tab" aria-current={current === to ? "page" : undefined} data-testid={`visit-tab-${to}`}>
      <Icon name={icon} /> {label}
    </Link>
  );
  return (
    <nav className="visit-tabs" aria-label={t("visits.calls.tabs")}>
      {tab("visits", "home", t("visits.title"))}
      {tab("calls", "phone", t("visits.calls.title"))}
    </nav>
  );
}
