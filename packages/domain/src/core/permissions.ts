import type { Permission, Role } from "@carecircle/shared";
import { ForbiddenError, NotFoundError } from "./errors.ts";
import type { Actor } from "./context.ts";

const ALL: Permission[] = ["elder:read", "elder:write", "elder:reveal", "elder:import", "elder:export", "audit:read", "region:read", "assessment:read", "assessment:write", "subsidy:read", "subsidy:manage", "order:read", "order:place", "order:supervise", "provider:approve", "device:manage", "alarm:handle", "facility:read", "facility:manage", "supervision:manage", "timebank:manage", "rules:manage"];

/** Role → permissions. Bureau admins see the audit log; operators may reveal phones to call back. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  city_admin: ALL,
  district_admin: ALL,
  street_staff: ["elder:read", "elder:write", "elder:reveal", "elder:import", "elder:export", "region:read", "assessment:read", "subsidy:read", "order:read", "order:place", "order:supervise", "device:manage", "alarm:handle", "facility:read", "facility:manage", "supervision:manage", "timebank:manage"],
  community_worker: ["elder:read", "elder:write", "elder:reveal", "region:read", "assessment:read", "order:read", "order:place", "device:manage", "facility:read", "timebank:manage"],
  operator: ["elder:read", "elder:reveal", "region:read", "order:read", "order:place", "order:supervise", "device:manage", "alarm:handle"],
  provider_admin: ["region:read"],
  worker: [],
  assessor: ["elder:read", "region:read", "assessment:read", "assessment:write", "evaluation:score"],
  volunteer: [],
  elder: [],
  family: [],
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw new ForbiddenError("您没有执行此操作的权限");
}

/** True when `regionCode` lies in the actor's subtree. */
export function inScope(actor: Actor, regionCode: string): boolean {
  return regionCode.startsWith(actor.regionCode);
}

/** Records outside the actor's region are reported as absent: existence is not disclosed. */
export function requireInScope(actor: Actor, regionCode: string, what = "记录"): void {
  if (!inScope(actor, regionCode)) throw new NotFoundError(`${what}不存在`);
}

/** The region a request names (the actor's own when it names none), if it is a region code in the actor's subtree; else 404. */
export function scopedRegion(actor: Actor, regionCode?: string): string {
  const region = regionCode ?? actor.regionCode;
  if (!/^\d{2,12}$/.test(region)) throw new NotFoundError("区划不存在");
  requireInScope(actor, region, "区划");
  return region;
}

export const SYSTEM_ACTOR: Actor = {
  kind: "system",
  id: null,
  username: "system",
  role: "system",
  regionCode: "",
  permissions: new Set(ALL),
};
