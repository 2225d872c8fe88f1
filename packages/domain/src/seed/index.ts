export * from "./demo-data.ts";
export * from "./seed-demo.ts";
export * from "./demo-marketplace.ts";
export * from "./demo-facilities.ts";
export * from "./demo-timebank.ts";
