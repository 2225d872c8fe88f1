export * from "./bulk.ts";
export * from "./connect.ts";
export * as schema from "./schema.ts";
export * from "./schema.ts";
