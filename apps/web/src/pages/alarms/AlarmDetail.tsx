import { EnvironmentOutlined, ExclamationCircleFilled } from "@ant-design/icons";
import { Alert, Card, Col, Descriptions, Row, Space, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Alarm } from "../../api/alarms.ts";
import { enumLabel } from "../../lib/labels.ts";
import { formatDateTime } from "../../lib/time.ts";
import { AlarmActions } from "./AlarmActions.tsx";
import { AlarmTimers, DeviceTime, STATUS_COLOR } from "./AlarmCard.tsx";
import { AlarmElder, amapLink } from "./AlarmElder.tsx";
import { AlarmResponders } from "./AlarmResponders.tsx";
import { AlarmSteps } from "./AlarmSteps.tsx";
import { isEscalated } from "./timing.ts";

/** What set the alarm off, from its `detail`: the device's event, vital-sign findings, the battery level. */
function triggerText(t: TFunction, a: Alarm): string | null {
  const d = a.detail;
  const out: string[] = [];
  if (Array.isArray(d.findings) && d.findings.length) out.push(`${t("alarms.facts.findings")}：${(d.findings as string[]).join("、")}`);
  if (typeof d.percent === "number") out.push(t("alarms.facts.battery", { v: d.percent }));
  if (a.type === "inactivity" && typeof d.hours === "number") out.push(t("alarms.facts.inactivity", { hours: d.hours }));
  if (a.type === "offline" || a.type === "inactivity") out.push(typeof d.lastSeenAt === "string" ? t("alarms.facts.lastSeen", { v: formatDateTime(d.lastSeenAt) }) : t("alarms.facts.neverSeen"));
  return out.length ? out.join("；") : null;
}

/** The position a device reported with its event, if any. */
function reportedPosition(a: Alarm): { lat: number; lng: number; datum: "gcj02" | "wgs84" } | null {
  const { lat, lng, datum } = a.detail;
  if (typeof lat !== "number" || typeof lng !== "number") return null;
  return { lat, lng, datum: datum === "gcj02" ? "gcj02" : "wgs84" };
}

/** The selected alarm: its facts and timers, the action panel, the steps on record, the elder's card and who is near. */
export function AlarmDetail({ alarm, now }: { alarm: Alarm; now: number }) {
  const { t } = useTranslation();
  const escalated = isEscalated(alarm, now);
  const trigger = triggerText(t, alarm);
  const position = reportedPosition(alarm);
  return (
    <Card
      data-testid="alarm-detail"
      data-alarm-id={alarm.id}
      data-status={alarm.status}
      className={escalated ? "alarm-card-escalated" : undefined}
      title={
        <Space wrap>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {enumLabel(t, "alarmType", alarm.type)}
          </Typography.Text>
          <Tag color={STATUS_COLOR[alarm.status]} data-testid="alarm-detail-status">
            {enumLabel(t, "alarmStatus", alarm.status)}
          </Tag>
          {escalated && (
            <Tag color="#cf1322" icon={<ExclamationCircleFilled />}>
              {t("alarms.escalated")}
            </Tag>
          )}
          {alarm.outcome && (
            <Tag color="green" data-testid="alarm-detail-outcome">
              {t("alarms.outcome")}：{enumLabel(t, "alarmOutcome", alarm.outcome)}
            </Tag>
          )}
        </Space>
      }
      extra={<AlarmTimers alarm={alarm} now={now} />}
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="alarm-facts" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("alarms.raisedAt")}>
          <Space size={[8, 4]} wrap>
            <span className="mono" data-testid="alarm-detail-raised-at">
              {formatDateTime(alarm.raisedAt)}
            </span>
            <DeviceTime alarm={alarm} format={formatDateTime} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t("alarms.device")}>
          {enumLabel(t, "deviceType", alarm.deviceType)} · <span className="mono">{alarm.serial}</span>
        </Descriptions.Item>
        {alarm.groupCount > 1 && (
          <Descriptions.Item label={t("alarms.lastAt")}>
            <span className="mono">{formatDateTime(alarm.lastAt)}</span>
            <Tag color="orange" style={{ marginInlineStart: 8 }}>
              {t("alarms.groupCount", { count: alarm.groupCount })}
            </Tag>
          </Descriptions.Item>
        )}
        {trigger && <Descriptions.Item label={t("alarms.facts.trigger")}>{trigger}</Descriptions.Item>}
        {position && (
          <Descriptions.Item label={t("alarms.facts.position")}>
            <a href={amapLink(position.lng, position.lat, position.datum)} target="_blank" rel="noreferrer" data-testid="alarm-position-map">
              <EnvironmentOutlined /> {t("alarms.openMap")}
            </a>
          </Descriptions.Item>
        )}
      </Descriptions>
      <AlarmActions key={alarm.id} alarm={alarm} />
      <Row gutter={[24, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xxl={14}>
          <Typography.Title level={5}>{t("alarms.elderCard")}</Typography.Title>
          {alarm.elderId ? <AlarmElder elderId={alarm.elderId} /> : <Alert type="warning" showIcon title={t("alarms.unbound")} data-testid="alarm-unbound" />}
          <AlarmResponders key={alarm.id} alarm={alarm} />
        </Col>
        <Col xs={24} xxl={10}>
          <Typography.Title level={5}>{t("alarms.steps")}</Typography.Title>
          <AlarmSteps alarm={alarm} />
        </Col>
      </Row>
    </Card>
  );
}
