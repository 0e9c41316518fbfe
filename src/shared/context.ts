// The types every handler shares: what the app is given (Deps) and what each
// request carries (the signed-in user, the CSRF token, the text-size choice).
import type { Context } from "hono";
import type { Config } from "../config.ts";
import type { Clock } from "./clock.ts";
import type { Database } from "./db.ts";
import type { Role } from "../../db/schema/constants.ts";
import type { SmsSender } from "./sms.ts";
import type { Regions } from "./regions.ts";
import type { Hooks } from "./hooks.ts";

export interface Deps {
  database: Database;
  config: Config;
  clock: Clock;
  /** Server secret for HMACs (CSRF tokens), kept in the settings table. */
  secret: string;
  sms: SmsSender;
  log: Logger;
  regions: Regions;
  hooks: Hooks;
}

export interface CurrentUser {
  id: number;
  role: Role;
  name: string;
  phone: string;
  countyCode: string | null;
  marketId: number | null;
  /** The county of a staff member's market, or a county admin's county. */
  scopeCounty: string | null;
  /** A staff member's market tier: station (驿站) staff do not verify employers nor reveal full ID numbers. */
  marketTier?: string | null;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    user: CurrentUser | null;
    /** Hash of the session id, when signed in. */
    sessionHash: string | null;
    csrfToken: string;
    big: boolean;
  };
};

export type Ctx = Context<AppEnv>;

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Structured log lines on stdout: one JSON object per line, never personal data. */
// process.stdout.write, not console.log: the console's formatting cost a tenth
// of the time of a cached page (measured with --cpu-prof).
export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l + "\n"), quiet = false): Logger {
  const emit = (level: string) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (quiet && level === "info") return;
    write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
  };
  return { info: emit("info"), warn: emit("warn"), error: emit("error") };
}
