import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Col, DatePicker, Row, Space, Statistic, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { api, download } from "../../api/client.ts";
import type { Statement, StatementLine } from "../../api/marketplace.ts";
import { hours } from "../../api/timebank.ts";
import { enumLabel } from "../../lib/labels.ts";
import { yuan } from "../../lib/money.ts";
import { errorText } from "../../lib/problem.ts";
import { dayjs, formatDateTime, todayShanghai } from "../../lib/time.ts";

/** 结算单: a provider's month — settled orders with the subsidy parts and the co-pay by method, totals, the Excel file. */
export function StatementPanel({ providerId }: { providerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [month, setMonth] = useState(() => todayShanghai().format("YYYY-MM"));
  const [downloading, setDownloading] = useState(false);
  const statement = useQuery({
    queryKey: ["statements", providerId, month],
    queryFn: () => api<Statement>(`/providers/${providerId}/statements/${month}`),
  });

  const getXlsx = async () => {
    setDownloading(true);
    try {
      await download(`/providers/${providerId}/statements/${month}/xlsx`, undefined, `settlement-${month}.xlsx`);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setDownloading(false);
    }
  };

  const s = statement.data;
  return (
    <div data-testid="statement-panel">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t("statement.month")}</span>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.isAfter(todayShanghai(), "month")}
          onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
          data-testid="statement-month"
        />
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void getXlsx()} disabled={!s} data-testid="statement-download">
          {t("statement.download")}
        </Button>
      </Space>
      {statement.isError && <Alert type="error" showIcon title={errorText(statement.error)} style={{ marginBottom: 16 }} />}
      {s && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="statement-totals">
          <Col xs={12} md={6}>
            <Statistic title={t("statement.orders")} value={s.totals.orders} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("statement.price")} value={yuan(s.totals.priceFen)} data-testid="statement-price" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("statement.subsidy")} value={yuan(s.totals.subsidyFen)} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("statement.minutesFen")} {yuan(s.totals.minutesFen)} · {t("statement.walletFen")} {yuan(s.totals.walletFen)}
            </Typography.Text>
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("statement.copay")} value={yuan(s.totals.copayFen)} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("statement.copayCash")} {yuan(s.totals.copayCashFen)} · {t("statement.copayTransfer")} {yuan(s.totals.copayTransferFen)}
            </Typography.Text>
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{t("statement.outstanding")}：</Typography.Text>
            <Typography.Text type={s.totals.outstandingOrders > 0 ? "warning" : undefined}>
              {t("statement.outstandingValue", { orders: s.totals.outstandingOrders, amount: yuan(s.totals.outstandingCopayFen) })}
            </Typography.Text>
          </Col>
          <Col xs={24} md={12} data-testid="statement-timebank">
            <Typography.Text type="secondary">{t("timebank.orders.statementTotal")}：</Typography.Text>
            {t("timebank.orders.statementTotalValue", { orders: s.totals.timebankOrders, hours: hours(s.totals.timebankMinutes), amount: yuan(s.totals.timebankFen) })}
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{t("statement.served")}：</Typography.Text>
            {t("statement.servedValue", { total: s.servedElders.total, disabled: s.servedElders.disabled, semi: s.servedElders.semiDisabled, selfCare: s.servedElders.selfCare })}
          </Col>
          <Col xs={24} data-testid="statement-operating">
            <Typography.Text type="secondary">{t("statement.operating")}：</Typography.Text>
            {s.operatingSubsidies.length === 0
              ? t("statement.operatingNone")
              : s.operatingSubsidies.map((o) => t("statement.operatingLine", { name: o.name, elders: o.elders, per: yuan(o.perElderFen), amount: yuan(o.amountFen) })).join("；")}
            {s.operatingSubsidies.length > 0 && <Typography.Text strong> {t("statement.operatingTotal", { amount: yuan(s.operatingSubsidyFen) })}</Typography.Text>}
          </Col>
        </Row>
      )}
      <Table<StatementLine>
        rowKey="orderId"
        size="small"
        data-testid="statement-lines"
        loading={statement.isFetching}
        dataSource={s?.lines ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1680 }}
        locale={{ emptyText: t("statement.empty") }}
        onRow={() => ({ "data-testid": "statement-line" }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("statement.orderNo"), dataIndex: "orderNo", width: 150, render: (v: string, l) => <Link to={`/orders/${l.orderId}`} className="mono">{v}</Link> },
          { title: t("statement.settledAt"), dataIndex: "settledAt", width: 170, render: (v: string) => formatDateTime(v) },
          { title: t("statement.elder"), dataIndex: "elderName", width: 80 },
          { title: t("statement.product"), dataIndex: "productName", width: 180 },
          { title: t("statement.worker"), dataIndex: "workerName", width: 90, render: (v: string | null) => v ?? t("common.none") },
          { title: t("statement.actualMinutes"), dataIndex: "actualMinutes", width: 110, align: "right", render: (v: number | null) => v ?? t("common.none") },
          { title: t("order.priceFen"), dataIndex: "priceFen", width: 100, align: "right", render: (v: number) => yuan(v) },
          { title: t("order.minutesFen"), dataIndex: "minutesFen", width: 120, align: "right", render: (v: number) => yuan(v) },
          { title: t("order.walletFen"), dataIndex: "walletFen", width: 120, align: "right", render: (v: number) => yuan(v) },
          { title: t("timebank.orders.lineHours"), dataIndex: "timebankMinutes", width: 100, align: "right", render: (v: number | null) => (v === null ? "" : hours(v)) },
          { title: t("timebank.orders.lineFen"), dataIndex: "timebankFen", width: 100, align: "right", render: (v: number | null) => (v === null ? "" : yuan(v)) },
          { title: t("order.copayFen"), dataIndex: "copayFen", width: 100, align: "right", render: (v: number) => yuan(v) },
          { title: t("statement.method"), dataIndex: "copayMethod", width: 96, render: (v: string) => enumLabel(t, "copayMethod", v) },
          { title: t("statement.reference"), dataIndex: "copayReference", width: 120, render: (v: string | null) => v ?? t("common.none") },
        ]}
      />
    </div>
  );
}
