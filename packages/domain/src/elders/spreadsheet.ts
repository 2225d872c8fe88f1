import ExcelJS from "exceljs";
import { BadRequestError, TooLargeError } from "../core/errors.ts";

export const IMPORT_LIMITS = { maxBytes: 50 * 1024 * 1024, maxRows: 200_000 } as const;

export interface Sheet {
  headers: string[];
  /** Data rows: `line` is the spreadsheet's own row number (header = 1). */
  rows: { line: number; cells: unknown[] }[];
}

/** Plain text of a cell, whatever exceljs made of it (rich text, formula results, hyperlinks, dates). */
export function cellText(v: unknown): string {
  if (v == null) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((t) => t.text).join("").trim();
    if ("result" in o || "formula" in o || "sharedFormula" in o) return cellText(o.result);
    if ("text" in o) return cellText(o.text);
    if (o.error) return "";
  }
  return String(v).trim();
}

/** Reads the first worksheet of an .xlsx, or a .csv (UTF-8 with or without BOM, or GB18030 as Excel saves it here). */
export async function readSheet(data: Buffer, fileName: string): Promise<Sheet> {
  if (data.length === 0) throw new BadRequestError("文件是空的");
  if (data.length > IMPORT_LIMITS.maxBytes) throw new TooLargeError(`文件超过 ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB`);
  const isZip = data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  if (isZip) return readXlsx(data);
  if (/\.xlsx$/i.test(fileName) || /\.xls$/i.test(fileName) || data.includes(0)) {
    throw new BadRequestError("文件不是有效的 Excel (.xlsx) 或 CSV 表格；旧版 .xls 请另存为 .xlsx");
  }
  return readCsv(decodeText(data));
}

function decodeText(data: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder("gb18030").decode(data);
  }
}

/**
 * The whole-file reader, not exceljs's streaming WorkbookReader: the streaming one decodes each inflated chunk
 * separately and garbles a Chinese character split across two chunks (about one row in 5,000; exceljs issue
 * #2063, open). Memory is bounded by the upload limit.
 */
async function readXlsx(data: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new BadRequestError("无法读取该 Excel 文件，文件可能已损坏");
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.actualRowCount === 0) throw new BadRequestError("表格中没有数据");
  let headers: string[] | null = null;
  const rows: Sheet["rows"] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    const cells = (row.values as unknown[]).slice(1);
    if (!headers) {
      headers = cells.map(cellText);
      return;
    }
    if (cells.every((c) => cellText(c) === "")) return;
    rows.push({ line: number, cells });
  });
  if (rows.length > IMPORT_LIMITS.maxRows) throw new TooLargeError(`一次最多导入 ${IMPORT_LIMITS.maxRows} 行`);
  if (!headers) throw new BadRequestError("表格中没有数据");
  return { headers, rows };
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CR LF or LF. Values stay text (ID numbers must not become numbers). */
function readCsv(text: string): Sheet {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      if (records.length > IMPORT_LIMITS.maxRows + 1) throw new TooLargeError(`一次最多导入 ${IMPORT_LIMITS.maxRows} 行`);
    } else field += ch;
  }
  if (quoted) throw new BadRequestError(`CSV 第 ${records.length + 1} 行的引号没有闭合，文件格式有误`);
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [head, ...body] = records;
  if (!head) throw new BadRequestError("表格中没有数据");
  const rows: Sheet["rows"] = [];
  body.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== "")) rows.push({ line: i + 2, cells });
  });
  return { headers: head.map((h) => h.trim()), rows };
}

/** A CSV cell, quoted when needed; a leading = + - @ is defused so that a spreadsheet does not run it as a formula. */
export function csvCell(v: unknown): string {
  let s = v == null ? "" : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
