import { describe, expect, it } from "vitest";
import { distanceParts } from "./distance.ts";

describe("a responder's distance in words", () => {
  it("is whole metres under a kilometre, kilometres with one decimal from there", () => {
    expect(distanceParts(0)).toEqual({ unit: "m", value: "0" });
    expect(distanceParts(849.6)).toEqual({ unit: "m", value: "850" });
    expect(distanceParts(999.4)).toEqual({ unit: "m", value: "999" });
    // 999.5 m rounds to a full kilometre, written as one
    expect(distanceParts(999.5)).toEqual({ unit: "km", value: "1" });
    expect(distanceParts(1234)).toEqual({ unit: "km", value: "1.2" });
    expect(distanceParts(4960)).toEqual({ unit: "km", value: "5" });
  });
});
