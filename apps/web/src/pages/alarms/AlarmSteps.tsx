import { useQuery } from "@tanstack/react-query";
import { Alert, Empty, Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type Alarm, type AlarmStep, type ElderAlarm, knownStepsKey } from "../../api/alarms.ts";
import { api } from "../../api/client.ts";
import { enumLabel } from "../../lib/labels.ts";
import { formatDateTime } from "../../lib/time.ts";

const COLOR: Record<string, string> = { acknowledge: "blue", call_emergency: "red", dispatch: "orange", close: "green" };

/** A step's result in words: 已接通 / 未接通, the emergency number, or the outcome it closed with. */
export function stepResult(t: TFunction, s: AlarmStep): string | null {
  if (!s.result) return null;
  if (s.action === "call_elder" || s.action === "call_family") return enumLabel(t, "callResult", s.result);
  if (s.action === "close") return enumLabel(t, "alarmOutcome", s.result);
  return s.result;
}

/**
 * The steps on record for an alarm. The server answers them, with who took each and the notes, only to the action
 * just posted; for an alarm handled before (or by a colleague) the elder's alarm record gives what, when and the
 * result. The longer of the two is shown.
 */
export function useAlarmSteps(alarm: Alarm): { steps: AlarmStep[]; partial: boolean; loading: boolean } {
  const known = useQuery<AlarmStep[] | null>({ queryKey: knownStepsKey(alarm.id), queryFn: () => null, enabled: false });
  const elderView = useQuery({
    queryKey: ["alarms", "elder-view", alarm.elderId],
    enabled: !!alarm.elderId && alarm.status !== "open",
    queryFn: () => api<{ items: ElderAlarm[] }>(`/me/elders/${alarm.elderId}/alarms`),
  });
  const recorded = elderView.data?.items.find((a) => a.id === alarm.id)?.steps ?? [];
  const mine = known.data ?? null;
  if (mine && mine.length >= recorded.length) return { steps: mine, partial: false, loading: false };
  return { steps: recorded, partial: recorded.length > 0, loading: elderView.isPending && elderView.fetchStatus !== "idle" };
}

/** 处置记录: time, who, what, result and notes of every step. */
export function AlarmSteps({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const { steps, partial } = useAlarmSteps(alarm);
  if (steps.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("alarms.stepsEmpty")} data-testid="alarm-steps-empty" />;
  return (
    <>
      {partial && <Alert type="info" showIcon title={t("alarms.stepsPartial")} style={{ marginBottom: 12 }} />}
      <Timeline
        data-testid="alarm-steps"
        items={steps.map((s, i) => ({
          key: `${s.at}-${i}`,
          color: COLOR[s.action] ?? "gray",
          content: (
            <div data-testid="alarm-step" data-action={s.action} data-result={s.result ?? ""}>
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
