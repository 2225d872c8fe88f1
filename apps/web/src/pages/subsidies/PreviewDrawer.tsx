import { useQuery } from "@tanstack/react-query";
import { Alert, Col, DatePicker, Drawer, List, Row, Space, Spin, Statistic, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { errorText } from "../../lib/problem.ts";
import { dayjs, todayShanghai } from "../../lib/time.ts";
import type { RulePreview, SubsidyRule } from "./api.ts";
import { benefitText, conditionsText, hours, money } from "./format.ts";

/** 预览: how many qualify in a month, what it costs, where they live, and a few of them (masked). */
export function PreviewDrawer({ rule, onClose }: { rule: SubsidyRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(() => todayShanghai().format("YYYY-MM"));
  const preview = useQuery({
    queryKey: ["subsidies", "preview", rule?.id, month],
    enabled: !!rule,
    queryFn: () => api<RulePreview>(`/subsidy-rules/${rule!.id}/preview`, { method: "POST", body: { month, sample: 10 } }),
  });
  const p = preview.data;
  return (
    <Drawer open={!!rule} onClose={onClose} size={640} title={rule ? t("subsidy.preview.title", { name: rule.name }) : ""} destroyOnHidden data-testid="rule-preview-drawer">
      {rule && (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Typography.Text type="secondary">
            {conditionsText(t, rule.conditions)} · {benefitText(t, rule)}
          </Typography.Text>
          <Space>
            <span>{t("subsidy.preview.month")}</span>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
              data-testid="rule-preview-month"
            />
          </Space>
          {preview.isError && <Alert type="error" showIcon title={errorText(preview.error)} />}
          {preview.isPending && <Spin />}
          {p && (
            <>
              <Row gutter={16}>
                <Col span={8}>
                  <Statistic title={t("subsidy.preview.eligible")} value={p.eligible} suffix={t("subsidy.preview.persons")} data-testid="rule-preview-eligible" />
                </Col>
                <Col span={8}>
                  {p.perElder.kind === "hours" ? (
                    <Statistic title={t("subsidy.preview.hours")} value={hours(p.minutes)} suffix={t("subsidy.hoursUnit")} data-testid="rule-preview-cost" />
                  ) : (
                    <Statistic title={t("subsidy.preview.cost")} value={money(p.costFen)} data-testid="rule-preview-cost" />
                  )}
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t("subsidy.preview.perElder")}
                    value={p.perElder.kind === "hours" ? `${hours(p.perElder.minutes)} ${t("subsidy.hoursUnit")}` : money(p.perElder.amountFen)}
                  />
                </Col>
              </Row>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t("subsidy.preview.byStreet")}
              </Typography.Title>
              <Table
                size="small"
                rowKey="regionCode"
                pagination={false}
                data-testid="rule-preview-streets"
                dataSource={p.byStreet}
                columns={[
                  { title: t("subsidy.street"), dataIndex: "regionName", render: (v: string | null, r) => v ?? r.regionCode },
                  { title: t("subsidy.preview.eligible"), dataIndex: "eligible", align: "right" },
                ]}
              />
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t("subsidy.preview.sample")}
              </Typography.Title>
              <List
                size="small"
                bordered
                data-testid="rule-preview-sample"
                locale={{ emptyText: t("subsidy.preview.noSample") }}
                dataSource={p.sample}
                renderItem={(s) => (
                  <List.Item>
                    <Space>
                      <Typography.Text strong>{s.name}</Typography.Text>
                      <Typography.Text type="secondary">{s.idNumber}</Typography.Text>
                      <Typography.Text type="secondary">{s.birthDate}</Typography.Text>
                      <Typography.Text type="secondary">{p.byStreet.find((b) => s.regionCode.startsWith(b.regionCode))?.regionName ?? s.regionCode}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}
