import { MutedOutlined, SoundOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Col, Empty, Row, Space, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { ALARMS_KEY, type Alarm, type AlarmEvent, LIVE_LIMIT, useAlarmList, useClosedAlarms } from "../../api/alarms.ts";
import { beep, soundBlocked, unlockSound } from "../../lib/beep.ts";
import { errorText } from "../../lib/problem.ts";
import { AlarmCard } from "./AlarmCard.tsx";
import { AlarmDetail } from "./AlarmDetail.tsx";
import { AlarmStatsPanel } from "./AlarmStatsPanel.tsx";
import { ClosedAlarms } from "./ClosedAlarms.tsx";
import { queueOrder } from "./timing.ts";
import { type StreamState, useAlarmStream } from "./useAlarmStream.ts";

const SOUND_KEY = "carecircle.alarmSound";
const TABS = ["live", "closed", "stats"] as const;
type Tab = (typeof TABS)[number];
const LIVE_BADGE: Record<StreamState, "success" | "processing" | "error"> = { open: "success", connecting: "processing", closed: "error" };

/** A clock for the timers: one render a second. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

function storedMuted(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === "off";
  } catch {
    return false;
  }
}

/**
 * /alarms — 呼叫中心告警台: the live queue of open and acknowledged alarms, kept current by the alarm stream (each
 * event refetches; a raised one beeps and flashes its card), escalation after 60 s, the selected alarm with the elder's
 * card and the action panel; closed alarms; 接警时效. The tab and the selected alarm are kept in the URL.
 */
export function AlarmsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as Tab) : "live";
  const selectedId = params.get("alarm");
  const now = useNow();
  const open = useAlarmList("open");
  const acknowledged = useAlarmList("acknowledged");
  const closed = useClosedAlarms();
  // alarms raised while this page is open and not looked at yet: they flash and say 新告警
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  const [muted, setMuted] = useState(storedMuted);
  const [beeps, setBeeps] = useState(0);

  const refetch = useCallback(() => void queryClient.invalidateQueries({ queryKey: ALARMS_KEY }), [queryClient]);
  const onAlarm = (e: AlarmEvent) => {
    refetch();
    if (e.kind !== "raised") return;
    setFresh((s) => new Set(s).add(e.alarmId));
    if (!muted && beep()) setBeeps((n) => n + 1);
  };
  const live = useAlarmStream(onAlarm, refetch);

  // browsers start audio only after a gesture on the page: the first click anywhere enables the beep
  useEffect(() => {
    const unlock = () => void unlockSound();
    document.addEventListener("pointerdown", unlock);
    return () => document.removeEventListener("pointerdown", unlock);
  }, []);

  const toggleSound = () => {
    const next = !muted;
    setMuted(next);
    try {
      localStorage.setItem(SOUND_KEY, next ? "off" : "on");
    } catch {
      // private mode: the choice lasts for this page only
    }
  };

  const queue = useMemo(() => [...(open.data?.items ?? []), ...(acknowledged.data?.items ?? [])].sort(queueOrder), [open.data, acknowledged.data]);
  // the queue is cut at LIVE_LIMIT per status, newest first: never silently
  const truncated = !!(open.data?.nextCursor || acknowledged.data?.nextCursor);
  const closedItems = useMemo(() => closed.data?.pages.flatMap((p) => p.items) ?? [], [closed.data]);
  const found = useMemo(() => (selectedId ? [...queue, ...closedItems].find((a) => a.id === selectedId) ?? null : null), [selectedId, queue, closedItems]);
  // an alarm changing lists (接警 moves it from open to acknowledged) is in neither while both are refetched: the detail
  // keeps showing it meanwhile instead of unmounting, which would drop what the operator revealed or typed there
  const [kept, setKept] = useState<Alarm | null>(null);
  if (found && found !== kept) setKept(found);
  const moving = open.isFetching || acknowledged.isFetching || closed.isFetching;
  const selected = found ?? (moving && kept?.id === selectedId ? kept : null);
  const select = (id: string) => {
    setFresh((s) => {
      const next = new Set(s);
      next.delete(id);
      return next;
    });
    setParams({ ...(tab === "live" ? {} : { tab }), alarm: id }, { replace: true });
  };
  const loadError = open.error ?? acknowledged.error ?? closed.error;

  const detail = selected ? (
    <AlarmDetail alarm={selected} now={now} />
  ) : (
    <Card>
      <Empty description={selectedId && !open.isPending && !closed.isPending ? t("alarms.notFound") : t("alarms.select")} />
    </Card>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="alarms-page" data-tab={tab} data-live={live}>
      <Card
        title={t("alarms.title")}
        extra={
          <Space wrap>
            <span data-testid="alarm-live" data-state={live}>
              <Badge status={LIVE_BADGE[live]} text={t(`alarms.live.${live}`)} />
            </span>
            <Button
              icon={muted ? <MutedOutlined /> : <SoundOutlined />}
              aria-pressed={!muted}
              onClick={toggleSound}
              data-testid="alarm-mute"
              data-muted={String(muted)}
              data-beeps={beeps}
            >
              {muted ? t("alarms.soundOff") : t("alarms.soundOn")}
            </Button>
          </Space>
        }
        activeTabKey={tab}
        // the selected alarm stays selected across tabs (one just closed is found under 已关闭)
        onTabChange={(key) => setParams({ ...(key === "live" ? {} : { tab: key }), ...(selectedId ? { alarm: selectedId } : {}) }, { replace: true })}
        tabList={[
          { key: "live", label: <span data-testid="alarm-tab-live">{t("alarms.tabLive")}{queue.length > 0 && ` (${queue.length})`}</span> },
          { key: "closed", label: <span data-testid="alarm-tab-closed">{t("alarms.tabClosed")}</span> },
          { key: "stats", label: <span data-testid="alarm-tab-stats">{t("alarms.tabStats")}</span> },
        ]}
        styles={{ body: { padding: "12px 24px" } }}
      >
        <Typography.Text type="secondary">{t("alarms.intro")}</Typography.Text>
        {!muted && soundBlocked() && <Alert type="warning" showIcon title={t("alarms.soundBlocked")} style={{ marginTop: 8 }} data-testid="alarm-sound-hint" />}
        {loadError && <Alert type="error" showIcon title={errorText(loadError)} style={{ marginTop: 8 }} />}
        {truncated && <Alert type="error" showIcon title={t("alarms.liveTruncated", { n: LIVE_LIMIT })} style={{ marginTop: 8 }} data-testid="alarm-live-truncated" />}
      </Card>

      {tab === "live" && (
        <Row gutter={[16, 16]} align="top">
          <Col xs={24} xl={9}>
            {queue.length === 0 ? (
              <Card>
                <Empty description={t("alarms.empty")} data-testid="alarms-empty" />
              </Card>
            ) : (
              <Space orientation="vertical" size="small" style={{ width: "100%" }} data-testid="alarm-queue">
                {queue.map((a) => (
                  <AlarmCard key={a.id} alarm={a} now={now} isNew={fresh.has(a.id) && a.status === "open"} selected={a.id === selectedId} onSelect={() => select(a.id)} />
                ))}
              </Space>
            )}
          </Col>
          <Col xs={24} xl={15}>
            {detail}
          </Col>
        </Row>
      )}
      {tab === "closed" && (
        <Row gutter={[16, 16]} align="top">
          <Col xs={24} xl={12}>
            <Card>
              <ClosedAlarms
                items={closedItems}
                loading={closed.isPending}
                more={closed.hasNextPage ? { loading: closed.isFetchingNextPage, load: () => void closed.fetchNextPage() } : null}
                selectedId={selectedId}
                onSelect={select}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            {detail}
          </Col>
        </Row>
      )}
      {tab === "stats" && (
        <Card>
          <AlarmStatsPanel />
        </Card>
      )}
    </Space>
  );
}
