export * from "./regions.ts";
export * from "./rules.ts";
export * from "./rule-settings.ts";
