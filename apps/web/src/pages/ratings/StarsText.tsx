import { starGlyphs } from "@carecircle/shared";
import { Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** "★★★★☆ 四星" — glyphs and words, never colour alone; an unqualified result says so. */
export function StarsText({ stars, unqualified }: { stars: number | null | undefined; unqualified?: boolean | null }) {
  const { t } = useTranslation();
  if (stars === null || stars === undefined) return <Typography.Text type="secondary">{t("common.none")}</Typography.Text>;
  return (
    <Space size={4} data-testid="stars-text" data-stars={stars}>
      <span style={{ color: "#d46b08", letterSpacing: 1 }} aria-hidden>
        {starGlyphs(stars)}
      </span>
      <span>{t(`ratings.starsText.${stars}`)}</span>
      {unqualified && <Tag color="red">{t("ratings.unqualified")}</Tag>}
    </Space>
  );
}
