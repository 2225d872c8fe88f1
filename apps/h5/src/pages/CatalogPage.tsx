import { SERVICE_CATEGORIES, type ServiceCategory } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { type Product, useAreas, useProducts } from "../api/catalog.ts";
import { errorText } from "../api/client.ts";
import { CategoryIcon } from "../components/CategoryIcon.tsx";
import { Icon } from "../components/Icon.tsx";
import { PriceLines } from "../components/PriceLines.tsx";
import { ErrorNote, Loading, Screen } from "../components/Screen.tsx";
import { useShown } from "../components/ShowMore.tsx";
import { hours } from "../lib/format.ts";

/**
 * 服务目录, open to anyone (no sign-in): choose the area and a category, see who offers what at which price. The
 * choices live in the address (?area=…&category=…), so the back button and a shared link keep them.
 */
export function CatalogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const areas = useAreas();
  const area = params.get("area") ?? areas.data?.[0]?.code ?? null;
  const picked = params.get("category");
  const category = SERVICE_CATEGORIES.find((c) => c === picked) ?? "meal";
  const choose = (next: { area?: string; category?: ServiceCategory }) =>
    setParams({ area: next.area ?? area ?? "", category: next.category ?? category }, { replace: true });
  return (
    <Screen title={t("catalog.title")} back="/login" testId="catalog-page">
      <p>{t("catalog.intro")}</p>
      {areas.isError && <ErrorNote message={errorText(areas.error)} onRetry={() => void areas.refetch()} />}
      {areas.data && (
        <div className="field">
          <label htmlFor="catalog-area">{t("catalog.area")}</label>
          <select id="catalog-area" value={area ?? ""} onChange={(e) => choose({ area: e.target.value })} data-testid="catalog-area">
            {areas.data.map((a) => (
              <option key={a.code} value={a.code}>
                {a.level === 3 ? t("catalog.wholeDistrict", { name: a.name }) : a.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <fieldset className="picker">
        <legend>{t("catalog.category")}</legend>
        <div className="tabs">
          {SERVICE_CATEGORIES.map((c) => (
            <button key={c} type="button" className="tab" aria-pressed={c === category} onClick={() => choose({ category: c })} data-testid={`catalog-category-${c}`}>
              <CategoryIcon category={c} />
              <span>{t(`category.${c}`)}</span>
            </button>
          ))}
        </div>
      </fieldset>
      {area && <CatalogList key={`${area}-${category}`} category={category} area={area} />}
      <Link to="/ratings" className="btn btn-secondary btn-block" data-testid="catalog-ratings">
        {t("ratings.link")}
      </Link>
      <Link to="/blacklist" className="btn btn-secondary btn-block" data-testid="catalog-blacklist">
        {t("blacklist.link")}
      </Link>
      <Link to="/login" className="btn btn-primary btn-main" data-testid="catalog-login">
        {t("catalog.login")}
      </Link>
    </Screen>
  );
}

function CatalogList({ category, area }: { category: ServiceCategory; area: string }) {
  const { t } = useTranslation();
  const products = useProducts(category, area);
  const { shown, more } = useShown(products.data ?? []);
  return (
    <section aria-labelledby="catalog-list" className="stack">
      <h2 id="catalog-list">
        {t(`category.${category}`)} <span className="muted">{products.data ? t("catalog.count", { n: products.data.length }) : ""}</span>
      </h2>
      {products.isPending && <Loading />}
      {products.isError && <ErrorNote message={errorText(products.error)} onRetry={() => void products.refetch()} />}
      {products.data?.length === 0 && (
        <p className="note" data-testid="catalog-empty">
          {t("book.noProducts")}
        </p>
      )}
      {products.data && products.data.length > 0 && (
        <ul className="cards" data-testid="catalog-products">
          {shown.map((p) => (
            <li key={p.id}>
              <CatalogCard product={p} />
            </li>
          ))}
        </ul>
      )}
      {more}
    </section>
  );
}

function CatalogCard({ product }: { product: Product }) {
  const { t } = useTranslation();
  return (
    <article className="product-card" data-testid="catalog-product" data-provider={product.providerName ?? ""} data-name={product.name}>
      <h3 className="product-name">{product.name}</h3>
      <p className="muted">{t("book.provider", { name: product.providerName })}</p>
      <p className="muted">
        <Icon name="clock" /> {t("book.product.hours", { hours: hours(product.durationMinutes) })}
      </p>
      <PriceLines product={product} />
      {product.description && (
        <p className="muted" lang="zh-CN">
          {product.description}
        </p>
      )}
    </article>
  );
}
