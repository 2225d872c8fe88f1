import { Alert, Empty, Skeleton, Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type Alarm, type AlarmStep, useAlarmRecord } from "../../api/alarms.ts";
import { enumLabel } from "../../lib/labels.ts";
import { errorText } from "../../lib/problem.ts";
import { formatDateTime } from "../../lib/time.ts";

const COLOR: Record<string, string> = { acknowledge: "blue", call_emergency: "red", dispatch: "orange", close: "green" };

/** A step's result in words: 已接通 / 未接通, the emergency number, or the outcome it closed with. */
export function stepResult(t: TFunction, s: AlarmStep): string | null {
  // a volunteer asked to go: no order, their name
  if (s.action === "dispatch" && s.volunteer) return t("alarms.responders.volunteerStep", { name: s.volunteer.name });
  if (!s.result) return null;
  if (s.action === "call_elder" || s.action === "call_family") return enumLabel(t, "callResult", s.result);
  if (s.action === "close") return enumLabel(t, "alarmOutcome", s.result);
  // a caregiver sent from the nearby list: the emergency order placed for them
  if (s.action === "dispatch") return t("alarms.orderNo", { no: s.result });
  return s.result;
}

/** 处置记录: time, who, what, result and notes of every step (GET /alarms/{id}, refetched with every alarm event). */
export function AlarmSteps({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const record = useAlarmRecord(alarm.id);
  if (record.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (record.isError) return <Alert type="error" showIcon title={errorText(record.error)} />;
  const steps = record.data.actions;
  if (steps.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("alarms.stepsEmpty")} data-testid="alarm-steps-empty" />;
  return (
    <>
      <Timeline
        data-testid="alarm-steps"
        items={steps.map((s, i) => ({
          key: `${s.at}-${i}`,
          color: COLOR[s.action] ?? "gray",
          content: (
            <div data-testid="alarm-step" data-action={s.action} data-result={s.result ?? ""} data-volunteer-id={s.volunteer?.id ?? ""}>
              <Typography.Text strong>{enumLabel(t, "alarmAction", s.action)}</Typography.Text>
              {stepResult(t, s) && <Typography.Text style={{ marginInlineStart: 8 }}>{stepResult(t, s)}</Typography.Text>}
              <Typography.Text type="secondary" className="mono" style={{ marginInlineStart: 8 }}>
                {formatDateTime(s.at)}
              </Typography.Text>
              {s.actorName && (
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {s.actorName}
                </Typography.Text>
              )}
              {s.notes && <div>{s.notes}</div>}
            </div>
          ),
        }))}
      />
    </>
  );
}
