import { SERVICE_CATEGORIES } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { CategoryIcon } from "../../components/CategoryIcon.tsx";
import { Screen } from "../../components/Screen.tsx";
import { ForElder, withElder } from "./booking-elder.tsx";

/** 预约服务: for whom (family with several elders), then the service categories as big buttons with signs. */
export function BookPage() {
  const { t } = useTranslation();
  return (
    <Screen title={t("book.title")} back="/" testId="book-page">
      <ForElder>
        {(elder) => (
          <section aria-labelledby="categories-heading" className="stack">
            <p data-testid="book-for">{t("book.forElder", { name: elder.name })}</p>
            <h2 id="categories-heading">{t("book.chooseCategory")}</h2>
            <ul className="category-grid">
              {SERVICE_CATEGORIES.map((c) => (
                <li key={c}>
                  <Link to={withElder(`/book/${c}`, elder.id)} className="category-tile" data-testid={`category-${c}`}>
                    <CategoryIcon category={c} />
                    <span>{t(`category.${c}`)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
      </ForElder>
    </Screen>
  );
}
