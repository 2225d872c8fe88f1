import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Progress, Row, Space, Statistic, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import type { VisitBoard } from "../../api/visits.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { errorText } from "../../lib/problem.ts";

/** 探访看板: a region's plans and their coverage, the overdue by escalation level, the unassigned, and 30 days of findings. */
export function VisitBoardPage() {
  const { t } = useTranslation();
  const [region, setRegion] = useState<string | undefined>();
  const board = useQuery({ queryKey: ["visit-board", region ?? ""], queryFn: () => api<VisitBoard>("/visits/board", { query: { regionCode: region } }) });
  const b = board.data;
  const findings = b?.last30Days.findings;
  const maxFinding = findings ? Math.max(1, findings.health, findings.homeSafety, findings.mood) : 1;
  return (
    <Card title={t("visitsConsole.board.title")} data-testid="visit-board-page" extra={<RegionTreeSelect value={region} onChange={(v) => setRegion(v ?? undefined)} placeholder={t("visitsConsole.board.region")} style={{ width: 260 }} />}>
      {board.isError && <Alert type="error" showIcon title={errorText(board.error)} />}
      {b && (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={6}>
              <Card size="small">
                <Statistic title={t("visitsConsole.board.plans")} value={b.plans} data-testid="board-plans" />
                <Typography.Text type="secondary">{t("visitsConsole.board.homePhone", { home: b.home, phone: b.phone })}</Typography.Text>
              </Card>
            </Col>
            <Col xs={24} md={6}>
              <Card size="small" data-testid="board-coverage">
                <Statistic title={t("visitsConsole.board.coverage")} value={b.coveragePercent ?? "—"} suffix={b.coveragePercent === null ? undefined : "%"} />
                <Progress percent={b.coveragePercent ?? 0} showInfo={false} />
                <Typography.Text type="secondary">
                  {t("visitsConsole.board.covered", { n: b.covered })} · {t("visitsConsole.board.coverageHint")}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} md={6}>
              <Card size="small">
                <Statistic title={t("visitsConsole.board.overdue")} value={b.overdue} styles={{ content: { color: b.overdue ? "#cf1322" : undefined } }} data-testid="board-overdue" />
                <div>
                  <Typography.Text type="warning">
                    {t("visitsConsole.board.escalatedCommunity")}: <strong data-testid="board-escalated-community">{b.escalatedToCommunity}</strong>
                  </Typography.Text>
                </div>
                <div>
                  <Typography.Text type="danger">
                    {t("visitsConsole.board.escalatedStreet")}: <strong data-testid="board-escalated-street">{b.escalatedToStreet}</strong>
                  </Typography.Text>
                </div>
              </Card>
            </Col>
            <Col xs={24} md={6}>
              <Card size="small">
                <Statistic title={t("visitsConsole.board.unassigned")} value={b.unassigned} data-testid="board-unassigned" />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t("visitsConsole.board.last30")} data-testid="board-findings">
            <Row gutter={[16, 16]}>
              <Col xs={8} md={4}>
                <Statistic title={t("visitsConsole.board.visits")} value={b.last30Days.visits} />
              </Col>
              <Col xs={8} md={4}>
                <Statistic title={t("visitsConsole.board.noAnswer")} value={b.last30Days.noAnswer} />
              </Col>
              <Col xs={8} md={4}>
                <Statistic title={t("visitsConsole.board.worrying")} value={b.last30Days.worrying} styles={{ content: { color: b.last30Days.worrying ? "#cf1322" : undefined } }} data-testid="board-worrying" />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text strong>{t("visitsConsole.board.byType")}</Typography.Text>
                {findings &&
                  (["health", "homeSafety", "mood"] as const).map((k) => (
                    <Row key={k} align="middle" gutter={8}>
                      <Col span={7}>{t(`visitsConsole.findings.${k}`)}</Col>
                      <Col span={17}>
                        <Progress percent={(findings[k] / maxFinding) * 100} format={() => String(findings[k])} strokeColor="#cf1322" />
                      </Col>
                    </Row>
                  ))}
              </Col>
            </Row>
          </Card>
        </Space>
      )}
    </Card>
  );
}
