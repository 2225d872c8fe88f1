import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import { useRegionNamer } from "../../api/regions.ts";
import { maySetVisitRules, type SetVisitRulesResult, type VisitRulesView } from "../../api/visit-rules.ts";
import { RegionTreeSelect } from "../../components/RegionTreeSelect.tsx";
import { errorText } from "../../lib/problem.ts";
import { VisitRulesEditor } from "./VisitRulesEditor.tsx";
import { VisitRulesTable } from "./VisitRulesTable.tsx";

/**
 * 探访规则: the rules in force for the user's region (or one below it), where they come from (本级设定 / 沿用上级 /
 * 平台默认), the versions scheduled for later days, and — for the bureau and streets — changing them from a day.
 */
export function VisitRulesPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<SetVisitRulesResult | null>(null);
  const region = picked ?? me?.regionCode ?? "";
  const view = useQuery({ queryKey: ["visit-rules", region], enabled: !!region, queryFn: () => api<VisitRulesView>("/visit-rules", { query: { regionCode: region } }) });
  const nameOf = useRegionNamer(view.data?.from ? [view.data.from] : []);
  const mayEdit = !!me && maySetVisitRules(me);
  const data = view.data;
  // the API names the source region (one above the user's own is outside what GET /regions answers)
  const inheritedName = (code: string) => {
    if (data?.fromName) return data.fromName;
    if (code === me?.regionCode) return me.regionName ?? code;
    const name = nameOf(code);
    return name !== code ? name : t(`visitRules.level.${code.length}`, { defaultValue: code });
  };

  const source = !data ? null : data.from === null ? (
    <Tag color="default" data-testid="visit-rules-source" data-source="platform">{t("visitRules.platform")}</Tag>
  ) : data.from === data.regionCode ? (
    <Tag color="green" data-testid="visit-rules-source" data-source="own">{t("visitRules.own")}</Tag>
  ) : (
    <Tag color="blue" data-testid="visit-rules-source" data-source="inherited">
      {t("visitRules.inherited", { name: inheritedName(data.from) })}
    </Tag>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="visit-rules-page">
      <Card
        title={t("visitRules.title")}
        extra={
          mayEdit && !editing && data && (
            <Button type="primary" onClick={() => { setSaved(null); setEditing(true); }} data-testid="visit-rules-edit">
              {t("visitRules.edit")}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t("visitRules.intro")}</Typography.Paragraph>
        <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t("visitRules.region")}>
            {me && me.regionCode.length < 12 ? (
              <RegionTreeSelect value={region} allowClear={false} style={{ minWidth: 240 }} onChange={(v) => { setPicked(v); setEditing(false); setSaved(null); }} data-testid="visit-rules-region" />
            ) : (
              me?.regionName
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("visitRules.source")}>{source}</Descriptions.Item>
        </Descriptions>
        {!mayEdit && <Alert type="info" showIcon title={t("visitRules.readOnly")} style={{ marginBottom: 16 }} />}
        {saved && (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setSaved(null)}
            style={{ marginBottom: 16 }}
            data-testid="visit-rules-saved"
            title={
              saved.plans === null
                ? t("visitRules.scheduledSaved", { date: saved.effectiveFrom })
                : t(saved.plans.ended > 0 ? "visitRules.regeneratedEnded" : "visitRules.regenerated", saved.plans)
            }
          />
        )}
        {view.isError && <Alert type="error" showIcon title={errorText(view.error)} />}
        {data &&
          (editing ? (
            <VisitRulesEditor
              regionCode={data.regionCode}
              rules={data.rules}
              onDone={(r) => {
                setEditing(false);
                setSaved(r);
              }}
            />
          ) : (
            <VisitRulesTable rules={data.rules} testId="visit-rules-table" />
          ))}
      </Card>
      {data && data.scheduled.length > 0 && (
        <Card title={t("visitRules.scheduled")} data-testid="visit-rules-scheduled">
          {data.scheduled.map((s) => (
            <div key={s.effectiveFrom} style={{ marginBottom: 16 }}>
              <Typography.Title level={5} data-testid="visit-rules-scheduled-from">{t("visitRules.scheduledFrom", { date: s.effectiveFrom })}
                {s.regionCode !== data.regionCode && <Typography.Text type="secondary"> {t("visitRules.scheduledBy", { name: s.regionName ?? s.regionCode })}</Typography.Text>}
              </Typography.Title>
              <VisitRulesTable rules={s.rules} testId="visit-rules-scheduled-table" />
            </div>
          ))}
        </Card>
      )}
    </Space>
  );
}
