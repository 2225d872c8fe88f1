import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { errorText } from "../api/client.ts";
import { useJobs } from "../api/orders.ts";
import { type Me, type MyElder, useMyElders } from "../api/queries.ts";
import { ElderModeSwitch } from "../components/ElderModeSwitch.tsx";
import { Icon, type IconName } from "../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../components/Screen.tsx";
import { isClient } from "../lib/roles.ts";
import { daysFromToday } from "../lib/slots.ts";

/**
 * 首页: a greeting and the 长辈模式 switch, then what this person comes for — elders and families: 预约服务,
 * 我的订单 and 我的补贴 (one card per elder); caregivers: 今日工单.
 */
export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const settings = (
    <Link to="/settings" className="btn btn-secondary" data-testid="settings-link">
      <Icon name="settings" /> {t("home.settings")}
    </Link>
  );
  return (
    <Screen title={t("home.greeting", { name: me.displayName || me.username })} action={settings} testId="home-page">
      <ElderModeSwitch />
      {isClient(me.role) ? (
        <ClientHome />
      ) : me.role === "worker" ? (
        <WorkerHome />
      ) : (
        <p className="note" data-testid="home-other-role">
          {t("home.otherRole")}
        </p>
      )}
    </Screen>
  );
}

/** A big button to one part of the app: a sign, a name, and a line saying what is there. */
function Tile({ to, icon, label, hint, testId }: { to: string; icon: IconName; label: string; hint: string; testId: string }) {
  return (
    <Link to={to} className="tile" data-testid={testId}>
      <span className="tile-icon">
        <Icon name={icon} />
      </span>
      <span className="tile-text">
        <span className="tile-label">{label}</span>
        <span className="tile-hint">{hint}</span>
      </span>
      <Icon name="forward" />
    </Link>
  );
}

function ClientHome() {
  const { t } = useTranslation();
  const elders = useMyElders();
  return (
    <>
      <nav aria-label={t("home.menu")} className="stack">
        <Tile to="/book" icon="calendar" label={t("home.book")} hint={t("home.bookHint")} testId="home-book" />
        <Tile to="/orders" icon="orders" label={t("home.orders")} hint={t("home.ordersHint")} testId="home-orders" />
      </nav>
      <section aria-labelledby="elders-heading" className="stack">
        <h2 id="elders-heading">
          <Icon name="wallet" /> {t("home.subsidy")}
        </h2>
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
    </>
  );
}

function WorkerHome() {
  const { t } = useTranslation();
  const jobs = useJobs();
  const today = jobs.data?.filter((j) => daysFromToday(j.slotStart) <= 0).length ?? 0;
  const later = (jobs.data?.length ?? 0) - today;
  const hint = jobs.data ? t("home.jobsHint", { today, later }) : t("app.loading");
  return (
    <nav aria-label={t("home.menu")} className="stack">
      <Tile to="/jobs" icon="orders" label={t("home.jobs")} hint={hint} testId="home-jobs" />
    </nav>
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
