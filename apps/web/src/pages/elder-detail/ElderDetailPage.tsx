import { EditOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Result, Space, Spin, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { can, useMe } from "../../api/auth.ts";
import { useElder } from "../../api/elders.ts";
import { errorText } from "../../lib/problem.ts";
import { StatusTag } from "../elders/StatusTag.tsx";
import { ElderOrderButton, ElderOrdersTab } from "../orders/ElderOrders.tsx";
import { WalletTab } from "../subsidies/WalletTab.tsx";
import { AssessmentsTab } from "./AssessmentsTab.tsx";
import { BasicInfo, HealthInfo } from "./BasicInfo.tsx";
import { ConsentsTab } from "./ConsentsTab.tsx";
import { ContactsTab } from "./ContactsTab.tsx";
import { HistoryTab } from "./HistoryTab.tsx";
import { type Revealed, RevealButton } from "./RevealButton.tsx";
import { StatusButton } from "./StatusModal.tsx";

/** /elders/:id — one record with its contacts, consents and change history. */
export function ElderDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const elder = useElder(id);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  // the open tab is kept in the URL (?tab=assessments), so that the assessment pages can return to it
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "basic";

  if (elder.isPending) return <Spin style={{ display: "block", margin: 48 }} />;
  if (elder.isError) {
    return (
      <Result
        status="warning"
        title={errorText(elder.error) || t("detail.notFound")}
        extra={<Link to="/elders">{t("common.back")}</Link>}
        data-testid="elder-detail-error"
      />
    );
  }
  const e = elder.data;
  const active = e.status === "active";
  const writable = active && can(me, "elder:write");

  return (
    <Card
      data-testid="elder-detail"
      title={
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="elder-detail-name">
            {e.name}
          </Typography.Title>
          <StatusTag status={e.status} />
        </Space>
      }
      extra={
        <Space wrap>
          <Button onClick={() => navigate("/elders")}>{t("common.back")}</Button>
          {can(me, "elder:reveal") && <RevealButton elderId={e.id} onRevealed={setRevealed} revealed={!!revealed} />}
          {active && can(me, "order:place") && <ElderOrderButton elder={e} />}
          {writable && <StatusButton elder={e} />}
          {writable && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/elders/${e.id}/edit`)} data-testid="elder-edit">
              {t("detail.edit")}
            </Button>
          )}
        </Space>
      }
    >
      {!active && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="elder-readonly-banner"
          title={t("detail.readOnlyBanner", {
            status: t(`elderStatus.${e.status}`),
            date: e.statusDate ?? t("common.none"),
            reason: e.statusReason ?? t("common.none"),
          })}
        />
      )}
      {revealed && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("detail.revealNote")} data-testid="elder-reveal-note" />}
      <Tabs
        data-testid="elder-tabs"
        items={[
          { key: "basic", label: t("detail.tabBasic"), children: <BasicInfo elder={e} revealed={revealed} /> },
          { key: "health", label: t("detail.tabHealth"), children: <HealthInfo elder={e} /> },
          { key: "contacts", label: <span data-testid="tab-contacts">{t("detail.tabContacts")}</span>, children: <ContactsTab elderId={e.id} writable={writable} /> },
          {
            key: "consents",
            label: <span data-testid="tab-consents">{t("detail.tabConsents")}</span>,
            children: <ConsentsTab elderId={e.id} writable={can(me, "elder:write")} />,
          },
          ...(can(me, "assessment:read")
            ? [
                {
                  key: "assessments",
                  label: <span data-testid="tab-assessments">{t("assess.tab")}</span>,
                  children: <AssessmentsTab elderId={e.id} writable={active && can(me, "assessment:write")} />,
                },
              ]
            : []),
          ...(can(me, "subsidy:read")
            ? [{ key: "subsidy", label: <span data-testid="tab-subsidy">{t("subsidy.wallet.tab")}</span>, children: <WalletTab elderId={e.id} /> }]
            : []),
          ...(can(me, "order:read")
            ? [{ key: "orders", label: <span data-testid="tab-orders">{t("order.title")}</span>, children: <ElderOrdersTab elderId={e.id} /> }]
            : []),
          { key: "history", label: <span data-testid="tab-history">{t("detail.tabHistory")}</span>, children: <HistoryTab elderId={e.id} /> },
        ]}
        activeKey={tab}
        onChange={(key) => setParams(key === "basic" ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
      />
    </Card>
  );
}
