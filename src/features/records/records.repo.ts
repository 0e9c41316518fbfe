// Queries for the records: the rows the pure rules (records.domain.ts) count,
// the change counters the cache keys on, and printed records' check codes.
import { and, desc, eq, gte, inArray, ne, or, sql } from "drizzle-orm";
import { employers, hires, hotlineCases, jobPostings, markets, recordPrints, recordVersions, workKinds } from "../../../db/schema/index.ts";
import { openCaseStatuses } from "../../../db/schema/hotline.ts";
import type { Queryable } from "../../shared/db.ts";
import { firstRow } from "../../shared/queries.ts";
import { isRateUnit, rateUnits, type HireFacts, type PrintSummary, type RateSample } from "./records.domain.ts";

/** "hires:12|wage_cases:3|employers:40": changes whenever a figure may change (triggers of migration 0020). */
export async function sourceVersions(db: Queryable): Promise<string> {
  const rows = await db.select().from(recordVersions).orderBy(recordVersions.topic);
  return rows.map((r) => `${r.topic}:${r.version}`).join("|");
}

/** What an employer's record is counted from: hires ending on or after `from`, wage cases taken in since or still open. */
export async function employerRecordRows(db: Queryable, employerId: number, from: string) {
  const [employer] = await db
    .select({ status: employers.status, reviewedAt: employers.reviewedAt, createdAt: employers.createdAt })
    .from(employers)
    .where(eq(employers.id, employerId))
    .limit(1);
  const hireRows: HireFacts[] = await db
    .select({ status: hires.status, endDate: hires.endDate, paid: hires.paid })
    .from(hires)
    .where(and(eq(hires.employerId, employerId), gte(hires.endDate, from), ne(hires.status, "cancelled")));
  const wageCases = await db
    .select({ day: hotlineCases.day, status: hotlineCases.status })
    .from(hotlineCases)
    .where(
      and(
        eq(hotlineCases.employerId, employerId),
        eq(hotlineCases.category, "wage_arrears"),
        or(gte(hotlineCases.day, from), inArray(hotlineCases.status, [...openCaseStatuses])),
      ),
    );
  return { employer: employer ?? null, hires: hireRows, wageCases };
}

/** The employer's hires that count toward her record (for her own page): no worker named. */
export function employerCountedHires(db: Queryable, employerId: number, from: string, today: string) {
  return db
    .select({ id: hires.id, title: jobPostings.title, startDate: hires.startDate, endDate: hires.endDate, status: hires.status, paid: hires.paid })
    .from(hires)
    .innerJoin(jobPostings, eq(jobPostings.id, hires.postingId))
    .where(
      and(
        eq(hires.employerId, employerId),
        gte(hires.endDate, from),
        ne(hires.status, "cancelled"),
        or(eq(hires.status, "completed"), sql`${hires.endDate} < ${today}`),
      ),
    )
    .orderBy(desc(hires.endDate), desc(hires.id))
    .limit(500);
}

/**
 * Wages of hires agreed since `sinceMs` (not cancelled, by the day, hour or
 * piece), with their posting's kind of work and county and when they were
 * agreed; `county` null for the whole city.
 */
export async function rateSamples(db: Queryable, sinceMs: number, county: string | null = null): Promise<(RateSample & { confirmedAt: number })[]> {
  const rows = await db
    .select({ kindId: jobPostings.kindId, countyCode: jobPostings.countyCode, unit: hires.wageUnit, wageFen: hires.wageFen, confirmedAt: hires.confirmedAt })
    .from(hires)
    .innerJoin(jobPostings, eq(jobPostings.id, hires.postingId))
    .where(rateHires(sinceMs, county));
  return rows.filter(isRateRow);
}

/** The hires a going rate counts: agreed since `sinceMs`, not cancelled, by the day, hour or piece; `county` null for the whole city. */
const rateHires = (sinceMs: number, county: string | null) =>
  and(gte(hires.confirmedAt, sinceMs), ne(hires.status, "cancelled"), inArray(hires.wageUnit, [...rateUnits]), county === null ? undefined : eq(jobPostings.countyCode, county));

/** A row with a known unit and a wage above 0 (the rows a going rate is made of). */
const isRateRow = <R extends { unit: string; wageFen: number }>(r: R): r is R & { unit: RateSample["unit"] } => isRateUnit(r.unit) && r.wageFen > 0;

/**
 * The going-rate table's input (records.figures.ts): the same hires as rateSamples for the whole city, one row
 * per (kind, county, unit, wage) with how many hires had it. The bench's 100,000-posting data set has 20,000
 * hires in the window and 2,202 such rows: read one by one, the table's first build made ~15 MB of short-lived
 * row objects on the job page's first request, which grew V8's old space for the rest of the run
 * (docs/performance.md, "Read connections and peak RSS, 2026-12-06 session 21").
 */
export async function rateCounts(db: Queryable, sinceMs: number): Promise<(RateSample & { n: number })[]> {
  const rows = await db
    .select({ kindId: jobPostings.kindId, countyCode: jobPostings.countyCode, unit: hires.wageUnit, wageFen: hires.wageFen, n: sql<number>`count(*)` })
    .from(hires)
    .innerJoin(jobPostings, eq(jobPostings.id, hires.postingId))
    .where(rateHires(sinceMs, null))
    .groupBy(jobPostings.kindId, jobPostings.countyCode, hires.wageUnit, hires.wageFen);
  return rows.filter(isRateRow);
}

export function kindNames(db: Queryable) {
  return db.select({ id: workKinds.id, name: workKinds.name }).from(workKinds);
}

/** A worker's hires (not cancelled), newest first, with the employer and posting. */
export function workerHires(db: Queryable, workerId: number) {
  return db
    .select({
      id: hires.id,
      title: jobPostings.title,
      employerName: employers.name,
      employerKind: employers.kind,
      wageFen: hires.wageFen,
      wageUnit: hires.wageUnit,
      startDate: hires.startDate,
      endDate: hires.endDate,
      status: hires.status,
      paid: hires.paid,
      viaMarketName: markets.name,
    })
    .from(hires)
    .innerJoin(jobPostings, eq(jobPostings.id, hires.postingId))
    .innerJoin(employers, eq(employers.id, hires.employerId))
    .leftJoin(markets, eq(markets.id, hires.viaMarketId))
    .where(and(eq(hires.workerId, workerId), ne(hires.status, "cancelled")))
    .orderBy(desc(hires.endDate), desc(hires.id))
    .limit(200);
}
export type WorkerHireRow = Awaited<ReturnType<typeof workerHires>>[number];

/** A verified employer's public facts (the name is shown only for businesses: a private employer's name is a person's). */
export async function publicEmployer(db: Queryable, id: number) {
  return firstRow(
    db
      .select({ id: employers.id, kind: employers.kind, name: employers.name, countyCode: employers.countyCode, status: employers.status })
      .from(employers)
      .where(eq(employers.id, id)),
  );
}

/** The employer's open postings, for her public card. */
export function openPostingsOf(db: Queryable, employerId: number, today: string) {
  return db
    .select({ id: jobPostings.id, title: jobPostings.title })
    .from(jobPostings)
    .where(and(eq(jobPostings.employerId, employerId), eq(jobPostings.status, "open"), gte(jobPostings.endDate, today)))
    .orderBy(desc(jobPostings.publishedAt))
    .limit(10);
}

export function insertPrint(db: Queryable, p: { code: string; workerId: number; issuedAt: number; issuedBy: number | null; summary: PrintSummary }) {
  return db.insert(recordPrints).values({ ...p, summary: JSON.stringify(p.summary) });
}

export async function findPrint(db: Queryable, code: string) {
  const row = (await db.select().from(recordPrints).where(eq(recordPrints.code, code)).limit(1))[0];
  return row ? { ...row, summary: JSON.parse(row.summary) as PrintSummary } : null;
}

export function forgetPrints(db: Queryable, workerIds: number[]) {
  return db.delete(recordPrints).where(inArray(recordPrints.workerId, workerIds));
}


/** The worker's last printed record (to reuse its code for a reprint the same day). */
export async function latestPrint(db: Queryable, workerId: number) {
  const row = (await db.select().from(recordPrints).where(eq(recordPrints.workerId, workerId)).orderBy(desc(recordPrints.issuedAt)).limit(1))[0];
  return row ? { ...row, summary: JSON.parse(row.summary) as PrintSummary } : null;
}
