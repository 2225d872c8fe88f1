export * from "./ledger.ts";
export * from "./volunteers.ts";
