import { PrinterOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Space, Table, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { ApiError, api } from "../../api/client.ts";
import { hours, type TbAccount, type TbEntry } from "../../api/timebank.ts";
import { errorText } from "../../lib/problem.ts";
import { formatDateTime } from "../../lib/time.ts";
import "./statement.css";

function detailText(t: TFunction, e: TbEntry): React.ReactNode {
  const d = e.detail as Record<string, string | undefined>;
  if (e.reason === "deposit") return [d.elderName, d.description].filter(Boolean).join("：");
  // a provider's service bought with hours (issue 7): the service and its provider, and the order
  if (e.reason === "redeem" && d.orderId) {
    return (
      <span data-testid="tb-statement-order">
        {t("timebank.orders.redeemOrder", { beneficiary: d.beneficiaryName ?? "", description: d.description ?? d.providerName ?? "" })}{" "}
        <Link to={`/orders/${d.orderId}`} className="no-print">
          {t("timebank.orders.openOrder")}
        </Link>
      </span>
    );
  }
  if (e.reason === "redeem") return [d.beneficiaryName, d.description].filter(Boolean).join("：");
  if (e.reason === "refund") return t("timebank.orders.refund", { orderNo: d.orderNo ?? "", reason: d.reason ?? "" });
  if (e.reason === "gift") return e.minutes < 0 ? t("timebank.statement.giftTo", { name: d.toElderName ?? "", relation: t(`timebank.transfer.relations.${d.relation}`, { defaultValue: d.relation ?? "" }) }) : t("timebank.statement.giftFrom");
  return "";
}

/**
 * 时间账户对账单: the holder, the balance and every entry (newest first), on a page that prints clean (the menu and
 * header left out) — for volunteers and elders without phones.
 */
export function StatementPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = { volunteerId: params.get("volunteerId") ?? undefined, elderId: params.get("elderId") ?? undefined };
  const account = useQuery({ queryKey: ["timebank", "statement", query], queryFn: () => api<TbAccount>("/timebank/accounts", { query }), retry: false });
  const notFound = account.error instanceof ApiError && account.error.status === 404;
  return (
    <Card
      className="tb-statement"
      title={t("timebank.statement.title")}
      data-testid="tb-statement"
      extra={
        <Space className="no-print">
          <Link to="/timebank">{t("timebank.statement.back")}</Link>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!account.data} data-testid="tb-print">
            {t("timebank.statement.print")}
          </Button>
        </Space>
      }
    >
      {account.isError && <Alert type={notFound ? "info" : "error"} showIcon title={notFound ? t("timebank.statement.notFound") : errorText(account.error)} />}
      {account.data && (
        <>
          <Descriptions column={2} bordered size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t("timebank.statement.holder")}>
              <span data-testid="tb-statement-holder">{account.data.holderName}</span> （{t(account.data.holderKind === "volunteer" ? "timebank.statement.kindVolunteer" : "timebank.statement.kindElder")}）
            </Descriptions.Item>
            <Descriptions.Item label={t("timebank.statement.balance")}>
              <Typography.Text strong data-testid="tb-statement-balance">
                {t("timebank.hours", { hours: hours(account.data.balanceMinutes) })}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Table<TbEntry>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={account.data.entries}
            locale={{ emptyText: t("timebank.statement.none") }}
            onRow={(e) => ({ "data-testid": "tb-statement-entry", "data-reason": e.reason, "data-minutes": e.minutes }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t("timebank.statement.day"), dataIndex: "day", width: 120 },
              { title: t("timebank.statement.reason"), dataIndex: "reason", width: 160, render: (r: string) => t(`timebank.statement.reasons.${r}`, { defaultValue: r }) },
              { title: t("timebank.statement.detail"), render: (_, e) => detailText(t, e) },
              { title: t("timebank.statement.in"), align: "right", width: 110, render: (_, e) => (e.minutes > 0 ? hours(e.minutes) : "") },
              { title: t("timebank.statement.out"), align: "right", width: 110, render: (_, e) => (e.minutes < 0 ? hours(-e.minutes) : "") },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t("timebank.statement.printedAt", { at: formatDateTime(new Date().toISOString()) })}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
