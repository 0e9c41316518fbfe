// Queries on employers (雇主) and the verification queue.
import { and, eq, desc, sql, count } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { employers, users } from "../../../db/schema/index.ts";
import type { Queryable } from "../../shared/db.ts";
import type { VerificationStatus } from "../../../db/schema/constants.ts";
import type { EmployerDetails } from "./employers.schema.ts";
import { pagedList, firstRow } from "../../shared/queries.ts";

export type Employer = typeof employers.$inferSelect;

/** The employer record of an account, or null (an employer account whose details are not filled in yet). */
export async function employerForUser(db: Queryable, userId: number): Promise<Employer | null> {
  return firstRow(db.select().from(employers).where(eq(employers.userId, userId)));
}

export async function findEmployer(db: Queryable, id: number) {
  const reviewer = alias(users, "reviewer");
  const via = alias(users, "via");
  return firstRow(
    db
      .select({ employer: employers, phone: users.phone, reviewerName: reviewer.name, viaName: via.name })
      .from(employers)
      .innerJoin(users, eq(users.id, employers.userId))
      .leftJoin(reviewer, eq(reviewer.id, employers.reviewedBy))
      .leftJoin(via, eq(via.id, employers.viaStaffId))
      .where(eq(employers.id, id)),
  );
}

/** Who already holds this USCC or ID number, other than `exceptId`. */
export async function identityTaken(db: Queryable, d: Pick<EmployerDetails, "uscc" | "idNumber">, exceptId?: number) {
  const found = await db
    .select({ id: employers.id, uscc: employers.uscc, idNumber: employers.idNumber })
    .from(employers)
    .where(d.uscc ? eq(employers.uscc, d.uscc) : eq(employers.idNumber, d.idNumber ?? ""))
    .limit(2);
  const other = found.find((r) => r.id !== exceptId);
  if (!other) return null;
  return d.uscc ? ("uscc" as const) : ("idNumber" as const);
}

const detailColumns = (d: EmployerDetails, pledgeText: string, now: number) => ({
  kind: d.kind,
  name: d.name,
  uscc: d.uscc,
  idNumber: d.idNumber,
  // The text as accepted is kept with the time, so a later edit of the wording does not change what they agreed to.
  pledgeText: d.pledged ? pledgeText : null,
  pledgeAcceptedAt: d.pledged ? now : null,
  contactName: d.contactName,
  countyCode: d.countyCode,
  address: d.address,
});

export function insertEmployer(db: Queryable, userId: number, phone: string, d: EmployerDetails, pledgeText: string, now: number) {
  return db
    .insert(employers)
    .values({ userId, contactPhone: phone, status: "pending", createdAt: now, ...detailColumns(d, pledgeText, now) })
    .returning({ id: employers.id });
}

/** Corrected details go back to the queue as pending; the last decision's reason is cleared. */
export function resubmitEmployer(db: Queryable, id: number, d: EmployerDetails, pledgeText: string, now: number) {
  return db
    .update(employers)
    .set({ ...detailColumns(d, pledgeText, now), status: "pending", rejectReason: null, reviewedBy: null, reviewedAt: null })
    .where(and(eq(employers.id, id), sql`${employers.status} <> 'verified'`));
}

/** A staff decision, applied only if the status is still what the staff member saw. */
export function decisionUpdate(db: Queryable, id: number, from: VerificationStatus, to: VerificationStatus, reviewerId: number, now: number, reason: string | null) {
  return db
    .update(employers)
    .set({ status: to, rejectReason: to === "rejected" ? reason : null, reviewedBy: reviewerId, reviewedAt: now })
    .where(and(eq(employers.id, id), eq(employers.status, from)));
}

const scopeWhere = (county: string | null) => (county === null ? undefined : eq(employers.countyCode, county));

/**
 * The staff queue: pending first (they wait for someone), then rejected, then verified;
 * newest first within each. `county` null = every county (city admin). The order is
 * this SQL's alone (test/features/employers/employers.queue.test.ts holds its cases).
 */
export async function listQueue(db: Queryable, opts: { county: string | null; status?: VerificationStatus; page: number; perPage: number }) {
  const where = and(scopeWhere(opts.county), opts.status ? eq(employers.status, opts.status) : undefined);
  return pagedList({
    columns: {
      id: employers.id,
      kind: employers.kind,
      name: employers.name,
      countyCode: employers.countyCode,
      status: employers.status,
      createdAt: employers.createdAt,
      viaStaffId: employers.viaStaffId,
    },
    from: (fields) => db.select(fields).from(employers).where(where),
    orderBy: [sql`case ${employers.status} when 'pending' then 0 when 'rejected' then 1 else 2 end`, desc(employers.createdAt), desc(employers.id)],
    page: opts.page,
    size: opts.perPage,
  });
}

export async function pendingCount(db: Queryable, county: string | null): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(employers).where(and(eq(employers.status, "pending"), scopeWhere(county)));
  return n;
}
