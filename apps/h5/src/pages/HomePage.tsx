import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useHandlingCounts } from "../api/alarms.ts";
import { errorText } from "../api/client.ts";
import { useJobs } from "../api/orders.ts";
import { useMyCalls, useMyVisits } from "../api/visits.ts";
import { type Me, type MyElder, useMyElders } from "../api/queries.ts";
import { ElderModeSwitch } from "../components/ElderModeSwitch.tsx";
import { Icon, type IconName } from "../components/Icon.tsx";
import { ErrorNote, Loading, Screen } from "../components/Screen.tsx";
import { isClient } from "../lib/roles.ts";
import { daysFromToday } from "../lib/slots.ts";

/**
 * 首页: a greeting and the 长辈模式 switch, then what this person comes for — elders and families: 预约服务,
 * 我的订单, 紧急告警 and 我的补贴 (one card per elder); caregivers: 今日工单.
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
      ) : me.role === "volunteer" ? (
        <nav aria-label={t("home.menu")} className="stack">
          <Tile to="/volunteer" icon="walk" label={t("tb.volunteer.tile")} hint={t("tb.volunteer.tileHint")} testId="home-volunteer" />
          <VisitsTile />
        </nav>
      ) : me.role === "community_worker" ? (
        <nav aria-label={t("home.menu")} className="stack">
          <VisitsTile />
          <CallsTile />
        </nav>
      ) : (
        <p className="note" data-testid="home-other-role">
          {t("home.otherRole")}
        </p>
      )}
    </Screen>
  );
}

/**
 * A big button to one part of the app: a sign, a name, and a line saying what is there. `count` (something waiting)
 * adds a number in a badge and a thick frame, always beside the words of the hint that say the same.
 */
function Tile({ to, icon, label, hint, testId, count = 0 }: { to: string; icon: IconName; label: string; hint: string; testId: string; count?: number }) {
  return (
    <Link to={to} className={count > 0 ? "tile tile-alert" : "tile"} data-testid={testId} data-count={count}>
      <span className="tile-icon">
        <Icon name={icon} />
        {/* on the sign's corner, as phones show it: beside it the label and hint would have no room at 特大 */}
        {count > 0 && (
          <span className="count-badge" aria-hidden="true" data-testid={`${testId}-badge`}>
            {count}
          </span>
        )}
      </span>
      <span className="tile-text">
        <span className="tile-label">{label}</span>
        <span className="tile-hint" data-testid={`${testId}-hint`}>
          {hint}
        </span>
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
        <AlarmTile elders={elders} />
        <Tile to="/help" icon="person" label={t("tb.help.tile")} hint={t("tb.help.tileHint")} testId="home-help" />
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

/**
 * 紧急告警: how many of the elders' alarms the call centre is still handling, in words and a badge, looked at every
 * 15 s. One elder: straight to the list; several: the choice of elder first.
 */
function AlarmTile({ elders }: { elders: UseQueryResult<MyElder[]> }) {
  const { t } = useTranslation();
  const counts = useHandlingCounts(elders.data ?? []);
  const only = elders.data?.length === 1 ? elders.data[0] : undefined;
  const total = elders.data ? counts.total : null;
  const hint =
    elders.isError || counts.isError ? t("home.alarmsUnknown") : total === null ? t("app.loading") : total > 0 ? t("home.alarmsHandling", { n: total }) : t("home.alarmsNone");
  return <Tile to={only ? `/elders/${only.id}/alarms` : "/alarms"} icon="bell" label={t("home.alarms")} hint={hint} count={total ?? 0} testId="home-alarms" />;
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

/** 今日探访 (community workers, volunteers given visits): how many elders are waiting, in words and a badge. */
function VisitsTile() {
  const { t } = useTranslation();
  const visits = useMyVisits();
  const n = visits.data?.length ?? 0;
  const hint = visits.data ? t("visits.tileHint", { n }) : visits.isError ? errorText(visits.error) : t("app.loading");
  return <Tile to="/visits" icon="home" label={t("visits.tile")} hint={hint} count={n} testId="home-visits" />;
}

/** 电话关怀 (community workers): how many care calls are due today, in words and a badge. */
function CallsTile() {
  const { t } = useTranslation();
  const calls = useMyCalls();
  const n = calls.data?.length ?? 0;
  const hint = calls.data ? t("visits.calls.tileHint", { n }) : calls.isError ? errorText(calls.error) : t("app.loading");
  return <Tile to="/calls" icon="phone" label={t("visits.calls.title")} hint={hint} count={n} testId="home-calls" />;
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
