import { CheckCircleOutlined, EyeOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can, useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import { errorText } from "../../lib/problem.ts";
import { testId } from "../../lib/testid.ts";
import { RULES_KEY, type RuleStatus, type SubsidyRule, useRules } from "./api.ts";
import { benefitText, conditionsText } from "./format.ts";
import { PreviewDrawer } from "./PreviewDrawer.tsx";
import { RuleFormModal } from "./RuleFormModal.tsx";

const STATUS_COLOR: Record<RuleStatus, string> = { draft: "gold", active: "green", retired: "default" };

export function RuleStatusTag({ status }: { status: RuleStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="rule-status">
      {t(`subsidy.status.${status}`)}
    </Tag>
  );
}

/** /subsidies/rules — the district's subsidy rules: conditions and benefits as data, drafts, preview, activation. */
export function RulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const manage = can(me, "subsidy:manage");
  const queryClient = useQueryClient();
  const rules = useRules();
  const [creating, setCreating] = useState(false);
  const [previewing, setPreviewing] = useState<SubsidyRule | null>(null);

  const activate = useMutation({
    mutationFn: (r: SubsidyRule) => api<SubsidyRule>(`/subsidy-rules/${r.id}/activate`, { method: "POST" }),
    onSuccess: async (r) => {
      void message.success(t("subsidy.activated", { name: r.name }));
      await queryClient.invalidateQueries({ queryKey: RULES_KEY });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  return (
    <Card
      title={t("subsidy.rulesTitle")}
      data-testid="subsidy-rules-page"
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="rule-create">
            {t("subsidy.create")}
          </Button>
        )
      }
    >
      {rules.isError && <Alert type="error" showIcon title={errorText(rules.error)} style={{ marginBottom: 16 }} />}
      <Table<SubsidyRule>
        rowKey="id"
        size="middle"
        data-testid="rule-table"
        loading={rules.isPending}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t("subsidy.noRules") }}
        onRow={(r) => ({ "data-testid": "rule-row", "data-rule-id": r.id, "data-rule-code": r.code, "data-rule-status": r.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("subsidy.rule.name"),
            key: "name",
            width: 230,
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.code} v{r.version}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t("subsidy.rule.conditions"), key: "conditions", render: (_: unknown, r) => <span data-testid="rule-conditions">{conditionsText(t, r.conditions)}</span> },
          { title: t("subsidy.rule.benefit"), key: "benefit", render: (_: unknown, r) => <span data-testid="rule-benefit">{benefitText(t, r)}</span> },
          { title: t("subsidy.rule.budgetLine"), dataIndex: "budgetLine", width: 140 },
          {
            title: t("subsidy.rule.effective"),
            key: "effective",
            width: 190,
            render: (_: unknown, r) => (r.effectiveTo ? `${r.effectiveFrom} ~ ${r.effectiveTo}` : t("subsidy.rule.from", { date: r.effectiveFrom })),
          },
          { title: t("subsidy.rule.status"), dataIndex: "status", width: 90, render: (s: RuleStatus) => <RuleStatusTag status={s} /> },
          {
            title: t("common.actions"),
            key: "actions",
            width: 170,
            fixed: "right",
            render: (_: unknown, r) => (
              <Space size={4}>
                <Button size="small" icon={<EyeOutlined />} onClick={() => setPreviewing(r)} data-testid="rule-preview">
                  {t("subsidy.previewButton")}
                </Button>
                {manage && r.status === "draft" && (
                  <Popconfirm
                    title={t("subsidy.confirmActivate", { name: r.name, date: r.effectiveFrom })}
                    onConfirm={() => activate.mutate(r)}
                    okButtonProps={{ loading: activate.isPending, ...testId("rule-activate-confirm") }}
                  >
                    <Button size="small" type="primary" icon={<CheckCircleOutlined />} data-testid="rule-activate">
                      {t("subsidy.activate")}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {me && <RuleFormModal open={creating} regionCode={me.regionCode} onClose={() => setCreating(false)} />}
      <PreviewDrawer rule={previewing} onClose={() => setPreviewing(null)} />
    </Card>
  );
}
