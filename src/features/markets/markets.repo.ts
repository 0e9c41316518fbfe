// Queries on markets, the 十个一 checklist, and the open postings that the
// directory and the feed show.
import { and, eq, sql, asc, desc, lte, gte } from "drizzle-orm";
import { markets, marketChecklist, jobPostings, workKinds } from "../../../db/schema/index.ts";
import type { MarketTier } from "../../../db/schema/constants.ts";
import type { ChecklistItem } from "../../../db/schema/monitoring.ts";
import type { Queryable } from "../../shared/db.ts";
import { firstRow } from "../../shared/queries.ts";
import type { ChecklistEntry } from "./markets.domain.ts";

export type Market = typeof markets.$inferSelect;
export type MarketValues = Omit<typeof markets.$inferInsert, "id" | "createdAt">;

export interface MarketFilter {
  county?: string;
  tier?: MarketTier;
}

const where = (f: MarketFilter) => and(f.county ? eq(markets.countyCode, f.county) : undefined, f.tier ? eq(markets.tier, f.tier) : undefined);

/** Markets in directory order: by county, then tier (city first), then id. */
export async function listMarkets(db: Queryable, f: MarketFilter, page: { limit: number; offset: number }) {
  const tierOrder = sql`CASE ${markets.tier} WHEN 'city' THEN 0 WHEN 'county' THEN 1 WHEN 'township' THEN 2 WHEN 'station' THEN 3 ELSE 4 END`;
  const [rows, [{ n }]] = await Promise.all([
    db.select().from(markets).where(where(f)).orderBy(asc(markets.countyCode), tierOrder, asc(markets.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)` }).from(markets).where(where(f)),
  ]);
  return { rows, total: Number(n) };
}

export async function allMarkets(db: Queryable, f: MarketFilter = {}) {
  return db.select().from(markets).where(where(f)).orderBy(asc(markets.countyCode), asc(markets.id));
}

export async function findMarket(db: Queryable, id: number): Promise<Market | null> {
  return firstRow(db.select().from(markets).where(eq(markets.id, id)));
}

export const insertMarket = (db: Queryable, v: MarketValues, now: number) =>
  db.insert(markets).values({ ...v, createdAt: now }).returning({ id: markets.id });

export const updateMarket = (db: Queryable, id: number, v: MarketValues) => db.update(markets).set(v).where(eq(markets.id, id));

// --- 十个一 ---------------------------------------------------------------------

/** The stored items of a county's own checklist (marketId 0) or of a market's. */
export async function checklistOf(db: Queryable, county: string, marketId: number) {
  return db
    .select({ item: marketChecklist.item, done: marketChecklist.done, evidence: marketChecklist.evidence, updatedAt: marketChecklist.updatedAt })
    .from(marketChecklist)
    .where(and(eq(marketChecklist.countyCode, county), eq(marketChecklist.marketId, marketId)));
}

/** Done items per (county, market) for the progress pages; one GROUP BY. */
export async function checklistDone(db: Queryable, county?: string) {
  return db
    .select({ county: marketChecklist.countyCode, marketId: marketChecklist.marketId, done: sql<number>`sum(${marketChecklist.done})` })
    .from(marketChecklist)
    .where(county ? eq(marketChecklist.countyCode, county) : undefined)
    .groupBy(marketChecklist.countyCode, marketChecklist.marketId);
}

export function upsertChecklist(db: Queryable, county: string, marketId: number, entries: ChecklistEntry[], by: number, now: number) {
  return db
    .insert(marketChecklist)
    .values(entries.map((e) => ({ countyCode: county, marketId, item: e.item as ChecklistItem, done: e.done, evidence: e.evidence, updatedBy: by, updatedAt: now })))
    .onConflictDoUpdate({
      target: [marketChecklist.countyCode, marketChecklist.marketId, marketChecklist.item],
      set: { done: sql`excluded.done`, evidence: sql`excluded.evidence`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`excluded.updated_at` },
    });
}

// --- Open postings ----------------------------------------------------------------

/** Open postings in a county with work on `today` (start ≤ today ≤ end), newest first. */
export async function postingsToday(db: Queryable, county: string, today: string, limit: number) {
  const cond = and(
    eq(jobPostings.status, "open"),
    eq(jobPostings.countyCode, county),
    lte(jobPostings.startDate, today),
    gte(jobPostings.endDate, today),
  );
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ id: jobPostings.id, title: jobPostings.title, headcount: jobPostings.headcount, kind: workKinds.name })
      .from(jobPostings)
      .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
      .where(cond)
      .orderBy(desc(jobPostings.publishedAt))
      .limit(limit),
    db.select({ n: sql<number>`count(*)` }).from(jobPostings).where(cond),
  ]);
  return { rows, total: Number(n) };
}

/** Open postings of a county that are not over yet, for the feed: public fields only, never the contact. */
export async function feedPostings(db: Queryable, county: string, today: string, limit: number) {
  return db
    .select({
      id: jobPostings.id,
      title: jobPostings.title,
      kind: workKinds.name,
      headcount: jobPostings.headcount,
      payMode: jobPostings.payMode,
      wageFen: jobPostings.wageFen,
      wageUnit: jobPostings.wageUnit,
      startDate: jobPostings.startDate,
      endDate: jobPostings.endDate,
      townshipCode: jobPostings.townshipCode,
      publishedAt: jobPostings.publishedAt,
      updatedAt: jobPostings.updatedAt,
    })
    .from(jobPostings)
    .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
    .where(and(eq(jobPostings.status, "open"), eq(jobPostings.countyCode, county), gte(jobPostings.endDate, today)))
    .orderBy(desc(jobPostings.publishedAt))
    .limit(limit);
}
