import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { AssessmentStatus, ScaleDefinition } from "../../api/assessments.ts";
import { levelName } from "../../lib/assessmentPreview.ts";

const STATUS_COLORS: Record<AssessmentStatus, string> = { draft: "gold", submitted: "green", superseded: "default" };

export function AssessmentStatusTag({ status }: { status: AssessmentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="assessment-status" data-status={status}>
      {t(`assessmentStatus.${status}`)}
    </Tag>
  );
}

/** Green for the most able level through red for the least able. */
const LEVEL_COLORS = ["green", "cyan", "gold", "orange", "red", "magenta"];

export function levelColor(level: number, scale?: ScaleDefinition): string {
  const worst = scale?.settings?.worstLevel ?? (scale?.recordedLevels ? scale.recordedLevels.length - 1 : 4);
  if (level >= worst) return "red";
  return LEVEL_COLORS[Math.min(level, LEVEL_COLORS.length - 1)] ?? "default";
}

/** A level as a coloured tag: "2 中度失能" (the name in the chosen language, from the scale when known). */
export function LevelTag({ level, name, scale, testId, large }: { level: number | null | undefined; name?: string | null; scale?: ScaleDefinition; testId?: string; large?: boolean }) {
  const { t, i18n } = useTranslation();
  if (level === null || level === undefined) {
    return <span data-testid={testId}>{t("common.none")}</span>;
  }
  const label = (scale ? levelName(scale, level, i18n.language === "en") : null) ?? name ?? String(level);
  return (
    <Tag color={levelColor(level, scale)} data-testid={testId} data-level={level} style={large ? { fontSize: 16, padding: "4px 10px", lineHeight: "22px" } : undefined}>
      {label}
    </Tag>
  );
}

/** A scale's display name in the chosen language. */
export function scaleLabel(scales: ScaleDefinition[] | undefined, code: string, english: boolean): string {
  const s = scales?.find((x) => x.code === code);
  if (!s) return code;
  return english ? s.nameEn : s.name;
}
