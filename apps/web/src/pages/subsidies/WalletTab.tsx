import { useQuery } from "@tanstack/react-query";
import { Alert, Col, List, Row, Statistic, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { errorText } from "../../lib/problem.ts";
import type { Wallet, WalletEntry } from "./api.ts";
import { hours, money } from "./format.ts";

const KIND_COLOR: Record<WalletEntry["kind"], string> = { credit: "green", backpay: "cyan", debit: "blue", expiry: "default" };

/** Elder detail → 服务补贴: the wallet balance and its entries in plain words, newest first. */
export function WalletTab({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const wallet = useQuery({ queryKey: ["elders", "wallet", elderId], queryFn: () => api<Wallet>(`/elders/${elderId}/wallet`) });
  if (wallet.isError) return <Alert type="error" showIcon title={errorText(wallet.error)} />;
  const w = wallet.data;
  const entries = [...(w?.entries ?? [])].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : String(b.id).localeCompare(String(a.id), undefined, { numeric: true })));
  return (
    <div data-testid="wallet-tab">
      {w && (
        <>
          <Alert type="info" showIcon title={<span data-testid="wallet-summary">{w.summary}</span>} style={{ marginBottom: 16 }} />
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={8}>
              <Statistic title={t("subsidy.wallet.balance")} value={money(w.balanceFen)} data-testid="wallet-balance" />
            </Col>
            <Col span={8}>
              <Statistic title={t("subsidy.wallet.minutes")} value={hours(w.balanceMinutes)} suffix={t("subsidy.hoursUnit")} data-testid="wallet-hours" />
            </Col>
          </Row>
        </>
      )}
      <List
        size="small"
        bordered
        loading={wallet.isPending}
        data-testid="wallet-entries"
        locale={{ emptyText: t("subsidy.wallet.empty") }}
        dataSource={entries}
        renderItem={(e) => (
          <List.Item data-testid="wallet-entry">
            <Typography.Text>
              <Tag color={KIND_COLOR[e.kind]}>{t(`subsidy.wallet.kind.${e.kind}`)}</Tag>
              {e.text}
            </Typography.Text>
          </List.Item>
        )}
      />
    </div>
  );
}
