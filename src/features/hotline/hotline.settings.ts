// The hotline's own settings, read from the environment the config came from:
//   HOTLINE_BLOCK_PUBLISHING  true/false (default true): an open wage case stops new postings
//   HOTLINE_CASE_PREFIX       letters before case numbers (default: the city's initials, 许昌 → XC)
//   HOTLINE_DEADLINE_DAYS     e.g. "wage_arrears=2,fraud=5": days to 已办结 per category
// install() reads them once at start, so a bad value stops the server there.
import { ConfigError } from "../../config.ts";
import type { Deps } from "../../shared/context.ts";
import type { CaseCategory } from "../../../db/schema/hotline.ts";
import { copy } from "../../../views/copy/index.ts";
import { casePrefix, defaultDeadlineDays, parseDeadlineOverrides, PREFIX_PATTERN } from "./hotline.domain.ts";

export interface HotlineSettings {
  blockPublishing: boolean;
  prefix: string;
  deadlines: Record<CaseCategory, number>;
}

const t = copy.hotline.config;
const cache = new WeakMap<object, HotlineSettings>();

export function readHotlineSettings(env: Readonly<Record<string, string | undefined>>, cityName: string): HotlineSettings {
  const rawBlock = (env.HOTLINE_BLOCK_PUBLISHING ?? "").trim().toLowerCase();
  let blockPublishing = true;
  if (["0", "false", "no", "off"].includes(rawBlock)) blockPublishing = false;
  else if (rawBlock && !["1", "true", "yes", "on"].includes(rawBlock)) throw new ConfigError(t.badBlock(rawBlock));
  const rawPrefix = (env.HOTLINE_CASE_PREFIX ?? "").trim();
  if (rawPrefix && !PREFIX_PATTERN.test(rawPrefix)) throw new ConfigError(t.badPrefix(rawPrefix));
  const overrides = parseDeadlineOverrides(env.HOTLINE_DEADLINE_DAYS);
  if (!overrides.ok) throw new ConfigError(t.badDeadline(overrides.bad));
  return {
    blockPublishing,
    prefix: casePrefix(cityName, rawPrefix || undefined),
    deadlines: { ...defaultDeadlineDays, ...overrides.value },
  };
}

/** The settings of this app instance (read once per config). */
export function hotlineSettings(deps: Pick<Deps, "config">): HotlineSettings {
  let s = cache.get(deps.config);
  if (!s) {
    s = readHotlineSettings(deps.config.env ?? {}, deps.config.region.city.name);
    cache.set(deps.config, s);
  }
  return s;
}
