// Queries and writes on hire records (用工记录).
import { and, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { applications, employers, hires, jobPostings, markets, users } from "../../../db/schema/index.ts";
import type { HireStatus } from "../../../db/schema/constants.ts";
import type { Queryable } from "../../shared/db.ts";
import { firstRow } from "../../shared/queries.ts";

export type NewHire = Omit<typeof hires.$inferInsert, "id" | "status" | "paid" | "paidAnsweredAt">;

/** The hire row of a confirmed sign-up; call inside the confirming transaction. */
export async function insertHire(tx: Queryable, h: NewHire): Promise<number> {
  const [row] = await tx.insert(hires).values(h).returning({ id: hires.id });
  return row.id;
}

/** A hire with both parties and the posting it came from. */
export async function findHire(db: Queryable, id: number) {
  const worker = alias(users, "worker");
  return firstRow(
    db
      .select({
        hire: hires,
        title: jobPostings.title,
        payMode: jobPostings.payMode,
        countyCode: jobPostings.countyCode,
        contactName: jobPostings.contactName,
        contactPhone: jobPostings.contactPhone,
        employerName: employers.name,
        employerUserId: employers.userId,
        workerName: worker.name,
        workerPhone: worker.phone,
        viaMarketName: markets.name,
        /** The worker's own words on her quote (what the price covers), for the agreement. */
        quoteNote: applications.quoteNote,
      })
      .from(hires)
      .innerJoin(applications, eq(applications.id, hires.applicationId))
      .innerJoin(jobPostings, eq(jobPostings.id, hires.postingId))
      .innerJoin(employers, eq(employers.id, hires.employerId))
      .innerJoin(worker, eq(worker.id, hires.workerId))
      .leftJoin(markets, eq(markets.id, hires.viaMarketId))
      .where(eq(hires.id, id)),
  );
}
export type HireView = NonNullable<Awaited<ReturnType<typeof findHire>>>;

/** A status change, applied only if the hire is still in the status the user saw. */
export function setHireStatus(db: Queryable, id: number, from: HireStatus, to: HireStatus) {
  return db.update(hires).set({ status: to }).where(and(eq(hires.id, id), eq(hires.status, from)));
}

/**
 * Staff's record of the answer a worker without a phone gave them on the
 * phone (the hotline's call list): stored only if there is none yet; returns whether it was.
 */
export async function recordPaidAnswer(tx: Queryable, hireId: number, answer: "paid" | "not_paid", now: number): Promise<boolean> {
  const rows = await tx
    .update(hires)
    .set({ paid: answer, paidAnsweredAt: now })
    .where(and(eq(hires.id, hireId), isNull(hires.paid)))
    .returning({ id: hires.id });
  return rows.length > 0;
}

/** The worker's answer, stored once: a second answer changes nothing (0 rows). */
export function answerPaid(db: Queryable, id: number, workerId: number, answer: "paid" | "not_paid", now: number) {
  return db
    .update(hires)
    .set({ paid: answer, paidAnsweredAt: now })
    .where(and(eq(hires.id, id), eq(hires.workerId, workerId), isNull(hires.paid), inArray(hires.status, ["confirmed", "working", "completed"])));
}
