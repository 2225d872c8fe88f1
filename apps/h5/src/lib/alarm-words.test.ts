import { ALARM_OUTCOMES, ALARM_TYPES } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import type { AlarmStep } from "../api/alarms.ts";
import { en } from "../i18n/en.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { stepKey } from "./alarm-words.ts";

/** The string at a dotted i18n key, or undefined: what i18next would show instead of the raw key. */
function lookup(resources: object, key: string): string | undefined {
  const v = key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), resources);
  return typeof v === "string" ? v : undefined;
}

const at = "2026-11-24T06:02:00.000Z";
// every step the call centre can record (AlarmActionInput), with each result it can carry
const STEPS: AlarmStep[] = [
  { action: "acknowledge", result: null, at },
  ...(["answered", "no_answer"] as const).flatMap((result) => [
    { action: "call_elder" as const, result, at },
    { action: "call_family" as const, result, at },
  ]),
  { action: "dispatch", result: null, at },
  { action: "dispatch", result: null, at, volunteerName: "王阿姨" },
  ...(["120", "110", "119"] as const).map((result) => ({ action: "call_emergency" as const, result, at })),
  { action: "note", result: null, at },
  ...ALARM_OUTCOMES.map((result) => ({ action: "close" as const, result, at })),
];

describe("the call centre's steps in plain words", () => {
  it("says each step, its result and each outcome in Chinese and in English", () => {
    for (const lang of [zhCN, en]) {
      for (const s of STEPS) {
        const k = stepKey(s);
        expect(lookup(lang, k.key), k.key).toBeTruthy();
        expect(lookup(lang, k.fallback), k.fallback).toBeTruthy();
        if (k.outcome) expect(lookup(lang, k.outcome), k.outcome).toBeTruthy();
      }
    }
  });

  it("words a call by whether anyone answered, and a close by its outcome", () => {
    expect(lookup(zhCN, stepKey({ action: "call_elder", result: "no_answer", at }).key)).toBe("致电老人，未接通");
    expect(lookup(zhCN, stepKey({ action: "call_family", result: "answered", at }).key)).toBe("致电家属，已接通");
    const close = stepKey({ action: "close", result: "sent_to_hospital", at });
    expect(lookup(zhCN, close.key)!.replace("{{outcome}}", lookup(zhCN, close.outcome!)!)).toBe("已处理：送医");
  });

  it("falls back to the action alone for a result it does not know, and to a plain sentence for a new action", () => {
    expect(stepKey({ action: "call_emergency", result: "999", at }).fallback).toBe("alarm.step.call_emergency.any");
    expect(stepKey({ action: "close", result: null, at }).outcome).toBe("alarm.closeOutcome.other");
    expect(stepKey({ action: "page_doctor" as AlarmStep["action"], result: null, at }).fallback).toBe("alarm.step.other");
  });

  it("names every alarm type and outcome in both languages", () => {
    for (const lang of [zhCN, en]) {
      for (const type of ALARM_TYPES) expect(lookup(lang, `alarms.type.${type}`), type).toBeTruthy();
      for (const o of ALARM_OUTCOMES) expect(lookup(lang, `alarms.outcomeWords.${o}`), o).toBeTruthy();
    }
  });
});
