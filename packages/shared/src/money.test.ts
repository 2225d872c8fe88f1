import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hoursText, yuanText } from "./money.ts";

describe("money and time in words", () => {
  it("shows fen as yuan exactly, negative amounts included", () => {
    expect(yuanText(2500)).toBe("25.00");
    expect(yuanText(-5)).toBe("-0.05");
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 10 }), (fen) => {
        expect(Math.round(Number(yuanText(fen)) * 100)).toBe(fen);
      }),
    );
  });
  it("shows minutes as hours", () => {
    expect(hoursText(120)).toBe("2");
    expect(hoursText(90)).toBe("1.5");
  });
});
