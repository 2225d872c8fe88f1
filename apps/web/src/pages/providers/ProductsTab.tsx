import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Space, Table, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { type Product, type Provider, useProducts } from "../../api/marketplace.ts";
import { enumLabel } from "../../lib/labels.ts";
import { yuan } from "../../lib/money.ts";
import { errorText } from "../../lib/problem.ts";
import { conditionsText } from "../subsidies/format.ts";
import { ProductFormModal } from "./ProductFormModal.tsx";
import { TimebankListing, useMayListForTimebank } from "./TimebankListing.tsx";

/** ¥40.00/小时 */
export function unitPrice(t: TFunction, fen: number, unit: string): string {
  return t("product.perUnit", { price: yuan(fen), unit: enumLabel(t, "priceUnit", unit) });
}

/** 服务产品: the provider's products with their prices and subsidised tiers; publish, put on or take off sale. */
export function ProductsTab({ provider, manage, own }: { provider: Provider; manage: boolean; own: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const products = useProducts({ providerId: provider.id });
  const [formOpen, setFormOpen] = useState(false);
  const listForTimebank = useMayListForTimebank();

  const sale = useMutation({
    mutationFn: (p: Product) => api<Product>(`/service-products/${p.id}/sale`, { method: "POST", body: { onSale: !p.onSale } }),
    onSuccess: async () => {
      void message.success(t("product.saleChanged"));
      await queryClient.invalidateQueries({ queryKey: ["products"] });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {manage && (
          <Button icon={<PlusOutlined />} onClick={() => setFormOpen(true)} disabled={provider.status !== "approved"} data-testid="product-add">
            {t("product.publish")}
          </Button>
        )}
        {/* the catalogue hides products off sale, and those of a provider not approved, from all but the provider and the bureau */}
        {!manage && <Typography.Text type="secondary">{t("product.catalogNote")}</Typography.Text>}
      </Space>
      {products.isError && <Alert type="error" showIcon title={errorText(products.error)} style={{ marginBottom: 12 }} />}
      <Table<Product>
        rowKey="id"
        size="small"
        data-testid="product-table"
        loading={products.isFetching}
        dataSource={products.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1450 }}
        locale={{ emptyText: t("product.empty") }}
        onRow={(p) => ({ "data-testid": "product-row", "data-product-id": p.id, "data-on-sale": String(p.onSale) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("product.name"), dataIndex: "name", width: 180, fixed: "left", render: (v: string, p) => <Typography.Text strong={p.onSale}>{v}</Typography.Text> },
          { title: t("product.category"), dataIndex: "category", width: 96, render: (v: string) => enumLabel(t, "category", v) },
          { title: t("product.price"), key: "price", width: 120, render: (_: unknown, p) => unitPrice(t, p.priceFen, p.unit) },
          {
            title: t("product.tiers"),
            dataIndex: "subsidyPrices",
            width: 340,
            render: (_: unknown, p) =>
              p.subsidyPrices.length === 0
                ? t("common.none")
                : p.subsidyPrices.map((tier) => (
                    <div key={tier.label} style={{ whiteSpace: "nowrap" }}>
                      {tier.label}：{yuan(tier.priceFen)}
                      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                        （{conditionsText(t, tier.conditions)}）
                      </Typography.Text>
                    </div>
                  )),
          },
          { title: t("product.duration"), dataIndex: "durationMinutes", width: 90, render: (v: number) => t("product.minutes", { n: v }) },
          {
            title: t("product.requiredSkills"),
            key: "needs",
            width: 200,
            render: (_: unknown, p) => (
              <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
                {p.requiredSkills.map((s) => (
                  <Tag key={s} style={{ marginInlineEnd: 0 }}>
                    {enumLabel(t, "skill", s)}
                  </Tag>
                ))}
                {p.requiredCertificates.map((c) => (
                  <Tag key={c} color="blue" style={{ marginInlineEnd: 0 }}>
                    {enumLabel(t, "certificate", c)}
                  </Tag>
                ))}
              </div>
            ),
          },
          {
            title: t("timebank.orders.column"),
            key: "timebank",
            width: 150,
            render: (_: unknown, p: Product) => <TimebankListing product={p} manage={listForTimebank} />,
          },
          { title: t("product.walletEligible"), dataIndex: "walletEligible", width: 110, render: (v: boolean) => (v ? t("common.yes") : t("common.no")) },
          {
            title: t("product.onSale"),
            dataIndex: "onSale",
            width: 80,
            render: (v: boolean) => <Tag color={v ? "green" : "default"}>{v ? t("product.onSaleYes") : t("product.onSaleNo")}</Tag>,
          },
          ...(manage
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  width: 90,
                  fixed: "right" as const,
                  render: (_: unknown, p: Product) => (
                    <Button size="small" danger={p.onSale} loading={sale.isPending && sale.variables?.id === p.id} onClick={() => sale.mutate(p)} data-testid="product-sale-toggle">
                      {p.onSale ? t("product.takeOffSale") : t("product.putOnSale")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ProductFormModal provider={provider} open={formOpen} onClose={() => setFormOpen(false)} />
    </>
  );
}
