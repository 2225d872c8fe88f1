import { Card, Form, Radio, Space, Tag, Typography } from "antd";
import type { FormRule as Rule } from "antd";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { ScaleDefinition, ScaleGroup, ScaleItem } from "../../api/assessments.ts";

/**
 * One item: its name, then every allowed score as a large tile with the score and its Chinese description
 * (the assessor reads them while scoring), most able first as on the paper form.
 */
export const ScoreItemRow = memo(function ScoreItemRow({ item, rules, disabled }: { item: ScaleItem; rules: Rule[]; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const scores = [...item.scores].sort((a, b) => b - a);
  return (
    <div className="score-item" data-testid="assessment-item" data-item-code={item.code} id={`item-row-${item.code}`}>
      <div className="score-item-head">
        <Typography.Text type="secondary" className="mono">
          {item.code}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {item.name}
        </Typography.Text>
        {english && <Typography.Text type="secondary">{item.nameEn}</Typography.Text>}
      </div>
      <Form.Item name={["items", item.code]} rules={rules} style={{ marginBottom: 0 }}>
        <Radio.Group className="score-options" style={{ ["--score-count" as string]: String(scores.length) }} disabled={disabled} data-testid={`item-${item.code}`}>
          {scores.map((s) => (
            <Radio key={s} value={s} className="score-option">
              <span className="score-option-body" data-testid={`item-${item.code}-${s}`}>
                <span className="score-option-value">{t("assess.points", { score: s })}</span>
                <span className="score-option-desc">{item.descriptions[String(s)] ?? ""}</span>
              </span>
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
    </div>
  );
});

/** A group of items (B.1 自理能力 …) as a card, with its live subtotal and how many items are scored. */
export function ScoreGroupCard({
  scale,
  group,
  subtotal,
  scored,
  rules,
}: {
  scale: ScaleDefinition;
  group: ScaleGroup;
  subtotal: number;
  scored: number;
  rules: Rule[];
}) {
  const { t, i18n } = useTranslation();
  const items = scale.items.filter((i) => i.group === group.code);
  const done = scored === items.length;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`assessment-group-${group.code}`}
      title={
        <Space wrap>
          <Typography.Text type="secondary" className="mono">
            {group.code}
          </Typography.Text>
          <span style={{ fontSize: 16 }}>{i18n.language === "en" ? (group.nameEn ?? group.name) : group.name}</span>
        </Space>
      }
      extra={
        <Space size={4}>
          <Tag color={done ? "green" : "default"}>{t("assess.groupProgress", { scored, count: items.length })}</Tag>
          <Tag color="blue" className="mono" data-testid={`group-subtotal-${group.code}`}>
            {t("assess.subtotal")} {subtotal} / {group.max}
          </Tag>
        </Space>
      }
    >
      {items.map((item) => (
        <ScoreItemRow key={item.code} item={item} rules={rules} />
      ))}
    </Card>
  );
}
