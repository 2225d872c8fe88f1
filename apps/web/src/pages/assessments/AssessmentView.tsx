import { EditOutlined, PrinterOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Descriptions, Grid, Row, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { type Assessment, reportPath, type ScaleDefinition, type ScaleItem } from "../../api/assessments.ts";
import { download } from "../../api/client.ts";
import type { ElderDetail } from "../../api/types.ts";
import { previewAssessment } from "../../lib/assessmentPreview.ts";
import { errorText } from "../../lib/problem.ts";
import { formatDateTime } from "../../lib/time.ts";
import { AssessmentStatusTag } from "./parts.tsx";
import { SummaryPanel, summaryFromAssessment } from "./SummaryPanel.tsx";

/** Downloads the printable PDF report (the server audits every printing). */
export function PrintButton({ id, testId = "assessment-print", link }: { id: string; testId?: string; link?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const print = async () => {
    setBusy(true);
    try {
      await download(reportPath(id), undefined, `assessment-${id}.pdf`);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      icon={<PrinterOutlined />}
      loading={busy}
      onClick={() => void print()}
      data-testid={testId}
      type={link ? "link" : "default"}
      size={link ? "small" : undefined}
      style={link ? { padding: 0 } : undefined}
    >
      {t("assess.print")}
    </Button>
  );
}

/** A submitted (or superseded, or read-only) assessment: the facts, the result, the scores with what they mean. */
export function AssessmentView({ assessment: a, elder, scale, canCorrect }: { assessment: Assessment; elder: ElderDetail; scale: ScaleDefinition | undefined; canCorrect: boolean }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const navigate = useNavigate();
  const wide = !!Grid.useBreakpoint().xl;
  const preview = useMemo(() => (scale ? previewAssessment(scale, a.items ?? {}, a.adjustments ?? {}) : null), [scale, a]);
  const facts = [
    ...(a.adjustments?.coma ? [t("assess.coma")] : []),
    ...(a.adjustments?.dementia ? [t("assess.dementia")] : []),
    ...(a.adjustments?.mentalDisorder ? [t("assess.mentalDisorder")] : []),
  ];
  const risks = a.adjustments?.riskEvents ?? [];
  const summary = scale ? <SummaryPanel scale={scale} data={summaryFromAssessment(a, scale, preview)} sticky={wide} /> : null;

  return (
    <Card
      data-testid="assessment-view"
      data-status={a.status}
      title={
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="assessment-title">
            {t("assess.viewTitle", { name: elder.name })}
          </Typography.Title>
          <AssessmentStatusTag status={a.status} />
        </Space>
      }
      extra={
        <Space wrap>
          <Button onClick={() => navigate(`/elders/${elder.id}?tab=assessments`)} data-testid="assessment-back">
            {t("assess.backToElder")}
          </Button>
          <PrintButton id={a.id} />
          {canCorrect && a.status === "submitted" && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/assessments/new?supersedes=${a.id}`)} data-testid="assessment-correct">
              {t("assess.correct")}
            </Button>
          )}
        </Space>
      }
    >
      {a.status === "superseded" && a.supersededBy && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="assessment-superseded"
          title={t("assess.supersededBanner")}
          action={<Link to={`/assessments/${a.supersededBy}`}>{t("assess.openCorrection")}</Link>}
        />
      )}
      {a.supersedes && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="assessment-correction-of"
          title={t("assess.correctionOf")}
          description={a.correctionReason ? `${t("assess.correctionReason")}：${a.correctionReason}` : undefined}
          action={<Link to={`/assessments/${a.supersedes}`}>{t("assess.openOriginal")}</Link>}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }} data-testid="assessment-facts">
            <Descriptions.Item label={t("assess.scale")} span={2}>
              {scale ? (english ? scale.nameEn : scale.name) : a.scale}
            </Descriptions.Item>
            <Descriptions.Item label={t("assess.reason")}>
              {t(`assessmentReason.${a.reason}`, { defaultValue: a.reasonLabel })}
              {a.reasonNote ? `（${a.reasonNote}）` : ""}
            </Descriptions.Item>
            <Descriptions.Item label={t("assess.assessedAt")}>{a.assessedAt}</Descriptions.Item>
            <Descriptions.Item label={t("assess.assessors")}>{a.assessors.length ? a.assessors.join("、") : t("common.none")}</Descriptions.Item>
            <Descriptions.Item label={t("assess.informant")}>{a.informant || t("common.none")}</Descriptions.Item>
            <Descriptions.Item label={t("assess.status")}>
              <AssessmentStatusTag status={a.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t("assess.submittedAt")}>{a.submittedAt ? formatDateTime(a.submittedAt) : t("common.none")}</Descriptions.Item>
            {scale?.kind !== "recorded" && (
              <Descriptions.Item label={t("assess.adjustments")} span={2}>
                {facts.length === 0 && risks.length === 0 ? (
                  t("assess.none")
                ) : (
                  <Space wrap size={4}>
                    {facts.map((f) => (
                      <Tag key={f}>{f}</Tag>
                    ))}
                    {risks.length > 0 && (
                      <Tag color="orange">
                        {t("assess.riskEvents")}：{risks.map((r) => t(`riskEvent.${r}`)).join("、")}
                      </Tag>
                    )}
                  </Space>
                )}
              </Descriptions.Item>
            )}
          </Descriptions>
          {!wide && summary && <div style={{ marginBottom: 16 }}>{summary}</div>}
          {scale && <ScoreTables assessment={a} scale={scale} subtotals={a.subtotals ?? preview?.subtotals ?? null} />}
        </Col>
        {wide && <Col xl={7}>{summary}</Col>}
      </Row>
    </Card>
  );
}

/** The scores, group by group, with the description of the score given. */
function ScoreTables({ assessment: a, scale, subtotals }: { assessment: Assessment; scale: ScaleDefinition; subtotals: Record<string, number> | null }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  return (
    <div data-testid="assessment-view-items">
      {scale.groups.map((g) => (
        <Card
          key={g.code}
          size="small"
          style={{ marginBottom: 16 }}
          title={`${g.code} ${english ? (g.nameEn ?? g.name) : g.name}`}
          extra={
            <Tag color="blue" className="mono">
              {t("assess.subtotal")} {subtotals?.[g.code] ?? t("common.none")} / {g.max}
            </Tag>
          }
        >
          <Table<ScaleItem>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={scale.items.filter((i) => i.group === g.code)}
            columns={[
              { title: t("assess.item"), key: "name", width: "28%", render: (_: unknown, i) => `${i.code} ${english ? i.nameEn : i.name}` },
              {
                title: t("assess.score"),
                key: "score",
                width: 90,
                render: (_: unknown, i) => {
                  const v = a.items[i.code];
                  return (
                    <span className="mono" data-testid={`view-score-${i.code}`}>
                      {typeof v === "number" ? `${v} / ${Math.max(...i.scores)}` : t("common.none")}
                    </span>
                  );
                },
              },
              {
                title: t("assess.description"),
                key: "desc",
                render: (_: unknown, i) => {
                  const v = a.items[i.code];
                  return typeof v === "number" ? (i.descriptions[String(v)] ?? "") : "";
                },
              },
            ]}
          />
        </Card>
      ))}
    </div>
  );
}
