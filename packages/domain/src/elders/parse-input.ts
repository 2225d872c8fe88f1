import type { z } from "zod";
import { ValidationError } from "../core/errors.ts";
import { zodFieldErrors } from "./normalize.ts";

/** Parses with a zod schema, or throws a ValidationError naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const errors = zodFieldErrors(r.error);
    throw new ValidationError(`输入有误：${errors.map((e) => `${e.path || "请求"} ${e.message}`).join("；")}`, errors);
  }
  return r.data;
}
