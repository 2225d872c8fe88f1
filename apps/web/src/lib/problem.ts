import type { FormInstance } from "antd";
import { ApiError } from "../api/client.ts";

/** "health.allergies.0" → ["health", "allergies", 0]: the antd form's name path. */
export function toNamePath(path: string): (string | number)[] {
  return path
    .split(/[.[\]]/)
    .filter((p) => p !== "")
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field errors onto the form. List items ("tags.2") go onto the list field itself,
 * because the form holds the whole array under one name. Returns the messages that found no field.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, listFields: string[][] = []): string[] {
  return applyMappedErrors(form, error, (path) => {
    let name = toNamePath(path);
    for (const list of listFields) {
      if (list.every((p, i) => name[i] === p) && name.length > list.length) name = list;
    }
    return name;
  });
}

/**
 * The same, with the page deciding which form field a server path belongs to (for paths that are not
 * plain name paths, such as "items.B1.1" where the item code holds a dot). `toName` returning an empty
 * path (or null) leaves the message for the page-level alert.
 */
export function applyMappedErrors(form: FormInstance, error: unknown, toName: (path: string) => (string | number)[] | null): string[] {
  if (!(error instanceof ApiError) || !error.problem.errors) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const { path, message } of error.problem.errors) {
    const name = toName(path);
    if (!name || name.length === 0) {
      unplaced.push(message);
      continue;
    }
    const key = name.join(".");
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    byField.set(key, entry);
  }
  // only fields the form has registered can show an error; the rest go to the page-level alert
  const registered = new Set(form.getFieldsError().map((f) => f.name.join(".")));
  const fields = [...byField.values()];
  const known = fields.filter((f) => registered.has(f.name.join(".")));
  form.setFields(known.map((f) => ({ name: f.name, errors: f.errors })));
  for (const f of fields) if (!known.includes(f)) unplaced.push(...f.errors);
  return unplaced;
}

/** The text to show for any error: the problem's detail, or the message. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** `existingId` on a 409 for a duplicate ID number. */
export function existingIdOf(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const v = error.problem.existingId;
  return typeof v === "string" ? v : null;
}
