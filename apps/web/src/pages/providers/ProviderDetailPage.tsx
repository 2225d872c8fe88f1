import { Alert, Button, Card, Descriptions, Result, Space, Spin, Tabs, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { can, ownProviderId, useMe } from "../../api/auth.ts";
import { type Provider, useProvider } from "../../api/marketplace.ts";
import { useRegionNamer } from "../../api/regions.ts";
import { errorText } from "../../lib/problem.ts";
import { formatDateTime } from "../../lib/time.ts";
import { ratingText } from "./format.ts";
import { ProductsTab } from "./ProductsTab.tsx";
import { ProviderStatusActions } from "./ProviderStatusActions.tsx";
import { ProviderStatusTag } from "./ProviderStatusTag.tsx";
import { StatementPanel } from "./StatementPanel.tsx";
import { WorkersTab } from "./WorkersTab.tsx";

/** /providers/:id — one provider: its details, workers, products and monthly statements (the open tab is kept in ?tab=). */
export function ProviderDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const provider = useProvider(id);
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "basic";

  if (provider.isPending) return <Spin style={{ display: "block", margin: 48 }} />;
  if (provider.isError) {
    return <Result status="warning" title={errorText(provider.error) || t("provider.notFound")} extra={<Link to="/providers">{t("common.back")}</Link>} data-testid="provider-detail-error" />;
  }
  const p = provider.data;
  const own = ownProviderId(me) === p.id;
  // the provider's admin and the bureau manage workers and products (the server checks the same)
  const manage = own || can(me, "provider:approve");

  return (
    <Card
      data-testid="provider-detail"
      data-provider-id={p.id}
      title={
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="provider-detail-name">
            {p.name}
          </Typography.Title>
          <ProviderStatusTag status={p.status} />
        </Space>
      }
      extra={
        <Space wrap>
          {!own && <Button onClick={() => navigate("/providers")}>{t("common.back")}</Button>}
          {can(me, "provider:approve") && <ProviderStatusActions provider={p} size="middle" />}
        </Space>
      }
    >
      {p.status !== "approved" && (
        <Alert
          type={p.status === "pending" ? "info" : "warning"}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="provider-status-banner"
          title={t("provider.statusBanner", { status: t(`providerStatus.${p.status}`), at: formatDateTime(p.statusAt), reason: p.statusReason ?? t("common.none") })}
        />
      )}
      <Tabs
        data-testid="provider-tabs"
        activeKey={tab}
        onChange={(key) => setParams(key === "basic" ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: "basic", label: t("provider.tabBasic"), children: <ProviderInfo provider={p} /> },
          { key: "workers", label: <span data-testid="tab-workers">{t("provider.tabWorkers")}</span>, children: <WorkersTab provider={p} manage={manage} /> },
          { key: "products", label: <span data-testid="tab-products">{t("provider.tabProducts")}</span>, children: <ProductsTab provider={p} manage={manage} own={own} /> },
          { key: "statements", label: <span data-testid="tab-statements">{t("provider.tabStatements")}</span>, children: <StatementPanel providerId={p.id} /> },
        ]}
      />
    </Card>
  );
}

function ProviderInfo({ provider: p }: { provider: Provider }) {
  const { t } = useTranslation();
  const none = t("common.none");
  const regionName = useRegionNamer([p.regionCode, ...p.serviceRegions]);
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="provider-basic">
      <Descriptions.Item label={t("provider.name")}>{p.name}</Descriptions.Item>
      <Descriptions.Item label={t("provider.creditCode")}>
        <span className="mono">{p.creditCode}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("provider.legalPerson")}>{p.legalPerson}</Descriptions.Item>
      <Descriptions.Item label={t("provider.phone")}>{p.phone}</Descriptions.Item>
      <Descriptions.Item label={t("provider.region")}>{p.regionName ?? regionName(p.regionCode)}</Descriptions.Item>
      <Descriptions.Item label={t("provider.address")}>{p.address}</Descriptions.Item>
      <Descriptions.Item label={t("provider.serviceRegions")} span={2}>
        {p.serviceRegions.map((c) => (
          <Tag key={c}>{regionName(c)}</Tag>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t("provider.qualifications")} span={2}>
        {p.qualifications.length ? p.qualifications.map((q) => <Tag key={q}>{q}</Tag>) : none}
      </Descriptions.Item>
      <Descriptions.Item label={t("provider.description")} span={2}>
        {p.description || none}
      </Descriptions.Item>
      <Descriptions.Item label={t("provider.autoAccept")}>{p.autoAccept ? t("common.yes") : t("common.no")}</Descriptions.Item>
      <Descriptions.Item label={t("provider.rating")}>{ratingText(t, p.rating, p.ratingCount)}</Descriptions.Item>
      <Descriptions.Item label={t("provider.position")}>{p.lat !== null && p.lng !== null ? `${p.lat}, ${p.lng}` : none}</Descriptions.Item>
      <Descriptions.Item label={t("provider.createdAt")}>{formatDateTime(p.createdAt)}</Descriptions.Item>
    </Descriptions>
  );
}
