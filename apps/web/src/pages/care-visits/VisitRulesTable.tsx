import type { VisitRule } from "@carecircle/shared";
import { Space, Table, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** What a rule asks of an elder besides the living situation, in words ("80岁以上", "能力等级≥3（重度失能）"). */
export function conditionsOf(t: TFunction, r: VisitRule): string[] {
  const out: string[] = [];
  if (r.minAge !== undefined) out.push(t("visitRules.cond.minAge", { n: r.minAge }));
  if (r.minAbilityLevel !== undefined) out.push(t("visitRules.cond.minAbilityLevel", { n: r.minAbilityLevel, label: t(`abilityLevel.${r.minAbilityLevel}`) }));
  if (r.minRecentAlarms !== undefined) out.push(t("visitRules.cond.minRecentAlarms", { n: r.minRecentAlarms }));
  if (r.minHospitalStays !== undefined) out.push(t("visitRules.cond.minHospitalStays", { n: r.minHospitalStays }));
  return out;
}

/** A set of visit rules, read-only: name, living situations, other conditions, frequency and kind. */
export function VisitRulesTable({ rules, testId }: { rules: readonly VisitRule[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table<VisitRule>
      rowKey="key"
      size="small"
      data-testid={testId}
      dataSource={[...rules]}
      pagination={false}
      locale={{ emptyText: t("visitRules.none") }}
      onRow={(r) => ({ "data-testid": "visit-rule-row", "data-key": r.key, "data-every-days": r.everyDays, "data-kind": r.kind }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t("visitRules.col.label"), dataIndex: "label", width: 160, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
        {
          title: t("visitRules.col.livingIn"),
          dataIndex: "livingIn",
          width: 220,
          render: (v: VisitRule["livingIn"]) => (v ? v.map((s) => <Tag key={s}>{t(`livingSituation.${s}`)}</Tag>) : <Typography.Text type="secondary">{t("visitRules.anyLiving")}</Typography.Text>),
        },
        {
          title: t("visitRules.col.conditions"),
          key: "conditions",
          render: (_: unknown, r) => {
            const c = conditionsOf(t, r);
            return c.length ? <Space size={[4, 4]} wrap>{c.map((x) => <Tag key={x} color="gold">{x}</Tag>)}</Space> : <Typography.Text type="secondary">{t("visitRules.noCondition")}</Typography.Text>;
          },
        },
        { title: t("visitsConsole.plans.frequency"), dataIndex: "everyDays", width: 110, render: (n: number) => <span data-testid="visit-rule-every">{t("visitsConsole.everyDays", { n })}</span> },
        { title: t("visitRules.col.kind"), dataIndex: "kind", width: 110, render: (k: VisitRule["kind"]) => <Tag color={k === "home" ? "blue" : "cyan"}>{t(`visitsConsole.kind.${k}`)}</Tag> },
      ]}
    />
  );
}
