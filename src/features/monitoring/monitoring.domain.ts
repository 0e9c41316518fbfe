// Monitoring (供需监测): what the figures mean, how periods, scopes and
// trends work, how charts are scaled, the kinds of ledger (the CSV itself is
// src/shared/csv.ts) and the daily statistics file. Pure functions: no HTTP, no DB.
//
// ## What each figure counts
//
// Every record is counted once, for exactly one "owner" on one China day, so
// that the figures of a county are the sum of its owners and a city the sum
// of its counties (also across instances, see the statistics file below):
//
// * The owner of a check-in (签到) is its market.
// * The owner of a posting, a sign-up or a hire made at a market's desk (the
//   record's via_market_id; for a hire, the hire's or else its sign-up's) is
//   that market, in that market's county.
// * Everything done online (no via_market_id) belongs to the ONLINE owner of
//   the county the posting is in: the online gig market (零工超市, the market
//   of tier "online"; the first one if there are several) shows the sum of the
//   online owners of all counties. County-tier markets do NOT also count online
//   records of their county: that would count a hire twice in the county sum.
// * A complaint (hotline case) belongs to its market, or, when it names none,
//   to the online owner of its county ("线上及其他").
//
// Per owner and day:
//
// * seekers (求职人数): distinct workers checked in at the market that day.
//   For the online owner: distinct workers who signed up online that day for a
//   posting in that county. Over several days the figure is a sum of daily
//   counts (人次), since one worker coming on two days was looking twice.
// * postings / headcount (岗位数 / 招聘人数): postings published that day (a
//   posting later removed by staff is not counted: it was not real demand), and
//   the workers they asked for.
// * signups (报名): sign-ups made that day, whatever became of them.
// * hires (成功录用): hires confirmed that day and not cancelled since.
// * priorityHires (重点人员录用): those hires whose worker was a priority worker
//   (困难零工人员) on the day of the hire, by the desk's rule: 大龄, a category
//   recorded with consent (低收入, 残疾), or 待工时间长 (monitoring.priority.ts).
// * complaints (投诉): hotline cases taken in that day.
//
// The directory's two figures (名录里的日均求职人数 / 日均成功录用人数) are the
// seekers and hires of the market summed over the 30 full days before today
// (today is not over yet) and divided by 30, with one decimal.
import { addDays, isRealDate } from "../../shared/clock.ts";

export const metrics = ["seekers", "postings", "headcount", "signups", "hires", "priorityHires", "complaints"] as const;
export type Metric = (typeof metrics)[number];
export type Counts = Record<Metric, number>;

export const zeroCounts = (): Counts => ({ seekers: 0, postings: 0, headcount: 0, signups: 0, hires: 0, priorityHires: 0, complaints: 0 });

export function addCounts(into: Counts, more: Partial<Counts>): Counts {
  for (const m of metrics) into[m] += more[m] ?? 0;
  return into;
}

/** The owner key of everything done online in a county. */
export const ONLINE = "online";

// --- Periods -------------------------------------------------------------

/** Two years, counting a leap day. */
export const MAX_PERIOD_DAYS = 731;
/** Longer periods are shown by week: a table of 700 days helps nobody and outgrows a basic phone. */
export const MAX_DAYS_BY_DAY = 92;
/** The window of the directory's daily averages. */
export const AVERAGE_DAYS = 30;

export interface Period {
  from: string;
  to: string;
}

/** Days from `from` to `to`, both included. */
export function dayCount(p: Period): number {
  return Math.round((Date.parse(p.to + "T00:00:00Z") - Date.parse(p.from + "T00:00:00Z")) / 86_400_000) + 1;
}

export type PeriodProblem = "order" | "tooLong";

export function periodProblem(p: Period): PeriodProblem | null {
  if (p.to < p.from) return "order";
  if (dayCount(p) > MAX_PERIOD_DAYS) return "tooLong";
  return null;
}

/** The last 30 days, today included: what the monitoring page shows first. */
export const defaultPeriod = (today: string): Period => ({ from: addDays(today, -(AVERAGE_DAYS - 1)), to: today });

/** The 30 full days before today: the window of the directory's daily averages. */
export const averageWindow = (today: string): Period => ({ from: addDays(today, -AVERAGE_DAYS), to: addDays(today, -1) });

/** The period of the same length just before `p`, for trends. */
export function previousPeriod(p: Period): Period {
  const n = dayCount(p);
  return { from: addDays(p.from, -n), to: addDays(p.from, -1) };
}

export function eachDay(p: Period): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** A sum over `days` days as a daily average with one decimal. */
export function perDay(total: number, days: number): number {
  return days > 0 ? Math.round((total / days) * 10) / 10 : 0;
}

// --- Grouping by day or week ---------------------------------------------

export const grains = ["day", "week"] as const;
export type Grain = (typeof grains)[number];

/** Long periods are always shown by week. */
export const effectiveGrain = (requested: Grain, p: Period): Grain => (dayCount(p) > MAX_DAYS_BY_DAY ? "week" : requested);

/** The Monday of the week that holds `day`. */
export function weekStart(day: string): string {
  const dow = new Date(day + "T00:00:00Z").getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

export interface Bucket {
  /** First and last day of the bucket inside the period. */
  start: string;
  end: string;
  counts: Counts;
}

/** Daily counts folded into days or weeks (weeks cut at the period's ends), zero-filled. */
export function buckets(daily: ReadonlyMap<string, Counts>, p: Period, grain: Grain): Bucket[] {
  const out: Bucket[] = [];
  for (const day of eachDay(p)) {
    const last = out[out.length - 1];
    const sameBucket = last && grain === "week" && weekStart(day) === weekStart(last.start);
    const b = sameBucket ? last : { start: day, end: day, counts: zeroCounts() };
    if (!sameBucket) out.push(b);
    b.end = day;
    const c = daily.get(day);
    if (c) addCounts(b.counts, c);
  }
  return out;
}

export function totalOf(daily: ReadonlyMap<string, Counts>, p: Period): Counts {
  const sum = zeroCounts();
  for (const [day, c] of daily) if (day >= p.from && day <= p.to) addCounts(sum, c);
  return sum;
}

/** Percent change from the previous period, rounded; null when there is nothing to compare with. */
export function trend(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return Math.round(((current - previous) / previous) * 100);
}

/** "+12%", "−5%" (a real minus sign), "0%", or "—" when the previous period had none. */
export function formatTrend(pct: number | null): string {
  if (pct === null) return "—";
  if (pct > 0) return `+${pct}%`;
  if (pct < 0) return `\u2212${-pct}%`;
  return "0%";
}

// --- Supply and demand by kind of work --------------------------------------

export type Balance = "short" | "surplus" | "even";

export interface KindRow {
  kindId: number;
  name: string;
  /** Headcount asked by postings published in the period. */
  asked: number;
  /** Active seekers (checked in or signed up in the period) who want this kind of work. */
  seekers: number;
}

/**
 * 缺人 when postings ask for more workers than there are active seekers who
 * want that work, 人多岗少 when fewer, else 基本平衡 (within 10%, or both 0).
 */
export function balanceOf(r: { asked: number; seekers: number }): Balance {
  const gap = r.asked - r.seekers;
  const tolerance = Math.max(1, Math.round(Math.max(r.asked, r.seekers) * 0.1));
  if (Math.abs(gap) < tolerance || (r.asked === 0 && r.seekers === 0)) return "even";
  return gap > 0 ? "short" : "surplus";
}

/** Kinds with any activity, the biggest gaps first (shortages and surpluses stand out at the top). */
export function kindBalance(rows: KindRow[]): (KindRow & { gap: number; balance: Balance })[] {
  return rows
    .filter((r) => r.asked > 0 || r.seekers > 0)
    .map((r) => ({ ...r, gap: r.asked - r.seekers, balance: balanceOf(r) }))
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.kindId - b.kindId);
}

// --- Charts ---------------------------------------------------------------

/** The smallest 1, 2 or 5 × 10^k at or above `max` (at least 1), so axis labels are round. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export interface Frame {
  width: number;
  height: number;
  /** Left and bottom margins for the axis labels. */
  left: number;
  bottom: number;
  top: number;
}

/** x of point i of n across the plot area, as an integer. */
export function xAt(i: number, n: number, f: Frame): number {
  const plot = f.width - f.left - 4;
  return Math.round(f.left + (n <= 1 ? plot / 2 : (i * plot) / (n - 1)));
}

/** y of a value on a 0..max axis, as an integer (0 at the bottom of the plot). */
export function yAt(v: number, max: number, f: Frame): number {
  const plot = f.height - f.top - f.bottom;
  return Math.round(f.top + plot - (Math.max(0, v) * plot) / max);
}

/** "x,y x,y …" for an SVG polyline; integer coordinates keep the page small. */
export function polylinePoints(values: number[], max: number, f: Frame): string {
  return values.map((v, i) => `${xAt(i, values.length, f)},${yAt(v, max, f)}`).join(" ");
}

/** Width in whole units of a horizontal bar for `v` on 0..max over `span` units. */
export function barLength(v: number, max: number, span: number): number {
  return max > 0 ? Math.round((Math.max(0, v) * span) / max) : 0;
}

// --- Scopes ---------------------------------------------------------------

/** 全市 / a county / a market, written in URLs as "city", "c411024", "m12". */
export type Scope = { kind: "city" } | { kind: "county"; county: string } | { kind: "market"; marketId: number };

export function parseScope(raw: string | undefined): Scope | null {
  if (raw === "city") return { kind: "city" };
  const c = /^c(\d{6})$/.exec(raw ?? "");
  if (c) return { kind: "county", county: c[1] };
  const m = /^m([1-9]\d{0,8})$/.exec(raw ?? "");
  if (m) return { kind: "market", marketId: Number(m[1]) };
  return null;
}

export function scopeParam(s: Scope): string {
  return s.kind === "city" ? "city" : s.kind === "county" ? `c${s.county}` : `m${s.marketId}`;
}

export interface Viewer {
  role: string;
  marketId: number | null;
  /** A county admin's county, or the county of a staff member's market. */
  scopeCounty: string | null;
}

/** The scope a viewer sees first: their market, their county, or the city. */
export function defaultScope(v: Viewer): Scope | null {
  if (v.role === "city_admin") return { kind: "city" };
  if (v.role === "county_admin" && v.scopeCounty) return { kind: "county", county: v.scopeCounty };
  if (v.role === "staff" && v.marketId) return { kind: "market", marketId: v.marketId };
  return null;
}

/**
 * Staff see their own market; a county admin their county or a market in it;
 * the city admin everything. `marketCounty` is the county of the scope's market.
 */
export function mayView(v: Viewer, s: Scope, marketCounty?: string | null): boolean {
  if (v.role === "city_admin") return true;
  if (v.role === "county_admin") {
    if (!v.scopeCounty) return false;
    if (s.kind === "county") return s.county === v.scopeCounty;
    if (s.kind === "market") return !!marketCounty && marketCounty === v.scopeCounty;
    return false;
  }
  if (v.role === "staff") return s.kind === "market" && s.marketId === v.marketId;
  return false;
}

// --- The ledger (台账) kinds --------------------------------------------------

export const ledgerKinds = ["postings", "signups", "hires", "checkins"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

// --- The daily statistics file (统计数据文件) ----------------------------------
//
// A county that runs its own instance exports its daily counts per market, and
// the city's instance imports them, so the city's monitoring covers every
// county without any personal data leaving the county. The file names the
// city and county by their codes; each market carries its key on the county's
// instance ("online" for the county's online owner) and a list of
// [day, seekers, postings, headcount, signups, hires, priorityHires, complaints]
// for the days with any count. An import replaces that county's imported rows
// for the file's period, so the same file imported twice counts once.

export const STATS_FORMAT = "lingong-daily-stats";
export const STATS_VERSION = 1;
/** A month, or a quarter: the file must fit in one form upload (64 KB). */
export const MAX_EXPORT_DAYS = 92;
const MAX_COUNT = 1_000_000;
const MAX_MARKETS = 300;

export interface StatsMarket {
  key: string;
  name: string;
  tier: string;
  days: Map<string, Counts>;
}

export interface StatsFile {
  city: string;
  county: string;
  from: string;
  to: string;
  markets: StatsMarket[];
}

export function buildStatsFile(f: StatsFile, generatedAt: string): string {
  return JSON.stringify({
    format: STATS_FORMAT,
    version: STATS_VERSION,
    city: f.city,
    county: f.county,
    from: f.from,
    to: f.to,
    generatedAt,
    fields: ["day", ...metrics],
    markets: f.markets.map((m) => ({
      key: m.key,
      name: m.name,
      tier: m.tier,
      days: [...m.days]
        .filter(([, c]) => metrics.some((k) => c[k] > 0))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([day, c]) => [day, ...metrics.map((k) => c[k])]),
    })),
  });
}

export type StatsProblem =
  | { kind: "malformed"; detail: string }
  | { kind: "wrongCity"; city: string }
  | { kind: "unknownCounty"; county: string }
  | { kind: "dates"; detail: string }
  | { kind: "negative"; detail: string };

export interface StatsContext {
  cityCode: string;
  counties: ReadonlySet<string>;
  /** Today on the importing instance: a file may not hold days after it. */
  today: string;
}

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === "object" && !Array.isArray(x);
const isDate = (x: unknown): x is string => typeof x === "string" && isRealDate(x) && x >= "2000-01-01";

/** Reads and checks a statistics file; nothing is imported unless every part of it is right. */
export function parseStatsFile(text: string, ctx: StatsContext): { ok: true; value: StatsFile } | { ok: false; problem: StatsProblem } {
  const bad = (detail: string) => ({ ok: false as const, problem: { kind: "malformed" as const, detail } });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return bad("json");
  }
  if (!isObj(json) || json.format !== STATS_FORMAT) return bad("format");
  if (json.version !== STATS_VERSION) return bad("version");
  if (typeof json.city !== "string" || typeof json.county !== "string") return bad("codes");
  if (json.city !== ctx.cityCode) return { ok: false, problem: { kind: "wrongCity", city: json.city.slice(0, 12) } };
  if (!ctx.counties.has(json.county)) return { ok: false, problem: { kind: "unknownCounty", county: json.county.slice(0, 12) } };
  if (!Array.isArray(json.fields) || json.fields.join(",") !== ["day", ...metrics].join(",")) return bad("fields");
  const { from, to } = json;
  if (!isDate(from) || !isDate(to)) return { ok: false, problem: { kind: "dates", detail: "period" } };
  if (to < from || dayCount({ from, to }) > MAX_PERIOD_DAYS || to > ctx.today) return { ok: false, problem: { kind: "dates", detail: "period" } };
  if (!Array.isArray(json.markets) || json.markets.length > MAX_MARKETS) return bad("markets");
  const markets: StatsMarket[] = [];
  const keys = new Set<string>();
  for (const m of json.markets) {
    if (!isObj(m) || typeof m.key !== "string" || !/^(online|[1-9]\d{0,8})$/.test(m.key) || keys.has(m.key)) return bad("key");
    if (typeof m.name !== "string" || m.name.trim() === "" || m.name.length > 50) return bad("name");
    if (typeof m.tier !== "string" || !/^[a-z]{1,12}$/.test(m.tier)) return bad("tier");
    if (!Array.isArray(m.days) || m.days.length > MAX_PERIOD_DAYS) return bad("days");
    keys.add(m.key);
    const days = new Map<string, Counts>();
    for (const row of m.days) {
      if (!Array.isArray(row) || row.length !== metrics.length + 1) return bad("row");
      const [day, ...nums] = row;
      if (!isDate(day)) return { ok: false, problem: { kind: "dates", detail: String(day).slice(0, 12) } };
      if (day < from || day > to) return { ok: false, problem: { kind: "dates", detail: day } };
      if (days.has(day)) return bad("duplicate");
      if (!nums.every((n) => typeof n === "number" && Number.isInteger(n))) return bad("number");
      if (nums.some((n) => (n as number) < 0)) return { ok: false, problem: { kind: "negative", detail: day } };
      if (nums.some((n) => (n as number) > MAX_COUNT)) return bad("number");
      days.set(day, Object.fromEntries(metrics.map((k, i) => [k, nums[i] as number])) as Counts);
    }
    markets.push({ key: m.key, name: m.name.trim(), tier: m.tier, days });
  }
  return { ok: true, value: { city: json.city, county: json.county, from, to, markets } };
}

export interface ImportedRow {
  marketKey: string;
  day: string;
  marketName: string;
  marketTier: string;
  counts: Counts;
}

export const rowsOf = (f: StatsFile): ImportedRow[] =>
  f.markets.flatMap((m) => [...m.days].map(([day, counts]) => ({ marketKey: m.key, day, marketName: m.name, marketTier: m.tier, counts })));

/**
 * How many (market, day) rows an import adds, changes or removes, compared
 * with what is stored for the county in the file's period. 0: the same file again.
 */
export function importChanges(stored: ImportedRow[], incoming: ImportedRow[]): number {
  const key = (r: ImportedRow) => `${r.marketKey}|${r.day}`;
  const sig = (r: ImportedRow) => [r.marketName, r.marketTier, ...metrics.map((m) => r.counts[m])].join("|");
  const before = new Map(stored.map((r) => [key(r), sig(r)]));
  let changed = 0;
  for (const r of incoming) {
    if (before.get(key(r)) !== sig(r)) changed++;
    before.delete(key(r));
  }
  return changed + before.size;
}
