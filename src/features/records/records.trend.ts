// The going rate over time, for monitoring: per kind of work and unit, the
// median wage of the hires agreed in each of the last six calendar months
// (Beijing time), shown only for months with GOING_RATE_MIN_HIRES hires.
import type { Deps } from "../../shared/context.ts";
import { chinaDate, chinaMidnight } from "../../shared/clock.ts";
import { perApp } from "../../shared/memo.ts";
import { rateFigures, rateUnits, GOING_RATE_MIN_HIRES, type RateUnit } from "./records.domain.ts";
import * as repo from "./records.repo.ts";

export const TREND_MONTHS = 6;

export interface TrendRow {
  kind: string;
  unit: RateUnit;
  /** Median wage in fen per month (oldest first); null where fewer than the threshold. */
  medians: (number | null)[];
}

/** "2026-07" … "2026-12": the last `n` months up to the one containing `today`. */
export function lastMonths(today: string, n: number): string[] {
  const [y, m] = today.split("-").map(Number);
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const k = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`);
  }
  return out;
}

/** Pure: samples (with their Beijing month) → one row per kind and unit that has at least one month shown. */
export function trendRows(
  samples: readonly { kindId: number; unit: RateUnit; wageFen: number; month: string }[],
  months: readonly string[],
  kindName: (id: number) => string,
): TrendRow[] {
  const groups = new Map<string, number[][]>();
  for (const s of samples) {
    const i = months.indexOf(s.month);
    if (i < 0) continue;
    const k = `${s.kindId}|${s.unit}`;
    if (!groups.has(k)) groups.set(k, months.map(() => []));
    groups.get(k)![i].push(s.wageFen);
  }
  const rows: (TrendRow & { kindId: number })[] = [];
  for (const [k, perMonth] of groups) {
    const [kindId, unit] = k.split("|");
    const medians = perMonth.map((w) => (w.length >= GOING_RATE_MIN_HIRES ? rateFigures(w).median : null));
    if (medians.every((m) => m === null)) continue;
    rows.push({ kindId: Number(kindId), kind: kindName(Number(kindId)), unit: unit as RateUnit, medians });
  }
  rows.sort((a, b) => a.kindId - b.kindId || rateUnits.indexOf(a.unit) - rateUnits.indexOf(b.unit));
  return rows.map(({ kindId: _, ...r }) => r);
}

const kindsOf = perApp((deps: Deps) => {
  let names: Promise<Map<number, string>> | null = null;
  return () => (names ??= repo.kindNames(deps.database.db).then((rows) => new Map(rows.map((r) => [r.id, r.name]))));
});

/** The trend for a county (or the city, county null), months oldest first. */
export async function rateTrend(deps: Deps, county: string | null): Promise<{ months: string[]; rows: TrendRow[] }> {
  const today = chinaDate(deps.clock.now());
  const months = lastMonths(today, TREND_MONTHS);
  const since = chinaMidnight(months[0]);
  const samples = await repo.rateSamples(deps.database.db, since, county);
  const names = await kindsOf(deps)();
  const rows = trendRows(
    samples.map((s) => ({ ...s, month: chinaDate(s.confirmedAt).slice(0, 7) })),
    months,
    (id) => names.get(id) ?? String(id),
  );
  return { months, rows };
}
