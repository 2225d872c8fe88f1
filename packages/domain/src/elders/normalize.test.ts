import { ElderFields } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { Secrets } from "../core/secrets.ts";
import { canonical, diffElder } from "./internal.ts";
import { namePinyin, normalizeElder } from "./normalize.ts";
import { csvCell, readSheet } from "./spreadsheet.ts";
import { passwordProblem } from "../auth/password.ts";
import { inScope, SYSTEM_ACTOR } from "../core/permissions.ts";

const secrets = new Secrets("unit-test-secret-long-enough");
const facts = { isCommunityInScope: (c: string) => c.startsWith("500107001"), minAge: () => 60 };
const base = { name: "单雄信", idNumber: "11010519491231002X", phone: "13812345678", address: "a", regionCode: "500107001001" };

describe("normalizing an elder", () => {
  it("reads surnames as surnames and keeps pinyin initials", () => {
    expect(namePinyin("单雄信")).toEqual({ full: "shanxiongxin", initials: "sxx" });
    expect(namePinyin("曾国藩").initials).toBe("zgf");
    expect(namePinyin("吕秀英").full).toBe("lvxiuying");
  });

  it("derives, encrypts, hashes and masks", () => {
    const r = normalizeElder(ElderFields.parse(base), secrets, facts, new Date("2026-11-23"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ birthDate: "1949-12-31", sex: "F", idNumberMasked: "110105********002X", phoneMasked: "138****5678", nameInitials: "sxx" });
    expect(secrets.decrypt(r.value.idNumberEnc)).toBe("11010519491231002X");
  });

  it("collects every field error at once", () => {
    const r = normalizeElder(ElderFields.parse({ ...base, idNumber: "110105194912310021", phone: "1", regionCode: "500107002001" }), secrets, facts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path).sort()).toEqual(["idNumber", "phone", "regionCode"]);
  });

  it("applies the region's minimum age", () => {
    const r = normalizeElder(ElderFields.parse(base), secrets, { ...facts, minAge: () => 80 }, new Date("2026-11-23"));
    expect(r.ok).toBe(false);
  });

  it("diffs regardless of JSON key order", () => {
    expect(canonical({ b: 1, a: { d: 2, c: 3 } })).toBe(canonical({ a: { c: 3, d: 2 }, b: 1 }));
    expect(diffElder({ address: "x", health: { a: 1, b: 2 } } as never, { address: "y", health: { b: 2, a: 1 } } as never)).toEqual({ address: { from: "x", to: "y" } });
  });
});

describe("spreadsheets", () => {
  it("parses RFC 4180 CSV: quotes, doubled quotes, CRLF, BOM, blank lines", async () => {
    const sheet = await readSheet(Buffer.from('\ufeff姓名,备注\r\n"张,三","说""好"""\r\n\r\n李四,\n'), "a.csv");
    expect(sheet.headers).toEqual(["姓名", "备注"]);
    expect(sheet.rows).toEqual([
      { line: 2, cells: ["张,三", '说"好"'] },
      { line: 4, cells: ["李四", ""] },
    ]);
  });
  it("reads Chinese text intact across a large .xlsx (no characters garbled at chunk boundaries)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("x");
    ws.addRow(["姓名", "居住状况", "经济状况"]);
    for (let i = 0; i < 20_000; i++) ws.addRow([`王秀英${i}`, "与家人同住", "计生特扶"]);
    const sheet = await readSheet(Buffer.from(await wb.xlsx.writeBuffer()), "big.xlsx");
    expect(sheet.rows).toHaveLength(20_000);
    const garbled = sheet.rows.filter((r) => r.cells.some((c) => String(c).includes("\ufffd")));
    expect(garbled).toEqual([]);
    expect(sheet.rows[19_999]!.cells).toEqual(["王秀英19999", "与家人同住", "计生特扶"]);
  });

  it("defuses formulas when writing CSV", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
  });
  it("refuses binary files that are not spreadsheets", async () => {
    await expect(readSheet(Buffer.from([1, 0, 2]), "x.csv")).rejects.toThrow(/不是有效/);
    await expect(readSheet(Buffer.alloc(0), "x.csv")).rejects.toThrow(/空/);
  });
});

describe("rules", () => {
  it("password rules: 8+ characters from 3 classes", () => {
    expect(passwordProblem("Abc-1234")).toBeNull();
    expect(passwordProblem("abcdefgh")).toMatch(/三类/);
    expect(passwordProblem("Ab1-")).toMatch(/8/);
  });
  it("region scope is a code prefix", () => {
    const street = { ...SYSTEM_ACTOR, regionCode: "500107001" };
    expect(inScope(street, "500107001003")).toBe(true);
    expect(inScope(street, "500107002001")).toBe(false);
    expect(inScope(SYSTEM_ACTOR, "110105001001")).toBe(true);
  });
});
