// The figures, cached: an employer's record and the going-rate table are read
// on every job page, so they are kept in memory and counted again only when
// the rows they come from change. The change counters (record_versions,
// raised by the triggers of migration 0020 on hires, wage cases and
// employers) are read at most once a second while this process writes
// nothing (writes by another process show within that second), and the date
// is part of the key (the windows move at midnight, Beijing time).
import type { Deps } from "../../shared/context.ts";
import { chinaDate, chinaDayStart, DAY_MS } from "../../shared/clock.ts";
import { perApp } from "../../shared/memo.ts";
import {
  employerRecord, yearWindowStart, rateTable, goingRate, goingRatesFor, GOING_RATE_DAYS,
  type EmployerRecord, type GoingRate, type RateTable,
} from "./records.domain.ts";
import * as repo from "./records.repo.ts";

/** How long a read of the change counters is trusted while this process has not written. */
const VERSIONS_TTL_MS = 1000;
/** Records kept at most (one per employer whose page was seen); past it the map starts again. */
const MAX_RECORDS = 20_000;

interface State {
  versions: { generation: number; at: number; value: Promise<string> | null };
  records: Map<number, { key: string; value: Promise<EmployerRecord | null> }>;
  rates: { key: string; value: Promise<RateTable> } | null;
}

const stateOf = perApp((_deps: Deps): State => ({ versions: { generation: -1, at: 0, value: null }, records: new Map(), rates: null }));

/** The change counters and today's date: what every cached figure is keyed on. */
async function sourceKey(deps: Deps): Promise<string> {
  const v = stateOf(deps).versions;
  const now = performance.now();
  if (!v.value || v.generation !== deps.database.generation || now - v.at >= VERSIONS_TTL_MS) {
    v.generation = deps.database.generation;
    v.at = now;
    const loading = repo.sourceVersions(deps.database.db);
    v.value = loading;
    loading.catch(() => {
      if (v.value === loading) v.value = null;
    });
  }
  return `${await v.value}|${chinaDate(deps.clock.now())}`;
}

async function loadRecord(deps: Deps, employerId: number): Promise<EmployerRecord | null> {
  const today = chinaDate(deps.clock.now());
  const rows = await repo.employerRecordRows(deps.database.db, employerId, yearWindowStart(today));
  if (!rows.employer) return null;
  // Employers verified before reviews were recorded (imported, seeded) count from when they registered.
  const e = rows.employer;
  const verifiedOn = e.status === "verified" ? chinaDate(e.reviewedAt ?? e.createdAt) : null;
  return employerRecord({ today, verifiedOn, hires: rows.hires, wageCases: rows.wageCases });
}

/** An employer's 12-month record (null for an unknown employer). */
export async function employerRecordOf(deps: Deps, employerId: number): Promise<EmployerRecord | null> {
  const key = await sourceKey(deps);
  const s = stateOf(deps);
  const hit = s.records.get(employerId);
  if (hit && hit.key === key) return hit.value;
  if (s.records.size >= MAX_RECORDS) s.records.clear();
  const value = loadRecord(deps, employerId);
  s.records.set(employerId, { key, value });
  value.catch(() => s.records.delete(employerId));
  return value;
}

/** The going-rate table of the last GOING_RATE_DAYS days (today included). */
async function rates(deps: Deps): Promise<RateTable> {
  const key = await sourceKey(deps);
  const s = stateOf(deps);
  if (s.rates && s.rates.key === key) return s.rates.value;
  const since = chinaDayStart(deps.clock.now()) - (GOING_RATE_DAYS - 1) * DAY_MS;
  const value = repo.rateCounts(deps.database.db, since).then(rateTable);
  s.rates = { key, value };
  value.catch(() => {
    if (s.rates?.value === value) s.rates = null;
  });
  return value;
}

/** The going rate for a kind of work in a county, in the wage's unit; null when too few hires (or no wage). */
export async function goingRateOf(deps: Deps, kindId: number, countyCode: string, unit: string | null): Promise<GoingRate | null> {
  return goingRate(await rates(deps), kindId, countyCode, unit);
}

/** Every going rate a county can show (for the posting form). */
export async function goingRatesOf(deps: Deps, countyCode: string): Promise<GoingRate[]> {
  return goingRatesFor(await rates(deps), countyCode);
}
