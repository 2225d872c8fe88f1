import type { Database } from "@carecircle/db";
import type { Ctx, Secrets } from "@carecircle/domain";
import type { Logger } from "pino";
import type { Config } from "./config.ts";

/** What every request handler can reach through `c.var`. */
export interface AppEnv {
  Variables: {
    requestId: string;
    ctx: Ctx;
    sessionToken: string | null;
    displayName: string;
    regionName: string;
  };
}

export interface AppDeps {
  config: Config;
  database: Database;
  secrets: Secrets;
  logger: Logger;
}
