import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, DatePicker, Empty, Row, Segmented, Space, Statistic, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AlarmStats } from "../../api/alarms.ts";
import { api } from "../../api/client.ts";
import { enumLabel } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { todayShanghai } from "../../lib/time.ts";
import { PERIODS, type Period, periodRange, TARGET_180S, TARGET_60S } from "./timing.ts";

const PERIOD_KEYS: Record<Period, string> = { today: "alarms.stats.today", "7d": "alarms.stats.d7", "30d": "alarms.stats.d30", custom: "alarms.stats.custom" };

/** A share against its target: the percent, the target, and 达标 / 未达标 in words beside the colour. */
function Share({ title, value, target, testId }: { title: string; value: number | null; target: number; testId: string }) {
  const { t } = useTranslation();
  const met = value !== null && value >= target;
  return (
    <Card size="small" data-testid={testId} data-met={value === null ? "" : String(met)}>
      <Statistic title={title} value={value ?? t("alarms.stats.noData")} precision={value === null ? undefined : 1} suffix={value === null ? undefined : "%"} styles={{ content: { color: value === null ? undefined : met ? "#389e0d" : "#cf1322" } }} />
      <Space size={6}>
        <Typography.Text type="secondary">{t("alarms.stats.target", { v: target })}</Typography.Text>
        {value !== null &&
          (met ? (
            <Tag color="success" icon={<CheckCircleFilled />}>
              {t("alarms.stats.met")}
            </Tag>
          ) : (
            <Tag color="error" icon={<CloseCircleFilled />}>
              {t("alarms.stats.notMet")}
            </Tag>
          ))}
      </Space>
    </Card>
  );
}

/** 接警时效: alarms in a period, the shares acknowledged within 60 s and 180 s against the TSA targets, medians, by type and outcome. */
export function AlarmStatsPanel() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>("today");
  const [custom, setCustom] = useState<[Dayjs, Dayjs] | null>(null);
  const range = periodRange(period, todayShanghai(), custom);
  const stats = useQuery({
    queryKey: ["alarms", "stats", range?.from, range?.to],
    enabled: !!range,
    queryFn: () => api<AlarmStats>("/alarms/stats", { query: { from: range!.from, to: range!.to } }),
  });
  const s = stats.data;
  const seconds = (v: number | null | undefined) => (v === null || v === undefined ? t("alarms.stats.noData") : t("alarms.secondsValue", { v }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="alarm-stats">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t("alarms.stats.intro")}
      </Typography.Paragraph>
      <Space wrap>
        <span>{t("alarms.stats.period")}</span>
        <Segmented<Period>
          value={period}
          onChange={setPeriod}
          data-testid="alarm-stats-period"
          options={PERIODS.map((p) => ({ value: p, label: <span data-testid={`alarm-stats-period-${p}`}>{t(PERIOD_KEYS[p])}</span> }))}
        />
        {period === "custom" && (
          <DatePicker.RangePicker
            value={custom}
            allowClear={false}
            disabledDate={(d) => d.isAfter(todayShanghai(), "day")}
            onChange={(v) => v?.[0] && v[1] && setCustom([v[0], v[1]])}
            data-testid="alarm-stats-range"
          />
        )}
      </Space>
      {!range && <Alert type="info" showIcon title={t("alarms.stats.pickRange")} />}
      {stats.isError && <Alert type="error" showIcon title={errorText(stats.error)} />}
      {s && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} sm={12} xl={6}>
              <Card size="small" data-testid="alarm-stats-count">
                <Statistic title={t("alarms.stats.alarms")} value={s.alarms} />
                <Typography.Text type="secondary">{t("alarms.stats.acknowledged", { count: s.acknowledged })}</Typography.Text>
              </Card>
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Share title={t("alarms.stats.within60")} value={s.acknowledgedWithin60sPercent} target={TARGET_60S} testId="alarm-stats-60" />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Share title={t("alarms.stats.within180")} value={s.acknowledgedWithin180sPercent} target={TARGET_180S} testId="alarm-stats-180" />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Card size="small" data-testid="alarm-stats-medians">
                <Statistic title={t("alarms.stats.medianAck")} value={seconds(s.medianSecondsToAcknowledge)} />
                <Typography.Text type="secondary">
                  {t("alarms.stats.medianClose")}：{seconds(s.medianSecondsToClose)}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          {s.alarms === 0 ? (
            <Empty description={t("alarms.stats.empty")} />
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Table
                  size="small"
                  rowKey="type"
                  title={() => t("alarms.stats.byType")}
                  data-testid="alarm-stats-by-type"
                  pagination={false}
                  dataSource={s.byType}
                  columns={[
                    { title: t("alarms.type"), dataIndex: "type", render: (v: string) => enumLabel(t, "alarmType", v) },
                    { title: t("alarms.stats.count"), dataIndex: "count", align: "right" },
                  ]}
                />
              </Col>
              <Col xs={24} lg={12}>
                <Table
                  size="small"
                  rowKey="outcome"
                  title={() => t("alarms.stats.byOutcome")}
                  data-testid="alarm-stats-by-outcome"
                  pagination={false}
                  dataSource={s.byOutcome}
                  locale={{ emptyText: t("common.none") }}
                  columns={[
                    { title: t("alarms.outcome"), dataIndex: "outcome", render: (v: string) => enumLabel(t, "alarmOutcome", v) },
                    { title: t("alarms.stats.count"), dataIndex: "count", align: "right" },
                  ]}
                />
              </Col>
            </Row>
          )}
        </>
      )}
    </Space>
  );
}
