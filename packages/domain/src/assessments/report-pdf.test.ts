import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type AssessmentReportData, formatDate, formatDateTime, renderAssessmentReport } from "./report-pdf.ts";

/** A full GB/T 42195-2022 example: 26 items in 4 groups. */
function sampleReport(): AssessmentReportData {
  const groups = [
    { code: "B1", name: "自理能力" },
    { code: "B2", name: "基础运动能力" },
    { code: "B3", name: "精神状态" },
    { code: "B4", name: "感知觉与社会参与" },
  ];
  const defs: [string, string, number, number][] = [
    ["B1.1", "进食", 4, 4], ["B1.2", "修饰", 4, 3], ["B1.3", "洗澡", 4, 1], ["B1.4", "穿/脱上衣", 4, 3],
    ["B1.5", "穿/脱裤子和鞋袜", 4, 2], ["B1.6", "小便控制", 4, 3], ["B1.7", "大便控制", 4, 4], ["B1.8", "如厕", 4, 3],
    ["B2.1", "床上体位转移", 4, 4], ["B2.2", "床椅转移", 4, 3], ["B2.3", "平地行走", 4, 2], ["B2.4", "上下楼梯", 4, 1],
    ["B3.1", "时间定向", 4, 2], ["B3.2", "空间定向", 4, 3], ["B3.3", "人物定向", 4, 3], ["B3.4", "记忆", 4, 1],
    ["B3.5", "理解能力", 4, 3], ["B3.6", "表达能力", 4, 3], ["B3.7", "攻击行为", 1, 1], ["B3.8", "抑郁症状", 1, 0],
    ["B3.9", "意识水平", 2, 2],
    ["B4.1", "视力", 2, 1], ["B4.2", "听力", 2, 1], ["B4.3", "执行日常事务", 4, 2], ["B4.4", "使用交通工具外出", 3, 1],
    ["B4.5", "社会交往能力", 4, 2],
  ];
  const items = defs.map(([code, name, max]) => ({ code, name, group: code.slice(0, 2), max }));
  const scores = Object.fromEntries(defs.map(([code, , , score]) => [code, score]));
  const subtotals: Record<string, number> = {};
  for (const [code, , , score] of defs) subtotals[code.slice(0, 2)] = (subtotals[code.slice(0, 2)] ?? 0) + score;
  const scaleGroups = groups.map((g) => ({ ...g, max: items.filter((i) => i.group === g.code).reduce((s, i) => s + i.max, 0) }));
  return {
    elder: {
      name: "王秀英", sex: "F", birthDate: "1941-08-17", age: 83, idNumberMasked: "500107********2448",
      regionName: "重庆市九龙坡区杨家坪街道团结路社区", address: "重庆市九龙坡区杨家坪街道团结路 72 号 3 单元 5-2",
    },
    scale: { code: "GB/T 42195-2022", name: "老年人能力评估规范", groups: scaleGroups, items },
    assessment: {
      id: "asm_01JX8Q7M4K2N5P9R3T6V8W0YZA",
      reason: "首次评估",
      status: "submitted",
      assessedAt: "2025-06-03T02:30:00.000Z",
      submittedAt: "2025-06-03T06:05:00.000Z",
      items: scores,
      subtotals,
      total: Object.values(subtotals).reduce((a, b) => a + b, 0),
      maxTotal: scaleGroups.reduce((s, g) => s + g.max, 0),
      preliminaryLevel: "轻度失能",
      finalLevel: "中度失能",
      reasons: ["确诊痴呆：在初步等级上降低一级", "近30天内发生照护风险事件 2 次（跌倒 2 次）：等级不再另行降低（不累计）"],
      facts: ["确诊痴呆（阿尔茨海默病，ICD-10 F00）", "近30天跌倒2次"],
      assessors: ["陈晓红", "刘建国"],
      informant: "李志强（儿子）",
      supersedes: { id: "asm_01HZZ3C1B7E0PDQ2M8K4N6R5TA", reason: "状况发生变化" },
    },
    organisation: "重庆市九龙坡区民政局",
    printedAt: "2025-06-04T01:15:00.000Z",
  };
}

/** The Unicode text that the ToUnicode maps of the embedded fonts can produce (pdfkit writes them as bfrange arrays). */
function toUnicodeText(pdf: Buffer): string {
  const s = pdf.toString("latin1");
  let out = "";
  for (const m of s.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = s.indexOf("endstream", start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString("latin1");
    } catch {
      continue;
    }
    if (!body.includes("begincmap")) continue;
    for (const h of body.matchAll(/<([0-9a-fA-F]{4,})>/g)) {
      const hex = h[1]!;
      for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    }
  }
  return out;
}

const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;

describe("renderAssessmentReport", () => {
  it("renders a GB/T 42195 report as a small PDF with an embedded Chinese font subset", async () => {
    const data = sampleReport();
    const first = performance.now();
    await renderAssessmentReport(data); // reads the font files once
    const firstMs = performance.now() - first;
    const t0 = performance.now();
    const pdf = await renderAssessmentReport(data);
    const ms = performance.now() - t0;
    // REPORT_PDF_SAMPLE=/tmp/x.pdf keeps the sample for a look (pdftoppm -png -r 60 /tmp/x.pdf /tmp/x).
    if (process.env.REPORT_PDF_SAMPLE) writeFileSync(process.env.REPORT_PDF_SAMPLE, pdf);
    console.info(`report: ${pdf.length} bytes, first render ${firstMs.toFixed(0)} ms, warm ${ms.toFixed(0)} ms`);

    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    expect(pdf.length).toBeLessThan(1024 * 1024);
    expect(firstMs).toBeLessThan(4000);
    expect(ms).toBeLessThan(2000);

    const text = pdf.toString("latin1");
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/); // a subset, tagged as PDF requires
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(text).toContain("/FontFile2");
    const pages = text.match(/\/Type \/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(3);

    // Every character of the name, the levels and the title has a glyph with a Unicode mapping.
    const mapped = new Set(toUnicodeText(pdf));
    for (const ch of `${data.elder.name}老年人能力评估报告${data.assessment.finalLevel}进食修饰洗澡社会交往`) expect(mapped, ch).toContain(ch);
  });

  it.skipIf(!hasPdftotext)("extracts as Chinese text (pdftotext)", async () => {
    const data = sampleReport();
    const pdf = await renderAssessmentReport(data);
    const dir = mkdtempSync(join(tmpdir(), "report-pdf-"));
    try {
      writeFileSync(join(dir, "r.pdf"), pdf);
      const r = spawnSync("pdftotext", ["-layout", "-enc", "UTF-8", join(dir, "r.pdf"), "-"], { encoding: "utf8" });
      expect(r.status).toBe(0);
      const t = r.stdout.replace(/\s+/g, ""); // pdftotext drops or adds spaces between CJK and digits
      for (const s of ["老年人能力评估报告", data.elder.name, "500107********2448", "首次评估", "穿/脱裤子和鞋袜", "社会交往能力", "中度失能", "等级调整依据", "确诊痴呆", "评估员1签名", "评估员2签名", "信息提供者签名", "评估机构（盖章）", "重庆市九龙坡区民政局", "2025-06-0409:15"]) {
        expect(t, s).toContain(s);
      }
      // Every item code appears exactly once in the table (no row lost or repeated at a page break).
      for (const it of data.scale.items) expect(t.split(it.code).length - 1, it.code).toBe(1);
      const total = t.match(/共(\d+)页/)?.[1];
      expect(Number(total)).toBeGreaterThanOrEqual(2);
      expect(t).toContain(`第${total}页/共${total}页`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints 无 when no adjustment applied and shows missing scores as a dash", async () => {
    const data = sampleReport();
    data.assessment.reasons = [];
    data.assessment.facts = [];
    data.assessment.supersedes = null;
    data.assessment.informant = null;
    data.assessment.submittedAt = null;
    data.assessment.status = "draft";
    delete data.assessment.items["B4.5"];
    const pdf = await renderAssessmentReport(data);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(new Set(toUnicodeText(pdf))).toContain("无");
  });

  it("formats times in Beijing time", () => {
    expect(formatDateTime("2025-06-03T16:30:00Z")).toBe("2025-06-04 00:30");
    expect(formatDate("2025-06-03T16:30:00Z")).toBe("2025-06-04");
    expect(formatDate("1941-08-17")).toBe("1941-08-17");
    expect(formatDate("not a date")).toBe("not a date");
  });
});
