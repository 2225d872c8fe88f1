export * from "./enums.ts";
export * from "./assessments.ts";
export * from "./elders.ts";
export * from "./id-number.ts";
export * from "./mask.ts";
export * from "./money.ts";
export * from "./problem.ts";
export * from "./subsidies.ts";
