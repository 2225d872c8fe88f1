export * from "./ledger.ts";
export * from "./volunteers.ts";
export * from "./requests.ts";
