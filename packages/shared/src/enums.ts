/** Enumerations shared by server and front ends. Labels live in the web apps' i18n files, keyed by these values. */
export const ROLES = [
  "city_admin", // 市民政局管理员
  "district_admin", // 区民政局管理员
  "street_staff", // 街道工作人员
  "community_worker", // 社区网格员/社工
  "operator", // 呼叫中心坐席
  "provider_admin", // 服务商管理员
  "worker", // 服务人员
  "assessor", // 评估员
  "volunteer", // 志愿者
  "elder", // 老人
  "family", // 家属
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "elder:read",
  "elder:write",
  "elder:reveal", // see full ID number / phone (audited)
  "elder:import",
  "elder:export",
  "audit:read",
  "region:read",
  "assessment:read",
  "assessment:write",
  "subsidy:read",
  "subsidy:manage",
  "order:read", // see orders, providers' statements and flags in the region
  "order:place", // order for an elder (hotline, community)
  "order:supervise", // resolve disputes, return visits, complaints
  "provider:approve", // approve, suspend providers
  "device:manage", // register and bind alarm terminals
  "alarm:handle", // the alarm center: see, acknowledge, act on and close alarms
  "facility:read", // facilities, ratings, inspections, rectifications, credit records and staff of the region
  "facility:manage", // register facilities and their staff; planning targets
  "supervision:manage", // rating schemes and rounds, confirmations, inspections, credit records and the blacklist
  "evaluation:score", // third-party assessors: score the evaluations assigned to them
  "timebank:manage", // register and verify volunteers, record confirmed services and transfers for members without phones
  "rules:manage", // the bureau sets its region's rules (dispatch, orders, 13710, ratings rewards, time bank, planning, workforce)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const LIVING_SITUATIONS = ["with_family", "alone", "empty_nest", "left_behind", "lost_only_child"] as const;
export type LivingSituation = (typeof LIVING_SITUATIONS)[number];

export const ECONOMIC_STATUSES = [
  "ordinary",
  "low_income",
  "minimum_living", // 低保
  "extreme_poverty", // 特困
  "family_planning_hardship", // 计生特扶
] as const;
export type EconomicStatus = (typeof ECONOMIC_STATUSES)[number];

/** GB/T 42195-2022 levels: 0 能力完好 … 4 完全失能. */
export const ABILITY_LEVELS = [0, 1, 2, 3, 4] as const;
export type AbilityLevel = (typeof ABILITY_LEVELS)[number];

export const DISABILITY_KINDS = ["none", "physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"] as const;
export type DisabilityKind = (typeof DISABILITY_KINDS)[number];

export const HUKOU_TYPES = ["local", "nonlocal"] as const;

export const ELDER_STATUSES = ["active", "deceased", "moved_out"] as const;
export type ElderStatus = (typeof ELDER_STATUSES)[number];

export const REGION_LEVELS = { province: 1, city: 2, district: 3, street: 4, community: 5 } as const;
/** Code length per level: 2, 4, 6, 9, 12 digits. */
export const REGION_CODE_LENGTHS = [2, 4, 6, 9, 12] as const;

export function regionLevelOf(code: string): number {
  const i = REGION_CODE_LENGTHS.indexOf(code.length as (typeof REGION_CODE_LENGTHS)[number]);
  return i + 1; // 0 when the length is not a region code length
}
