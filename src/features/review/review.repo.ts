// The held postings: drafts of household (个人) employers asking for more people
// than HOUSEHOLD_HEADCOUNT_MAX. The posting limits in jobs keep them as drafts;
// this reads them for the staff queue. Every write goes through jobs' functions.
import { and, count, desc, eq, gt } from "drizzle-orm";
import type { Queryable } from "../../shared/db.ts";
import { jobPostings, employers } from "../../../db/schema/index.ts";

/** Held postings in a county (null: the whole city). */
const heldWhere = (county: string | null, ceiling: number) =>
  and(
    eq(jobPostings.status, "draft"),
    eq(employers.kind, "private"),
    gt(jobPostings.headcount, ceiling),
    county === null ? undefined : eq(jobPostings.countyCode, county),
  );

export async function heldCount(db: Queryable, county: string | null, ceiling: number): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(jobPostings).innerJoin(employers, eq(employers.id, jobPostings.employerId)).where(heldWhere(county, ceiling));
  return n;
}

export async function heldPostings(db: Queryable, county: string | null, ceiling: number, page: number, perPage: number) {
  const rows = await db
    .select({
      id: jobPostings.id,
      title: jobPostings.title,
      headcount: jobPostings.headcount,
      countyCode: jobPostings.countyCode,
      startDate: jobPostings.startDate,
      endDate: jobPostings.endDate,
      updatedAt: jobPostings.updatedAt,
      employerName: employers.name,
      employerStatus: employers.status,
    })
    .from(jobPostings)
    .innerJoin(employers, eq(employers.id, jobPostings.employerId))
    .where(heldWhere(county, ceiling))
    .orderBy(desc(jobPostings.updatedAt), desc(jobPostings.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  return { rows, total: await heldCount(db, county, ceiling) };
}

/** The kind of the posting's employer (household "private", company…). */
export async function employerKind(db: Queryable, employerId: number): Promise<string | null> {
  const [row] = await db.select({ kind: employers.kind }).from(employers).where(eq(employers.id, employerId)).limit(1);
  return row?.kind ?? null;
}
