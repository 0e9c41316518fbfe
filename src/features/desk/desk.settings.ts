// The desk's own settings, read from the environment the config came from:
//   DESK_LONG_WAIT_DAYS  days without a hire after the first check-in that count as 待工时间长 (default 30)
//   DESK_OLDER_AGE       age from which a worker counts as 大龄 (default 50)
// install() reads them once at start, so a bad value stops the server there
// (the one parse path of src/shared/settings.ts: a Chinese line naming the variable).
import type { Config } from "../../config.ts";
import type { Deps } from "../../shared/context.ts";
import { perApp } from "../../shared/memo.ts";
import { intSetting, readSettings, type Env } from "../../shared/settings.ts";
import { defaultPrioritySettings, type PrioritySettings } from "./desk.domain.ts";

export function readDeskSettings(env: Env): PrioritySettings {
  return readSettings(env, {
    longWaitDays: intSetting("DESK_LONG_WAIT_DAYS", defaultPrioritySettings.longWaitDays, 1, 3650),
    olderAge: intSetting("DESK_OLDER_AGE", defaultPrioritySettings.olderAge, 30, 100),
  });
}

const settingsOf = perApp((config: Config) => readDeskSettings(config.env ?? {}));

/** The settings of this app instance (read once per config). */
export const deskSettings = (deps: Pick<Deps, "config">): PrioritySettings => settingsOf(deps.config);
