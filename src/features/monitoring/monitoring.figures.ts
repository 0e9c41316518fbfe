// Puts the monitoring figures together for one scope and period: the local
// records (monitoring.repo.ts), the figures imported from self-hosted
// counties, the trend against the period before, and the kinds of work.
import { sql } from "drizzle-orm";
import type { Queryable } from "../../shared/db.ts";
import {
  addCounts, buckets, effectiveGrain, kindBalance, previousPeriod, totalOf, zeroCounts, dayCount, ONLINE,
  type Bucket, type Counts, type Grain, type Period, type Scope,
} from "./monitoring.domain.ts";
import { importedDays, kindFigures, localCounties, ownerDays, type PriorityCondition, type ScopeFilter } from "./monitoring.repo.ts";

export interface ResolvedScope {
  scope: Scope;
  filter: ScopeFilter;
  /** The county of a county scope, or of a market scope's market. */
  county: string | null;
}

export interface OwnerFigures {
  /** A local market id, ONLINE, or "county:key" for an imported market. */
  key: string;
  marketId: number | null;
  county: string | null;
  /** The imported market's name; local names come from the markets table. */
  importedName: string | null;
  counts: Counts;
}

export interface Report {
  period: Period;
  previous: Period;
  days: number;
  grain: Grain;
  buckets: Bucket[];
  totals: Counts;
  previousTotals: Counts;
  owners: OwnerFigures[];
  kinds: ReturnType<typeof kindBalance>;
  /** Counties whose imported figures are included. */
  importedCounties: string[];
}

/**
 * A report is a dozen aggregations over every record of the period (0.5 s for
 * the city over 30 days at 100,000 postings and 200,000 sign-ups a year), and
 * an admin's dashboard does not need them to the second. So a report is kept
 * for `ttlMs` after it was made, and for longer while nothing is written; the
 * page says when it was counted. Keyed on the scope, period and grain (the
 * caller has already checked that the viewer may see that scope).
 */
export function reportCache(opts: { ttlMs: number; generation: () => number; maxEntries?: number }) {
  const entries = new Map<string, { at: number; generation: number; report: Promise<Report & { madeAt: number }> }>();
  return (key: { scope: ScopeFilter; period: Period; grain: Grain }, make: () => Promise<Report>, now: number): Promise<Report & { madeAt: number }> => {
    const k = JSON.stringify(key);
    const e = entries.get(k);
    const age = performance.now() - (e?.at ?? 0);
    if (e && (age < opts.ttlMs || e.generation === opts.generation())) return e.report;
    const generation = opts.generation();
    const report = make().then((r) => ({ ...r, madeAt: now }));
    entries.delete(k);
    entries.set(k, { at: performance.now(), generation, report });
    if (entries.size > (opts.maxEntries ?? 100)) entries.delete(entries.keys().next().value!);
    // A failed report is not kept.
    report.catch(() => entries.get(k)?.report === report && entries.delete(k));
    return report;
  };
}

export async function buildReport(db: Queryable, r: ResolvedScope, period: Period, requested: Grain, priority: PriorityCondition): Promise<Report> {
  const previous = previousPeriod(period);
  const whole: Period = { from: previous.from, to: period.to };
  const withImports = r.filter.kind !== "market";
  const [daysLocal, ownersLocal, localSet, kinds, kindNames] = await Promise.all([
    ownerDays(db, whole, r.filter, priority, "day"),
    ownerDays(db, period, r.filter, priority, "owner"),
    localCounties(db),
    kindFigures(db, period, r.filter),
    db.all<{ id: number; name: string }>(sql`SELECT id, name FROM work_kinds ORDER BY sort, id`),
  ]);
  const imported = withImports ? await importedDays(db, whole, r.filter.kind === "county" ? r.filter.county : null, localSet) : [];

  const daily = new Map<string, Counts>();
  const owners = new Map<string, OwnerFigures>();
  const dayCounts = (day: string) => daily.get(day) ?? (daily.set(day, zeroCounts()), daily.get(day)!);
  const owner = (key: string, init: Omit<OwnerFigures, "counts" | "key">) =>
    owners.get(key) ?? (owners.set(key, { key, ...init, counts: zeroCounts() }), owners.get(key)!);

  for (const row of daysLocal) addCounts(dayCounts(row.day), row.counts);
  for (const row of ownersLocal) {
    // The online owners of several counties are one row: the online gig market.
    const isOnline = row.owner === ONLINE;
    addCounts(owner(row.owner, { marketId: isOnline ? null : Number(row.owner), county: isOnline ? null : row.county, importedName: null }).counts, row.counts);
  }
  const importedCounties = new Set<string>();
  for (const row of imported) {
    addCounts(dayCounts(row.day), row.counts);
    if (row.day < period.from || row.day > period.to) continue;
    importedCounties.add(row.county);
    addCounts(owner(row.owner, { marketId: null, county: row.county, importedName: row.name }).counts, row.counts);
  }

  const grain = effectiveGrain(requested, period);
  const names = new Map(kindNames.map((k) => [k.id, k.name]));
  const kindRows = [...new Set([...kinds.asked.keys(), ...kinds.seekers.keys()])].map((id) => ({
    kindId: id,
    name: names.get(id) ?? String(id),
    asked: kinds.asked.get(id) ?? 0,
    seekers: kinds.seekers.get(id) ?? 0,
  }));
  const order = (o: OwnerFigures) => (o.marketId !== null ? 0 : o.key === ONLINE ? 1 : 2);
  return {
    period,
    previous,
    days: dayCount(period),
    grain,
    buckets: buckets(daily, period, grain),
    totals: totalOf(daily, period),
    previousTotals: totalOf(daily, previous),
    owners: [...owners.values()].sort((a, b) => order(a) - order(b) || (a.marketId ?? 0) - (b.marketId ?? 0) || a.key.localeCompare(b.key)),
    kinds: kindBalance(kindRows),
    importedCounties: [...importedCounties].sort(),
  };
}
