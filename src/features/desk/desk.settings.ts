// The desk's own settings, read from the environment the config came from:
//   DESK_LONG_WAIT_DAYS  days without a hire after the first check-in that count as 待工时间长 (default 30)
//   DESK_OLDER_AGE       age from which a worker counts as 大龄 (default 50)
// install() reads them once at start, so a bad value stops the server there.
import { ConfigError } from "../../config.ts";
import type { Deps } from "../../shared/context.ts";
import { copy } from "../../../views/copy/index.ts";
import { defaultPrioritySettings, type PrioritySettings } from "./desk.domain.ts";

const cache = new WeakMap<object, PrioritySettings>();

function intSetting(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number, max: number): number {
  const raw = (env[name] ?? "").trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(copy.desk.config.bad(name, raw, min, max));
  return n;
}

export function readDeskSettings(env: Readonly<Record<string, string | undefined>>): PrioritySettings {
  return {
    longWaitDays: intSetting(env, "DESK_LONG_WAIT_DAYS", defaultPrioritySettings.longWaitDays, 1, 3650),
    olderAge: intSetting(env, "DESK_OLDER_AGE", defaultPrioritySettings.olderAge, 30, 100),
  };
}

/** The settings of this app instance (read once per config). */
export function deskSettings(deps: Pick<Deps, "config">): PrioritySettings {
  let s = cache.get(deps.config);
  if (!s) {
    s = readDeskSettings(deps.config.env ?? {});
    cache.set(deps.config, s);
  }
  return s;
}
