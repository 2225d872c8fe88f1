import type { RectificationAction, RectificationStage, RectificationStatus } from "@carecircle/shared";
import { Button, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Rectification } from "../../api/supervision.ts";

const STATUS_COLOR: Record<RectificationStatus, string> = { open: "default", acknowledged: "blue", feedback: "cyan", resolved: "purple", closed: "green" };

/** One deadline, coloured: red when missed, green when met, orange when due within 3 days, grey otherwise. */
function Deadline({ task, stage, by, on }: { task: Rectification; stage: RectificationStage; by: string; on: string | null }) {
  const { t } = useTranslation();
  const late = task.overdueStages.includes(stage);
  const color = late ? "red" : on ? "green" : task.dueSoon && task.nextDeadline === by ? "orange" : "default";
  return (
    <Tooltip title={`${t(`supervision.stage.${stage}`)}${on ? ` ✓ ${on}` : ""}`}>
      <Tag color={color} data-testid={`deadline-${stage}`} data-state={late ? "late" : on ? "done" : "pending"}>
        {by}
      </Tag>
    </Tooltip>
  );
}

export function RectificationTable({ items, loading, onAction, showActions = true }: { items: Rectification[]; loading?: boolean; onAction?: (task: Rectification, action: RectificationAction) => void; showActions?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<Rectification>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 1100 }}
      locale={{ emptyText: t("supervision.rect.empty") }}
      onRow={(r) => ({ "data-testid": "rect-row", "data-id": r.id, "data-status": r.status, "data-description": r.description }) as React.HTMLAttributes<HTMLElement>}
      expandable={{
        rowExpandable: (r) => !!(r.feedback || r.plan || r.evidence.length || r.recheckNote),
        expandedRowRender: (r) => (
          <Space direction="vertical">
            {r.feedback && <Typography.Text>{`${t("supervision.rect.feedback")}：${r.feedback}`}</Typography.Text>}
            {r.plan && <Typography.Text>{`${t("supervision.rect.plan")}：${r.plan}（${r.planDate}）`}</Typography.Text>}
            {r.evidence.map((e, i) => (
              <Space key={i}>
                <Typography.Text>{e.note}</Typography.Text>
                {e.photo && <img src={e.photo} alt="" style={{ height: 64 }} />}
              </Space>
            ))}
            {r.recheckNote && <Typography.Text type="warning">{`${t("supervision.rect.recheckNote")}：${r.recheckNote}`}</Typography.Text>}
          </Space>
        ),
      }}
      columns={[
        { title: t("supervision.rect.target"), dataIndex: "targetName", width: 170, render: (v: string | null, r) => <Space direction="vertical" size={0}>{v}<Typography.Text type="secondary">{r.regionName}</Typography.Text></Space> },
        {
          title: t("supervision.rect.description"),
          dataIndex: "description",
          width: 270,
          render: (v: string, r) => (
            <Space direction="vertical" size={0}>
              <Space size={4} align="start">
                <Tag color={r.severity === "major" ? "volcano" : "gold"}>{t(`supervision.severity.${r.severity}`)}</Tag>
                {v}
              </Space>
              <Typography.Text type="secondary">{`${r.inspectionKind ? t(`supervision.kind.${r.inspectionKind}`) : t(`supervision.rect.source.${r.source}`)} · ${t("supervision.rect.foundOn")} ${r.foundOn}`}</Typography.Text>
            </Space>
          ),
        },
        {
          title: t("supervision.rect.deadlines"),
          key: "deadlines",
          width: 290,
          render: (_: unknown, r) => (
            <Space size={2}>
              <Deadline task={r} stage="acknowledge" by={r.acknowledgeBy} on={r.acknowledgedOn} />
              <Deadline task={r} stage="feedback" by={r.feedbackBy} on={r.feedbackOn} />
              <Deadline task={r} stage="resolve" by={r.effectiveResolveBy} on={r.resolvedOn} />
            </Space>
          ),
        },
        {
          title: t("supervision.rect.status"),
          dataIndex: "status",
          width: 190,
          render: (v: RectificationStatus, r) => (
            <Space size={4} wrap>
              <Tag color={STATUS_COLOR[v]} data-testid="rect-status">
                {t(`supervision.status.${v}`)}
              </Tag>
              {r.overdue && <Tag color="red">{t("supervision.rect.overdue")}</Tag>}
              {r.dueSoon && <Tag color="orange">{t("supervision.rect.dueSoon")}</Tag>}
              {r.closedOnTime === true && <Tag color="green">{t("supervision.rect.closedOnTime")}</Tag>}
              {r.closedOnTime === false && <Tag color="red">{t("supervision.rect.closedLate")}</Tag>}
              {r.escalated && r.escalatedTo && <Tag color="magenta">{t("supervision.rect.escalated", { region: r.escalatedTo.regionName ?? r.escalatedTo.regionCode })}</Tag>}
            </Space>
          ),
        },
        ...(showActions
          ? [
              {
                title: t("common.actions"),
                key: "actions",
                width: 170,
                fixed: "right" as const,
                render: (_: unknown, r: Rectification) => (
                  <Space size={4} wrap>
                    {r.actions.map((a) => (
                      <Button key={a} size="small" type={a === "reopen" ? "default" : "primary"} danger={a === "reopen"} onClick={() => onAction?.(r, a)} data-testid={`rect-${a}`}>
                        {t(`supervision.action.${a}`)}
                      </Button>
                    ))}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
