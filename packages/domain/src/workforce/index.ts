export * from "./create-staff.ts";
export * from "./list-staff.ts";
export * from "./staffing.ts";
export * from "./trainings.ts";
export * from "./update-staff.ts";
export { EXPIRY_WARNING_DAYS } from "./internal.ts";
