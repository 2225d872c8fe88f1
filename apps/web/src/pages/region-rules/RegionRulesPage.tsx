import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import { formatRuleValue, groupOf, mayManageRegionRules, type RegionRule, type RegionRulesView } from "../../api/region-rules.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { errorText } from "../../lib/problem.ts";
import { RuleEditModal } from "./RuleEditModal.tsx";

/**
 * 区域规则: every rule the region runs on, grouped (时间银行, 派单与服务圈, 整改“13710” …), each with the value in force
 * in human units, where it comes from (本级设定 / 沿用上级 / 平台默认), the default and any scheduled value; the district
 * and city bureau change one from a day.
 */
export function RegionRulesPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState<RegionRule | null>(null);
  const region = picked ?? me?.regionCode ?? "";
  const view = useQuery({ queryKey: ["region-rules", region], enabled: !!region, queryFn: () => api<RegionRulesView>("/region-rules", { query: { regionCode: region } }) });
  const mayEdit = !!me && mayManageRegionRules(me);
  const data = view.data;
  const groups = useMemo(() => {
    const out = new Map<string, RegionRule[]>();
    for (const rule of data?.items ?? []) out.set(groupOf(rule.key), [...(out.get(groupOf(rule.key)) ?? []), rule]);
    return [...out.entries()];
  }, [data]);
  const show = (key: string, value: RegionRule["value"]) => formatRuleValue(t, i18n.language, key, value);

  const source = (rule: RegionRule) =>
    rule.from === null ? (
      <Tag data-testid="region-rule-source" data-source="platform">{t("regionRules.platform")}</Tag>
    ) : rule.from === data?.regionCode ? (
      <Tag color="green" data-testid="region-rule-source" data-source="own">{t("regionRules.own", { date: rule.since })}</Tag>
    ) : (
      <Tag color="blue" data-testid="region-rule-source" data-source="inherited">{t("regionRules.inherited", { name: rule.fromName ?? rule.from })}</Tag>
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="region-rules-page">
      <Card title={t("regionRules.title")}>
        <Typography.Paragraph type="secondary">{t("regionRules.intro")}</Typography.Paragraph>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t("regionRules.region")}>
            {me && me.regionCode.length < 12 ? (
              <RegionTreeSelect value={region} allowClear={false} style={{ minWidth: 260 }} onChange={(v) => setPicked(v)} data-testid="region-rules-region" />
            ) : (
              me?.regionName
            )}
          </Descriptions.Item>
        </Descriptions>
        {!mayEdit && <Alert type="info" showIcon title={t("regionRules.readOnly")} style={{ marginTop: 12 }} data-testid="region-rules-read-only" />}
        {view.isError && <Alert type="error" showIcon title={errorText(view.error)} style={{ marginTop: 12 }} />}
        {view.isPending && <Spin style={{ display: "block", marginTop: 16 }} />}
      </Card>
      {groups.map(([group, rules]) => (
        <Card key={group} title={t(`regionRules.group.${group}`, { defaultValue: group })} size="small" data-testid={`region-rules-group-${group}`}>
          <Table<RegionRule>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={rules}
            onRow={(r) => ({ "data-testid": "region-rule-row", "data-key": r.key }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t("regionRules.col.rule"),
                render: (_: unknown, r) => (
                  <>
                    <Typography.Text strong>{t(`regionRules.rule.${r.key}.name`, { defaultValue: r.key })}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">{t(`regionRules.rule.${r.key}.hint`, { defaultValue: "" })}</Typography.Text>
                  </>
                ),
              },
              {
                title: t("regionRules.col.value"),
                width: 200,
                render: (_: unknown, r) => <Typography.Text strong data-testid="region-rule-value">{show(r.key, r.value)}</Typography.Text>,
              },
              { title: t("regionRules.col.source"), width: 190, render: (_: unknown, r) => source(r) },
              { title: t("regionRules.col.defaultValue"), width: 170, render: (_: unknown, r) => <span data-testid="region-rule-default">{show(r.key, r.defaultValue)}</span> },
              {
                title: t("regionRules.col.scheduled"),
                width: 200,
                render: (_: unknown, r) =>
                  r.scheduled.map((s) => (
                    <Tag key={s.effectiveFrom} color="gold" data-testid="region-rule-scheduled">
                      {t("regionRules.scheduledItem", { date: s.effectiveFrom, value: show(r.key, s.value) })}
                    </Tag>
                  )),
              },
              ...(mayEdit
                ? [
                    {
                      title: t("regionRules.col.action"),
                      width: 90,
                      render: (_: unknown, r: RegionRule) => (
                        <Button size="small" onClick={() => setEditing(r)} data-testid="region-rule-edit">
                          {t("regionRules.edit")}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      ))}
      {editing && data && <RuleEditModal regionCode={data.regionCode} rule={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
