import type { AlarmStep } from "../api/alarms.ts";

// calls say whether anyone answered; an emergency call says which number (120, 110, 119)
const WITH_RESULT: readonly string[] = ["call_elder", "call_family", "call_emergency"];

/**
 * The i18n key that says one of the call centre's steps in plain words ("致电老人，未接通", "已处理：送医"), with a
 * fallback for a result or an action the app does not know yet, and for close the key of its outcome.
 * @example stepKey({ action: "call_family", result: "answered", at }).key // "alarm.step.call_family.answered"
 */
export function stepKey(step: AlarmStep): { key: string; fallback: string; outcome?: string } {
  if (step.action === "close") return { key: "alarm.step.close", fallback: "alarm.step.close", outcome: `alarm.closeOutcome.${step.result ?? "other"}` };
  if (step.action === "dispatch" && step.volunteerName) return { key: "alarm.step.dispatchVolunteer", fallback: "alarm.step.dispatch" };
  if (WITH_RESULT.includes(step.action)) return { key: `alarm.step.${step.action}.${step.result ?? "any"}`, fallback: `alarm.step.${step.action}.any` };
  return { key: `alarm.step.${step.action}`, fallback: "alarm.step.other" };
}
