// The hotline's own settings, read from the environment the config came from:
//   HOTLINE_BLOCK_PUBLISHING  true/false (default true): an open wage case stops new postings
//   HOTLINE_CASE_PREFIX       letters before case numbers (default: the city's initials, 许昌 → XC)
//   HOTLINE_DEADLINE_DAYS     e.g. "wage_arrears=2,fraud=5": days to 已办结 per category
// install() reads them once at start, so a bad value stops the server there
// (the one parse path of src/shared/settings.ts: a Chinese line naming the variable).
import type { Config } from "../../config.ts";
import type { Deps } from "../../shared/context.ts";
import { perApp } from "../../shared/memo.ts";
import { boolSetting, textSetting, parsedSetting, readSettings, type Env } from "../../shared/settings.ts";
import type { CaseCategory } from "../../../db/schema/hotline.ts";
import { copy } from "../../../views/copy/index.ts";
import { casePrefix, defaultDeadlineDays, parseDeadlineOverrides, PREFIX_PATTERN } from "./hotline.domain.ts";

export interface HotlineSettings {
  blockPublishing: boolean;
  prefix: string;
  deadlines: Record<CaseCategory, number>;
}

const t = copy.hotline.config;

export function readHotlineSettings(env: Env, cityName: string): HotlineSettings {
  const s = readSettings(env, {
    blockPublishing: boolSetting("HOTLINE_BLOCK_PUBLISHING", true),
    prefix: textSetting("HOTLINE_CASE_PREFIX", "", PREFIX_PATTERN, t.prefix),
    deadlines: parsedSetting("HOTLINE_DEADLINE_DAYS", {}, (raw) => {
      const r = parseDeadlineOverrides(raw);
      return r.ok ? r : { ok: false, why: t.deadline(r.bad) };
    }),
  });
  return {
    blockPublishing: s.blockPublishing,
    prefix: casePrefix(cityName, s.prefix || undefined),
    deadlines: { ...defaultDeadlineDays, ...s.deadlines },
  };
}

const settingsOf = perApp((config: Config) => readHotlineSettings(config.env ?? {}, config.region.city.name));

/** The settings of this app instance (read once per config). */
export const hotlineSettings = (deps: Pick<Deps, "config">): HotlineSettings => settingsOf(deps.config);
