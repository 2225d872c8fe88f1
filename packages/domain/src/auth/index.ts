export * from "./login.ts";
export * from "./password.ts";
export * from "./sessions.ts";
export * from "./users.ts";
