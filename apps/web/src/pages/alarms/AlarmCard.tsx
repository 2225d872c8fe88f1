import { BellFilled, ClockCircleOutlined, ExclamationCircleFilled, HistoryOutlined } from "@ant-design/icons";
import { Card, Space, Tag, Tooltip, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Alarm } from "../../api/alarms.ts";
import { enumLabel } from "../../lib/labels.ts";
import { dayjs, TZ } from "../../lib/time.ts";
import { deviceTimeLag, isEscalated, minutesSeconds, secondsSince } from "./timing.ts";

/** "已等待 75 秒", and minutes with seconds past ten minutes. */
export function waitingText(t: TFunction, seconds: number): string {
  if (seconds < 600) return t("alarms.waitingSeconds", { s: seconds });
  const { m, s } = minutesSeconds(seconds);
  return t("alarms.waitingMinutes", { m, s });
}

/** The time it was raised: HH:mm:ss today (Beijing), with the date on other days. */
export function raisedText(iso: string, now: number): string {
  const at = dayjs(iso).tz(TZ);
  return at.format("YYYY-MM-DD") === dayjs(now).tz(TZ).format("YYYY-MM-DD") ? at.format("HH:mm:ss") : at.format("MM-DD HH:mm");
}

/** "5 分钟", "2 小时 3 分钟": how far apart the device's time and the server's are, either way. */
function lagText(t: TFunction, seconds: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(seconds) / 60));
  return minutes < 60 ? t("alarms.lagMinutes", { m: minutes }) : t("alarms.lagHours", { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/**
 * 设备时间 beside the time the server received the alarm, when the two are more than a minute apart (a device that
 * buffered its message while offline: the event is older than it looks); nothing otherwise. `format` writes the time;
 * `compact` is a line of small text rather than a tag, for a table cell.
 */
export function DeviceTime({ alarm, format, compact = false }: { alarm: Alarm; format: (iso: string) => string; compact?: boolean }) {
  const { t } = useTranslation();
  const lag = deviceTimeLag(alarm);
  if (!lag) return null;
  const text = t("alarms.deviceTime", { v: format(lag.occurredAt) });
  const attrs = { "data-testid": "alarm-device-time", "data-lag-seconds": lag.seconds };
  return (
    <Tooltip title={t("alarms.deviceTimeHelp", { lag: lagText(t, lag.seconds) })}>
      {compact ? (
        <Typography.Text type="warning" className="mono" style={{ fontSize: 12, display: "block" }} {...attrs}>
          <HistoryOutlined /> {text}
        </Typography.Text>
      ) : (
        <Tag color="orange" icon={<HistoryOutlined />} className="mono" style={{ marginInlineEnd: 0 }} {...attrs}>
          {text}
        </Tag>
      )}
    </Tooltip>
  );
}

export const STATUS_COLOR = { open: "red", acknowledged: "gold", closed: "default" } as const;

/** The timers in words: waiting so far (open), or the seconds it took to acknowledge and to close. */
export function AlarmTimers({ alarm, now }: { alarm: Alarm; now: number }) {
  const { t } = useTranslation();
  const escalated = isEscalated(alarm, now);
  return (
    <Space size={[8, 4]} wrap>
      {alarm.status === "open" && (
        <Typography.Text type={escalated ? "danger" : undefined} strong={escalated} className="mono" data-testid="alarm-elapsed">
          <ClockCircleOutlined /> {waitingText(t, secondsSince(alarm.raisedAt, now))}
        </Typography.Text>
      )}
      {alarm.secondsToAcknowledge !== null && (
        <Typography.Text className="mono" data-testid="alarm-ack-seconds">
          {t("alarms.acknowledgedIn", { s: alarm.secondsToAcknowledge })}
        </Typography.Text>
      )}
      {alarm.secondsToClose !== null && (
        <Typography.Text className="mono" data-testid="alarm-close-seconds">
          {t("alarms.closedIn", { s: alarm.secondsToClose })}
        </Typography.Text>
      )}
    </Space>
  );
}

/**
 * One alarm in the queue: its type in words, the elder, the address, the device, when it was raised, the timers and
 * how often it repeated. A new one flashes and says 新告警; an escalated one has a red border and says 已超时未接警 —
 * never colour alone.
 */
export function AlarmCard({ alarm, now, isNew, selected, onSelect }: { alarm: Alarm; now: number; isNew: boolean; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const escalated = isEscalated(alarm, now);
  const className = ["alarm-card", isNew ? "alarm-card-new" : "", escalated ? "alarm-card-escalated" : "", selected ? "alarm-card-selected" : ""].filter(Boolean).join(" ");
  return (
    <Card
      size="small"
      hoverable
      className={className}
      onClick={onSelect}
      data-testid="alarm-card"
      data-alarm-id={alarm.id}
      data-status={alarm.status}
      data-type={alarm.type}
      data-escalated={String(escalated)}
      data-new={String(isNew)}
      data-selected={String(selected)}
      title={
        <Space size={6} wrap>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="alarm-card-type">
            {enumLabel(t, "alarmType", alarm.type)}
          </Typography.Text>
          <Tag color={STATUS_COLOR[alarm.status]} style={{ marginInlineEnd: 0 }}>
            {enumLabel(t, "alarmStatus", alarm.status)}
          </Tag>
        </Space>
      }
      extra={
        <Typography.Text type="secondary" className="mono" data-testid="alarm-raised-at">
          {raisedText(alarm.raisedAt, now)}
        </Typography.Text>
      }
    >
      {(isNew || escalated) && (
        <Space size={6} wrap style={{ marginBottom: 6 }}>
          {isNew && (
            <Tag color="red" icon={<BellFilled />} data-testid="alarm-new-badge">
              {t("alarms.newBadge")}
            </Tag>
          )}
          {escalated && (
            <Tag color="#cf1322" icon={<ExclamationCircleFilled />} data-testid="alarm-escalated">
              {t("alarms.escalated")}
            </Tag>
          )}
        </Space>
      )}
      <div>
        <Typography.Text strong>{alarm.elderName ?? t("alarms.unbound")}</Typography.Text>
      </div>
      {alarm.address && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
          {alarm.address}
        </Typography.Paragraph>
      )}
      <div>
        <Typography.Text type="secondary">
          {enumLabel(t, "deviceType", alarm.deviceType)} · <span className="mono">{alarm.serial}</span>
        </Typography.Text>
      </div>
      <Space size={[8, 4]} wrap style={{ marginTop: 4 }}>
        <DeviceTime alarm={alarm} format={(iso) => raisedText(iso, now)} />
        <AlarmTimers alarm={alarm} now={now} />
        {alarm.groupCount > 1 && (
          <Tag color="orange" data-testid="alarm-group-count">
            {t("alarms.groupCount", { count: alarm.groupCount })}
          </Tag>
        )}
      </Space>
    </Card>
  );
}
