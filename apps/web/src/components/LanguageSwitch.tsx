import { GlobalOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { setLanguage } from "../i18n/index.ts";

/** Toggles 中文 ↔ English; the button names the language it switches to. The choice is kept in localStorage. */
export function LanguageSwitch({ type = "text" }: { type?: "text" | "default" }) {
  const { i18n, t } = useTranslation();
  const en = i18n.language === "en";
  return (
    <Button
      type={type}
      icon={<GlobalOutlined />}
      data-testid="language-switch"
      title={t("common.language")}
      lang={en ? "zh-CN" : "en"}
      onClick={() => setLanguage(en ? "zh-CN" : "en")}
    >
      {en ? "中文" : "English"}
    </Button>
  );
}
