import type { ElderStatus } from "@carecircle/shared";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const COLORS: Record<ElderStatus, string> = { active: "green", deceased: "default", moved_out: "orange" };

export function StatusTag({ status }: { status: ElderStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`elderStatus.${status}`)}</Tag>;
}
