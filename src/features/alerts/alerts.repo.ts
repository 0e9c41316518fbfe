// SMS job alerts (sms_alerts), numbers that said TD (sms_stops) and replies received (sms_inbound).
import { and, desc, eq, gt, gte, isNull, ne, or, sql } from "drizzle-orm";
import { jobPostings, smsAlerts, smsInbound, smsStops, users, workKinds } from "../../../db/schema/index.ts";
import type { Queryable } from "../../shared/db.ts";
import { firstRow } from "../../shared/queries.ts";

export type Alert = typeof smsAlerts.$inferSelect;

export const alertOf = async (db: Queryable, userId: number): Promise<Alert | null> =>
  firstRow(db.select().from(smsAlerts).where(eq(smsAlerts.userId, userId)));

/** One subscription per worker: a new choice replaces the old one; only postings from now on count as new. */
export function saveAlert(db: Queryable, a: { userId: number; kindId: number | null; countyCode: string; townshipCode: string | null; by: number; now: number; lastPostingId: number }) {
  const values = { kindId: a.kindId, countyCode: a.countyCode, townshipCode: a.townshipCode, createdAt: a.now, createdBy: a.by, lastSentOn: null, lastPostingId: a.lastPostingId };
  return db.insert(smsAlerts).values({ userId: a.userId, ...values }).onConflictDoUpdate({ target: smsAlerts.userId, set: values });
}

export const deleteAlert = (db: Queryable, userId: number) => db.delete(smsAlerts).where(eq(smsAlerts.userId, userId));

export const newestPostingId = async (db: Queryable) => (await db.select({ id: sql<number>`coalesce(max(${jobPostings.id}), 0)` }).from(jobPostings))[0].id;

export const isStopped = async (db: Queryable, phone: string) => (await db.select({ phone: smsStops.phone }).from(smsStops).where(eq(smsStops.phone, phone))).length > 0;
export const stopPhone = (db: Queryable, phone: string, now: number) => db.insert(smsStops).values({ phone, at: now }).onConflictDoNothing();
export const unstopPhone = (db: Queryable, phone: string) => db.delete(smsStops).where(eq(smsStops.phone, phone));

/** Subscriptions not yet texted today, with the worker's number. */
export async function dueAlerts(db: Queryable, today: string) {
  return db
    .select({ alert: smsAlerts, phone: users.phone })
    .from(smsAlerts)
    .innerJoin(users, eq(users.id, smsAlerts.userId))
    .where(and(or(isNull(smsAlerts.lastSentOn), ne(smsAlerts.lastSentOn, today)), isNull(users.disabledAt)));
}

/** Open postings newer than the last one this alert told of, matching it; newest first. */
export async function newMatches(db: Queryable, a: Alert, today: string, limit: number) {
  const conds = [
    eq(jobPostings.status, "open"),
    gt(jobPostings.id, a.lastPostingId),
    gte(jobPostings.endDate, today),
    sql`${jobPostings.filledCount} < ${jobPostings.headcount}`,
    eq(jobPostings.countyCode, a.countyCode),
  ];
  if (a.kindId !== null) conds.push(eq(jobPostings.kindId, a.kindId));
  if (a.townshipCode !== null) conds.push(eq(jobPostings.townshipCode, a.townshipCode));
  return db.select({ id: jobPostings.id, title: jobPostings.title }).from(jobPostings).where(and(...conds)).orderBy(desc(jobPostings.id)).limit(limit);
}

export const markAlertSent = (db: Queryable, id: number, today: string, lastPostingId: number) =>
  db.update(smsAlerts).set({ lastSentOn: today, lastPostingId }).where(eq(smsAlerts.id, id));

export const kindName = async (db: Queryable, id: number | null) =>
  id === null ? null : ((await db.select({ name: workKinds.name }).from(workKinds).where(eq(workKinds.id, id)))[0]?.name ?? null);

/** Records a reply once; false if the provider sent this one before. */
export async function recordReply(db: Queryable, r: { provider: string; extId: string; phone: string; content: string; outcome: string; now: number }): Promise<boolean> {
  const rows = await db
    .insert(smsInbound)
    .values({ provider: r.provider, extId: r.extId, phone: r.phone, content: r.content.slice(0, 200), outcome: r.outcome, receivedAt: r.now })
    .onConflictDoNothing()
    .returning({ id: smsInbound.id });
  return rows.length === 1;
}

export const setReplyOutcome = (db: Queryable, provider: string, extId: string, outcome: string) =>
  db.update(smsInbound).set({ outcome }).where(and(eq(smsInbound.provider, provider), eq(smsInbound.extId, extId)));

/** The worker account of a number, with what proves the number. */
export async function workerByPhone(db: Queryable, phone: string) {
  return firstRow(
    db
      .select({ id: users.id, pinHash: users.pinHash, verified: users.phoneVerifiedAt, vouched: users.phoneVouchedBy, disabledAt: users.disabledAt })
      .from(users)
      .where(and(eq(users.phone, phone), eq(users.role, "worker"))),
  );
}
