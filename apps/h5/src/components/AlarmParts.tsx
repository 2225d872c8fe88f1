import { shanghaiDate } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { type AlarmStep, isHandling, type MyAlarm } from "../api/alarms.ts";
import { stepKey } from "../lib/alarm-words.ts";
import { dayText, shanghaiTime } from "../lib/format.ts";
import { daysFromToday } from "../lib/slots.ts";
import { Icon } from "./Icon.tsx";

/** 处理中 or 已处理, with a sign: the colour is never the only cue. */
export function AlarmStatus({ alarm }: { alarm: MyAlarm }) {
  const { t } = useTranslation();
  const handling = isHandling(alarm);
  return (
    <span className={`status ${handling ? "status-attention" : "status-done"}`} data-status={alarm.status} data-testid="alarm-status">
      <Icon name={handling ? "clock" : "check"} /> {handling ? t("alarms.status.handling") : t("alarms.status.done")}
    </span>
  );
}

/** When, as people say it: "今天 14:02", "昨天 09:30", "11月20日 周五 18:15". */
export function useWhen() {
  const { t, i18n } = useTranslation();
  return (iso: string) => {
    const days = daysFromToday(iso);
    const day = days === 0 ? t("alarms.today") : days === -1 ? t("alarms.yesterday") : dayText(shanghaiDate(new Date(iso)), i18n.language);
    return `${day} ${shanghaiTime(iso)}`;
  };
}

/** One step of the call centre in plain words: "致电家属，已接通", "已处理：送医". */
export function useStepWords() {
  const { t } = useTranslation();
  return (step: AlarmStep) => {
    const k = stepKey(step);
    const outcome = k.outcome ? t(k.outcome, { defaultValue: t("alarm.closeOutcome.other") }) : undefined;
    return t(k.key, { defaultValue: t(k.fallback, { outcome }), outcome, name: step.volunteerName });
  };
}
