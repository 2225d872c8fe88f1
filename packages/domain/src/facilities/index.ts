export * from "./create-facility.ts";
export * from "./get-facility.ts";
export * from "./list-facilities.ts";
export * from "./planning.ts";
export * from "./update-facility.ts";
export { facilityScope, facilityInScope, facilityView, isVillage, type FacilityRow } from "./internal.ts";
