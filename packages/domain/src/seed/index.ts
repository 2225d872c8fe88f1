export * from "./demo-data.ts";
export * from "./seed-demo.ts";
