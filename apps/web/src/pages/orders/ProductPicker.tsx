import { Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Product } from "../../api/marketplace.ts";
import { hours } from "../../api/timebank.ts";
import { enumLabel } from "../../lib/labels.ts";
import { yuan } from "../../lib/money.ts";
import { unitPrice } from "../providers/ProductsTab.tsx";

interface Props {
  products: Product[];
  loading: boolean;
  emptyText: string;
  value?: string;
  onChange?: (id: string) => void;
}

/** The catalogue for one category and community as a table with one choice; a click anywhere on a row chooses it. */
export function ProductPicker({ products, loading, emptyText, value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Table<Product>
      rowKey="id"
      size="small"
      data-testid="order-product-table"
      loading={loading}
      dataSource={products}
      pagination={products.length > 8 ? { pageSize: 8, showSizeChanger: false } : false}
      locale={{ emptyText }}
      scroll={{ x: 800 }}
      rowSelection={{ type: "radio", selectedRowKeys: value ? [value] : [], onChange: (keys) => keys[0] && onChange?.(String(keys[0])) }}
      onRow={(p) => ({ onClick: () => onChange?.(p.id), style: { cursor: "pointer" }, ...rowAttrs(p, p.id === value) })}
      columns={[
        {
          title: t("product.name"),
          dataIndex: "name",
          width: 150,
          render: (v: string, p) => (
            <>
              <Typography.Text strong>{v}</Typography.Text>
              {p.timebankMinutes !== null && (
                <div>
                  <Tag color="purple" style={{ marginTop: 2 }} data-testid="order-product-timebank">
                    {t("timebank.orders.pickerTag", { hours: hours(p.timebankMinutes), unit: enumLabel(t, "priceUnit", p.unit) })}
                  </Tag>
                </div>
              )}
            </>
          ),
        },
        { title: t("place.provider"), dataIndex: "providerName", width: 220 },
        {
          title: t("product.price"),
          key: "price",
          width: 200,
          render: (_: unknown, p) => (
            <>
              <div>{unitPrice(t, p.priceFen, p.unit)}</div>
              {p.subsidyPrices.map((tier) => (
                <Tag key={tier.label} color="green" style={{ marginTop: 2 }}>
                  {tier.label} {yuan(tier.priceFen)}
                </Tag>
              ))}
            </>
          ),
        },
        { title: t("product.duration"), dataIndex: "durationMinutes", width: 90, render: (v: number) => t("product.minutes", { n: v }) },
        { title: t("place.rating"), dataIndex: "providerRating", width: 100, render: (v: number | null) => (v === null ? t("provider.noRating") : t("place.ratingValue", { rating: v.toFixed(1) })) },
      ]}
    />
  );
}

function rowAttrs(p: Product, selected: boolean): Record<string, string> {
  return { "data-testid": "order-product-row", "data-product-id": p.id, "data-selected": String(selected) };
}
