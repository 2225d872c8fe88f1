import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { type Query, api } from "../api/client.ts";
import type { AuditEvent, Page } from "../api/types.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { actionLabel, enumLabel } from "../lib/labels.ts";
import { errorText } from "../lib/problem.ts";
import { endOfDayIso, formatDateTime, startOfDayIso } from "../lib/time.ts";

const PAGE_SIZE = 50;
/** Every action with a label, as "group.name". */
const ACTIONS = Object.entries(zhCN.audit.actions).flatMap(([group, names]) => Object.keys(names).map((n) => `${group}.${n}`));

interface Filters {
  actor?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toQuery(f: Filters): Query {
  const [from, to] = f.range ?? [null, null];
  return { actor: f.actor?.trim() || undefined, action: f.action, from: from ? startOfDayIso(from) : undefined, to: to ? endOfDayIso(to) : undefined };
}

/** /audit — who did what, when, from where. */
export function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<Query>({});
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];

  const events = useQuery({
    queryKey: ["audit", query, cursor ?? null],
    queryFn: () => api<Page<AuditEvent>>("/audit-events", { query: { ...query, limit: PAGE_SIZE, cursor } }),
    placeholderData: keepPreviousData,
  });
  const apply = (f: Filters) => {
    setQuery(toQuery(f));
    setCursors([undefined]);
  };

  return (
    <Card title={t("audit.title")} data-testid="audit-page">
      <Form<Filters> form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }} data-testid="audit-filters">
        <Form.Item name="actor" label={t("audit.actor")}>
          <Input allowClear placeholder={t("audit.actorPlaceholder")} data-testid="audit-actor" />
        </Form.Item>
        <Form.Item name="action" label={t("audit.action")}>
          <Select allowClear showSearch={{ optionFilterProp: "label" }} style={{ width: 200 }} data-testid="audit-action" options={ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) }))} />
        </Form.Item>
        <Form.Item name="range" label={t("audit.dateRange")}>
          <DatePicker.RangePicker data-testid="audit-range" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-submit">
            {t("common.search")}
          </Button>
          <Button onClick={() => (form.resetFields(), apply({}))} data-testid="audit-reset">
            {t("common.reset")}
          </Button>
        </Space>
      </Form>
      {events.isError && <Alert type="error" showIcon title={errorText(events.error)} style={{ marginBottom: 16 }} />}
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        data-testid="audit-table"
        loading={events.isFetching}
        dataSource={events.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        expandable={{
          rowExpandable: (ev) => ev.detail !== null && ev.detail !== undefined,
          expandedRowRender: (ev) => <pre style={{ margin: 0, whiteSpace: "pre-wrap" }}>{JSON.stringify(ev.detail, null, 2)}</pre>,
        }}
        columns={[
          { title: t("audit.at"), dataIndex: "at", width: 170, render: (v: string) => formatDateTime(v) },
          { title: t("audit.actor"), dataIndex: "actorUsername", width: 120, render: (v: string | null) => v ?? t("common.none") },
          { title: t("audit.actorRole"), dataIndex: "actorRole", width: 130, render: (v: string | null) => enumLabel(t, "role", v) },
          {
            title: t("audit.action"),
            dataIndex: "action",
            width: 140,
            render: (v: string) => <Tag color={v.endsWith("failed") ? "red" : v.startsWith("auth.") ? "default" : "blue"}>{actionLabel(t, v)}</Tag>,
          },
          {
            title: t("audit.target"),
            key: "target",
            render: (_: unknown, ev) => <Target ev={ev} />,
          },
          { title: t("audit.region"), dataIndex: "regionCode", width: 160, render: (v: string | null, r: AuditEvent) => (v ? (r.regionName ?? v) : t("common.none")) },
          { title: t("audit.ip"), dataIndex: "ip", width: 130, render: (v: string | null) => v ?? t("common.none") },
          {
            title: t("audit.requestId"),
            dataIndex: "requestId",
            width: 120,
            render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }} ellipsis style={{ maxWidth: 100 }}>{v}</Typography.Text> : t("common.none")),
          },
        ]}
      />
      <div style={{ display: "flex", justifyContent: "flex-end", marginTop: 16 }}>
        <Space>
          <Typography.Text type="secondary">{t("common.page", { page: cursors.length })}</Typography.Text>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="audit-prev">
            {t("common.prev")}
          </Button>
          <Button
            disabled={!events.data?.nextCursor || events.isPlaceholderData}
            onClick={() => events.data?.nextCursor && setCursors([...cursors, events.data.nextCursor])}
            data-testid="audit-next"
          >
            {t("common.next")}
          </Button>
        </Space>
      </div>
    </Card>
  );
}

/** The record an event is about; elders link to their page, others show their kind and a name when the detail has one. */
function Target({ ev }: { ev: AuditEvent }) {
  const { t } = useTranslation();
  const d = typeof ev.detail === "object" && ev.detail !== null ? (ev.detail as Record<string, unknown>) : {};
  const name = [d.name, d.username, d.fileName].find((v): v is string => typeof v === "string") ?? null;
  if (!ev.targetType && !ev.targetId) return <>{t("common.none")}</>;
  const kind = ev.targetType ? t(`targetType.${ev.targetType}`, { defaultValue: ev.targetType }) : "";
  if (ev.targetType === "elder" && ev.targetId) return <Link to={`/elders/${ev.targetId}`}>{name ?? ev.targetId}</Link>;
  return (
    <Typography.Text ellipsis style={{ maxWidth: 220 }} title={ev.targetId ?? undefined}>
      {kind} {name ?? ev.targetId?.slice(0, 8) ?? ""}
    </Typography.Text>
  );
}
