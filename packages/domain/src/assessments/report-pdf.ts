/**
 * The printable assessment report (老年人能力评估报告): an A4 PDF in Chinese, made on the server with no network and
 * no system fonts. The CJK font is Noto Sans SC (SIL OFL 1.1) from the npm package @expo-google-fonts/noto-sans-sc;
 * pdfkit embeds only the glyphs used (a TrueType subset), so a report stays small (≈ 100–200 KB).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

export interface AssessmentReportData {
  elder: { name: string; sex: "M" | "F"; birthDate: string; age: number; idNumberMasked: string; regionName: string; address: string };
  scale: { code: string; name: string; groups: { code: string; name: string; max: number }[]; items: { code: string; name: string; group: string; max: number }[] };
  assessment: {
    id: string;
    reason: string /* Chinese label, e.g. 首次评估 */;
    status: string;
    assessedAt: string /* ISO */;
    submittedAt: string | null;
    items: Record<string, number>;
    subtotals: Record<string, number>;
    total: number;
    maxTotal: number;
    preliminaryLevel: string;
    finalLevel: string;
    reasons: string[] /* adjustments applied, Chinese */;
    facts: string[] /* e.g. ["确诊痴呆", "近30天跌倒2次"] */;
    assessors: string[] /* two names */;
    informant: string | null;
    supersedes?: { id: string; reason: string } | null;
  };
  organisation: string; // e.g. "重庆市九龙坡区民政局"
  printedAt: string; // ISO
}

// ---------------------------------------------------------------------------------------------------------------
// Fonts: read once per process (each TTF is ~10 MB; pdfkit parses lazily and embeds a subset per document).

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
} as const;
let fontCache: { regular: Buffer; bold: Buffer } | null = null;
function fonts(): { regular: Buffer; bold: Buffer } {
  fontCache ??= { regular: readFileSync(require.resolve(FONT_FILES.regular)), bold: readFileSync(require.resolve(FONT_FILES.bold)) };
  return fontCache;
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting

const TIME_ZONE = "Asia/Shanghai";
const dtf = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});

function parts(iso: string): Record<string, string> | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(dtf.formatToParts(d).map((p) => [p.type, p.value]));
}
/** "2025-06-03 14:05" in Beijing time; the input as given when it is not a date. */
export function formatDateTime(iso: string): string {
  const p = parts(iso);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : iso;
}
/** "2025-06-03" in Beijing time; a plain "YYYY-MM-DD" passes through unchanged. */
export function formatDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const p = parts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
}

const STATUS_LABELS: Record<string, string> = {
  draft: "草稿（未提交）", submitted: "已提交", approved: "已审核", confirmed: "已确认", superseded: "已被替代", voided: "已作废", cancelled: "已作废",
};
const statusLabel = (s: string): string => STATUS_LABELS[s] ?? s;

// ---------------------------------------------------------------------------------------------------------------
// Layout

type Doc = PDFKit.PDFDocument;

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = { top: 56, bottom: 64, left: 50, right: 50 };
const CONTENT_W = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom; // content must end above this line
const COLOR = { text: "#111111", muted: "#555555", rule: "#333333", grid: "#8a8a8a", label: "#eef1f5", head: "#dde3ea", group: "#f4f6f8", accent: "#1f4e79" };
const SIZE = { title: 20, section: 12.5, body: 10.5, small: 8.5 };
const PAD_X = 5;
const PAD_Y = 4.5;

const F = { regular: "NotoSansSC", bold: "NotoSansSC-Bold" };

interface Cell {
  text: string;
  width: number;
  align?: "left" | "center" | "right";
  bold?: boolean;
  fill?: string;
  color?: string;
}

function cellHeight(doc: Doc, c: Cell): number {
  doc.font(c.bold ? F.bold : F.regular).fontSize(SIZE.body);
  return doc.heightOfString(c.text || " ", { width: c.width - 2 * PAD_X, lineGap: 1 }) + 2 * PAD_Y;
}
function rowHeight(doc: Doc, cells: Cell[]): number {
  return Math.max(...cells.map((c) => cellHeight(doc, c)));
}
/** Draws one bordered table row at the current y and moves below it. */
function drawRow(doc: Doc, cells: Cell[], h = rowHeight(doc, cells)): void {
  const y = doc.y;
  let x = MARGIN.left;
  for (const c of cells) {
    if (c.fill) doc.save().rect(x, y, c.width, h).fill(c.fill).restore();
    doc.save().lineWidth(0.6).strokeColor(COLOR.grid).rect(x, y, c.width, h).stroke().restore();
    doc.font(c.bold ? F.bold : F.regular).fontSize(SIZE.body).fillColor(c.color ?? COLOR.text);
    const th = doc.heightOfString(c.text || " ", { width: c.width - 2 * PAD_X, lineGap: 1 });
    doc.text(c.text, x + PAD_X, y + (h - th) / 2, { width: c.width - 2 * PAD_X, align: c.align ?? "left", lineGap: 1, lineBreak: true });
    x += c.width;
  }
  doc.x = MARGIN.left;
  doc.y = y + h;
}

/** Starts a new page when fewer than `h` points are left. Returns whether it did. */
function ensureSpace(doc: Doc, h: number): boolean {
  if (doc.y + h <= BOTTOM) return false;
  doc.addPage();
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
  return true;
}

function sectionTitle(doc: Doc, text: string, keepWithNext: number): void {
  ensureSpace(doc, 30 + keepWithNext);
  doc.moveDown(0.6);
  const y = doc.y;
  doc.save().rect(MARGIN.left, y + 3, 3.5, SIZE.section + 2).fill(COLOR.accent).restore();
  doc.font(F.bold).fontSize(SIZE.section).fillColor(COLOR.accent).text(text, MARGIN.left + 10, y, { width: CONTENT_W - 10, lineBreak: false });
  doc.x = MARGIN.left;
  doc.y = y + SIZE.section + 10;
  doc.fillColor(COLOR.text);
}

/** A label/value grid of 4 columns; a pair without a second label spans the full width. */
function keyValueTable(doc: Doc, rows: ([string, string] | [string, string, string, string])[], boldValues: string[] = []): void {
  const labelW = 78;
  const valueW = (CONTENT_W - 2 * labelW) / 2;
  for (const r of rows) {
    const cells: Cell[] =
      r.length === 4
        ? [
            { text: r[0], width: labelW, fill: COLOR.label, bold: true },
            { text: r[1], width: valueW, bold: boldValues.includes(r[0]) },
            { text: r[2], width: labelW, fill: COLOR.label, bold: true },
            { text: r[3], width: valueW, bold: boldValues.includes(r[2]) },
          ]
        : [
            { text: r[0], width: labelW, fill: COLOR.label, bold: true },
            { text: r[1], width: CONTENT_W - labelW, bold: boldValues.includes(r[0]) },
          ];
    const h = rowHeight(doc, cells);
    ensureSpace(doc, h);
    drawRow(doc, cells, h);
  }
}

function bulletList(doc: Doc, lines: string[], empty = "无"): void {
  doc.font(F.regular).fontSize(SIZE.body).fillColor(COLOR.text);
  const left = MARGIN.left + 6;
  if (!lines.length) {
    ensureSpace(doc, SIZE.body + 6);
    doc.text(empty, left, doc.y, { width: CONTENT_W - 6 });
    doc.x = MARGIN.left;
    return;
  }
  const indent = doc.widthOfString(`${lines.length}. `) + 2;
  const width = CONTENT_W - 6 - indent;
  lines.forEach((line, i) => {
    const h = doc.heightOfString(line, { width, lineGap: 2 }) + 3;
    ensureSpace(doc, h);
    const y = doc.y;
    doc.text(`${i + 1}.`, left, y, { width: indent, lineBreak: false });
    doc.text(line, left + indent, y, { width, lineGap: 2 });
    doc.x = MARGIN.left;
    doc.y = y + h;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The items table: one header, each group as a shaded row, its items, then its subtotal. On a page break the column
// header is repeated with the group marked “（续）”, and a group's last item never leaves its subtotal behind.

function itemsTable(doc: Doc, data: AssessmentReportData): void {
  const { scale, assessment } = data;
  const W = { code: 62, score: 72, max: 72 };
  const nameW = CONTENT_W - W.code - W.score - W.max;
  const header: Cell[] = [
    { text: "编号", width: W.code, align: "center", bold: true, fill: COLOR.head },
    { text: "评估项目", width: nameW, bold: true, fill: COLOR.head },
    { text: "得分", width: W.score, align: "center", bold: true, fill: COLOR.head },
    { text: "满分", width: W.max, align: "center", bold: true, fill: COLOR.head },
  ];
  const groupRow = (g: { code: string; name: string; max: number }, cont: boolean): Cell[] => [
    { text: `${[g.code, g.name].filter(Boolean).join(" ")}${cont ? "（续）" : ""}`, width: CONTENT_W, bold: true, fill: COLOR.group },
  ];
  const headerH = rowHeight(doc, header);
  const fmtScore = (v: number | undefined): string => (v === undefined || v === null || Number.isNaN(v) ? "—" : String(v));

  ensureSpace(doc, headerH * 4);
  drawRow(doc, header, headerH);

  const groups = [...scale.groups];
  // Items whose group is not listed still print, under their own group code.
  for (const it of scale.items) if (!groups.some((g) => g.code === it.group)) groups.push({ code: it.group, name: "", max: NaN });

  groups.forEach((g, gi) => {
    const items = scale.items.filter((it) => it.group === g.code);
    // The last group's subtotal keeps the total row with it.
    const tail = gi === groups.length - 1 ? 2 * headerH : headerH;
    const gRow = groupRow(g, false);
    const gH = rowHeight(doc, gRow);
    const firstH = items[0] ? rowHeight(doc, itemRow(items[0])) : 0;
    // A group heading keeps its first item (and the subtotal, when that is the only item) on the same page.
    if (ensureSpace(doc, gH + firstH + (items.length <= 1 ? tail : 0))) drawRow(doc, header, headerH);
    drawRow(doc, gRow, gH);

    items.forEach((it, i) => {
      const cells = itemRow(it);
      const h = rowHeight(doc, cells);
      const last = i === items.length - 1;
      if (ensureSpace(doc, h + (last ? tail : 0))) {
        drawRow(doc, header, headerH);
        drawRow(doc, groupRow(g, true), gH);
      }
      drawRow(doc, cells, h);
    });

    const sub = assessment.subtotals[g.code] ?? items.reduce((s, it) => s + (assessment.items[it.code] ?? 0), 0);
    const max = Number.isFinite(g.max) ? g.max : items.reduce((s, it) => s + it.max, 0);
    const subCells: Cell[] = [
      { text: `${g.name || g.code} 小计`, width: W.code + nameW, align: "right", bold: true },
      { text: String(sub), width: W.score, align: "center", bold: true },
      { text: String(max), width: W.max, align: "center", bold: true },
    ];
    if (ensureSpace(doc, tail)) drawRow(doc, header, headerH);
    drawRow(doc, subCells, headerH);
  });

  const totalCells: Cell[] = [
    { text: "总分", width: W.code + nameW, align: "right", bold: true, fill: COLOR.head },
    { text: String(assessment.total), width: W.score, align: "center", bold: true, fill: COLOR.head },
    { text: String(assessment.maxTotal), width: W.max, align: "center", bold: true, fill: COLOR.head },
  ];
  if (ensureSpace(doc, headerH)) drawRow(doc, header, headerH);
  drawRow(doc, totalCells, headerH);

  function itemRow(it: { code: string; name: string; max: number }): Cell[] {
    return [
      { text: it.code, width: W.code, align: "center" },
      { text: it.name, width: nameW },
      { text: fmtScore(assessment.items[it.code]), width: W.score, align: "center" },
      { text: String(it.max), width: W.max, align: "center", color: COLOR.muted },
    ];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Signatures: kept together on one page.

function signatures(doc: Doc, data: AssessmentReportData): void {
  const { assessment } = data;
  const lineH = 40;
  // The printed name goes under the signature line, so the signer writes on an empty line.
  const rows: [string, string | null][] = [
    ["评估员1签名：", assessment.assessors[0] ?? null],
    ["评估员2签名：", assessment.assessors[1] ?? null],
    ["信息提供者签名：", assessment.informant],
  ];
  const stampH = 96;
  sectionTitle(doc, "六、签字确认", rows.length * lineH + stampH);

  doc.font(F.regular).fontSize(SIZE.small).fillColor(COLOR.muted)
    .text("评估员与信息提供者确认以上评估过程与结果真实、准确。", MARGIN.left, doc.y, { width: CONTENT_W });
  doc.moveDown(0.4);

  const dateX = MARGIN.left + CONTENT_W * 0.62;
  const underline = (x1: number, x2: number, y: number): void => {
    doc.save().lineWidth(0.6).strokeColor(COLOR.rule).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  };
  doc.font(F.regular).fontSize(SIZE.body);
  const labelW = Math.max(...rows.map(([l]) => doc.widthOfString(l)));
  for (const [label, name] of rows) {
    const y = doc.y + 12;
    doc.font(F.regular).fontSize(SIZE.body).fillColor(COLOR.text);
    doc.text(label, MARGIN.left, y, { lineBreak: false });
    const lx = MARGIN.left + labelW + 4;
    underline(lx, dateX - 16, y + SIZE.body + 4);
    if (name) {
      doc.font(F.regular).fontSize(SIZE.small).fillColor(COLOR.muted)
        .text(`（${name}）`, lx, y + SIZE.body + 7, { width: dateX - 16 - lx, lineBreak: false, ellipsis: true, height: SIZE.small + 4 });
      doc.font(F.regular).fontSize(SIZE.body).fillColor(COLOR.text);
    }
    doc.text("日期：", dateX, y, { lineBreak: false });
    underline(dateX + doc.widthOfString("日期：") + 4, MARGIN.left + CONTENT_W, y + SIZE.body + 4);
    doc.x = MARGIN.left;
    doc.y = y + lineH - 12;
  }

  // The stamp: the organisation on the left, a space for the seal and the date on the right.
  const y = doc.y + 14;
  doc.font(F.regular).fontSize(SIZE.body).fillColor(COLOR.text);
  doc.text("评估机构（盖章）：", MARGIN.left, y, { lineBreak: false });
  const ox = MARGIN.left + doc.widthOfString("评估机构（盖章）：") + 4;
  doc.text(data.organisation, ox, y, { width: dateX - ox - 16 });
  const sealX = dateX + 8;
  doc.save().lineWidth(0.5).dash(3, { space: 3 }).strokeColor(COLOR.grid).circle(sealX + 60, y + 30, 30).stroke().undash().restore();
  doc.font(F.regular).fontSize(SIZE.small).fillColor(COLOR.grid).text("盖章处", sealX + 36, y + 25, { width: 48, align: "center", lineBreak: false });
  doc.font(F.regular).fontSize(SIZE.body).fillColor(COLOR.text);
  doc.text("年      月      日", dateX, y + 70, { width: CONTENT_W * 0.38, align: "right", lineBreak: false });
  doc.x = MARGIN.left;
  doc.y = y + stampH - 10;
}

// ---------------------------------------------------------------------------------------------------------------
// Running header (pages 2+) and footer (every page), drawn after the content once the page count is known.

function pageFurniture(doc: Doc, data: AssessmentReportData): void {
  const range = doc.bufferedPageRange();
  const printed = `打印时间：${formatDateTime(data.printedAt)}（北京时间）`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the margins must not add pages.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const n = i - range.start + 1;
    if (n > 1) {
      doc.font(F.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
      doc.text(`老年人能力评估报告 · ${data.elder.name} · 评估编号 ${data.assessment.id}`, MARGIN.left, 30, { width: CONTENT_W, lineBreak: false, ellipsis: true, height: SIZE.small + 4 });
      doc.save().lineWidth(0.5).strokeColor(COLOR.grid).moveTo(MARGIN.left, 44).lineTo(PAGE.width - MARGIN.right, 44).stroke().restore();
    }
    const fy = PAGE.height - MARGIN.bottom + 22;
    doc.save().lineWidth(0.5).strokeColor(COLOR.grid).moveTo(MARGIN.left, fy - 6).lineTo(PAGE.width - MARGIN.right, fy - 6).stroke().restore();
    doc.font(F.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
    const third = CONTENT_W / 3;
    doc.text(printed, MARGIN.left, fy, { width: third + 40, lineBreak: false });
    doc.text(`第 ${n} 页 / 共 ${range.count} 页`, MARGIN.left + third, fy, { width: third, align: "center", lineBreak: false });
    doc.text(data.organisation, MARGIN.left + 2 * third - 20, fy, { width: third + 20, align: "right", lineBreak: false, ellipsis: true, height: SIZE.small + 4 });
    doc.page.margins.bottom = savedBottom;
  }
}

// ---------------------------------------------------------------------------------------------------------------

export async function renderAssessmentReport(data: AssessmentReportData): Promise<Buffer> {
  const { regular, bold } = fonts();
  const { elder, scale, assessment } = data;
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: {
      Title: `老年人能力评估报告 - ${elder.name}`,
      Author: data.organisation,
      Subject: `${scale.name}（${scale.code}）`,
      Creator: "CareCircle 智慧居家社区养老服务平台",
      CreationDate: Number.isNaN(new Date(data.printedAt).getTime()) ? new Date() : new Date(data.printedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.registerFont(F.regular, regular);
  doc.registerFont(F.bold, bold);

  // Title
  doc.font(F.bold).fontSize(SIZE.title).fillColor(COLOR.text)
    .text("老年人能力评估报告", MARGIN.left, MARGIN.top - 8, { width: CONTENT_W, align: "center", characterSpacing: 2 });
  doc.font(F.regular).fontSize(SIZE.small + 0.5).fillColor(COLOR.muted)
    // A standard (“GB/T 42195-2022”) is cited as such; other scales (Barthel) by name.
    .text(/\d{4}/.test(scale.code) ? `依据 ${scale.code}《${scale.name}》` : `评估量表：${scale.name}`, { width: CONTENT_W, align: "center" });
  doc.moveDown(0.3);
  const statusY = doc.y;
  doc.text(`评估机构：${data.organisation}`, MARGIN.left, statusY, { width: CONTENT_W * 0.7, lineBreak: false, ellipsis: true, height: SIZE.small + 4 });
  doc.text(`状态：${statusLabel(assessment.status)}`, MARGIN.left + CONTENT_W * 0.7, statusY, { width: CONTENT_W * 0.3, align: "right", lineBreak: false, ellipsis: true, height: SIZE.small + 4 });
  doc.x = MARGIN.left;
  doc.y = statusY + SIZE.small + 8;
  doc.save().lineWidth(1.2).strokeColor(COLOR.rule).moveTo(MARGIN.left, doc.y).lineTo(PAGE.width - MARGIN.right, doc.y).stroke().restore();
  doc.y += 2;

  // 一、基本信息
  sectionTitle(doc, "一、基本信息", 80);
  keyValueTable(doc, [
    ["姓名", elder.name, "性别", elder.sex === "M" ? "男" : elder.sex === "F" ? "女" : String(elder.sex)],
    ["出生日期", formatDate(elder.birthDate), "年龄", `${elder.age} 岁`],
    ["身份证号", elder.idNumberMasked, "所属区域", elder.regionName],
    ["居住地址", elder.address],
  ]);

  // 二、评估信息
  sectionTitle(doc, "二、评估信息", 80);
  const assessors = assessment.assessors.filter(Boolean).join("、") || "—";
  const info: ([string, string] | [string, string, string, string])[] = [
    ["评估量表", `${scale.name}（${scale.code}）`],
    ["评估原因", assessment.reason, "评估日期", formatDate(assessment.assessedAt)],
    ["评估编号", assessment.id],
    ["评估员", assessors, "信息提供者", assessment.informant ?? "—"],
    ["提交时间", assessment.submittedAt ? formatDateTime(assessment.submittedAt) : "未提交", "评估状态", statusLabel(assessment.status)],
  ];
  if (assessment.supersedes) info.push(["替代评估", `本次评估替代评估编号 ${assessment.supersedes.id}（${assessment.supersedes.reason}）`]);
  keyValueTable(doc, info);

  // 三、评估项目得分
  sectionTitle(doc, "三、评估项目得分", 90);
  itemsTable(doc, data);

  // 四、评估结果
  sectionTitle(doc, "四、评估结果", 100);
  keyValueTable(doc, [
    ["总分", `${assessment.total} / ${assessment.maxTotal}`, "初步等级", assessment.preliminaryLevel],
    ["最终等级", assessment.finalLevel],
  ], ["总分", "最终等级"]);
  doc.moveDown(0.5);
  ensureSpace(doc, 40);
  doc.font(F.bold).fontSize(SIZE.body).fillColor(COLOR.text).text("等级调整依据：", MARGIN.left, doc.y);
  doc.moveDown(0.2);
  bulletList(doc, assessment.reasons);

  // 五、评估记录事实
  sectionTitle(doc, "五、相关事实记录", 30);
  doc.font(F.regular).fontSize(SIZE.small).fillColor(COLOR.muted)
    .text("昏迷、痴呆或精神障碍诊断、近30天照护风险事件（跌倒、噎食、自杀自伤、走失等）", MARGIN.left, doc.y, { width: CONTENT_W });
  doc.moveDown(0.3);
  bulletList(doc, assessment.facts);

  // 六、签字确认
  signatures(doc, data);

  pageFurniture(doc, data);
  doc.end();
  return done;
}
