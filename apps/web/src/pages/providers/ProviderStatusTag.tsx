import type { ProviderStatus } from "@carecircle/shared";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const COLOR: Record<ProviderStatus, string> = { pending: "gold", approved: "green", suspended: "red", rejected: "default" };

export function ProviderStatusTag({ status }: { status: ProviderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} data-testid="provider-status-tag" data-status={status}>
      {t(`providerStatus.${status}`)}
    </Tag>
  );
}
