import { describe, expect, it } from "vitest";
import { CreateFacilityInput } from "./facilities.ts";
import { bonusEligibility, certificateState, StaffCertificate } from "./workforce.ts";

describe("certificateState", () => {
  it("expired after the last valid day, expiring within the window (both edges), else valid", () => {
    expect(certificateState("2026-01-01", "2026-01-01", 30)).toBe("expiring");
    expect(certificateState("2025-12-31", "2026-01-01", 30)).toBe("expired");
    expect(certificateState("2026-01-31", "2026-01-01", 30)).toBe("expiring");
    expect(certificateState("2026-02-01", "2026-01-01", 30)).toBe("valid");
  });
});

describe("bonusEligibility", () => {
  const rule = { years: 3, educations: ["vocational", "bachelor"] };
  it("is eligible up to and including the anniversary, with a listed degree", () => {
    expect(bonusEligibility({ education: "bachelor", graduatedOn: "2023-07-01" }, "2026-07-01", rule)).toEqual({ eligible: true, until: "2026-07-01", reason: "eligible" });
    expect(bonusEligibility({ education: "bachelor", graduatedOn: "2023-07-01" }, "2026-07-02", rule)).toMatchObject({ eligible: false, reason: "expired" });
    expect(bonusEligibility({ education: "high_school", graduatedOn: "2025-07-01" }, "2026-01-01", rule)).toMatchObject({ eligible: false, reason: "education" });
    expect(bonusEligibility({ education: "bachelor", graduatedOn: null }, "2026-01-01", rule)).toMatchObject({ eligible: false, until: null, reason: "no_graduation" });
  });
  it("a 29 February graduation ends its window on 28 February", () => {
    expect(bonusEligibility({ education: "vocational", graduatedOn: "2024-02-29" }, "2026-01-01", rule).until).toBe("2027-02-28");
  });
});

describe("inputs", () => {
  it("a caregiver certificate needs its level; nursing beds may not exceed beds", () => {
    expect(StaffCertificate.safeParse({ kind: "caregiver", number: "x", validTo: "2030-01-01" }).error?.issues[0]?.path).toEqual(["level"]);
    expect(StaffCertificate.safeParse({ kind: "health", number: "x", validTo: "2030-01-01" }).success).toBe(true);
    const base = { name: "站", tier: "station", regionCode: "500107001001", address: "x", operatorName: "y", operatingModel: "public" };
    expect(CreateFacilityInput.safeParse({ ...base, beds: 3, nursingBeds: 4 }).error?.issues[0]?.path).toEqual(["nursingBeds"]);
    expect(CreateFacilityInput.safeParse({ ...base, beds: 4, nursingBeds: 4, lat: 29.5 }).error?.issues[0]?.path).toEqual(["lng"]);
    expect(CreateFacilityInput.safeParse({ ...base, beds: 4, nursingBeds: 4 }).success).toBe(true);
  });
});
