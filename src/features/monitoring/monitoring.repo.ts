// The monitoring queries: one GROUP BY per kind of record over a period, each
// answering (day, owner, county) rows, so a page costs a handful of queries
// whatever its length. Who owns what is explained in monitoring.domain.ts.
import { sql, type SQL } from "drizzle-orm";
import { statsImported, statsImports } from "../../../db/schema/index.ts";
import type { Queryable } from "../../shared/db.ts";
import { ONLINE, metrics, zeroCounts, type Counts, type ImportedRow, type Period, type LedgerKind } from "./monitoring.domain.ts";
import { and, eq, gte, lte, desc } from "drizzle-orm";
import { CHINA_OFFSET_MS, DAY_MS, chinaMidnight } from "../../shared/clock.ts";

/**
 * The China day of an epoch-ms column as a whole number of days since 1970:
 * integer arithmetic is several times faster than strftime over a year of rows.
 */
const dayOf = (col: SQL) => sql`((${col} + ${sql.raw(String(CHINA_OFFSET_MS))}) / ${sql.raw(String(DAY_MS))})`;
/** A day from SQL, either a "YYYY-MM-DD" column or a day number from `dayOf`. */
const dayText = (d: string | number) => (typeof d === "number" ? new Date(d * DAY_MS).toISOString().slice(0, 10) : d);
export const startMs = chinaMidnight;
const endMs = (day: string) => startMs(day) + DAY_MS;

/**
 * A scope as the queries need it. For a market: is it the online gig market,
 * which also owns everything done online (owner NULL)?
 */
export type ScopeFilter =
  | { kind: "city" }
  | { kind: "county"; county: string }
  | { kind: "market"; marketId: number; online: boolean };

/** The SQL condition for records whose owner market is `owner` (NULL = online) and county `county`. */
function inScope(s: ScopeFilter, owner: SQL, county: SQL): SQL {
  if (s.kind === "city") return sql`1`;
  if (s.kind === "county") return sql`${county} = ${s.county}`;
  return s.online ? sql`(${owner} = ${s.marketId} OR ${owner} IS NULL)` : sql`${owner} = ${s.marketId}`;
}

/** Condition "this worker was a priority worker at this instant (epoch ms)"; defined by the desk feature. */
export type PriorityCondition = (workerIdColumn: SQL, atColumn: SQL) => SQL;

export interface OwnerDay {
  /** A market id as text, or ONLINE; ALL when not grouped by owner. */
  owner: string;
  county: string;
  /** The China date; ALL when not grouped by day. */
  day: string;
  counts: Counts;
}

/** Stands for "all" in a column that a grouping leaves out. */
export const ALL = "*";

/**
 * What the rows are grouped by: per owner and day (the statistics file), per
 * day (the series of a report) or per owner (the table of markets). The last
 * two answer a few hundred rows even for two years of a whole city.
 */
export type Grouping = "ownerDay" | "day" | "owner";

type Raw = { day: string | number; owner: number | string | null; county: string; a: number; b?: number };

/**
 * Counts per owner and/or day for the period, local records only. Six GROUP BY
 * queries, each on an indexed range (day or timestamp).
 */
export async function ownerDays(db: Queryable, p: Period, s: ScopeFilter, priority: PriorityCondition, grouping: Grouping = "ownerDay"): Promise<OwnerDay[]> {
  const from = startMs(p.from);
  const to = endMs(p.to);
  const byDay = grouping !== "owner";
  const byOwner = grouping !== "day";
  /** The SELECT list and GROUP BY for a record with these day, owner and county expressions. */
  const group = (day: SQL, owner: SQL, county: SQL) => ({
    cols: sql`${byDay ? day : sql`${ALL}`} AS day, ${byOwner ? owner : sql`${ALL}`} AS owner, ${byOwner ? county : sql`${ALL}`} AS county`,
    by: byDay && byOwner ? sql`GROUP BY 1, 2, 3` : byDay ? sql`GROUP BY 1` : sql`GROUP BY 2, 3`,
  });
  const out = new Map<string, OwnerDay>();
  const add = (rows: Raw[], put: (c: Counts, r: Raw) => void) => {
    for (const r of rows) {
      const owner = r.owner === null ? ONLINE : String(r.owner);
      const day = dayText(r.day);
      const k = `${owner}|${r.county}|${day}`;
      let row = out.get(k);
      if (!row) out.set(k, (row = { owner, county: r.county, day, counts: zeroCounts() }));
      put(row.counts, r);
    }
  };

  // Check-ins need no join for their day and market: the county is looked up once per group.
  const checkinG = group(sql`c.day`, sql`c.market_id`, sql`(SELECT county_code FROM markets WHERE id = c.market_id)`);
  const checkinScope =
    s.kind === "county" ? sql`c.market_id IN (SELECT id FROM markets WHERE county_code = ${s.county})` : inScope(s, sql`c.market_id`, sql`NULL`);
  // Distinct workers per county and day first; then added up in the grouping asked for.
  const onlineG = group(sql`day`, sql`NULL`, sql`county`);
  const postingsG = group(dayOf(sql`p.published_at`), sql`p.via_market_id`, sql`coalesce(m.county_code, p.county_code)`);
  const signupsG = group(dayOf(sql`a.created_at`), sql`a.via_market_id`, sql`coalesce(m.county_code, p.county_code)`);
  const hiresG = group(dayOf(sql`h.confirmed_at`), sql`coalesce(h.via_market_id, a.via_market_id)`, sql`coalesce(m.county_code, p.county_code)`);
  const casesG = group(sql`hc.day`, sql`hc.market_id`, sql`coalesce(m.county_code, hc.county_code)`);

  const [checkins, onlineSeekers, postings, signups, hires, complaints] = await Promise.all([
    db.all<Raw>(sql`
      SELECT ${checkinG.cols}, count(*) AS a
      FROM check_ins c
      WHERE c.day BETWEEN ${p.from} AND ${p.to} AND ${checkinScope}
      ${checkinG.by}`),
    // The online owner's seekers: distinct workers who signed up online that day.
    s.kind === "market" && !s.online
      ? Promise.resolve([] as Raw[])
      : db.all<Raw>(sql`
      SELECT ${onlineG.cols}, sum(n) AS a FROM (
        SELECT ${dayOf(sql`a.created_at`)} AS day, p.county_code AS county, count(DISTINCT a.worker_id) AS n
        FROM applications a JOIN job_postings p ON p.id = a.posting_id
        WHERE a.via_market_id IS NULL AND a.created_at >= ${from} AND a.created_at < ${to}
          AND ${inScope(s, sql`NULL`, sql`p.county_code`)}
        GROUP BY 1, 2)
      ${onlineG.by}`),
    db.all<Raw>(sql`
      SELECT ${postingsG.cols}, count(*) AS a, sum(p.headcount) AS b
      FROM job_postings p LEFT JOIN markets m ON m.id = p.via_market_id
      WHERE p.published_at >= ${from} AND p.published_at < ${to} AND p.status <> 'removed'
        AND ${inScope(s, sql`p.via_market_id`, sql`coalesce(m.county_code, p.county_code)`)}
      ${postingsG.by}`),
    db.all<Raw>(sql`
      SELECT ${signupsG.cols}, count(*) AS a
      FROM applications a JOIN job_postings p ON p.id = a.posting_id LEFT JOIN markets m ON m.id = a.via_market_id
      WHERE a.created_at >= ${from} AND a.created_at < ${to}
        AND ${inScope(s, sql`a.via_market_id`, sql`coalesce(m.county_code, p.county_code)`)}
      ${signupsG.by}`),
    db.all<Raw>(sql`
      SELECT ${hiresG.cols}, count(*) AS a, sum(CASE WHEN ${priority(sql`h.worker_id`, sql`h.confirmed_at`)} THEN 1 ELSE 0 END) AS b
      FROM hires h JOIN applications a ON a.id = h.application_id JOIN job_postings p ON p.id = h.posting_id
        LEFT JOIN markets m ON m.id = coalesce(h.via_market_id, a.via_market_id)
      WHERE h.confirmed_at >= ${from} AND h.confirmed_at < ${to} AND h.status <> 'cancelled'
        AND ${inScope(s, sql`coalesce(h.via_market_id, a.via_market_id)`, sql`coalesce(m.county_code, p.county_code)`)}
      ${hiresG.by}`),
    db.all<Raw>(sql`
      SELECT ${casesG.cols}, count(*) AS a
      FROM hotline_cases hc LEFT JOIN markets m ON m.id = hc.market_id
      WHERE hc.day BETWEEN ${p.from} AND ${p.to}
        AND ${inScope(s, sql`hc.market_id`, sql`coalesce(m.county_code, hc.county_code)`)}
      ${casesG.by}`),
  ]);
  add(checkins, (c, r) => (c.seekers += r.a));
  add(onlineSeekers, (c, r) => (c.seekers += r.a));
  add(postings, (c, r) => ((c.postings += r.a), (c.headcount += r.b ?? 0)));
  add(signups, (c, r) => (c.signups += r.a));
  add(hires, (c, r) => ((c.hires += r.a), (c.priorityHires += r.b ?? 0)));
  add(complaints, (c, r) => (c.complaints += r.a));
  return [...out.values()];
}

/** Counties with a market of their own here (not only the city's or the online one): their figures are local. */
export async function localCounties(db: Queryable): Promise<Set<string>> {
  const rows = await db.all<{ county: string }>(sql`SELECT DISTINCT county_code AS county FROM markets WHERE tier IN ('county','township','station')`);
  return new Set(rows.map((r) => r.county));
}

/** The market that shows everything done online: the first market of tier "online". */
export async function onlineOwnerId(db: Queryable): Promise<number | null> {
  const rows = await db.all<{ id: number | null }>(sql`SELECT min(id) AS id FROM markets WHERE tier = 'online'`);
  return rows[0]?.id ?? null;
}

/** Imported daily rows of counties that are not local, for the city or one county. */
export async function importedDays(db: Queryable, p: Period, county: string | null, local: ReadonlySet<string>) {
  const rows = await db
    .select()
    .from(statsImported)
    .where(and(gte(statsImported.day, p.from), lte(statsImported.day, p.to), county ? eq(statsImported.countyCode, county) : undefined));
  return rows
    .filter((r) => !local.has(r.countyCode))
    .map((r) => ({
      county: r.countyCode,
      owner: `${r.countyCode}:${r.marketKey}`,
      name: r.marketName,
      day: r.day,
      counts: Object.fromEntries(metrics.map((m) => [m, r[m]])) as Counts,
    }));
}

/** Headcount asked per kind of work, and active seekers who want each kind, in the scope and period. */
export async function kindFigures(db: Queryable, p: Period, s: ScopeFilter) {
  const from = startMs(p.from);
  const to = endMs(p.to);
  const [asked, seekers] = await Promise.all([
    db.all<{ kindId: number; n: number }>(sql`
      SELECT p.kind_id AS kindId, sum(p.headcount) AS n
      FROM job_postings p LEFT JOIN markets m ON m.id = p.via_market_id
      WHERE p.published_at >= ${from} AND p.published_at < ${to} AND p.status <> 'removed'
        AND ${inScope(s, sql`p.via_market_id`, sql`coalesce(m.county_code, p.county_code)`)}
      GROUP BY p.kind_id`),
    db.all<{ kindId: number; n: number }>(sql`
      WITH active(w) AS (
        SELECT c.worker_id FROM check_ins c JOIN markets m ON m.id = c.market_id
        WHERE c.day BETWEEN ${p.from} AND ${p.to} AND ${inScope(s, sql`c.market_id`, sql`m.county_code`)}
        UNION
        SELECT a.worker_id FROM applications a JOIN job_postings p ON p.id = a.posting_id LEFT JOIN markets m ON m.id = a.via_market_id
        WHERE a.created_at >= ${from} AND a.created_at < ${to}
          AND ${inScope(s, sql`a.via_market_id`, sql`coalesce(m.county_code, p.county_code)`)}
      )
      SELECT wk.kind_id AS kindId, count(*) AS n FROM active JOIN worker_kinds wk ON wk.user_id = active.w GROUP BY wk.kind_id`),
  ]);
  return { asked: new Map(asked.map((r) => [r.kindId, r.n])), seekers: new Map(seekers.map((r) => [r.kindId, r.n])) };
}

/**
 * The directory's two sums over a window, per market: seekers and hires. The
 * online gig market (`onlineId`) also gets everything done online.
 */
export async function marketSums(db: Queryable, p: Period, onlineId: number | null): Promise<Map<number, { seekers: number; hires: number }>> {
  const from = startMs(p.from);
  const to = endMs(p.to);
  const [checkins, online, hires] = await Promise.all([
    db.all<{ id: number; n: number }>(sql`SELECT market_id AS id, count(*) AS n FROM check_ins WHERE day BETWEEN ${p.from} AND ${p.to} GROUP BY market_id`),
    // Distinct per county and day, as the monitoring figures count the online owners.
    db.all<{ n: number }>(sql`
      SELECT count(*) AS n FROM (
        SELECT DISTINCT ${dayOf(sql`a.created_at`)}, p.county_code, a.worker_id
        FROM applications a JOIN job_postings p ON p.id = a.posting_id
        WHERE a.via_market_id IS NULL AND a.created_at >= ${from} AND a.created_at < ${to})`),
    db.all<{ id: number | null; n: number }>(sql`
      SELECT coalesce(h.via_market_id, a.via_market_id) AS id, count(*) AS n
      FROM hires h JOIN applications a ON a.id = h.application_id
      WHERE h.confirmed_at >= ${from} AND h.confirmed_at < ${to} AND h.status <> 'cancelled'
      GROUP BY 1`),
  ]);
  const out = new Map<number, { seekers: number; hires: number }>();
  const at = (id: number) => out.get(id) ?? (out.set(id, { seekers: 0, hires: 0 }), out.get(id)!);
  for (const r of checkins) at(r.id).seekers += r.n;
  for (const r of hires) {
    if (r.id !== null) at(r.id).hires += r.n;
    else if (onlineId !== null) at(onlineId).hires += r.n;
  }
  if (onlineId !== null) at(onlineId).seekers += online[0]?.n ?? 0;
  return out;
}

// --- Imports ----------------------------------------------------------------

export async function storedImport(db: Queryable, county: string, p: Period): Promise<ImportedRow[]> {
  const rows = await db
    .select()
    .from(statsImported)
    .where(and(eq(statsImported.countyCode, county), gte(statsImported.day, p.from), lte(statsImported.day, p.to)));
  return rows.map((r) => ({
    marketKey: r.marketKey,
    day: r.day,
    marketName: r.marketName,
    marketTier: r.marketTier,
    counts: Object.fromEntries(metrics.map((m) => [m, r[m]])) as Counts,
  }));
}

/** Replaces the county's imported rows for the period with `rows`; call inside a transaction. */
export async function replaceImport(
  tx: Queryable,
  county: string,
  p: Period,
  rows: ImportedRow[],
  log: { changed: number; by: number; at: number },
): Promise<number> {
  const [batch] = await tx
    .insert(statsImports)
    .values({ countyCode: county, fromDay: p.from, toDay: p.to, rows: rows.length, changed: log.changed, importedBy: log.by, importedAt: log.at })
    .returning({ id: statsImports.id });
  await tx.delete(statsImported).where(and(eq(statsImported.countyCode, county), gte(statsImported.day, p.from), lte(statsImported.day, p.to)));
  // 13 columns a row: 500 rows stay well under SQLite's limit on bound values.
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(statsImported).values(
      rows.slice(i, i + 500).map((r) => ({
        countyCode: county,
        marketKey: r.marketKey,
        day: r.day,
        marketName: r.marketName,
        marketTier: r.marketTier,
        ...r.counts,
        importId: batch.id,
      })),
    );
  }
  return batch.id;
}

/** The same file again: only the log row, the figures stay as they are. */
export async function logUnchangedImport(tx: Queryable, county: string, p: Period, rows: number, log: { by: number; at: number }) {
  await tx.insert(statsImports).values({ countyCode: county, fromDay: p.from, toDay: p.to, rows, changed: 0, importedBy: log.by, importedAt: log.at });
}

export async function recentImports(db: Queryable, limit = 20) {
  return db.select().from(statsImports).orderBy(desc(statsImports.id)).limit(limit);
}

// --- The ledger (台账) ----------------------------------------------------------

/** At most this many rows in one ledger file; a longer period must be split. */
export const LEDGER_MAX_ROWS = 50_000;

export type LedgerRow = Record<string, string | number | null>;

/** The rows of one ledger kind for the scope and period, oldest first, with names joined in. */
export async function ledgerRows(db: Queryable, kind: LedgerKind, p: Period, s: ScopeFilter): Promise<LedgerRow[]> {
  const from = startMs(p.from);
  const to = endMs(p.to);
  const limit = LEDGER_MAX_ROWS + 1;
  switch (kind) {
    case "checkins":
      return db.all<LedgerRow>(sql`
        SELECT c.day AS day, c.at AS at, m.name AS market, u.name AS worker, u.phone AS phone,
          (SELECT group_concat(k.name, '、') FROM worker_kinds wk JOIN work_kinds k ON k.id = wk.kind_id WHERE wk.user_id = c.worker_id) AS kinds
        FROM check_ins c JOIN markets m ON m.id = c.market_id JOIN users u ON u.id = c.worker_id
        WHERE c.day BETWEEN ${p.from} AND ${p.to} AND ${inScope(s, sql`c.market_id`, sql`m.county_code`)}
        ORDER BY c.day, c.at LIMIT ${limit}`);
    case "postings":
      return db.all<LedgerRow>(sql`
        SELECT p.id AS id, p.published_at AS at, p.title AS title, k.name AS kind, p.headcount AS headcount, p.filled_count AS filled,
          p.wage_fen AS wageFen, p.wage_unit AS wageUnit, p.pay_mode AS payMode, p.start_date AS startDate, p.end_date AS endDate,
          p.county_code AS county, p.township_code AS township, e.name AS employer, p.contact_name AS contact, p.contact_phone AS phone,
          p.status AS status, m.name AS market
        FROM job_postings p JOIN work_kinds k ON k.id = p.kind_id JOIN employers e ON e.id = p.employer_id
          LEFT JOIN markets m ON m.id = p.via_market_id
        WHERE p.published_at >= ${from} AND p.published_at < ${to}
          AND ${inScope(s, sql`p.via_market_id`, sql`coalesce(m.county_code, p.county_code)`)}
        ORDER BY p.published_at LIMIT ${limit}`);
    case "signups":
      return db.all<LedgerRow>(sql`
        SELECT a.id AS id, a.created_at AS at, p.id AS postingId, p.title AS title, k.name AS kind, u.name AS worker, u.phone AS phone,
          a.status AS status, m.name AS market
        FROM applications a JOIN job_postings p ON p.id = a.posting_id JOIN work_kinds k ON k.id = p.kind_id
          JOIN users u ON u.id = a.worker_id LEFT JOIN markets m ON m.id = a.via_market_id
        WHERE a.created_at >= ${from} AND a.created_at < ${to}
          AND ${inScope(s, sql`a.via_market_id`, sql`coalesce(m.county_code, p.county_code)`)}
        ORDER BY a.created_at LIMIT ${limit}`);
    case "hires":
      return db.all<LedgerRow>(sql`
        SELECT h.id AS id, h.confirmed_at AS at, p.title AS title, k.name AS kind, e.name AS employer, u.name AS worker, u.phone AS phone,
          h.wage_fen AS wageFen, h.wage_unit AS wageUnit, h.start_date AS startDate, h.end_date AS endDate, h.status AS status,
          h.paid AS paid, m.name AS market
        FROM hires h JOIN applications a ON a.id = h.application_id JOIN job_postings p ON p.id = h.posting_id
          JOIN work_kinds k ON k.id = p.kind_id JOIN employers e ON e.id = h.employer_id JOIN users u ON u.id = h.worker_id
          LEFT JOIN markets m ON m.id = coalesce(h.via_market_id, a.via_market_id)
        WHERE h.confirmed_at >= ${from} AND h.confirmed_at < ${to}
          AND ${inScope(s, sql`coalesce(h.via_market_id, a.via_market_id)`, sql`coalesce(m.county_code, p.county_code)`)}
        ORDER BY h.confirmed_at LIMIT ${limit}`);
  }
}
