export * from "./list-audit-events.ts";
export * from "./record-audit.ts";
