import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { PROVIDER_STATUSES, type ProviderStatus } from "@carecircle/shared";
import { Alert, Button, Card, Input, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { can, ownProviderId, useMe } from "../../api/auth.ts";
import { type Provider, useProviders } from "../../api/marketplace.ts";
import { useRegionNamer } from "../../api/regions.ts";
import { enumOptions } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { ratingText } from "./format.ts";
import { ProviderFormModal } from "./ProviderFormModal.tsx";
import { ProviderStatusActions } from "./ProviderStatusActions.tsx";
import { ProviderStatusTag } from "./ProviderStatusTag.tsx";

/** /providers — the providers of the bureau's region; the bureau approves, suspends, reinstates and rejects them. */
export function ProviderListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const status = PROVIDER_STATUSES.find((s) => s === params.get("status"));
  const providers = useProviders(status);
  const [formOpen, setFormOpen] = useState(false);
  const bureau = can(me, "provider:approve");
  // a provider admin without a provider registers their own (it then waits for the bureau)
  const mayRegister = bureau || (me?.role === "provider_admin" && !me.providerId);
  // a region has tens of providers, not thousands: the name search runs in the browser
  const q = (params.get("q") ?? "").trim().toUpperCase();
  const items = (providers.data?.items ?? []).filter((p) => !q || p.name.toUpperCase().includes(q) || p.creditCode.includes(q));
  const setParam = (key: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(key, v);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const regionName = useRegionNamer([...new Set(items.flatMap((p) => p.serviceRegions))]);

  // a provider admin manages their own provider: the list is the bureau's
  if (ownProviderId(me)) return <Navigate to={`/providers/${ownProviderId(me)}`} replace />;

  return (
    <Card
      title={t("provider.title")}
      data-testid="providers-page"
      extra={
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            style={{ width: 240 }}
            defaultValue={params.get("q") ?? ""}
            placeholder={t("provider.search")}
            aria-label={t("provider.search")}
            onChange={(e) => setParam("q", e.target.value.trim() || undefined)}
            data-testid="provider-search"
          />
          <Select<ProviderStatus>
            allowClear
            style={{ width: 150 }}
            value={status}
            placeholder={t("common.all")}
            aria-label={t("provider.filterStatus")}
            prefix={`${t("provider.filterStatus")}：`}
            onChange={(v) => setParam("status", v)}
            options={enumOptions(t, "providerStatus", PROVIDER_STATUSES)}
            data-testid="provider-filter-status"
          />
          {mayRegister && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="provider-create">
              {t("provider.create")}
            </Button>
          )}
        </Space>
      }
    >
      {me?.role === "provider_admin" && !me.providerId && <Alert type="info" showIcon title={t("provider.registerFirst")} style={{ marginBottom: 16 }} />}
      {providers.isError && <Alert type="error" showIcon title={errorText(providers.error)} style={{ marginBottom: 16 }} />}
      <Table<Provider>
        rowKey="id"
        size="middle"
        data-testid="provider-table"
        loading={providers.isFetching}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1180 }}
        locale={{ emptyText: t("provider.empty") }}
        onRow={(p) => ({ onClick: () => navigate(`/providers/${p.id}`), style: { cursor: "pointer" }, ...rowAttrs(p) })}
        columns={[
          { title: t("provider.name"), dataIndex: "name", width: 260, render: (v: string, p) => <Link to={`/providers/${p.id}`}>{v}</Link> },
          { title: t("provider.creditCode"), dataIndex: "creditCode", width: 190, render: (v: string) => <span className="mono">{v}</span> },
          { title: t("provider.region"), dataIndex: "regionName", width: 120, render: (v: string | null, p) => v ?? regionName(p.regionCode) },
          {
            title: t("provider.serviceRegions"),
            dataIndex: "serviceRegions",
            render: (codes: string[]) => <Typography.Text>{codes.map(regionName).join("、")}</Typography.Text>,
          },
          {
            title: t("provider.status"),
            dataIndex: "status",
            width: 170,
            render: (v: ProviderStatus, p) => (
              <Space orientation="vertical" size={0}>
                <ProviderStatusTag status={v} />
                {p.statusReason && v !== "approved" && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.statusReason}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t("provider.rating"), dataIndex: "rating", width: 150, render: (v: number | null, p) => ratingText(t, v, p.ratingCount) },
          ...(bureau
            ? [{ title: t("common.actions"), key: "actions", width: 150, fixed: "right" as const, render: (_: unknown, p: Provider) => <ProviderStatusActions provider={p} /> }]
            : []),
        ]}
      />
      <ProviderFormModal open={formOpen} onClose={() => setFormOpen(false)} onCreated={(p) => navigate(`/providers/${p.id}`)} />
    </Card>
  );
}

/** Test hooks on each table row. */
function rowAttrs(p: Provider): Record<string, string> {
  return { "data-testid": "provider-row", "data-provider-id": p.id, "data-status": p.status };
}
