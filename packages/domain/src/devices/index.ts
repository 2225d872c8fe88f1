export * from "./watch-protocol.ts";
