export * from "./plans.ts";
export * from "./visits.ts";
