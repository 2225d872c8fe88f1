import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { errorText } from "../api/client.ts";
import { type Me, useLogout } from "../api/queries.ts";
import { ElderModeSwitch } from "../components/ElderModeSwitch.tsx";
import { Icon } from "../components/Icon.tsx";
import { LanguageChoice } from "../components/LanguageChoice.tsx";
import { ErrorNote, Screen } from "../components/Screen.tsx";
import { TextSizeChoice } from "../components/TextSizeChoice.tsx";

/** 设置: 长辈模式, 文字大小, language, and 退出登录 (no confirmation pop-up; signing in again is one screen away). */
export function SettingsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Screen title={t("settings.title")} back="/" testId="settings-page">
      <p data-testid="settings-account">{t("settings.account", { name: me.displayName || me.username })}</p>
      <ElderModeSwitch />
      <TextSizeChoice />
      <LanguageChoice />
      {logout.isError && <ErrorNote message={errorText(logout.error)} />}
      <button
        type="button"
        className="btn btn-danger btn-main"
        disabled={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSuccess: () => navigate("/login", { replace: true }) })}
        data-testid="logout"
      >
        <Icon name="logout" /> {logout.isPending ? t("settings.loggingOut") : t("settings.logout")}
      </button>
    </Screen>
  );
}
