import { useQuery } from "@tanstack/react-query";
import { Alert, Card, DatePicker, Form, Radio, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/auth.ts";
import { api } from "../../api/client.ts";
import { errorText } from "../../lib/problem.ts";
import { todayShanghai } from "../../lib/time.ts";
import { type TotalsRow, useRegionNames, useRules } from "./api.ts";
import { hours, money } from "./format.ts";

type GroupBy = "rule" | "region" | "month";

/** /subsidies/totals — what was granted between two months, by rule, street or month. */
export function TotalsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [todayShanghai().startOf("year"), todayShanghai()]);
  const [groupBy, setGroupBy] = useState<GroupBy>("rule");
  const from = range[0].format("YYYY-MM");
  const to = range[1].format("YYYY-MM");
  const totals = useQuery({
    queryKey: ["subsidies", "totals", from, to, groupBy],
    queryFn: () => api<{ items: TotalsRow[] }>("/subsidy-totals", { query: { from, to, groupBy } }),
  });
  const rules = useRules();
  const names = useRegionNames(me?.regionCode);
  const keyLabel = (key: string) => {
    if (groupBy === "rule") return rules.data?.items.find((r) => r.code === key)?.name ?? key;
    if (groupBy === "region") return names.data?.get(key) ?? key;
    return key;
  };
  const items = totals.data?.items ?? [];
  const sum = items.reduce((a, r) => ({ n: a.n + r.entitlements, fen: a.fen + r.amountFen, min: a.min + r.minutes }), { n: 0, fen: 0, min: 0 });
  return (
    <Card title={t("subsidy.totalsTitle")} data-testid="subsidy-totals-page">
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t("subsidy.totals.range")}>
          <DatePicker.RangePicker
            picker="month"
            allowClear={false}
            value={range}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            data-testid="totals-range"
          />
        </Form.Item>
        <Form.Item label={t("subsidy.totals.groupBy")}>
          <Radio.Group
            optionType="button"
            value={groupBy}
            onChange={(e) => setGroupBy(e.target.value as GroupBy)}
            data-testid="totals-groupBy"
            options={(["rule", "region", "month"] as const).map((g) => ({ value: g, label: t(`subsidy.totals.by.${g}`) }))}
          />
        </Form.Item>
      </Form>
      {totals.isError && <Alert type="error" showIcon title={errorText(totals.error)} style={{ marginBottom: 16 }} />}
      <Table<TotalsRow>
        rowKey={(r) => `${r.key}-${r.kind ?? ""}`}
        size="small"
        data-testid="totals-table"
        loading={totals.isPending}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t("subsidy.totals.empty") }}
        columns={[
          { title: t(`subsidy.totals.by.${groupBy}`), dataIndex: "key", render: (v: string) => keyLabel(v) },
          { title: t("subsidy.form.kind"), dataIndex: "kind", render: (v: string | null) => (v ? t(`subsidy.kind.${v}`) : t("common.none")) },
          { title: t("subsidy.entitlements"), dataIndex: "entitlements", align: "right" },
          { title: t("subsidy.amountYuan"), dataIndex: "amountFen", align: "right", render: (v: number) => money(v) },
          { title: t("subsidy.kind.hours"), dataIndex: "minutes", align: "right", render: (v: number) => `${hours(v)} ${t("subsidy.hoursUnit")}` },
        ]}
        summary={() =>
          items.length > 0 && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <Typography.Text strong>{t("subsidy.totals.sum")}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{sum.n}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{money(sum.fen)}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{`${hours(sum.min)} ${t("subsidy.hoursUnit")}`}</Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </Card>
  );
}
