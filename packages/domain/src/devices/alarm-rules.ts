import type { AlarmType, DeviceMessage } from "@carecircle/shared";

/** Thresholds for vital signs (an elder's own would override these; defaults are common clinical alert limits). */
export interface VitalLimits {
  heartRateLow: number;
  heartRateHigh: number;
  systolicHigh: number;
  systolicLow: number;
  spo2Low: number;
  temperatureHigh: number;
}
export const DEFAULT_VITAL_LIMITS: VitalLimits = { heartRateLow: 40, heartRateHigh: 130, systolicHigh: 180, systolicLow: 90, spo2Low: 90, temperatureHigh: 38.5 };

export interface AlarmRuleSettings {
  /** Battery at or below this percent raises a low-battery alarm. */
  lowBatteryPercent: number;
  vitals: VitalLimits;
}
export const DEFAULT_ALARM_SETTINGS: AlarmRuleSettings = { lowBatteryPercent: 20, vitals: DEFAULT_VITAL_LIMITS };

const EVENT_ALARMS: Partial<Record<string, AlarmType>> = { sos: "sos", fall: "fall", smoke: "smoke", gas: "gas", geofence_exit: "geofence_exit", low_battery: "low_battery", tamper: "tamper" };

/** The alarms one message raises, with what triggered them. Pure: the ingestion stores them, grouped. */
export function alarmsFor(m: DeviceMessage, s: AlarmRuleSettings = DEFAULT_ALARM_SETTINGS): { type: AlarmType; detail: Record<string, unknown> }[] {
  switch (m.kind) {
    case "event": {
      const type = EVENT_ALARMS[m.payload.type];
      return type ? [{ type, detail: { event: m.payload.type, ...(m.payload.lat !== undefined ? { lat: m.payload.lat, lng: m.payload.lng, datum: m.payload.datum } : {}) } }] : [];
    }
    case "battery":
      return m.payload.percent <= s.lowBatteryPercent && !m.payload.charging ? [{ type: "low_battery", detail: { percent: m.payload.percent } }] : [];
    case "vitals": {
      const v = m.payload;
      const l = s.vitals;
      const out: string[] = [];
      if (v.heartRate !== undefined && v.heartRate > 0 && (v.heartRate < l.heartRateLow || v.heartRate > l.heartRateHigh)) out.push(`心率 ${v.heartRate}`);
      if (v.systolic !== undefined && v.systolic > 0 && (v.systolic >= l.systolicHigh || v.systolic < l.systolicLow)) out.push(`收缩压 ${v.systolic}`);
      if (v.spo2 !== undefined && v.spo2 > 0 && v.spo2 < l.spo2Low) out.push(`血氧 ${v.spo2}%`);
      if (v.temperature !== undefined && v.temperature >= l.temperatureHigh) out.push(`体温 ${v.temperature}℃`);
      return out.length ? [{ type: "vitals", detail: { findings: out } }] : [];
    }
    default:
      return [];
  }
}
