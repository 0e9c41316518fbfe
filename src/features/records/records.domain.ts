// The rules behind the figures of trust (docs/records.zh-CN.md says the same
// in Chinese): an employer's 12-month record, the going rate for a kind of
// work, a worker's own record. Pure: rows in, figures out, no DB, no clock.
import type { HireStatus, WageUnit } from "../../../db/schema/constants.ts";
import type { CaseStatus } from "../../../db/schema/hotline.ts";
import { openCaseStatuses } from "../../../db/schema/hotline.ts";
import { addDays } from "../../shared/clock.ts";

// --- Which hires count ----------------------------------------------------------

/** The fields of a hire the rules read. */
export interface HireFacts {
  status: HireStatus;
  endDate: string;
  paid: "paid" | "not_paid" | null;
}

/**
 * A hire counts as work done (完成的用工) once it is marked completed, or once
 * its last work date has passed and it was not cancelled. The second half
 * means an employer cannot keep a hire off her record by never marking it
 * done; it is also exactly when the worker is asked "工钱拿到了吗?".
 */
export function isDone(h: Pick<HireFacts, "status" | "endDate">, today: string): boolean {
  if (h.status === "cancelled") return false;
  return h.status === "completed" || h.endDate < today;
}

/** The first day of the 12 months that end today: the same date a year ago, plus one day (365 or 366 days). */
export function yearWindowStart(today: string): string {
  const [y, m, d] = today.split("-").map(Number);
  // 2 月 29 日 a year back is 2 月 28 日 (Date rolls it to 3 月 1 日, one day too many).
  const back = new Date(Date.UTC(y - 1, m - 1, Math.min(d, m === 2 ? 28 : d)));
  return addDays(back.toISOString().slice(0, 10), 1);
}

// --- An employer's record ------------------------------------------------------

export interface EmployerRecordInput {
  /** Today, the Beijing date. */
  today: string;
  /** The Beijing date the employer was verified; null when not (or no longer) verified. */
  verifiedOn: string | null;
  /** The employer's hires (any; those outside the window or not done are left out here). */
  hires: HireFacts[];
  /** The employer's wage cases (欠薪 only): the Beijing date of intake and the status now. */
  wageCases: { day: string; status: CaseStatus }[];
}

export interface EmployerRecord {
  /** The window: from … to (today), Beijing dates, both included. */
  from: string;
  to: string;
  /** Hires done whose last work date is in the window. */
  hires: number;
  /** Of those, how many workers answered 拿到了 / 没拿到 / have not answered. */
  paid: number;
  notPaid: number;
  unanswered: number;
  /** Wage cases taken in within the window. */
  wageCasesOpened: number;
  /** Wage cases not yet closed, whenever they were taken in. */
  wageCasesOpen: number;
  verifiedOn: string | null;
  /** Whole months since verification (0 in the first month); null when not verified. */
  verifiedMonths: number | null;
  /** Nothing to show: no hire done and no wage case in the window, none open. */
  isNew: boolean;
}

const isOpenCase = (s: CaseStatus) => (openCaseStatuses as readonly string[]).includes(s);

/** Whole calendar months from `from` to `to` ("2025-01-31" → "2025-02-28" is 0: the 31st has not come round). */
export function wholeMonths(from: string, to: string): number {
  if (to < from) return 0;
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

export function employerRecord(input: EmployerRecordInput): EmployerRecord {
  const from = yearWindowStart(input.today);
  const counted = input.hires.filter((h) => h.endDate >= from && isDone(h, input.today));
  const paid = counted.filter((h) => h.paid === "paid").length;
  const notPaid = counted.filter((h) => h.paid === "not_paid").length;
  const wageCasesOpened = input.wageCases.filter((c) => c.day >= from && c.day <= input.today).length;
  const wageCasesOpen = input.wageCases.filter((c) => isOpenCase(c.status)).length;
  return {
    from,
    to: input.today,
    hires: counted.length,
    paid,
    notPaid,
    unanswered: counted.length - paid - notPaid,
    wageCasesOpened,
    wageCasesOpen,
    verifiedOn: input.verifiedOn,
    verifiedMonths: input.verifiedOn === null ? null : wholeMonths(input.verifiedOn, input.today),
    isNew: counted.length === 0 && wageCasesOpened === 0 && wageCasesOpen === 0,
  };
}

// --- The going rate ------------------------------------------------------------

/** Fewer hires than this in a group, and its figures are not shown (one or two deals say little, and may point at a person). */
export const GOING_RATE_MIN_HIRES = 10;
/** The window of the going rate, in days ending today. */
export const GOING_RATE_DAYS = 90;
/** The units a going rate is given in (a month's wage is not gig work). */
export const rateUnits = ["day", "hour", "piece"] as const satisfies readonly WageUnit[];
export type RateUnit = (typeof rateUnits)[number];
export const isRateUnit = (u: string | null | undefined): u is RateUnit => (rateUnits as readonly string[]).includes(u ?? "");

/**
 * The p-th percentile (0…1) of sorted numbers, by linear interpolation
 * between the two nearest ranks (what Excel's PERCENTILE.INC and numpy's
 * default do): position (n − 1) × p, counted from 0. Rounded to whole fen.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("percentile of nothing");
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return Math.round(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo));
}

export interface RateFigures {
  /** How many hires the figures are from. */
  n: number;
  p25: number;
  median: number;
  p75: number;
}

export function rateFigures(wages: readonly number[]): RateFigures {
  const s = [...wages].sort((a, b) => a - b);
  return { n: s.length, p25: percentile(s, 0.25), median: percentile(s, 0.5), p75: percentile(s, 0.75) };
}

/** One hire's wage, where and in what kind of work. */
export interface RateSample {
  kindId: number;
  countyCode: string;
  unit: RateUnit;
  wageFen: number;
  /** How many hires had this very wage here (1 when absent): the table is read grouped (records.repo.ts rateCounts). */
  n?: number;
}

/** Figures per (kind, county, unit), and per (kind, unit) for the whole city (county "*"). */
export type RateTable = Map<string, RateFigures>;
const CITY = "*";
const keyOf = (kindId: number, county: string, unit: string) => `${kindId}|${county}|${unit}`;

export function rateTable(samples: readonly RateSample[]): RateTable {
  const groups = new Map<string, number[]>();
  const add = (k: string, w: number, n: number) => {
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    for (let i = 0; i < n; i++) g.push(w);
  };
  for (const s of samples) {
    const n = s.n ?? 1;
    add(keyOf(s.kindId, s.countyCode, s.unit), s.wageFen, n);
    add(keyOf(s.kindId, CITY, s.unit), s.wageFen, n);
  }
  const out: RateTable = new Map();
  for (const [k, wages] of groups) out.set(k, rateFigures(wages));
  return out;
}

export interface GoingRate extends RateFigures {
  kindId: number;
  unit: RateUnit;
  /** "county": from the county's own hires; "city": too few there, so the whole city's. */
  scope: "county" | "city";
  countyCode: string;
}

/** The county's figures from GOING_RATE_MIN_HIRES hires up, else the city's, else null. */
export function goingRate(table: RateTable, kindId: number, countyCode: string, unit: string | null | undefined): GoingRate | null {
  if (!isRateUnit(unit)) return null;
  const county = table.get(keyOf(kindId, countyCode, unit));
  if (county && county.n >= GOING_RATE_MIN_HIRES) return { ...county, kindId, unit, scope: "county", countyCode };
  const city = table.get(keyOf(kindId, CITY, unit));
  if (city && city.n >= GOING_RATE_MIN_HIRES) return { ...city, kindId, unit, scope: "city", countyCode };
  return null;
}

/** Every going rate that can be shown for a county, one per kind and unit (for the posting form). */
export function goingRatesFor(table: RateTable, countyCode: string): GoingRate[] {
  const out: GoingRate[] = [];
  const seen = new Set<string>();
  for (const k of table.keys()) {
    const [kind, , unit] = k.split("|");
    const id = `${kind}|${unit}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const r = goingRate(table, Number(kind), countyCode, unit);
    if (r) out.push(r);
  }
  return out.sort((a, b) => a.kindId - b.kindId || rateUnits.indexOf(a.unit) - rateUnits.indexOf(b.unit));
}

/** A wage 15% or more under the median is "well below" the going rate: the worker is told. */
export const WELL_BELOW = 0.85;
export function wellBelow(wageFen: number | null, rate: GoingRate | null): boolean {
  return wageFen !== null && rate !== null && wageFen < rate.median * WELL_BELOW;
}

// --- A worker's own record -----------------------------------------------------

/** What a printed record says, kept with its check code (record_prints.summary). */
export interface PrintSummary {
  hires: number;
  paid: number;
  notPaid: number;
  unanswered: number;
  /** First and last work dates of the hires listed; null when none. */
  from: string | null;
  to: string | null;
}

/** A worker's hires done (any time), summed up for the print and its check page. */
export function printSummary(hires: readonly (HireFacts & { startDate: string })[], today: string): PrintSummary {
  const done = hires.filter((h) => isDone(h, today));
  const paid = done.filter((h) => h.paid === "paid").length;
  const notPaid = done.filter((h) => h.paid === "not_paid").length;
  return {
    hires: done.length,
    paid,
    notPaid,
    unanswered: done.length - paid - notPaid,
    from: done.length ? done.map((h) => h.startDate).sort()[0] : null,
    to: done.length ? done.map((h) => h.endDate).sort().at(-1)! : null,
  };
}
