/** Elders and their families book services and follow their orders; caregivers (worker) do the visits. */
export const CLIENT_ROLES = ["elder", "family"] as const;
export const WORKER_ROLES = ["worker"] as const;
/** Time-bank volunteers: they take neighbours' requests and bank the hours. */
export const VOLUNTEER_ROLES = ["volunteer"] as const;

/** Who visits elders living alone or left behind: community workers, and volunteers given visits. */
export const VISITOR_ROLES = ["community_worker", "volunteer"] as const;
/** Who makes care calls from the H5 app (电话关怀): community workers, who may reveal an elder's phone to dial it. */
export const CALLER_ROLES = ["community_worker"] as const;

export const isClient = (role: string): boolean => (CLIENT_ROLES as readonly string[]).includes(role);
