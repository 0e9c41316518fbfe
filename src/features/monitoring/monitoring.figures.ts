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
