import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CreateCreditRecordInput,
  CreateInspectionInput,
  DEFAULT_CHECKLISTS,
  maskPersonName,
  NEGATIVE_LIST,
  nextRectificationStatus,
  RECTIFICATION_ACTIONS,
  RECTIFICATION_STATUSES,
  type RectificationParty,
  type RectificationStatus,
} from "./inspections.ts";

const PARTIES: RectificationParty[] = ["facility", "bureau"];

describe("the rectification state machine", () => {
  it("the facility acknowledges, answers and resolves; only the bureau closes or sends back", () => {
    expect(nextRectificationStatus("open", "acknowledge", ["facility"])).toBe("acknowledged");
    expect(nextRectificationStatus("acknowledged", "feedback", ["facility"])).toBe("feedback");
    expect(nextRectificationStatus("feedback", "resolve", ["facility"])).toBe("resolved");
    expect(nextRectificationStatus("resolved", "close", ["bureau"])).toBe("closed");
    expect(nextRectificationStatus("resolved", "reopen", ["bureau"])).toBe("open");
    expect(nextRectificationStatus("resolved", "close", ["facility"])).toMatchObject({ kind: "party" });
    expect(nextRectificationStatus("open", "acknowledge", ["bureau"])).toMatchObject({ kind: "party" });
    expect(nextRectificationStatus("open", "resolve", ["facility"])).toMatchObject({ kind: "state" });
    expect(nextRectificationStatus("closed", "reopen", ["bureau"])).toMatchObject({ kind: "state", message: expect.stringContaining("已销号") });
  });

  it("any walk: closed only from resolved, by the bureau; nothing moves a closed task", () => {
    const step = fc.record({ action: fc.constantFrom(...RECTIFICATION_ACTIONS), party: fc.constantFrom(...PARTIES) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let status: RectificationStatus = "open";
        for (const s of steps) {
          const next = nextRectificationStatus(status, s.action, [s.party]);
          if (typeof next !== "string") continue;
          if (next === "closed") expect([status, s.party]).toEqual(["resolved", "bureau"]);
          if (status === "closed") throw new Error("a closed task moved");
          if (s.party === "facility") expect(["close", "reopen"]).not.toContain(s.action);
          status = next;
        }
        expect(RECTIFICATION_STATUSES).toContain(status);
      }),
    );
  });
});

describe("inputs", () => {
  const all = (kind: keyof typeof DEFAULT_CHECKLISTS) => DEFAULT_CHECKLISTS[kind].map((i) => ({ key: i.key, ok: true }));
  it("an inspection names one target and answers every item of its kind's checklist", () => {
    const facilityId = "00000000-0000-4000-8000-000000000001";
    expect(CreateInspectionInput.safeParse({ facilityId, kind: "food", checklist: all("food") }).success).toBe(true);
    expect(CreateInspectionInput.safeParse({ kind: "food", checklist: all("food") }).success).toBe(false);
    expect(CreateInspectionInput.safeParse({ facilityId, providerId: facilityId, kind: "food", checklist: all("food") }).success).toBe(false);
    const missing = CreateInspectionInput.safeParse({ facilityId, kind: "food", checklist: all("food").slice(1) });
    expect(missing.error?.issues[0]?.message).toContain("检查项未填写");
    expect(CreateInspectionInput.safeParse({ facilityId, kind: "food", checklist: [...all("food"), { key: "exits", ok: true }] }).success).toBe(false);
  });

  it("the negative list has ten items with distinct keys; a violation names one; a blacklisting has a period", () => {
    expect(NEGATIVE_LIST).toHaveLength(10);
    expect(new Set(NEGATIVE_LIST.map((p) => p.key)).size).toBe(10);
    const base = { subjectKind: "legal_person", subjectName: "张三", reason: "事由" } as const;
    expect(CreateCreditRecordInput.safeParse({ ...base, kind: "violation" }).success).toBe(false);
    expect(CreateCreditRecordInput.safeParse({ ...base, kind: "violation", prohibition: "hidden_fees" }).success).toBe(true);
    expect(CreateCreditRecordInput.safeParse({ ...base, kind: "blacklist" }).success).toBe(false);
    expect(CreateCreditRecordInput.safeParse({ ...base, kind: "blacklist", startsOn: "2026-02-01", endsOn: "2026-01-01" }).success).toBe(false);
    expect(CreateCreditRecordInput.safeParse({ ...base, kind: "blacklist", startsOn: "2026-01-01", endsOn: "2026-02-30" }).success).toBe(false);
    expect(CreateCreditRecordInput.safeParse({ ...base, kind: "blacklist", startsOn: "2026-01-01", endsOn: "2027-01-01" }).success).toBe(true);
  });

  it("a person's public name keeps the surname only, and hides the length", () => {
    expect(maskPersonName("张三丰")).toBe("张**");
    expect(maskPersonName("李四")).toBe("李**");
    expect(maskPersonName(" 欧阳娜娜 ")).toBe("欧**");
  });
});
