import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Checkbox, Radio, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client.ts";
import { hours, type TbAccount, type Volunteer } from "../../api/timebank.ts";

/** How an order is paid with hours: the account, and whom the service is for when it is a volunteer's. */
export interface TimebankChoice {
  accountId: string;
  relation: "self" | "spouse";
}

/** A time account by its holder; null when none has been opened yet (404). */
function useAccountOf(query: { elderId?: string; volunteerId?: string } | null) {
  return useQuery({
    queryKey: ["timebank", "account-of", query],
    enabled: query !== null,
    queryFn: async () => {
      try {
        return await api<TbAccount>("/timebank/accounts", { query: query ?? {} });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}

/**
 * 用时间银行支付, shown when the quote says hours may buy this service: the elder's own hours (given by relatives),
 * or — the community worker placing it for a volunteer without a phone — a volunteer's, for himself or his spouse.
 * Reports the choice (or null) as it changes; the server checks the balance and the beneficiary again on placing.
 */
export function TimebankPay({ elderId, needMinutes, onChange }: { elderId: string; needMinutes: number; onChange: (choice: TimebankChoice | null) => void }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(false);
  const [whose, setWhose] = useState<"elder" | "volunteer">("elder");
  const [q, setQ] = useState("");
  const [volunteerId, setVolunteerId] = useState<string | undefined>();
  const [relation, setRelation] = useState<"self" | "spouse">("self");
  const elderAccount = useAccountOf(on ? { elderId } : null);
  const volunteers = useQuery({
    queryKey: ["timebank", "volunteers", "verified", q],
    enabled: on && whose === "volunteer",
    queryFn: () => api<{ items: Volunteer[] }>("/volunteers", { query: { status: "verified", q: q || undefined } }),
  });
  const volunteerAccount = useAccountOf(on && whose === "volunteer" && volunteerId ? { volunteerId } : null);
  const account = whose === "elder" ? elderAccount.data : volunteerAccount.data;
  const enough = !!account && account.balanceMinutes >= needMinutes;
  const choice: TimebankChoice | null = on && account && enough ? { accountId: account.id, relation: whose === "elder" ? "self" : relation } : null;
  const choiceKey = choice ? `${choice.accountId}:${choice.relation}` : "";

  useEffect(() => {
    onChange(choice);
    return () => onChange(null);
    // the choice is a new object on every render: report when what it says changes
  }, [choiceKey]);

  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="order-timebank-pay">
      <Checkbox checked={on} onChange={(e) => setOn(e.target.checked)} data-testid="order-timebank-on">
        <Typography.Text strong>{t("timebank.orders.pay")}</Typography.Text> <Typography.Text type="secondary">{t("timebank.orders.payNeed", { hours: hours(needMinutes) })}</Typography.Text>
      </Checkbox>
      {on && (
        <Space orientation="vertical" style={{ marginTop: 12, width: "100%" }}>
          <Radio.Group value={whose} onChange={(e) => setWhose(e.target.value as "elder" | "volunteer")} data-testid="order-timebank-whose">
            <Radio value="elder" data-testid="order-timebank-elder">
              {t("timebank.orders.elderOwn")}
            </Radio>
            <Radio value="volunteer" data-testid="order-timebank-volunteer">
              {t("timebank.orders.volunteerAccount")}
            </Radio>
          </Radio.Group>
          {whose === "volunteer" && (
            <Space wrap>
              <Select
                showSearch={{ filterOption: false, onSearch: setQ }}
                allowClear
                value={volunteerId}
                onChange={(v) => setVolunteerId(v)}
                placeholder={t("timebank.orders.volunteerSearch")}
                loading={volunteers.isFetching}
                options={(volunteers.data?.items ?? []).map((v) => ({ value: v.id, label: t("timebank.orders.volunteerOption", { name: v.name, hours: hours(v.balanceMinutes) }) }))}
                style={{ width: 320 }}
                data-testid="order-timebank-volunteer-pick"
              />
              <span>{t("timebank.orders.relation")}</span>
              <Radio.Group
                optionType="button"
                value={relation}
                onChange={(e) => setRelation(e.target.value as "self" | "spouse")}
                options={(["self", "spouse"] as const).map((r) => ({ value: r, label: t(`timebank.orders.relations.${r}`) }))}
                data-testid="order-timebank-relation"
              />
            </Space>
          )}
          {whose === "elder" && elderAccount.data === null && <Alert type="warning" showIcon title={t("timebank.orders.elderNone")} />}
          {whose === "elder" && elderAccount.data && <Typography.Text data-testid="order-timebank-balance">{t("timebank.orders.elderBalance", { hours: hours(elderAccount.data.balanceMinutes) })}</Typography.Text>}
          {whose === "volunteer" && volunteerId && volunteerAccount.data === null && <Alert type="warning" showIcon title={t("timebank.orders.volunteerNone")} />}
          {whose === "volunteer" && volunteerAccount.data && <Typography.Text data-testid="order-timebank-balance">{t("timebank.orders.volunteerBalance", { hours: hours(volunteerAccount.data.balanceMinutes) })}</Typography.Text>}
          {whose === "volunteer" && !volunteerId && <Typography.Text type="secondary">{t("timebank.orders.pickVolunteer")}</Typography.Text>}
          {choice && (
            <Alert type="success" showIcon title={t("timebank.orders.covers", { hours: hours(needMinutes) })} data-testid="order-timebank-covers" />
          )}
          {account && !enough && <Alert type="warning" showIcon title={t("timebank.orders.short", { need: hours(needMinutes), have: hours(account.balanceMinutes) })} data-testid="order-timebank-short" />}
        </Space>
      )}
    </Card>
  );
}
