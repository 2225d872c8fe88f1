import { Result } from "antd";
import { useTranslation } from "react-i18next";

/** For signed-in users whose role has nothing in the staff console. */
export function NoAccessPage() {
  const { t } = useTranslation();
  return <Result status="info" title={t("noAccess.title")} subTitle={t("noAccess.description")} data-testid="no-access" />;
}
