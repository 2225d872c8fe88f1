import type { Database, Tx } from "@carecircle/db";
import type { Permission, Role } from "@carecircle/shared";
import type { Secrets } from "./secrets.ts";

/** Who is acting: a signed-in user, or the system itself (seeding, jobs, the CLI). */
export interface Actor {
  kind: "user" | "system";
  id: string | null;
  username: string;
  role: Role | "system" | "anonymous";
  /** Region subtree root: the actor sees codes with this prefix. "" = everywhere (system). */
  regionCode: string;
  permissions: ReadonlySet<Permission>;
  /** For the `elder` role: the registry record the account belongs to. */
  elderId?: string | null;
  /** For `provider_admin` and `worker` accounts: the provider they work for. */
  providerId?: string | null;
}

export interface Ctx {
  database: Database;
  secrets: Secrets;
  actor: Actor;
  requestId?: string;
  ip?: string;
  userAgent?: string;
}

/** Runs `fn` in one transaction: a failure anywhere (the audit insert included) rolls all of it back. */
export function withTransaction<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.database.db.transaction(fn);
}
