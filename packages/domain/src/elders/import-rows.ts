import { ElderFields } from "@carecircle/shared";
import type { FieldError } from "../core/errors.ts";
import type { Secrets } from "../core/secrets.ts";
import { COLUMN_BY_HEADER, type Column, type ColumnKey, columnForPath, LABELS } from "./columns.ts";
import { type ElderWrite, normalizeElder, zodFieldErrors } from "./normalize.ts";
import type { Sheet } from "./spreadsheet.ts";
import { cellText } from "./spreadsheet.ts";
import type { loadRegionFacts } from "./internal.ts";

export interface RowError {
  line: number;
  name: string;
  column: string;
  value: string;
  message: string;
}

export interface GoodRow {
  line: number;
  value: ElderWrite;
}

type Facts = Awaited<ReturnType<typeof loadRegionFacts>>;

const splitList = (s: string) =>
  s
    .split(/[、,，;；\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

function fromLabel<T extends string | number>(labels: Record<T, string>, s: string): T | string | undefined {
  if (s === "") return undefined;
  for (const [code, label] of Object.entries(labels) as [T, string][]) if (label === s || String(code) === s) return code;
  return s; // let the schema name the bad value
}

/** Where the header row puts each known column; missing required columns fail the whole file. */
export function mapHeaders(headers: string[]): { index: Map<ColumnKey, number>; missing: Column[] } {
  const index = new Map<ColumnKey, number>();
  headers.forEach((h, i) => {
    const col = COLUMN_BY_HEADER.get(h.replace(/[*＊\s]/g, ""));
    if (col && !index.has(col.key)) index.set(col.key, i);
  });
  const missing = [...COLUMN_BY_HEADER.values()].filter((c) => c.required && !index.has(c.key));
  return { index, missing };
}

/** Validates each row on its own: every bad cell becomes a row error; rows with none are ready to write. */
export function validateRows(rows: Sheet["rows"], index: Map<ColumnKey, number>, secrets: Secrets, facts: Facts, seen = new Map<string, number>()) {
  const good: GoodRow[] = [];
  const errors: RowError[] = [];
  for (const { line, cells } of rows) {
    const raw = (k: ColumnKey) => {
      const i = index.get(k);
      return i === undefined ? "" : cells[i];
    };
    const text = (k: ColumnKey) => cellText(raw(k));
    const name = text("name");
    const fail = (k: ColumnKey | undefined, message: string) => {
      const col = k ? [...COLUMN_BY_HEADER.values()].find((c) => c.key === k) : undefined;
      const v = k ? text(k) : "";
      errors.push({ line, name, column: col?.header ?? "", value: k === "idNumber" || k === "phone" ? maskValue(v) : v, message });
    };
    const idRaw = raw("idNumber");
    if (typeof idRaw === "number" && String(idRaw).replace(/\D/g, "").length > 15) {
      fail("idNumber", "身份证号被 Excel 存成了数字，后几位已丢失；请把该列设为文本格式后重新填写");
      continue;
    }
    const num = (k: ColumnKey) => {
      const t = text(k);
      if (t === "") return null;
      const n = Number(t.replace(/级$/, ""));
      return Number.isFinite(n) ? n : t;
    };
    let regionCode = text("region");
    if (regionCode && !/^\d{12}$/.test(regionCode)) {
      const codes = facts.codeByName.get(regionCode);
      if (codes?.length === 1) regionCode = codes[0]!;
      else if (codes && codes.length > 1) {
        fail("region", "社区名称不唯一，请填写12位区划代码");
        continue;
      }
    }
    const doctor = text("familyDoctor");
    const candidate = {
      name,
      idNumber: text("idNumber"),
      phone: text("phone"),
      address: text("address"),
      regionCode,
      lat: num("lat"),
      lng: num("lng"),
      hukouType: fromLabel(LABELS.hukouType, text("hukouType")),
      hukouAddress: text("hukouAddress") || null,
      livingSituation: fromLabel(LABELS.livingSituation, text("livingSituation")),
      economicStatus: fromLabel(LABELS.economicStatus, text("economicStatus")),
      disabilityKind: fromLabel(LABELS.disabilityKind, text("disabilityKind")),
      disabilityGrade: num("disabilityGrade"),
      abilityLevel: ((v) => (v === undefined ? null : typeof v === "string" && /^\d$/.test(v) ? Number(v) : v))(
        fromLabel(LABELS.abilityLevel, text("abilityLevel")),
      ),
      tags: splitList(text("tags")),
      health: {
        chronicDiseases: splitList(text("chronicDiseases")),
        allergies: splitList(text("allergies")).filter((a) => a !== "无"),
        medications: splitList(text("medications")),
        familyDoctor: doctor ? { name: doctor, ...(text("familyDoctorInstitution") ? { institution: text("familyDoctorInstitution") } : {}) } : null,
      },
      notes: text("notes") || null,
    };
    const parsed = ElderFields.safeParse(candidate);
    let fieldErrors: FieldError[] = parsed.success ? [] : zodFieldErrors(parsed.error);
    if (parsed.success) {
      const norm = normalizeElder(parsed.data, secrets, facts);
      if (norm.ok) {
        const earlier = seen.get(norm.value.idNumberHash);
        if (earlier !== undefined) fieldErrors = [{ path: "idNumber", message: `与第 ${earlier} 行身份证号重复` }];
        else {
          seen.set(norm.value.idNumberHash, line);
          good.push({ line, value: norm.value });
          continue;
        }
      } else fieldErrors = norm.errors;
    }
    for (const e of fieldErrors) fail(columnForPath(e.path)?.key, e.message);
  }
  return { good, errors };
}

function maskValue(v: string): string {
  return v.length > 8 ? `${v.slice(0, 3)}${"*".repeat(v.length - 7)}${v.slice(-4)}` : v;
}

const SIMPLE_COLUMNS = ["livingSituation", "economicStatus", "hukouType", "hukouAddress", "disabilityKind", "disabilityGrade", "abilityLevel", "tags", "notes"] as const;
const HEALTH_COLUMNS = { chronicDiseases: "chronicDiseases", allergies: "allergies", medications: "medications" } as const;

/**
 * An update from a file keeps what the file does not speak about: a sheet with only the required columns
 * must not erase tags, health records or positions typed in elsewhere.
 */
export function keepAbsentColumns(old: ElderWrite, next: ElderWrite, present: ReadonlySet<ColumnKey>): ElderWrite {
  const out: ElderWrite = { ...next };
  const mutable = out as Record<string, unknown>;
  for (const c of SIMPLE_COLUMNS) if (!present.has(c)) mutable[c] = old[c];
  if (!present.has("lat") && !present.has("lng")) {
    out.lat = old.lat;
    out.lng = old.lng;
  }
  const oldHealth = (old.health ?? {}) as Record<string, unknown>;
  const health = { ...((next.health ?? {}) as Record<string, unknown>) };
  for (const [col, key] of Object.entries(HEALTH_COLUMNS)) if (!present.has(col as ColumnKey)) health[key] = oldHealth[key] ?? [];
  if (!present.has("familyDoctor")) health.familyDoctor = oldHealth.familyDoctor ?? null;
  out.health = health;
  return out;
}
