const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a path or cursor value is a UUID: checked before querying, so that a malformed id is "not found"
 * rather than a database type error.
 * @example isUuid("not-an-id") // false
 */
export function isUuid(v: unknown): v is string {
  return typeof v === "string" && UUID.test(v);
}
