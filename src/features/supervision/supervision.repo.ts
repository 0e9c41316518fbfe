// Queries on the tables this feature owns: market_inspections, inspection_items,
// market_incidents, roadside_points, roadside_counts.
import { and, asc, desc, eq, inArray, sql, count, type SQL } from "drizzle-orm";
import {
  markets, marketInspections, inspectionItemResults, marketIncidents, roadsidePoints, roadsideCounts, users,
} from "../../../db/schema/index.ts";
import { inspectionItems, type IncidentKind, type InspectionItem } from "../../../db/schema/constants.ts";
import type { Queryable } from "../../shared/db.ts";
import { firstRow } from "../../shared/queries.ts";
import type { CurrentUser } from "../../shared/context.ts";
import { marketScope } from "../../shared/scope.ts";

/** A market's name and scope fields (read here rather than through the markets feature, which links to this one). */
export async function findMarketBrief(db: Queryable, id: number) {
  const [m] = await db.select({ id: markets.id, name: markets.name, countyCode: markets.countyCode }).from(markets).where(eq(markets.id, id)).limit(1);
  return m ?? null;
}

/** The markets a user supervises, with each one's latest inspection (if any). */
export async function marketsWithLastInspection(db: Queryable, user: CurrentUser) {
  const rows = await db
    .select({ id: markets.id, name: markets.name, countyCode: markets.countyCode, tier: markets.tier })
    .from(markets)
    .where(marketScope(user, markets.id))
    .orderBy(asc(markets.countyCode), asc(markets.id))
    .limit(500);
  const last = await lastInspections(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, last: last.get(r.id) ?? null }));
}

export interface InspectionSummary {
  id: number;
  marketId: number;
  date: string;
  rectifyBy: string | null;
  rectifiedAt: number | null;
  failedItems: number;
}

const failedItems = sql<number>`(SELECT count(*) FROM ${inspectionItemResults} WHERE ${inspectionItemResults.inspectionId} = ${marketInspections.id} AND ${inspectionItemResults.passed} = 0)`;
const summaryColumns = {
  id: marketInspections.id,
  marketId: marketInspections.marketId,
  date: marketInspections.date,
  rectifyBy: marketInspections.rectifyBy,
  rectifiedAt: marketInspections.rectifiedAt,
  failedItems,
};

/** Each market's latest inspection (by date, then id). */
export async function lastInspections(db: Queryable, marketIds: number[]): Promise<Map<number, InspectionSummary>> {
  if (marketIds.length === 0) return new Map();
  const rows = await db
    .select(summaryColumns)
    .from(marketInspections)
    .where(
      and(
        inArray(marketInspections.marketId, marketIds),
        sql`${marketInspections.id} = (SELECT i2.id FROM market_inspections i2 WHERE i2.market_id = ${marketInspections.marketId} ORDER BY i2.date DESC, i2.id DESC LIMIT 1)`,
      ),
    );
  return new Map(rows.map((r) => [r.marketId, { ...r, failedItems: Number(r.failedItems) }]));
}

/** Inspections with a deadline passed and nothing recorded as put right, in a county (or all). */
export async function overdueInspections(db: Queryable, countyCode: string | null, today: string) {
  const conds: (SQL | undefined)[] = [
    sql`${marketInspections.rectifyBy} IS NOT NULL`,
    sql`${marketInspections.rectifyBy} < ${today}`,
    sql`${marketInspections.rectifiedAt} IS NULL`,
    countyCode ? eq(markets.countyCode, countyCode) : undefined,
  ];
  return db
    .select({ id: marketInspections.id, marketId: markets.id, marketName: markets.name, countyCode: markets.countyCode, date: marketInspections.date, rectifyBy: marketInspections.rectifyBy })
    .from(marketInspections)
    .innerJoin(markets, eq(markets.id, marketInspections.marketId))
    .where(and(...conds))
    .orderBy(asc(marketInspections.rectifyBy), asc(marketInspections.id))
    .limit(200);
}

export async function inspectionsOf(db: Queryable, marketId: number) {
  const rows = await db.select(summaryColumns).from(marketInspections).where(eq(marketInspections.marketId, marketId)).orderBy(desc(marketInspections.date), desc(marketInspections.id)).limit(100);
  return rows.map((r) => ({ ...r, failedItems: Number(r.failedItems) }));
}

export async function findInspection(db: Queryable, id: number) {
  const row = await firstRow(db.select({ i: marketInspections, by: users.name }).from(marketInspections).innerJoin(users, eq(users.id, marketInspections.createdBy)).where(eq(marketInspections.id, id)));
  if (!row) return null;
  const items = await db.select().from(inspectionItemResults).where(eq(inspectionItemResults.inspectionId, id));
  const order = (k: InspectionItem) => inspectionItems.indexOf(k);
  return { ...row.i, by: row.by, items: items.sort((a, b) => order(a.item) - order(b.item)) };
}

export interface InspectionValues {
  date: string;
  inspectors: string;
  findings: string;
  rectifyBy: string | null;
  items: { item: InspectionItem; passed: boolean; note: string }[];
}

export async function insertInspection(db: Queryable, marketId: number, v: InspectionValues, by: number, now: number): Promise<number> {
  const [row] = await db
    .insert(marketInspections)
    .values({ marketId, date: v.date, inspectors: v.inspectors, findings: v.findings, rectifyBy: v.rectifyBy, createdBy: by, createdAt: now })
    .returning({ id: marketInspections.id });
  await db.insert(inspectionItemResults).values(v.items.map((x) => ({ inspectionId: row.id, ...x })));
  return row.id;
}

/** Records an inspection's problems as put right; only once (false if it already was). */
export async function markRectified(db: Queryable, id: number, note: string, now: number): Promise<boolean> {
  const r = await db
    .update(marketInspections)
    .set({ rectifiedAt: now, rectifiedNote: note })
    .where(and(eq(marketInspections.id, id), sql`${marketInspections.rectifiedAt} IS NULL`, sql`${marketInspections.rectifyBy} IS NOT NULL`));
  return r.rowsAffected === 1;
}

// --- Incidents -------------------------------------------------------------------

export interface IncidentValues {
  kind: IncidentKind;
  date: string;
  time: string;
  place: string;
  description: string;
  hotlineCaseId: number | null;
  policeReferred: boolean;
}

export async function insertIncident(db: Queryable, marketId: number, v: IncidentValues, by: number, now: number): Promise<number> {
  const [row] = await db.insert(marketIncidents).values({ marketId, ...v, createdBy: by, createdAt: now }).returning({ id: marketIncidents.id });
  return row.id;
}

export const incidentsOf = (db: Queryable, marketId: number) =>
  db.select().from(marketIncidents).where(eq(marketIncidents.marketId, marketId)).orderBy(desc(marketIncidents.date), desc(marketIncidents.id)).limit(100);

/** Counts per market and month (and how many went to the police), within the user's markets. */
export function incidentCounts(db: Queryable, user: CurrentUser, fromMonth: string) {
  const month = sql<string>`substr(${marketIncidents.date}, 1, 7)`;
  return db
    .select({ marketId: markets.id, marketName: markets.name, month, n: count(), police: sql<number>`sum(${marketIncidents.policeReferred})` })
    .from(marketIncidents)
    .innerJoin(markets, eq(markets.id, marketIncidents.marketId))
    .where(and(marketScope(user, markets.id), sql`${marketIncidents.date} >= ${fromMonth + "-01"}`))
    .groupBy(markets.id, month)
    .orderBy(desc(month), asc(markets.id))
    .limit(1000);
}

// --- Roadside gathering points ------------------------------------------------------

export async function pointsIn(db: Queryable, countyCode: string | null) {
  const lastDate = sql<string | null>`(SELECT max(c.date) FROM roadside_counts c WHERE c.point_id = ${roadsidePoints.id})`;
  const lastPeople = sql<number | null>`(SELECT c.people FROM roadside_counts c WHERE c.point_id = ${roadsidePoints.id} ORDER BY c.date DESC LIMIT 1)`;
  return db
    .select({ id: roadsidePoints.id, countyCode: roadsidePoints.countyCode, townshipCode: roadsidePoints.townshipCode, place: roadsidePoints.place, usualHours: roadsidePoints.usualHours, lastDate, lastPeople })
    .from(roadsidePoints)
    .where(countyCode ? eq(roadsidePoints.countyCode, countyCode) : undefined)
    .orderBy(asc(roadsidePoints.countyCode), asc(roadsidePoints.id))
    .limit(500);
}

export async function findPoint(db: Queryable, id: number) {
  const row = await firstRow(db.select({ p: roadsidePoints, nearestName: markets.name }).from(roadsidePoints).leftJoin(markets, eq(markets.id, roadsidePoints.nearestMarketId)).where(eq(roadsidePoints.id, id)));
  return row ? { ...row.p, nearestName: row.nearestName } : null;
}

export interface PointValues {
  countyCode: string;
  townshipCode: string | null;
  place: string;
  usualHours: string;
  nearestMarketId: number | null;
}

export async function insertPoint(db: Queryable, v: PointValues, by: number, now: number): Promise<number> {
  const [row] = await db.insert(roadsidePoints).values({ ...v, createdBy: by, createdAt: now }).returning({ id: roadsidePoints.id });
  return row.id;
}

export const countsOf = (db: Queryable, pointId: number) =>
  db.select({ date: roadsideCounts.date, people: roadsideCounts.people }).from(roadsideCounts).where(eq(roadsideCounts.pointId, pointId)).orderBy(desc(roadsideCounts.date)).limit(400);

/** One count a point a day: a second count the same day replaces the first. */
export const upsertCount = (db: Queryable, pointId: number, date: string, people: number, by: number, now: number) =>
  db
    .insert(roadsideCounts)
    .values({ pointId, date, people, createdBy: by, createdAt: now })
    .onConflictDoUpdate({ target: [roadsideCounts.pointId, roadsideCounts.date], set: { people, createdBy: by, createdAt: now } });

/** Every count since a date, with its point's county, for the monthly trend. */
export function countsSince(db: Queryable, countyCode: string | null, from: string) {
  return db
    .select({ pointId: roadsideCounts.pointId, countyCode: roadsidePoints.countyCode, date: roadsideCounts.date, people: roadsideCounts.people })
    .from(roadsideCounts)
    .innerJoin(roadsidePoints, eq(roadsidePoints.id, roadsideCounts.pointId))
    .where(and(sql`${roadsideCounts.date} >= ${from}`, countyCode ? eq(roadsidePoints.countyCode, countyCode) : undefined))
    .limit(20_000);
}
