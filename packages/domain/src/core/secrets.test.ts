import { describe, expect, it } from "vitest";
import { Secrets } from "./secrets.ts";

describe("field secrets", () => {
  const s = new Secrets("a-test-secret-of-enough-length");
  it("encrypts with a fresh IV each time and decrypts back", () => {
    const a = s.encrypt("11010519491231002X");
    const b = s.encrypt("11010519491231002X");
    expect(a.equals(b)).toBe(false);
    expect(s.decrypt(a)).toBe("11010519491231002X");
  });
  it("detects tampering", () => {
    const a = s.encrypt("13812345678");
    a.writeUInt8(a.readUInt8(a.length - 1) ^ 1, a.length - 1);
    expect(() => s.decrypt(a)).toThrow();
  });
  it("gives keyed, deterministic lookup hashes that differ by key and kind", () => {
    const other = new Secrets("another-secret-of-enough-length");
    expect(s.lookupHash("id", "x")).toBe(s.lookupHash("id", "x"));
    expect(s.lookupHash("id", "x")).not.toBe(other.lookupHash("id", "x"));
    expect(s.lookupHash("id", "x")).not.toBe(s.lookupHash("phone", "x"));
  });
  it("refuses a short secret", () => {
    expect(() => new Secrets("short")).toThrow(/16 bytes/);
  });
});
