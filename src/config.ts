// Everything an instance may set differently, read once from the environment
// (and the region file it names) and checked, so a bad setting stops the server
// at start with the variable's name instead of failing later on a request.
import { readFileSync } from "node:fs";
import { fromRoot } from "./shared/root.ts";
import * as v from "valibot";
import { copy } from "../views/copy/index.ts";
import { jsonValueLines, lineAt } from "./shared/json-lines.ts";
import { parseNetworks, type Network } from "./shared/networks.ts";
import { ConfigError, readSetting, intSetting, boolSetting, textSetting, parsedSetting, type Env, type Setting } from "./shared/settings.ts";

export const RegionFileSchema = v.object({
  city: v.object({ code: v.pipe(v.string(), v.regex(/^\d{6}$/)), name: v.pipe(v.string(), v.minLength(1)) }),
  siteName: v.pipe(v.string(), v.minLength(1)),
  hotline: v.pipe(v.string(), v.regex(/^[\d-]{3,20}$/)),
  minWage: v.object({
    hourlyFen: v.pipe(v.number(), v.integer(), v.minValue(1)),
    monthlyFen: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
  counties: v.pipe(
    v.array(v.object({ code: v.pipe(v.string(), v.regex(/^\d{6}$/)), name: v.pipe(v.string(), v.minLength(1)) })),
    v.minLength(1),
  ),
  townships: v.array(
    v.object({
      code: v.pipe(v.string(), v.regex(/^\d{9}$/)),
      name: v.pipe(v.string(), v.minLength(1)),
      countyCode: v.pipe(v.string(), v.regex(/^\d{6}$/)),
    }),
  ),
  workKinds: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
  brands: v.array(v.object({ name: v.pipe(v.string(), v.minLength(1)), county: v.optional(v.string()) })),
});
export type RegionData = v.InferOutput<typeof RegionFileSchema>;

export interface Config {
  port: number;
  databaseUrl: string;
  production: boolean;
  siteName: string;
  hotline: string;
  region: RegionData;
  minWage: { hourlyFen: number; monthlyFen: number };
  /** Idle minutes before a session ends: short for staff on the shared PC. */
  idleMinutes: { staff: number; other: number };
  /** Where `npm run backup` writes, and how many of its own files it keeps there (0 = all). */
  backup: { dir: string; keep: number };
  /** Personal-data retention in days, applied by the daily housekeeping (src/ops/housekeeping.ts). */
  retention: { postingContactDays: number; workerDays: number; smsDays: number };
  /** Below this much free space (MB) beside the DB file, /healthz fails and the status page warns. */
  diskMinFreeMb: number;
  /** How long a page rendered for a visitor who is not signed in may be served again (0: never). */
  pageCacheSeconds: number;
  /** How long a monitoring report may be shown again after it was counted, even if records were added since (0: only while nothing was written). */
  monitoringCacheSeconds: number;
  /** Behind an HTTPS proxy: cookies get Secure and the __Host- prefix. */
  https: boolean;
  /** Limits on SMS codes (验证码), so nobody can make the instance text numbers at will (src/features/phone). */
  phoneCodes: PhoneCodeLimits;
  /** Trust X-Forwarded-For for the client address (only behind our own proxy). */
  trustProxy: boolean;
  /** Postings per employer (issue #16: one household employer filled the first page of /jobs in 10 s). */
  postingLimits: { perHour: number; perDay: number; householdHeadcount: number };
  /** A fair share for every client: uncached work per client address (src/shared/fair-share.ts). */
  fairShare: {
    enabled: boolean;
    perClient: number;
    /** ms of server time a second */ rate: number;
    /** ms */ burst: number;
    anonymous: number;
    /** How long a refusal is held before its 429 (ms). */ holdMs: number;
    /** Stations' shared lines, with `stationShare` times the share. */ stationNetworks: Network[];
    stationShare: number;
  };
  /** Base URL printed in the setup link. */
  publicUrl: string;
  /** The environment this config was read from, for a feature's own settings (checked in its install()). */
  env?: Readonly<Env>;
}

export interface PhoneCodeLimits {
  /** Seconds between two codes to one number. */
  numberGapSeconds: number;
  numberPerHour: number;
  numberPerDay: number;
  /** Per client address (an IPv6 address counts per /64). */
  addressPerHour: number;
  addressPerDay: number;
  /** Code texts per Beijing day for the whole instance; past it codes stop and /admin/status shows an alarm. */
  dailyBudget: number;
}

export const defaultRegionFile = fromRoot("db", "seed", "regions", "xuchang.json");

// ConfigError and the one parse path for settings live in shared/settings.ts (features read theirs the same way).
export { ConfigError };

export function loadRegionFile(path: string): RegionData {
  const r = copy.ops.region;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(r.unreadable(path, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    // "… at position 123" (Node 20) or "(line 5 column 3)" (newer engines): say the line.
    const msg = (e as Error).message;
    const line = Number(msg.match(/line (\d+)/)?.[1]) || (msg.match(/position (\d+)/) ? lineAt(text, Number(msg.match(/position (\d+)/)![1])) : 0);
    throw new ConfigError(r.badJson(path, line));
  }
  const parsed = v.safeParse(RegionFileSchema, json);
  if (!parsed.success) {
    const first = parsed.issues[0];
    const keys = first.path?.map((p) => p.key as string | number) ?? [];
    const where = keys.join(".");
    // The line of the value itself, or of the object that lacks it.
    const lines = jsonValueLines(text.replace(/^\uFEFF/, ""));
    let line = lines.get(where);
    for (let k = keys.length - 1; line === undefined && k >= 0; k--) line = lines.get(keys.slice(0, k).join("."));
    throw new ConfigError(r.badField(path, line ?? 1, where, regionFieldName(keys), regionIssue(first)));
  }
  const counties = new Set(parsed.output.counties.map((c) => c.code));
  const lines = jsonValueLines(text.replace(/^\uFEFF/, ""));
  const strayAt = parsed.output.townships.findIndex((t) => !counties.has(t.countyCode));
  if (strayAt >= 0) {
    const stray = parsed.output.townships[strayAt];
    throw new ConfigError(r.strayTownship(path, lines.get(`townships.${strayAt}.countyCode`) ?? 1, stray.name, stray.countyCode));
  }
  const brandAt = parsed.output.brands.findIndex((b) => b.county !== undefined && !counties.has(b.county));
  if (brandAt >= 0) {
    const b = parsed.output.brands[brandAt];
    throw new ConfigError(r.strayBrand(path, lines.get(`brands.${brandAt}.county`) ?? 1, b.name, b.county!));
  }
  return parsed.output;
}

/** "县(市、区)列表第 1 项的代码" for ["counties", 0, "code"]. */
function regionFieldName(keys: (string | number)[]): string {
  const names = copy.ops.region.fields as Record<string, string>;
  let out = "";
  for (const k of keys) out += typeof k === "number" ? copy.ops.region.item(k + 1) : (out && !out.endsWith("的") ? "的" : "") + (names[k] ?? k);
  return out;
}

/** valibot's issue, said in Chinese for the clerk. */
function regionIssue(issue: v.BaseIssue<unknown>): string {
  const r = copy.ops.region;
  if (issue.input === undefined) return r.missing;
  switch (issue.type) {
    case "regex": {
      const req = String(issue.requirement);
      return req.includes("{6}") ? r.digits(6) : req.includes("{9}") ? r.digits(9) : r.hotline;
    }
    case "min_length":
      return Array.isArray(issue.input) ? r.emptyList : r.emptyText;
    case "integer":
      return r.integer;
    case "min_value":
      return r.positive;
    case "string":
      return r.expected.string;
    case "number":
      return r.expected.number;
    case "array":
      return r.expected.array;
    case "object":
      return r.expected.object;
    default:
      return issue.message;
  }
}

const networksSetting = (name: string): Setting<Network[]> =>
  parsedSetting(name, [], (raw) => {
    const { networks, bad } = parseNetworks(raw);
    return bad.length ? { ok: false, why: copy.ops.settings.networks(bad[0]) } : { ok: true, value: networks };
  });

export function loadConfig(env: Env = process.env): Config {
  const region = loadRegionFile(env.REGION_FILE || defaultRegionFile);
  const read = <T>(s: Setting<T>) => readSetting(env, s);
  const port = read(intSetting("PORT", 3000, 1, 65535));
  const databaseUrl = read(textSetting("DATABASE_URL", "file:db/lingong.db", /^(file:|libsql:|https?:|wss?:)/, copy.ops.settings.databaseUrl));
  const hotline = read(textSetting("HOTLINE", region.hotline, /^[\d-]{3,20}$/, copy.ops.settings.hotline));
  const https = read(boolSetting("HTTPS", false));
  return {
    port,
    databaseUrl,
    production: env.NODE_ENV === "production",
    siteName: env.SITE_NAME || region.siteName,
    hotline,
    region,
    minWage: {
      hourlyFen: read(intSetting("MIN_WAGE_HOURLY_FEN", region.minWage.hourlyFen, 1, 1_000_000)),
      monthlyFen: read(intSetting("MIN_WAGE_MONTHLY_FEN", region.minWage.monthlyFen, 1, 100_000_000)),
    },
    idleMinutes: {
      staff: read(intSetting("STAFF_IDLE_MINUTES", 15, 1, 24 * 60)),
      other: read(intSetting("IDLE_MINUTES", 7 * 24 * 60, 1, 90 * 24 * 60)),
    },
    backup: { dir: env.BACKUP_DIR || "backups", keep: read(intSetting("BACKUP_KEEP", 30, 0, 100_000)) },
    retention: {
      postingContactDays: read(intSetting("RETENTION_POSTING_CONTACT_DAYS", 365, 30, 36_500)),
      workerDays: read(intSetting("RETENTION_WORKER_DAYS", 3 * 365, 180, 36_500)),
      smsDays: read(intSetting("RETENTION_SMS_DAYS", 180, 7, 36_500)),
    },
    pageCacheSeconds: read(intSetting("PAGE_CACHE_SECONDS", 5, 0, 300)),
    diskMinFreeMb: read(intSetting("DISK_MIN_FREE_MB", 200, 0, 10_000_000)),
    monitoringCacheSeconds: read(intSetting("MONITORING_CACHE_SECONDS", 300, 0, 3600)),
    https,
    phoneCodes: {
      numberGapSeconds: read(intSetting("SMS_CODE_NUMBER_GAP_SECONDS", 60, 30, 3600)),
      numberPerHour: read(intSetting("SMS_CODE_NUMBER_PER_HOUR", 5, 1, 100)),
      numberPerDay: read(intSetting("SMS_CODE_NUMBER_PER_DAY", 10, 1, 1000)),
      addressPerHour: read(intSetting("SMS_CODE_ADDRESS_PER_HOUR", 10, 1, 100_000)),
      addressPerDay: read(intSetting("SMS_CODE_ADDRESS_PER_DAY", 30, 1, 1_000_000)),
      dailyBudget: read(intSetting("SMS_CODE_DAILY_BUDGET", 2000, 1, 10_000_000)),
    },
    trustProxy: read(boolSetting("TRUST_PROXY", false)),
    postingLimits: {
      perHour: read(intSetting("POSTINGS_PER_HOUR", 10, 1, 100_000)),
      perDay: read(intSetting("POSTINGS_PER_DAY", 30, 1, 1_000_000)),
      householdHeadcount: read(intSetting("HOUSEHOLD_HEADCOUNT_MAX", 10, 1, 100_000)),
    },
    fairShare: {
      enabled: read(boolSetting("FAIR_SHARE", true)),
      perClient: read(intSetting("FAIR_SHARE_PER_CLIENT", 2, 1, 1000)),
      // Milliseconds of server time per client: 100 a second (a tenth of a core), 1000 at once.
      rate: read(intSetting("FAIR_SHARE_RATE", 100, 1, 1_000_000)),
      burst: read(intSetting("FAIR_SHARE_BURST", 1000, 1, 10_000_000)),
      anonymous: read(intSetting("FAIR_SHARE_RENDERS", 8, 1, 10_000)),
      holdMs: read(intSetting("FAIR_SHARE_HOLD_MS", 1000, 0, 60_000)),
      stationNetworks: read(networksSetting("FAIR_SHARE_STATION_NETWORKS")),
      stationShare: read(intSetting("FAIR_SHARE_STATION_SHARE", 8, 1, 1000)),
    },
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ""),
    env,
  };
}
