import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageOn, checkCharacter, parseIdNumber, yearsBefore } from "./id-number.ts";
import { maskIdNumber, maskPhone, normalizePhone, isValidPhone } from "./mask.ts";

const TODAY = new Date("2026-11-23T04:00:00Z");

describe("GB 11643 ID numbers", () => {
  it("computes the check character (the standard's own example)", () => {
    expect(checkCharacter("11010519491231002")).toBe("X");
    expect(parseIdNumber("11010519491231002x", TODAY)).toEqual({
      ok: true,
      value: { value: "11010519491231002X", birthDate: "1949-12-31", sex: "F", addressCode: "110105" },
    });
  });

  it("refuses a wrong check character, an impossible date, a future date, a bad format", () => {
    expect(parseIdNumber("110105194912310021", TODAY)).toEqual({ ok: false, problem: "checksum" });
    expect(parseIdNumber("11010519490230002X", TODAY)).toEqual({ ok: false, problem: "birthDate" });
    expect(parseIdNumber(`1101052027010100${"1"}${checkCharacter("11010520270101001")}`, TODAY)).toEqual({ ok: false, problem: "future" });
    expect(parseIdNumber("1101051949123100", TODAY)).toEqual({ ok: false, problem: "format" });
    expect(parseIdNumber("11010519491231002Y", TODAY)).toEqual({ ok: false, problem: "format" });
  });

  it("accepts address codes that no longer exist (old cards keep them)", () => {
    const first17 = "99999919500101003";
    expect(parseIdNumber(first17 + checkCharacter(first17), TODAY).ok).toBe(true);
  });

  it("property: any valid date and sequence with its check character parses back, sex from the parity", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01"), max: new Date("2026-11-22"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (d, seq) => {
          const ymd = d.toISOString().slice(0, 10);
          const first17 = `500107${ymd.replace(/-/g, "")}${String(seq).padStart(3, "0")}`;
          const r = parseIdNumber(first17 + checkCharacter(first17), TODAY);
          expect(r.ok && r.value.birthDate).toBe(ymd);
          expect(r.ok && r.value.sex).toBe(seq % 2 === 1 ? "M" : "F");
        },
      ),
    );
  });

  it("property: changing any one digit breaks the check", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const id = "11010519491231002X";
        const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        const r = parseIdNumber(changed, TODAY);
        expect(r.ok).toBe(false);
      }),
    );
  });

  it("counts age in whole years, birthdays included", () => {
    expect(ageOn("1946-11-23", "2026-11-23")).toBe(80);
    expect(ageOn("1946-11-24", "2026-11-23")).toBe(79);
  });
});

describe("masks and phones", () => {
  it("masks as the console shows them", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110105********002X");
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("02368781234")).toBe("023****1234");
    expect(maskPhone("075512345678")).toBe("********5678");
  });
  it("normalises and validates phones", () => {
    expect(normalizePhone("+86 138-1234-5678")).toBe("13812345678");
    expect(isValidPhone("13812345678")).toBe(true);
    expect(isValidPhone("02368781234")).toBe(true);
    expect(isValidPhone("12812345678")).toBe(false);
    expect(isValidPhone("1381234567")).toBe(false);
  });
});

describe("yearsBefore", () => {
  it("keeps leap days in leap years and clamps them otherwise", () => {
    expect(yearsBefore("2028-02-29", 60)).toBe("1968-02-29");
    expect(yearsBefore("2028-02-29", 61)).toBe("1967-02-28");
    expect(yearsBefore("2026-11-23", 80)).toBe("1946-11-23");
  });
});
