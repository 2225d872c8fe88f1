import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, DatePicker, Segmented, Space, Statistic, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { can, useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import type { SatisfactionRow, SatisfactionStats, VisitSample } from "../../api/orders.ts";
import { errorText } from "../../lib/problem.ts";
import { dayjs, formatDateTime, todayShanghai } from "../../lib/time.ts";
import { VisitFormModal } from "./VisitFormModal.tsx";

type SampleRow = VisitSample["items"][number];
type GroupBy = "provider" | "street";

/** 90.5% or the dash. */
const rateText = (rate: number | null) => (rate === null ? "—" : `${rate.toFixed(1)}%`);

/** /return-visits — this month's call-back list (a fixed sample of finished orders), each recorded; satisfaction by provider or street. */
export function ReturnVisitsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [month, setMonth] = useState(() => todayShanghai().format("YYYY-MM"));
  const [groupBy, setGroupBy] = useState<GroupBy>("provider");
  const [recording, setRecording] = useState<SampleRow | null>(null);
  const sample = useQuery({ queryKey: ["return-visits", "sample", month], queryFn: () => api<VisitSample>("/return-visits/sample", { query: { month } }) });
  // the rates need order:read (every role with this page has it; the check keeps a narrower role from a 403)
  const stats = useQuery({
    queryKey: ["return-visits", "stats", groupBy, month],
    enabled: can(me, "order:read"),
    queryFn: () => api<SatisfactionStats>("/return-visits/stats", { query: { groupBy, month } }),
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="visits-page">
      <Card
        title={t("visits.title")}
        extra={
          <Space>
            <span>{t("visits.month")}</span>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              disabledDate={(d) => d.isAfter(todayShanghai(), "month")}
              onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
              data-testid="visits-month"
            />
          </Space>
        }
      >
        {sample.data && <Typography.Paragraph type="secondary">{t("visits.sampleIntro", { rate: Math.round(sample.data.rate * 1000) / 10 })}</Typography.Paragraph>}
        {sample.isError && <Alert type="error" showIcon title={errorText(sample.error)} style={{ marginBottom: 16 }} />}
        <Table<SampleRow>
          rowKey="orderId"
          size="small"
          data-testid="visit-sample"
          loading={sample.isFetching}
          dataSource={sample.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t("visits.empty") }}
          onRow={(r) => ({ "data-testid": "visit-row", "data-order-id": r.orderId }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t("order.orderNo"), dataIndex: "orderNo", width: 150, render: (v: string, r) => <Link to={`/orders/${r.orderId}`} className="mono">{v}</Link> },
            { title: t("order.elder"), dataIndex: "elderName", width: 90 },
            { title: t("order.elderPhone"), dataIndex: "elderPhone", width: 120, render: (v: string) => <span className="mono">{v}</span> },
            { title: t("order.region"), dataIndex: "regionName", width: 140, render: (v: string | null) => v ?? t("common.none") },
            { title: t("order.provider"), dataIndex: "providerName" },
            { title: t("order.product"), dataIndex: "productName", width: 150 },
            { title: t("visits.confirmedAt"), dataIndex: "confirmedAt", width: 170, render: (v: string) => formatDateTime(v) },
            {
              title: t("common.actions"),
              key: "actions",
              width: 100,
              render: (_: unknown, r) => (
                <Button size="small" type="primary" onClick={() => setRecording(r)} data-testid="visit-record">
                  {t("visits.record")}
                </Button>
              ),
            },
          ]}
        />
      </Card>

      {can(me, "order:read") && (
        <Card
          title={t("visits.stats")}
          extra={
            <Segmented<GroupBy>
              value={groupBy}
              onChange={setGroupBy}
              data-testid="visits-groupby"
              options={[
                { value: "provider", label: t("visits.byProvider") },
                { value: "street", label: t("visits.byStreet") },
              ]}
            />
          }
        >
          {stats.isError && <Alert type="error" showIcon title={errorText(stats.error)} style={{ marginBottom: 16 }} />}
          {stats.data && (
            <Space size="large" style={{ marginBottom: 16 }}>
              <Statistic title={t("visits.overall")} value={rateText(stats.data.overall.rate)} data-testid="visits-overall" />
              <Statistic title={t("visits.visits")} value={stats.data.overall.visits} />
              <Statistic title={t("visits.reachedCount")} value={stats.data.overall.reached} />
              <Statistic title={t("visits.satisfied")} value={stats.data.overall.satisfied} />
            </Space>
          )}
          <Table<SatisfactionRow>
            rowKey="key"
            size="small"
            data-testid="visits-stats"
            loading={stats.isFetching}
            dataSource={stats.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t("visits.statsEmpty") }}
            columns={[
              { title: groupBy === "provider" ? t("visits.byProvider") : t("visits.byStreet"), dataIndex: "name", render: (v: string | null, r) => v ?? r.key },
              { title: t("visits.visits"), dataIndex: "visits", width: 90, align: "right" },
              { title: t("visits.reachedCount"), dataIndex: "reached", width: 90, align: "right" },
              { title: t("visits.satisfied"), dataIndex: "satisfied", width: 140, align: "right" },
              {
                title: t("visits.notHappened"),
                dataIndex: "notHappened",
                width: 110,
                align: "right",
                render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
              },
              { title: t("visits.rate"), dataIndex: "rate", width: 100, align: "right", render: (v: number | null) => <Typography.Text strong>{rateText(v)}</Typography.Text> },
            ]}
          />
        </Card>
      )}
      <VisitFormModal row={recording} onClose={() => setRecording(null)} />
    </Space>
  );
}
