import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { errorText } from "../../api/client.ts";
import { usePublicRating } from "../../api/ratings.ts";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { shanghaiDate } from "../../lib/format.ts";
import "../../styles/ratings.css";
import { Stars } from "./Stars.tsx";

/** One facility's published ratings, newest first: round, date, score, stars, and each section's share of points. */
export function RatingHistoryPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const r = usePublicRating(id);
  return (
    <Screen title={r.data?.name ?? t("ratings.title")} back="/ratings" testId="rating-history-page">
      {r.isPending && <Loading />}
      {r.isError && <ErrorNote message={errorText(r.error)} onRetry={() => void r.refetch()} />}
      {r.data && (
        <>
          <Stars stars={r.data.stars} />
          {r.data.score !== null && <p>{t("ratings.score", { score: r.data.score.toFixed(2) })}</p>}
          <p className="muted">{t(`ratings.tier.${r.data.tier}`, { defaultValue: r.data.tier })}</p>
          <p className="muted" lang="zh-CN">
            {r.data.address}
          </p>
          {r.data.unqualified && <p className="rating-flag">{t("ratings.unqualified")}</p>}
          {r.data.status === "suspended" && <p className="rating-flag">{t("ratings.suspended")}</p>}
          <h2>{t("ratings.history")}</h2>
          {r.data.history.length === 0 && <p className="note">{t("ratings.historyEmpty")}</p>}
          <ol className="cards" data-testid="rating-history">
            {r.data.history.map((h) => (
              <li key={h.evaluationId} className="history-item" data-testid="rating-history-item" data-stars={h.stars}>
                <h3>
                  {h.roundName}
                  {h.recheck && `（${t("ratings.recheck")}）`}
                </h3>
                <p className="muted">{t("ratings.ratedOn", { date: shanghaiDate(h.confirmedAt, i18n.language) })}</p>
                <Stars stars={h.stars} />
                <p>{t("ratings.score", { score: h.score.toFixed(2) })}</p>
                {h.unqualified && <p className="rating-flag">{t("ratings.unqualified")}</p>}
                {h.sections.length > 0 && (
                  <>
                    <p className="muted">{t("ratings.sections")}</p>
                    <ul className="section-list">
                      {h.sections.map((s) => (
                        <li key={s.key}>
                          {s.name}：{s.percent}%
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </Screen>
  );
}
