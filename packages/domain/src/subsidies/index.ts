export * from "./demo-rules.ts";
export * from "./eligibility.ts";
export * from "./periods.ts";
export * from "./preview.ts";
export * from "./reports.ts";
export * from "./rules.ts";
export * from "./run-month.ts";
export * from "./wallet.ts";
