import { INSPECTION_KINDS, type InspectionKind } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { InspectionRow } from "../../api/supervision.ts";
import { errorText } from "../../lib/problem.ts";
import { InspectionModal } from "./InspectionModal.tsx";

/** /supervision/inspections — 监督检查: the region's inspections, and the form that records one. */
export function InspectionsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<InspectionKind | undefined>();
  const [recording, setRecording] = useState(false);
  const list = useQuery({ queryKey: ["inspections", kind ?? "all"], queryFn: () => api<{ items: InspectionRow[] }>("/inspections", { query: { kind, limit: 200 } }) });
  return (
    <Card
      title={t("supervision.inspections.title")}
      data-testid="inspections-page"
      extra={
        <Space>
          <Select<InspectionKind> allowClear style={{ width: 160 }} placeholder={t("common.all")} value={kind} onChange={setKind} options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`supervision.kind.${k}`) }))} />
          <Button type="primary" onClick={() => setRecording(true)} data-testid="inspection-record">
            {t("supervision.inspections.record")}
          </Button>
        </Space>
      }
    >
      {list.isError && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <Table<InspectionRow>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t("supervision.inspections.empty") }}
        columns={[
          { title: t("supervision.inspections.inspectedOn"), dataIndex: "inspectedOn", width: 120 },
          { title: t("supervision.inspections.target"), dataIndex: "targetName", render: (v: string | null, r) => <Space size={4}>{v}<Tag>{r.regionName}</Tag></Space> },
          { title: t("supervision.inspections.kind"), dataIndex: "kind", width: 120, render: (v: InspectionKind) => t(`supervision.kind.${v}`) },
          {
            title: t("supervision.inspections.failedItems"),
            dataIndex: "checklist",
            render: (v: InspectionRow["checklist"]) => (
              <Space size={4} wrap>
                {v.filter((c) => !c.ok).map((c) => (
                  <Tag key={c.key} color="red">
                    {t(`supervision.check.${c.key}`, { defaultValue: c.name })}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t("supervision.inspections.findingCount"), dataIndex: "findings", width: 90 },
        ]}
      />
      <InspectionModal open={recording} onClose={() => setRecording(false)} />
    </Card>
  );
}
