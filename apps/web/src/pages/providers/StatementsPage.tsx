import { Card, Empty, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { ownProviderId, useMe } from "../../api/auth.ts";
import { useProviders } from "../../api/marketplace.ts";
import { StatementPanel } from "./StatementPanel.tsx";

/** /statements — a provider admin's own monthly statements; the bureau picks a provider of its region (?provider=ID). */
export function StatementsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const own = ownProviderId(me);
  const [params, setParams] = useSearchParams();
  const providers = useProviders(undefined);
  const chosen = own ?? params.get("provider") ?? undefined;

  return (
    <Card
      title={t("statement.title")}
      data-testid="statements-page"
      extra={
        !own && (
          <Space>
            <span>{t("statement.provider")}</span>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              style={{ width: 320 }}
              value={chosen}
              placeholder={t("statement.pickProvider")}
              loading={providers.isPending}
              onChange={(v: string) => setParams({ provider: v }, { replace: true })}
              options={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              data-testid="statement-provider"
            />
          </Space>
        )
      }
    >
      {chosen ? <StatementPanel key={chosen} providerId={chosen} /> : <Empty description={t("statement.pickProvider")} />}
    </Card>
  );
}
