import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { useAreas } from "../../api/catalog.ts";
import { errorText } from "../../api/client.ts";
import { type PublicRating, usePublicRatings } from "../../api/ratings.ts";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { shanghaiDate } from "../../lib/format.ts";
import "../../styles/ratings.css";
import { Stars } from "./Stars.tsx";

const STAR_CHOICES = [null, 5, 4, 3, 0] as const;

/**
 * 养老服务设施星级, open to anyone: each facility's current stars as the bureau confirmed them, best first; by area,
 * by stars, or by name. The choices live in the address, so the back button and a shared link keep them.
 */
export function RatingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const areas = useAreas();
  const area = params.get("area");
  const starsParam = params.get("stars");
  const stars = starsParam === null || starsParam === "" ? null : Number(starsParam);
  const q = params.get("q") ?? "";
  const [typed, setTyped] = useState(q);
  const set = (next: Record<string, string | null>) => {
    const merged = { area, stars: starsParam, q, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null && v !== "")) as Record<string, string>, { replace: true });
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    set({ q: typed.trim() });
  };
  return (
    <Screen title={t("ratings.title")} back="/catalog" testId="ratings-page">
      <p>{t("ratings.intro")}</p>
      {areas.data && (
        <div className="field">
          <label htmlFor="ratings-area">{t("ratings.area")}</label>
          <select id="ratings-area" value={area ?? ""} onChange={(e) => set({ area: e.target.value })} data-testid="ratings-area">
            <option value="">{t("ratings.allAreas")}</option>
            {areas.data.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <fieldset className="picker">
        <legend>{t("ratings.stars")}</legend>
        <div className="star-tabs">
          {STAR_CHOICES.map((s) => (
            <button key={String(s)} type="button" className="tab" aria-pressed={s === stars} onClick={() => set({ stars: s === null ? null : String(s) })} data-testid={`ratings-stars-${s ?? "all"}`}>
              {s === null ? t("ratings.all") : t(`ratings.starsText.${s}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <form className="field" onSubmit={search} role="search">
        <label htmlFor="ratings-q">{t("ratings.search")}</label>
        <div className="rating-search">
          <input id="ratings-q" type="search" value={typed} maxLength={50} onChange={(e) => setTyped(e.target.value)} data-testid="ratings-q" />
          <button type="submit" className="btn btn-primary" data-testid="ratings-search">
            {t("ratings.searchButton")}
          </button>
        </div>
      </form>
      <RatingList key={`${area}-${stars}-${q}`} regionCode={area} stars={stars} q={q} />
    </Screen>
  );
}

function RatingList(filter: { regionCode: string | null; stars: number | null; q: string }) {
  const { t } = useTranslation();
  const list = usePublicRatings(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorNote message={errorText(list.error)} onRetry={() => void list.refetch()} />;
  return (
    <section className="stack" aria-label={t("ratings.title")}>
      {items.length === 0 && (
        <p className="note" data-testid="ratings-empty">
          {t("ratings.empty")}
        </p>
      )}
      <ul className="cards" data-testid="ratings-list">
        {items.map((f) => (
          <li key={f.id}>
            <RatingCard facility={f} />
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button type="button" className="btn btn-secondary btn-block" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="ratings-more">
          {t("ratings.more")}
        </button>
      )}
    </section>
  );
}

function RatingCard({ facility: f }: { facility: PublicRating }) {
  const { t, i18n } = useTranslation();
  return (
    <Link to={`/ratings/${f.id}`} className="product-card rating-card" data-testid="rating-card" data-name={f.name} data-stars={f.stars ?? ""}>
      <h2 className="product-name">{f.name}</h2>
      <Stars stars={f.stars} />
      {f.score !== null && <p>{t("ratings.score", { score: f.score.toFixed(2) })}</p>}
      <p className="muted">{t(`ratings.tier.${f.tier}`, { defaultValue: f.tier })}</p>
      <p className="muted" lang="zh-CN">
        {f.address}
      </p>
      {f.ratedAt && <p className="muted">{t("ratings.ratedOn", { date: shanghaiDate(f.ratedAt, i18n.language) })}</p>}
      {f.unqualified && <p className="rating-flag">{t("ratings.unqualified")}</p>}
      {f.status === "suspended" && <p className="rating-flag">{t("ratings.suspended")}</p>}
    </Link>
  );
}
