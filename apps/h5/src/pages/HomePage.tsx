import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { errorText } from "../api/client.ts";
import { type Me, type MyElder, useMyElders } from "../api/queries.ts";
import { ElderModeSwitch } from "../components/ElderModeSwitch.tsx";
import { Icon } from "../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../components/Screen.tsx";

/** 首页: a greeting, the 长辈模式 switch, and one large card per elder leading to 服务补贴. */
export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const elders = useMyElders();
  const settings = (
    <Link to="/settings" className="btn btn-secondary" data-testid="settings-link">
      <Icon name="settings" /> {t("home.settings")}
    </Link>
  );
  return (
    <Screen title={t("home.greeting", { name: me.displayName || me.username })} action={settings} testId="home-page">
      <ElderModeSwitch />
      <section aria-labelledby="elders-heading" className="stack">
        <h2 id="elders-heading">{t("home.choose")}</h2>
        {elders.isPending && <Loading />}
        {elders.isError && <ErrorNote message={errorText(elders.error)} onRetry={() => void elders.refetch()} />}
        {elders.data?.length === 0 && (
          <p className="note" data-testid="no-elders">
            {t("home.none")}
          </p>
        )}
        {elders.data && elders.data.length > 0 && (
          <>
            {elders.data.length === 1 && <p>{t("home.chooseOne")}</p>}
            <ul className="cards">
              {elders.data.map((e) => (
                <li key={e.id}>
                  <ElderCard elder={e} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </Screen>
  );
}

function ElderCard({ elder }: { elder: MyElder }) {
  const { t } = useTranslation();
  return (
    <Link to={`/elders/${elder.id}/wallet`} className="elder-card" data-testid="elder-card" data-elder-id={elder.id}>
      <span className="elder-name">{elder.name}</span>
      <span className="elder-facts">
        {elder.relation && <span>{t("elder.relation", { relation: elder.relation })}</span>}
        <span>{t("elder.sexAge", { sex: t(elder.sex === "F" ? "elder.sex.F" : "elder.sex.M"), age: elder.age })}</span>
        {elder.regionName && <span>{t("elder.region", { region: elder.regionName })}</span>}
      </span>
      <span className="elder-go">
        {t("elder.open")} <Icon name="forward" />
      </span>
    </Link>
  );
}
