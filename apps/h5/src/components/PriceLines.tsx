import { useTranslation } from "react-i18next";
import type { Product } from "../api/catalog.ts";
import { yuan } from "../lib/format.ts";

/** The price per unit and the lower prices for eligible elders, each in words ("80周岁以上老人：25.60 元/小时"). */
export function PriceLines({ product }: { product: Pick<Product, "priceFen" | "unit" | "subsidyPrices"> }) {
  const { t } = useTranslation();
  const unit = t(`unit.${product.unit}`);
  if (product.priceFen === 0)
    return (
      <p className="price" data-testid="price">
        {t("price.free")}
      </p>
    );
  return (
    <div className="price-lines">
      <p className="price" data-testid="price">
        {t("price.market", { amount: yuan(product.priceFen), unit })}
      </p>
      {product.subsidyPrices.length > 0 && (
        <ul className="tiers" aria-label={t("price.tiers")} data-testid="price-tiers">
          {product.subsidyPrices.map((tier) => (
            <li key={tier.label}>
              {t("price.tier", { label: tier.label, amount: yuan(tier.priceFen), unit })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
