import { Alert, Card, Descriptions, Progress, Space, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Assessment, ScaleAdjustment, ScaleDefinition } from "../../api/assessments.ts";
import { type Preview, levelName } from "../../lib/assessmentPreview.ts";
import { LevelTag } from "./parts.tsx";

/** What the result panel shows: the live preview while scoring, or the server's result once saved. */
export interface SummaryData {
  source: "preview" | "server";
  subtotals: Record<string, number> | null;
  total: number | null;
  scored: number | null;
  complete: boolean;
  preliminaryLevel: number | null;
  finalLevel: number | null;
  reasons: string[];
}

/** The preview's reasons, worded like the server's, in the chosen language. */
function previewReasons(t: TFunction, scale: ScaleDefinition, preview: Preview, english: boolean): string[] {
  return preview.applied.map(({ adjustment: a, effective }) => {
    const name = adjustmentName(t, a, english);
    if (a.kind === "setLevel") return t("assess.reasonSetLevel", { name, level: levelName(scale, a.level, english) });
    return effective ? t("assess.reasonLower", { name, steps: a.steps }) : t("assess.reasonNotApplied", { name });
  });
}

/** An adjustment's name: the scale's (Chinese) wording, or in English the label of a known condition. */
export function adjustmentName(t: TFunction, a: ScaleAdjustment, english: boolean): string {
  if (!english) return a.name;
  switch (a.when.fact) {
    case "coma":
      return t("assess.coma");
    case "dementia":
      return t("assess.dementia");
    case "mentalDisorder":
      return t("assess.mentalDisorder");
    case "riskEvents":
      return t("assess.riskEventsRule", { count: a.when.atLeast ?? 1 });
  }
  return a.name;
}

export function summaryFromPreview(t: TFunction, scale: ScaleDefinition, preview: Preview, english: boolean, recordedLevel: number | null | undefined): SummaryData {
  const recorded = scale.kind === "recorded";
  return {
    source: "preview",
    subtotals: preview.subtotals,
    total: preview.total,
    scored: preview.scored,
    complete: preview.complete,
    preliminaryLevel: recorded ? null : preview.preliminaryLevel,
    finalLevel: recorded ? (recordedLevel ?? null) : preview.finalLevel,
    reasons: previewReasons(t, scale, preview, english),
  };
}

export function summaryFromAssessment(a: Assessment, scale: ScaleDefinition | undefined, preview: Preview | null): SummaryData {
  const recorded = scale?.kind === "recorded";
  return {
    source: "server",
    // a recorded scale's result has no total on the server: the sums are shown from the scores as entered
    subtotals: a.subtotals ?? (recorded ? (preview?.subtotals ?? null) : null),
    total: a.total ?? (recorded ? (preview?.total ?? null) : null),
    scored: preview?.scored ?? null,
    complete: a.total !== null || (recorded && (preview?.complete ?? false)),
    preliminaryLevel: recorded ? null : (a.preliminaryLevel?.level ?? null),
    finalLevel: a.finalLevel?.level ?? null,
    reasons: a.reasons.map((r) => r.text),
  };
}

/** The result: group subtotals, total, preliminary and final level, and why the level changed. */
export function SummaryPanel({ scale, data, sticky }: { scale: ScaleDefinition; data: SummaryData; sticky?: boolean }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const recorded = scale.kind === "recorded";
  const maxTotal = scale.groups.reduce((s, g) => s + g.max, 0);
  return (
    <Card
      size="small"
      title={
        <Space>
          {t("assess.summary")}
          <Tag color={data.source === "server" ? "blue" : "default"} data-testid="summary-source">
            {data.source === "server" ? t("assess.serverResult") : t("assess.preview")}
          </Tag>
        </Space>
      }
      style={sticky ? { position: "sticky", top: 16 } : undefined}
      data-testid="assessment-summary"
      data-source={data.source}
    >
      <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 132 } }}>
        {scale.groups.map((g) => {
          const v = data.subtotals?.[g.code];
          return (
            <Descriptions.Item key={g.code} label={english ? (g.nameEn ?? g.name) : g.name}>
              <span className="mono" data-testid={`summary-subtotal-${g.code}`}>
                {v ?? t("common.none")} / {g.max}
              </span>
            </Descriptions.Item>
          );
        })}
        {/* a recorded scale's groups use different scales (ADL 0–100, cognition 0–16): their sum means nothing */}
        {!recorded && (
          <Descriptions.Item label={<Typography.Text strong>{t("assess.total")}</Typography.Text>}>
            <Space orientation="vertical" size={0} style={{ width: "100%" }}>
              <Typography.Text strong className="mono" style={{ fontSize: 20 }} data-testid="summary-total">
                {data.total ?? t("common.none")}
                <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                  {" "}
                  / {maxTotal}
                </Typography.Text>
              </Typography.Text>
              {data.scored !== null && !data.complete && (
                <Typography.Text type="secondary" data-testid="summary-scored">
                  {t("assess.scored", { scored: data.scored, count: scale.items.length })}
                </Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
        )}
        {data.scored !== null && (
          <Descriptions.Item label={null} styles={{ label: { display: "none" } }}>
            <Progress percent={Math.round((100 * data.scored) / scale.items.length)} size="small" showInfo={false} />
          </Descriptions.Item>
        )}
        {!recorded && (
          <Descriptions.Item label={t("assess.preliminaryLevel")}>
            <LevelTag level={data.preliminaryLevel} scale={scale} testId="summary-preliminary" />
          </Descriptions.Item>
        )}
        <Descriptions.Item label={<Typography.Text strong>{recorded ? t("assess.recordedLevel") : t("assess.finalLevel")}</Typography.Text>}>
          <LevelTag level={data.finalLevel} scale={scale} testId="summary-final" large />
        </Descriptions.Item>
        {!recorded && (
          <Descriptions.Item label={t("assess.reasons")}>
            <div data-testid="summary-reasons">
              {data.reasons.length === 0
                ? t("assess.noReasons")
                : data.reasons.map((r) => (
                    <div key={r} style={{ marginBottom: 2 }}>
                      {r}
                    </div>
                  ))}
            </div>
          </Descriptions.Item>
        )}
      </Descriptions>
      {!recorded && !data.complete && <Alert type="info" showIcon title={t("assess.incomplete")} style={{ marginTop: 8 }} />}
      {recorded && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t("assess.recordedLevelHelp")}</Typography.Paragraph>}
      {data.source === "preview" && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t("assess.previewNote")}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
