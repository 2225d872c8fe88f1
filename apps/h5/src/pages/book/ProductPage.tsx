import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { type ProductDetail, useProduct } from "../../api/catalog.ts";
import { ApiError, errorText } from "../../api/client.ts";
import { Icon } from "../../components/Icon.tsx";
import { PriceLines } from "../../components/PriceLines.tsx";
import { ErrorNote, Loading, Screen } from "../../components/Screen.tsx";
import { hours } from "../../lib/format.ts";
import { withElder } from "./booking-elder.tsx";

/** One product: what the visit includes, how long, how it is priced; one button to go on and pick a time. */
export function ProductPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const elderId = useSearchParams()[0].get("elder") ?? "";
  const product = useProduct(id);
  const back = product.data ? withElder(`/book/${product.data.category}`, elderId) : withElder("/book", elderId);
  return (
    <Screen title={product.data?.name ?? t("book.product.title")} back={back} testId="product-page">
      {product.isPending && <Loading />}
      {product.isError && (
        <ErrorNote message={product.error instanceof ApiError && product.error.status === 404 ? t("book.product.gone") : errorText(product.error)} onRetry={() => void product.refetch()} />
      )}
      {product.data && <ProductView product={product.data} next={withElder(`/products/${id}/time`, elderId)} />}
    </Screen>
  );
}

/** The product's facts; shared with nothing else, but long enough to stand apart from the page's plumbing. */
function ProductView({ product, next }: { product: ProductDetail; next: string }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t("book.product.provider")}</dt>
          <dd data-testid="product-provider">{product.providerName}</dd>
        </div>
        <div>
          <dt>{t("book.product.duration")}</dt>
          <dd>{t("book.product.hours", { hours: hours(product.durationMinutes) })}</dd>
        </div>
        <div>
          <dt>{t("book.product.price")}</dt>
          <dd>
            <PriceLines product={product} />
            <p className="muted">{t(`book.product.unitRule.${product.unit}`)}</p>
          </dd>
        </div>
        {product.serviceRegionNames.length > 0 && (
          <div>
            <dt>{t("book.product.area")}</dt>
            <dd>{product.serviceRegionNames.join("、")}</dd>
          </div>
        )}
      </dl>
      {product.description && (
        <section aria-labelledby="desc-heading" className="stack">
          <h2 id="desc-heading">{t("book.product.description")}</h2>
          <p lang="zh-CN">{product.description}</p>
        </section>
      )}
      {product.tasks.length > 0 && (
        <section aria-labelledby="tasks-heading" className="stack">
          <h2 id="tasks-heading">{t("book.product.tasks")}</h2>
          <ul className="ticks" lang="zh-CN" data-testid="product-tasks">
            {product.tasks.map((task) => (
              <li key={task}>
                <Icon name="check" /> {task}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Link to={next} className="btn btn-primary btn-main" data-testid="product-book">
        <Icon name="calendar" /> {t("book.product.book")}
      </Link>
    </>
  );
}
