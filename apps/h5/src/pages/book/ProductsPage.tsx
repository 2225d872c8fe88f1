import { SERVICE_CATEGORIES, type ServiceCategory } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams, useSearchParams } from "react-router-dom";
import { type Product, useProducts } from "../../api/catalog.ts";
import { errorText } from "../../api/client.ts";
import type { MyElder } from "../../api/queries.ts";
import { Icon } from "../../components/Icon.tsx";
import { PriceLines } from "../../components/PriceLines.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { useShown } from "../../components/ShowMore.tsx";
import { ForElder, withElder } from "./booking-elder.tsx";

/** The products of one category that serve the elder's community: provider, price per unit, lower prices. */
export function ProductsPage() {
  const { t } = useTranslation();
  const category = useParams().category as ServiceCategory;
  const elderId = useSearchParams()[0].get("elder");
  if (!SERVICE_CATEGORIES.includes(category)) return <Navigate to="/book" replace />;
  return (
    <Screen title={t("book.productsTitle", { category: t(`category.${category}`) })} back={elderId ? withElder("/book", elderId) : "/book"} testId="products-page">
      <ForElder>{(elder) => <ProductList category={category} elder={elder} />}</ForElder>
    </Screen>
  );
}

function ProductList({ category, elder }: { category: ServiceCategory; elder: MyElder }) {
  const { t } = useTranslation();
  // the elder's community: the server lists the products whose service area contains it
  const products = useProducts(category, elder.regionCode);
  const { shown, more } = useShown(products.data ?? []);
  if (products.isPending) return <Loading />;
  if (products.isError) return <ErrorNote message={errorText(products.error)} onRetry={() => void products.refetch()} />;
  if (products.data.length === 0)
    return (
      <p className="note" data-testid="no-products">
        {t("book.noProducts")}
      </p>
    );
  return (
    <>
      <p>{t("book.productsIntro", { region: elder.regionName ?? "", n: products.data.length })}</p>
      <ul className="cards" data-testid="product-list">
        {shown.map((p) => (
          <li key={p.id}>
            <ProductCard product={p} to={withElder(`/products/${p.id}`, elder.id)} />
          </li>
        ))}
      </ul>
      {more}
    </>
  );
}

function ProductCard({ product, to }: { product: Product; to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="product-card" data-testid="product-card" data-product-id={product.id} data-provider={product.providerName ?? ""} data-name={product.name}>
      <span className="product-name">{product.name}</span>
      <span className="muted">{t("book.provider", { name: product.providerName })}</span>
      {product.providerRating !== null && <span className="muted">{t("book.rating", { rating: product.providerRating })}</span>}
      <PriceLines product={product} />
      <span className="card-go">
        {t("book.open")} <Icon name="forward" />
      </span>
    </Link>
  );
}
