import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { FACILITY_STATUSES, FACILITY_TIERS, type FacilityStatus, type FacilityTier } from "@carecircle/shared";
import { Alert, Button, Card, Input, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { can, useMe } from "../../api/auth.ts";
import { type Facility, useFacilities } from "../../api/facilities.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { enumOptions } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { FacilityDrawer } from "./FacilityDrawer.tsx";
import { FacilityFormModal } from "./FacilityFormModal.tsx";

export const STATUS_COLORS: Record<FacilityStatus, string> = { operating: "green", suspended: "orange", closed: "default" };

/** /facilities — the network of the actor's region: centers, stations, points, institutions; register, inspect, change status. */
export function FacilitiesPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const tier = FACILITY_TIERS.find((s) => s === params.get("tier"));
  const status = FACILITY_STATUSES.find((s) => s === params.get("status"));
  const regionCode = params.get("region") ?? undefined;
  const q = params.get("q") ?? undefined;
  const list = useFacilities({ tier, status, regionCode, q });
  const [formOpen, setFormOpen] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const manage = can(me, "facility:manage");
  const setParam = (key: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(key, v);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Card
      title={t("facility.title")}
      data-testid="facilities-page"
      extra={
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            style={{ width: 220 }}
            defaultValue={q ?? ""}
            placeholder={t("facility.search")}
            aria-label={t("facility.search")}
            onPressEnter={(e) => setParam("q", (e.target as HTMLInputElement).value.trim() || undefined)}
            onChange={(e) => !e.target.value && setParam("q", undefined)}
            data-testid="facility-search"
          />
          <RegionTreeSelect value={regionCode} onChange={(v) => setParam("region", v)} placeholder={t("facility.filterRegion")} style={{ width: 200 }} data-testid="facility-filter-region" />
          <Select<FacilityTier>
            allowClear
            style={{ width: 180 }}
            value={tier}
            placeholder={t("common.all")}
            prefix={`${t("facility.filterTier")}：`}
            aria-label={t("facility.filterTier")}
            onChange={(v) => setParam("tier", v)}
            options={enumOptions(t, "facilityTier", FACILITY_TIERS)}
            data-testid="facility-filter-tier"
          />
          <Select<FacilityStatus>
            allowClear
            style={{ width: 150 }}
            value={status}
            placeholder={t("common.all")}
            prefix={`${t("facility.filterStatus")}：`}
            aria-label={t("facility.filterStatus")}
            onChange={(v) => setParam("status", v)}
            options={enumOptions(t, "facilityStatus", FACILITY_STATUSES)}
            data-testid="facility-filter-status"
          />
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="facility-create">
              {t("facility.create")}
            </Button>
          )}
        </Space>
      }
    >
      {!manage && me?.role === "provider_admin" && <Alert type="info" showIcon title={t("facility.readOnly")} style={{ marginBottom: 16 }} />}
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<Facility>
        rowKey="id"
        size="middle"
        data-testid="facility-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t("facility.empty") }}
        onRow={(f) => ({ onClick: () => setOpenId(f.id), style: { cursor: "pointer" }, "data-testid": "facility-row", "data-facility-id": f.id } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t("facility.name"), dataIndex: "name", width: 240, render: (v: string) => <a>{v}</a> },
          { title: t("facility.tier"), dataIndex: "tier", width: 130, render: (v: FacilityTier) => t(`facilityTier.${v}`) },
          { title: t("facility.region"), dataIndex: "regionName", width: 150 },
          { title: t("facility.parent"), dataIndex: "parentName", width: 180, render: (v: string | null) => v ?? t("common.none") },
          { title: t("facility.operator"), dataIndex: "operatorName", width: 220 },
          { title: `${t("facility.beds")} / ${t("facility.nursingBeds")}`, dataIndex: "beds", width: 150, render: (v: number, f) => `${v} / ${f.nursingBeds}` },
          { title: t("facility.stars"), dataIndex: "stars", width: 100, render: (v: number | null, f) => (f.unqualified ? <Tag color="red">{t("facility.unqualified")}</Tag> : v ? "★".repeat(v) : t("facility.unrated")) },
          { title: t("facility.status"), dataIndex: "status", width: 100, fixed: "right" as const, render: (v: FacilityStatus) => <Tag color={STATUS_COLORS[v]}>{t(`facilityStatus.${v}`)}</Tag> },
        ]}
      />
      <FacilityFormModal open={formOpen} onClose={() => setFormOpen(false)} onCreated={(f) => setOpenId(f.id)} />
      <FacilityDrawer id={openId} onClose={() => setOpenId(null)} manage={manage} />
    </Card>
  );
}
