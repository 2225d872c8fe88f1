import { FINDING_SEVERITIES } from "@carecircle/shared";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Row, Space, Statistic, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import type { Board, BoardCounts } from "../../api/supervision.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { errorText } from "../../lib/problem.ts";
import { RectificationTable } from "./RectificationTable.tsx";

const KEYS = ["open", "dueSoon", "overdue", "closedOnTime", "closedLate"] as const;
const COLORS: Record<(typeof KEYS)[number], string | undefined> = { open: undefined, dueSoon: "#d46b08", overdue: "#cf1322", closedOnTime: "#389e0d", closedLate: "#ad4e00" };

/** /supervision/board — 整改看板: the region's counts, by severity and by street, and the late tasks escalated to it. */
export function BoardPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const board = useQuery({ queryKey: ["rectification-board", regionCode ?? "mine"], queryFn: () => api<Board>("/rectifications/board", { query: { regionCode } }) });
  const b = board.data;
  const countColumns = KEYS.map((k) => ({ title: t(`supervision.board.${k}`), dataIndex: ["counts", k], width: 110 }));
  return (
    <div data-testid="board-page">
      <Card
        title={`${t("supervision.board.title")}${b ? ` · ${b.regionName}` : ""}`}
        extra={
          <Space>
            {b && <Typography.Text type="secondary">{t("supervision.board.today", { date: b.today })}</Typography.Text>}
            <RegionTreeSelect value={regionCode ?? me?.regionCode} onChange={(v) => setRegionCode(v)} style={{ width: 240 }} placeholder={t("supervision.board.region")} />
          </Space>
        }
        style={{ marginBottom: 16 }}
      >
        {board.isError && <Alert type="error" showIcon title={errorText(board.error)} style={{ marginBottom: 16 }} />}
        <Row gutter={16}>
          {KEYS.map((k) => (
            <Col key={k} span={4}>
              <Card size="small" data-testid={`board-${k}`}>
                <Statistic title={t(`supervision.board.${k}`)} value={b?.counts[k] ?? 0} valueStyle={{ color: COLORS[k] }} />
              </Card>
            </Col>
          ))}
          <Col span={4}>
            <Card size="small" data-testid="board-total">
              <Statistic title={t("supervision.board.total")} value={b?.counts.total ?? 0} />
            </Card>
          </Col>
        </Row>
      </Card>
      <Row gutter={16}>
        <Col span={b?.byStreet.length ? 10 : 24}>
          <Card title={t("supervision.board.bySeverity")} size="small" style={{ marginBottom: 16 }}>
            <Table<{ severity: string; counts: BoardCounts }>
              rowKey="severity"
              size="small"
              pagination={false}
              dataSource={FINDING_SEVERITIES.map((s) => ({ severity: s, counts: b?.bySeverity[s] ?? { total: 0, open: 0, dueSoon: 0, overdue: 0, closedOnTime: 0, closedLate: 0 } }))}
              columns={[{ title: t("supervision.rect.severity"), dataIndex: "severity", render: (v: string) => t(`supervision.severity.${v}`) }, ...countColumns]}
            />
          </Card>
        </Col>
        {!!b?.byStreet.length && (
          <Col span={14}>
            <Card title={t("supervision.board.byStreet")} size="small" style={{ marginBottom: 16 }}>
              <Table
                rowKey="regionCode"
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={b.byStreet}
                columns={[{ title: t("supervision.board.street"), dataIndex: "regionName" }, ...countColumns]}
              />
            </Card>
          </Col>
        )}
      </Row>
      <Card title={t("supervision.board.escalated")} size="small" data-testid="board-escalated">
        {b && b.escalated.length === 0 ? <Typography.Text type="secondary">{t("supervision.board.noEscalated")}</Typography.Text> : <RectificationTable items={b?.escalated ?? []} loading={board.isFetching} showActions={false} />}
      </Card>
    </div>
  );
}
