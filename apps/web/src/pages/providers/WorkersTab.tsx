import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Provider, Worker } from "../../api/marketplace.ts";
import { useWorkers } from "../../api/marketplace.ts";
import { enumLabel } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { todayShanghai } from "../../lib/time.ts";
import { certificateExpired, certificateName, ratingText, workDaysText } from "./format.ts";
import { WorkerFormModal } from "./WorkerFormModal.tsx";

/** 服务人员: skills, certificates with their expiry (expired ones in red), working time; add and edit. */
export function WorkersTab({ provider, manage }: { provider: Provider; manage: boolean }) {
  const { t } = useTranslation();
  const workers = useWorkers(provider.id, manage);
  // null: closed; "new": adding; a worker: editing
  const [editing, setEditing] = useState<Worker | "new" | null>(null);
  const today = todayShanghai().format("YYYY-MM-DD");

  return (
    <>
      {manage && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing("new")} data-testid="worker-add">
          {t("worker.add")}
        </Button>
      )}
      {workers.isError && <Alert type="error" showIcon title={errorText(workers.error)} style={{ marginBottom: 12 }} />}
      <Table<Worker>
        rowKey="id"
        size="small"
        data-testid="worker-table"
        loading={workers.isFetching}
        dataSource={workers.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1250 }}
        locale={{ emptyText: t("worker.empty") }}
        onRow={(w) => ({ "data-testid": "worker-row", "data-worker-id": w.id, "data-active": String(w.active) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("worker.name"), dataIndex: "name", width: 90, fixed: "left" },
          { title: t("worker.phone"), dataIndex: "phone", width: 120, render: (v: string) => <span className="mono">{v}</span> },
          {
            title: t("worker.skills"),
            dataIndex: "skills",
            width: 200,
            render: (skills: string[]) => (
              <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
                {skills.map((s) => (
                  <Tag key={s} style={{ marginInlineEnd: 0 }}>
                    {enumLabel(t, "skill", s)}
                  </Tag>
                ))}
              </div>
            ),
          },
          {
            title: t("worker.certificates"),
            dataIndex: "certificates",
            width: 400,
            render: (_: unknown, w) =>
              w.certificates.length === 0
                ? t("common.none")
                : w.certificates.map((c, i) => {
                    const expired = certificateExpired(c, today);
                    return (
                      <div key={`${c.kind}-${i}`} data-testid="worker-certificate" data-expired={String(expired)} style={{ whiteSpace: "nowrap" }}>
                        <Typography.Text type={expired ? "danger" : undefined}>
                          {certificateName(t, c)} {t("worker.validToShort", { date: c.validTo })}
                        </Typography.Text>
                        {expired && (
                          <Tag color="red" style={{ marginInlineStart: 6 }}>
                            {t("worker.expired")}
                          </Tag>
                        )}
                        {c.number && (
                          <Typography.Text type="secondary" className="mono" style={{ marginInlineStart: 6, fontSize: 12 }}>
                            {c.number}
                          </Typography.Text>
                        )}
                      </div>
                    );
                  }),
          },
          {
            title: t("worker.workHours"),
            key: "hours",
            width: 130,
            render: (_: unknown, w) => (
              <>
                <div>{workDaysText(t, w.workDays)}</div>
                <Typography.Text type="secondary" className="mono">
                  {w.workStart}–{w.workEnd}
                </Typography.Text>
              </>
            ),
          },
          { title: t("worker.rating"), dataIndex: "rating", width: 140, render: (v: number | null, w) => ratingText(t, v, w.ratingCount) },
          {
            title: t("worker.active"),
            dataIndex: "active",
            width: 80,
            render: (v: boolean) => <Tag color={v ? "green" : "default"}>{v ? t("worker.activeYes") : t("worker.activeNo")}</Tag>,
          },
          ...(manage
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  width: 90,
                  fixed: "right" as const,
                  render: (_: unknown, w: Worker) => (
                    <Space>
                      <Tooltip title={t("worker.edit", { name: w.name })}>
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(w)} data-testid="worker-edit">
                          {t("detail.edit")}
                        </Button>
                      </Tooltip>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <WorkerFormModal provider={provider} worker={editing === "new" ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
    </>
  );
}
