import { DownloadOutlined, PlayCircleOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, DatePicker, Progress, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { can, useMe } from "../../api/auth.ts";
import { api, download } from "../../api/client.ts";
import { errorText } from "../../lib/problem.ts";
import { dayjs, formatDateTime, todayShanghai } from "../../lib/time.ts";
import { RULES_KEY, RUNS_KEY, type RunStatus, type RunSummary, type SubsidyFlag, type SubsidyRun, useRegionNames, useRules } from "./api.ts";
import { hours, money } from "./format.ts";

const STATUS_COLOR: Record<RunStatus, string> = { running: "processing", done: "success", failed: "error" };

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="run-status">
      {t(`subsidy.runStatus.${status}`)}
    </Tag>
  );
}

/** /subsidies/runs — run a month's entitlements, follow the run, read its summary, fetch the bank list, check flagged cases. */
export function RunsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const manage = can(me, "subsidy:manage");
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const runId = params.get("run");
  const [month, setMonth] = useState(() => todayShanghai().format("YYYY-MM"));

  const runs = useQuery({ queryKey: RUNS_KEY, queryFn: () => api<{ items: SubsidyRun[] }>("/subsidy-runs") });
  const current = useQuery({
    queryKey: [...RUNS_KEY, runId],
    enabled: !!runId,
    queryFn: () => api<SubsidyRun>(`/subsidy-runs/${runId}`),
    refetchInterval: (q) => (!q.state.data || q.state.data.status === "running" ? 1000 : false),
  });
  const flags = useQuery({ queryKey: ["subsidies", "flags"], queryFn: () => api<{ items: SubsidyFlag[] }>("/subsidy-flags") });
  const names = useRegionNames(me?.regionCode);
  const rules = useRules();
  const ruleName = (code: string) => rules.data?.items.find((r) => r.code === code && r.status === "active")?.name ?? rules.data?.items.find((r) => r.code === code)?.name ?? code;
  const regionName = (code: string) => names.data?.get(code) ?? code;

  // when the followed run finishes, refresh the list, the flags and anything derived from the entitlements
  const status = current.data?.status;
  useEffect(() => {
    if (status && status !== "running") {
      void queryClient.invalidateQueries({ queryKey: RUNS_KEY, exact: true });
      void queryClient.invalidateQueries({ queryKey: ["subsidies", "flags"] });
      void queryClient.invalidateQueries({ queryKey: ["subsidies", "totals"] });
    }
  }, [status, queryClient]);

  const start = useMutation({
    mutationFn: () => api<SubsidyRun>("/subsidy-runs", { method: "POST", query: { wait: "false" }, body: { month } }),
    onSuccess: (run) => {
      queryClient.setQueryData([...RUNS_KEY, run.id], run);
      setParams({ run: run.id });
      void queryClient.invalidateQueries({ queryKey: RUNS_KEY, exact: true });
      void queryClient.invalidateQueries({ queryKey: RULES_KEY });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const getList = async (run: SubsidyRun) => {
    try {
      await download(`/subsidy-runs/${run.id}/disbursement.xlsx`, undefined, `disbursement-${run.month}.xlsx`);
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const c = current.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="subsidy-runs-page">
      <Card title={t("subsidy.runsTitle")}>
        <Typography.Paragraph type="secondary">{t("subsidy.runsIntro")}</Typography.Paragraph>
        {manage && (
          <Space wrap>
            <span>{t("subsidy.runMonth")}</span>
            <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format("YYYY-MM"))} data-testid="run-month" />
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={start.isPending || c?.status === "running"}
              onClick={() => start.mutate()}
              data-testid="run-start"
            >
              {t("subsidy.run")}
            </Button>
          </Space>
        )}
        {runId && current.isError && <Alert type="error" showIcon title={errorText(current.error)} style={{ marginTop: 16 }} />}
        {c && (
          <div data-testid="run-current" data-status={c.status} style={{ marginTop: 16 }}>
            <Space>
              <Typography.Text strong>{t("subsidy.runOf", { month: c.month })}</Typography.Text>
              <RunStatusTag status={c.status} />
            </Space>
            <Progress
              percent={c.status === "done" ? 100 : Math.floor(c.progress * 100)}
              status={c.status === "failed" ? "exception" : c.status === "done" ? "success" : "active"}
              data-testid="run-progress"
            />
            <Typography.Text type="secondary">{t("subsidy.steps", { done: c.doneSteps, total: c.totalSteps })}</Typography.Text>
            {c.status === "failed" && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t("subsidy.runStatus.failed")} description={c.error ?? undefined} />}
            {c.status === "done" && c.summary && (
              <div style={{ marginTop: 12 }}>
                <Space style={{ marginBottom: 12 }}>
                  <Button icon={<DownloadOutlined />} type="primary" onClick={() => void getList(c)} data-testid="run-download">
                    {t("subsidy.downloadList")}
                  </Button>
                </Space>
                <SummaryView summary={c.summary} ruleName={ruleName} regionName={regionName} />
              </div>
            )}
          </div>
        )}
      </Card>

      <Card title={t("subsidy.runsList")}>
        {runs.isError && <Alert type="error" showIcon title={errorText(runs.error)} />}
        <Table<SubsidyRun>
          rowKey="id"
          size="small"
          data-testid="run-table"
          loading={runs.isPending}
          dataSource={runs.data?.items ?? []}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          locale={{ emptyText: t("subsidy.noRuns") }}
          onRow={(r) => ({ "data-testid": "run-row", "data-run-id": r.id, "data-status": r.status }) as React.HTMLAttributes<HTMLElement>}
          expandable={{
            rowExpandable: (r) => !!r.summary,
            expandedRowRender: (r) => (r.summary ? <SummaryView summary={r.summary} ruleName={ruleName} regionName={regionName} /> : null),
          }}
          columns={[
            { title: t("subsidy.month"), dataIndex: "month", width: 100 },
            { title: t("subsidy.rule.status"), dataIndex: "status", width: 100, render: (s: RunStatus) => <RunStatusTag status={s} /> },
            { title: t("subsidy.entitlements"), key: "n", align: "right", render: (_: unknown, r) => r.summary?.totals.entitlements ?? t("common.none") },
            { title: t("subsidy.kind.cash"), key: "cash", align: "right", render: (_: unknown, r) => (r.summary ? money(r.summary.totals.cashFen) : t("common.none")) },
            { title: t("subsidy.kind.wallet"), key: "wallet", align: "right", render: (_: unknown, r) => (r.summary ? money(r.summary.totals.walletFen) : t("common.none")) },
            {
              title: t("subsidy.kind.hours"),
              key: "hours",
              align: "right",
              render: (_: unknown, r) => (r.summary ? `${hours(r.summary.totals.minutes)} ${t("subsidy.hoursUnit")}` : t("common.none")),
            },
            { title: t("subsidy.startedAt"), dataIndex: "startedAt", render: (v: string | undefined) => formatDateTime(v) },
            { title: t("subsidy.finishedAt"), dataIndex: "finishedAt", render: (v: string | null | undefined) => formatDateTime(v) },
            {
              title: t("common.actions"),
              key: "actions",
              render: (_: unknown, r) => (
                <Space size={4}>
                  <Button size="small" onClick={() => setParams({ run: r.id })} data-testid="run-open">
                    {t("subsidy.openRun")}
                  </Button>
                  {r.status === "done" && (
                    <Button size="small" icon={<DownloadOutlined />} onClick={() => void getList(r)} data-testid="run-row-download">
                      {t("subsidy.downloadList")}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card title={t("subsidy.flagsTitle")}>
        <Typography.Paragraph type="secondary">{t("subsidy.flagsIntro")}</Typography.Paragraph>
        {flags.isError && <Alert type="error" showIcon title={errorText(flags.error)} />}
        <Table<SubsidyFlag>
          rowKey="id"
          size="small"
          data-testid="flag-table"
          loading={flags.isPending}
          dataSource={flags.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t("subsidy.noFlags") }}
          onRow={() => ({ "data-testid": "flag-row" }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t("subsidy.elder"), dataIndex: "name", render: (v: string, f) => <Link to={`/elders/${f.elderId}?tab=subsidy`}>{v}</Link> },
            { title: t("subsidy.street"), dataIndex: "regionCode", render: (v: string) => regionName(v.slice(0, 9)) },
            { title: t("subsidy.month"), dataIndex: "month", width: 100 },
            { title: t("subsidy.flagKind"), dataIndex: "kind", render: (v: string) => <Tag color="red">{t(`subsidy.flagKinds.${v}`, { defaultValue: v })}</Tag> },
            { title: t("subsidy.flagDetail"), dataIndex: "detail" },
          ]}
        />
      </Card>
    </Space>
  );
}

function SummaryView({ summary, ruleName, regionName }: { summary: RunSummary; ruleName: (code: string) => string; regionName: (code: string) => string }) {
  const { t } = useTranslation();
  const amount = (kind: string, fen: number, minutes: number) => (kind === "hours" ? `${hours(minutes)} ${t("subsidy.hoursUnit")}` : money(fen));
  return (
    <div data-testid="run-summary">
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={6}><Statistic title={t("subsidy.entitlements")} value={summary.totals.entitlements} /></Col>
        <Col span={6}><Statistic title={t("subsidy.kind.cash")} value={money(summary.totals.cashFen)} /></Col>
        <Col span={6}><Statistic title={t("subsidy.kind.wallet")} value={money(summary.totals.walletFen)} /></Col>
        <Col span={6}><Statistic title={t("subsidy.kind.hours")} value={`${hours(summary.totals.minutes)} ${t("subsidy.hoursUnit")}`} /></Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Typography.Title level={5}>{t("subsidy.byRule")}</Typography.Title>
          <Table
            size="small"
            rowKey="ruleCode"
            pagination={false}
            data-testid="run-by-rule"
            dataSource={summary.rules}
            columns={[
              { title: t("subsidy.rule.name"), dataIndex: "ruleCode", render: (v: string) => ruleName(v) },
              { title: t("subsidy.form.kind"), dataIndex: "kind", render: (v: string) => t(`subsidy.kind.${v}`) },
              { title: t("subsidy.rule.budgetLine"), dataIndex: "budgetLine" },
              { title: t("subsidy.entitlements"), dataIndex: "entitlements", align: "right" },
              { title: t("subsidy.backpay"), dataIndex: "backpay", align: "right" },
              { title: t("subsidy.amount"), key: "amount", align: "right", render: (_: unknown, r) => amount(r.kind, r.amountFen, r.minutes) },
            ]}
          />
        </Col>
        <Col xs={24} xl={10}>
          <Typography.Title level={5}>{t("subsidy.byStreet")}</Typography.Title>
          <Table
            size="small"
            rowKey="regionCode"
            pagination={false}
            data-testid="run-by-street"
            dataSource={summary.regions}
            columns={[
              { title: t("subsidy.street"), dataIndex: "regionCode", render: (v: string) => regionName(v) },
              { title: t("subsidy.entitlements"), dataIndex: "entitlements", align: "right" },
              { title: t("subsidy.amountYuan"), dataIndex: "amountFen", align: "right", render: (v: number) => money(v) },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}
