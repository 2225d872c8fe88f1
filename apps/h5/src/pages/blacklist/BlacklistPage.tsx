import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { useAreas } from "../../api/catalog.ts";
import { api, errorText } from "../../api/client.ts";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import "../../styles/ratings.css";

interface Listed {
  id: string;
  subjectKind: "facility" | "provider" | "legal_person" | "worker" | "staff" | "recipient";
  name: string;
  regionName: string | null;
  prohibitionName: string | null;
  reason: string | null;
  startsOn: string;
  endsOn: string | null;
}

/**
 * 黑名单公示, open to anyone: blacklistings approved and in force; people's names masked by the server (张**),
 * institutions named in full. By area; the choice lives in the address.
 */
export function BlacklistPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const areas = useAreas();
  const area = params.get("area");
  const list = useQuery({ queryKey: ["public-blacklist", area ?? "all"], queryFn: () => api<{ items: Listed[] }>(`/public/blacklist${area ? `?regionCode=${encodeURIComponent(area)}` : ""}`) });
  return (
    <Screen title={t("blacklist.title")} back="/catalog" testId="blacklist-page">
      <p>{t("blacklist.intro")}</p>
      {areas.data && (
        <div className="field">
          <label htmlFor="blacklist-area">{t("blacklist.area")}</label>
          <select id="blacklist-area" value={area ?? ""} onChange={(e) => setParams(e.target.value ? { area: e.target.value } : {}, { replace: true })} data-testid="blacklist-area">
            <option value="">{t("blacklist.allAreas")}</option>
            {areas.data.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNote message={errorText(list.error)} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="note" data-testid="blacklist-empty">
          {t("blacklist.empty")}
        </p>
      ) : (
        <ul className="cards" data-testid="blacklist-list">
          {list.data.items.map((x) => (
            <li key={x.id} className="history-item" data-testid="blacklist-item" data-name={x.name}>
              <h2 className="product-name" lang="zh-CN">
                {x.name}
              </h2>
              <p className="muted">
                {t(`blacklist.kind.${x.subjectKind}`)}
                {x.regionName ? ` · ${x.regionName}` : ""}
              </p>
              {x.prohibitionName && (
                <p className="rating-flag" lang="zh-CN">
                  {x.prohibitionName}
                </p>
              )}
              {x.reason && <p lang="zh-CN">{x.reason}</p>}
              <p>{t("blacklist.period", { from: x.startsOn, to: x.endsOn ?? t("blacklist.indefinite") })}</p>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
