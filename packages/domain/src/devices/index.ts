export * from "./watch-protocol.ts";
export * from "./alarm-rules.ts";
export * from "./registry.ts";
export * from "./responders.ts";
export * from "./volunteer-responders.ts";
export * from "./alarm-steps.ts";
