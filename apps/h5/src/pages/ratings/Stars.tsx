import { starGlyphs } from "@carecircle/shared";
import { useTranslation } from "react-i18next";

/** "★★★★☆ 四星": the glyphs for the eye, the words for everyone (a screen reader reads only the words). */
export function Stars({ stars }: { stars: number | null }) {
  const { t } = useTranslation();
  if (stars === null) return <p className="rating-stars muted" data-testid="stars" data-stars="">{t("ratings.notRated")}</p>;
  return (
    <p className="rating-stars" data-testid="stars" data-stars={stars}>
      <span className="rating-stars-glyphs" aria-hidden="true">
        {starGlyphs(stars)}
      </span>
      <span>{t(`ratings.starsText.${stars}`)}</span>
    </p>
  );
}
