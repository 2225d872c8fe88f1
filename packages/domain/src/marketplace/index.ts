export * from "./products.ts";
export * from "./providers.ts";
export * from "./workers.ts";
