/**
 * A fresh Idempotency-Key. crypto.randomUUID exists only on secure origins (an H5 page opened over plain http on a
 * LAN is not one), getRandomValues everywhere.
 */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
