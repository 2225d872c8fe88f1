import type { VisitRule } from "@carecircle/shared";
import { can } from "./auth.ts";
import type { Me } from "./types.ts";

/** GET /api/v1/visit-rules: the rules in force for a region, where they come from (null: the platform default), and later versions. */
export interface VisitRulesView {
  regionCode: string;
  from: string | null;
  /** The name of the region `from` names. */
  fromName: string | null;
  rules: VisitRule[];
  /** Later versions that will reach the region: its own, or those of the region it follows (named). */
  scheduled: { effectiveFrom: string; rules: VisitRule[]; regionCode: string; regionName: string | null }[];
}

/** PUT /api/v1/visit-rules: `plans` is null when the rules take effect on a later day. */
export interface SetVisitRulesResult {
  regionCode: string;
  effectiveFrom: string;
  rules: VisitRule[];
  plans: { plans: number; ended: number } | null;
}

/** The bureau or a street sets visit rules (a community's staff only reads them): the server refuses the rest with 403. */
export const maySetVisitRules = (me: Me) => can(me, "elder:write") && me.regionCode.length <= 9;
