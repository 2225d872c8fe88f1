import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import type { DueElder } from "../../api/assessments.ts";
import { api } from "../../api/client.ts";
import type { Page } from "../../api/types.ts";
import { abilityLabel } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";

const WINDOWS = [30, 60, 90] as const;
const PAGE_SIZE = 50;

/** The state of a due date: overdue in red, due within a week in orange. */
export function DueTag({ overdue, daysLeft, testId }: { overdue: boolean; daysLeft: number; testId?: string }) {
  const { t } = useTranslation();
  if (overdue) {
    return (
      <Tag color="red" data-testid={testId} data-overdue="true">
        {t("due.overdue", { days: -daysLeft })}
      </Tag>
    );
  }
  return (
    <Tag color={daysLeft <= 7 ? "orange" : "blue"} data-testid={testId} data-overdue="false">
      {daysLeft === 0 ? t("due.dueToday") : t("due.dueIn", { days: daysLeft })}
    </Tag>
  );
}

/** /assessments/due — elders whose routine re-assessment is overdue or due soon, in the user's region. */
export function DueListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const within = WINDOWS.find((w) => String(w) === params.get("withinDays")) ?? 30;
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];

  const due = useQuery({
    queryKey: ["assessments", "due", within, cursor ?? null],
    queryFn: () => api<Page<DueElder>>("/assessments/due", { query: { withinDays: within, limit: PAGE_SIZE, cursor } }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card title={t("due.title")} data-testid="due-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t("due.withinDays")}</span>
        <Select<number>
          value={within}
          style={{ width: 160 }}
          data-testid="due-within"
          onChange={(v) => {
            setParams({ withinDays: String(v) }, { replace: true });
            setCursors([undefined]);
          }}
          options={WINDOWS.map((d) => ({ value: d, label: t("due.withinOption", { days: d }) }))}
        />
        <Typography.Text type="secondary">{t("due.intro")}</Typography.Text>
      </Space>
      {due.isError && <Alert type="error" showIcon title={errorText(due.error)} style={{ marginBottom: 16 }} />}
      <Table<DueElder>
        rowKey="id"
        size="middle"
        data-testid="due-table"
        loading={due.isFetching}
        dataSource={due.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t("due.empty") }}
        onRow={(r): Record<string, string> => ({ "data-testid": "due-row", "data-elder-id": r.id, "data-overdue": String(r.overdue) })}
        rowClassName={(r) => (r.overdue ? "due-overdue" : "")}
        columns={[
          {
            title: t("due.name"),
            dataIndex: "name",
            render: (v: string, r) => (
              <Link to={`/elders/${r.id}?tab=assessments`} data-testid="due-elder-link">
                {v}
              </Link>
            ),
          },
          { title: t("due.region"), dataIndex: "regionName", render: (v: string | null, r) => v ?? r.regionCode },
          { title: t("due.level"), dataIndex: "abilityLevel", render: (v: number | null) => abilityLabel(t, v) },
          { title: t("due.assessedAt"), dataIndex: "abilityAssessedAt", render: (v: string | null) => v ?? t("common.none") },
          {
            title: t("due.dueAt"),
            dataIndex: "abilityDueAt",
            render: (v: string, r) => (
              <Typography.Text type={r.overdue ? "danger" : undefined} strong={r.overdue} className="mono">
                {v}
              </Typography.Text>
            ),
          },
          { title: t("due.state"), key: "state", render: (_: unknown, r) => <DueTag overdue={r.overdue} daysLeft={r.daysLeft} /> },
        ]}
      />
      <div style={{ display: "flex", justifyContent: "flex-end", marginTop: 16 }}>
        <Space>
          <Typography.Text type="secondary">{t("common.page", { page: cursors.length })}</Typography.Text>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="due-prev">
            {t("common.prev")}
          </Button>
          <Button
            disabled={!due.data?.nextCursor || due.isPlaceholderData}
            onClick={() => due.data?.nextCursor && setCursors([...cursors, due.data.nextCursor])}
            data-testid="due-next"
          >
            {t("common.next")}
          </Button>
        </Space>
      </div>
    </Card>
  );
}
