export * from "./watch-protocol.ts";
export * from "./alarm-rules.ts";
export * from "./registry.ts";
export * from "./responders.ts";
