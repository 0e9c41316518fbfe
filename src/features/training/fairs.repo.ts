// Queries on job fairs (专场招聘会), their zones and employer bookings. A
// booking takes a place only through a conditional UPDATE of the zone's
// booked_count, inside the booking's transaction.
import { and, asc, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import {
  jobFairs, jobFairZones, jobFairBookings, markets, workKinds, employers, jobPostings,
  type BookingStatus,
} from "../../../db/schema/index.ts";
import type { Queryable } from "../../shared/db.ts";
import type { CurrentUser } from "../../shared/context.ts";
import { marketScope } from "../../shared/scope.ts";
import { PAGE_SIZE } from "./training.repo.ts";
import { pagedList, firstRow } from "../../shared/queries.ts";


const fairColumns = {
  id: jobFairs.id,
  marketId: jobFairs.marketId,
  marketName: markets.name,
  countyCode: markets.countyCode,
  title: jobFairs.title,
  date: jobFairs.date,
  hours: jobFairs.hours,
  place: jobFairs.place,
  description: jobFairs.description,
  status: jobFairs.status,
  cancelReason: jobFairs.cancelReason,
};

export async function findFair(db: Queryable, id: number) {
  return firstRow(db.select(fairColumns).from(jobFairs).innerJoin(markets, eq(markets.id, jobFairs.marketId)).where(eq(jobFairs.id, id)));
}

/** A page of the fairs that meet `where`, with their market, in `order`. */
function fairList(db: Queryable, where: SQL | undefined, order: SQL[], page: number) {
  return pagedList({
    columns: fairColumns,
    from: (fields) => db.select(fields).from(jobFairs).innerJoin(markets, eq(markets.id, jobFairs.marketId)).where(where),
    orderBy: order,
    page,
    size: PAGE_SIZE,
  });
}

/** Open fairs from today on, soonest first. */
export async function listUpcomingFairs(db: Queryable, today: string, page: number) {
  const where = and(eq(jobFairs.status, "open"), gte(jobFairs.date, today));
  return fairList(db, where, [asc(jobFairs.date), asc(jobFairs.id)], page);
}

export async function listFairsForStaff(db: Queryable, user: CurrentUser, page: number) {
  const where = marketScope(user, jobFairs.marketId);
  return fairList(db, where, [desc(jobFairs.date), desc(jobFairs.id)], page);
}

export async function zonesOf(db: Queryable, fairId: number) {
  return db
    .select({ id: jobFairZones.id, workKindId: jobFairZones.workKindId, kindName: workKinds.name, capacity: jobFairZones.capacity, bookedCount: jobFairZones.bookedCount })
    .from(jobFairZones)
    .innerJoin(workKinds, eq(workKinds.id, jobFairZones.workKindId))
    .where(eq(jobFairZones.fairId, fairId))
    .orderBy(asc(workKinds.sort), asc(jobFairZones.id));
}

/** The employers booked in a zone, each with up to 5 open postings (the zone's kind of work first). */
export async function zoneEmployers(db: Queryable, zone: { id: number; workKindId: number }, page: number) {
  const where = and(eq(jobFairBookings.zoneId, zone.id), eq(jobFairBookings.status, "booked"));
  const { rows, total } = await pagedList({
    columns: { employerId: employers.id, name: employers.name },
    from: (fields) => db.select(fields).from(jobFairBookings).innerJoin(employers, eq(employers.id, jobFairBookings.employerId)).where(where),
    orderBy: [asc(jobFairBookings.id)],
    page,
    size: PAGE_SIZE,
  });
  const ids = rows.map((r) => r.employerId);
  const postings = ids.length
    ? await db
        .select({
          id: jobPostings.id,
          employerId: jobPostings.employerId,
          title: jobPostings.title,
          headcount: jobPostings.headcount,
          wageFen: jobPostings.wageFen,
          wageUnit: jobPostings.wageUnit,
          rank: sql<number>`row_number() over (partition by ${jobPostings.employerId} order by ${jobPostings.kindId} = ${zone.workKindId} desc, ${jobPostings.id} desc)`,
        })
        .from(jobPostings)
        .where(and(inArray(jobPostings.employerId, ids), eq(jobPostings.status, "open")))
    : [];
  return {
    total,
    rows: rows.map((r) => ({ ...r, postings: postings.filter((p) => p.employerId === r.employerId && p.rank <= 5).sort((a, b) => a.rank - b.rank) })),
  };
}

export async function employerOfUser(db: Queryable, userId: number) {
  return firstRow(db.select({ id: employers.id, name: employers.name, status: employers.status }).from(employers).where(eq(employers.userId, userId)));
}

export async function bookingOf(db: Queryable, fairId: number, employerId: number) {
  return firstRow(
    db
      .select({ id: jobFairBookings.id, status: jobFairBookings.status, zoneId: jobFairBookings.zoneId, kindName: workKinds.name })
      .from(jobFairBookings)
      .innerJoin(jobFairZones, eq(jobFairZones.id, jobFairBookings.zoneId))
      .innerJoin(workKinds, eq(workKinds.id, jobFairZones.workKindId))
      .where(and(eq(jobFairBookings.fairId, fairId), eq(jobFairBookings.employerId, employerId))),
  );
}

export async function findBooking(db: Queryable, id: number) {
  return firstRow(
    db
      .select({ id: jobFairBookings.id, fairId: jobFairBookings.fairId, zoneId: jobFairBookings.zoneId, employerId: jobFairBookings.employerId, employerUserId: employers.userId, employerName: employers.name, status: jobFairBookings.status })
      .from(jobFairBookings)
      .innerJoin(employers, eq(employers.id, jobFairBookings.employerId))
      .where(eq(jobFairBookings.id, id)),
  );
}

/** Every booking of a fair for staff: employer, contact, zone, status, and past no-shows. */
export async function bookingsForStaff(db: Queryable, fairId: number, page: number) {
  const where = eq(jobFairBookings.fairId, fairId);
  return pagedList({
    columns: {
      id: jobFairBookings.id,
      status: jobFairBookings.status,
      employerName: employers.name,
      contactName: employers.contactName,
      contactPhone: employers.contactPhone,
      kindName: workKinds.name,
      pastNoShows: sql<number>`(select count(*) from job_fair_bookings b where b.employer_id = ${jobFairBookings.employerId} and b.status = 'no_show' and b.fair_id <> ${fairId})`,
    },
    from: (fields) =>
      db
        .select(fields)
        .from(jobFairBookings)
        .innerJoin(employers, eq(employers.id, jobFairBookings.employerId))
        .innerJoin(jobFairZones, eq(jobFairZones.id, jobFairBookings.zoneId))
        .innerJoin(workKinds, eq(workKinds.id, jobFairZones.workKindId))
        .where(where),
    orderBy: [asc(workKinds.sort), asc(jobFairBookings.id)],
    page,
    size: PAGE_SIZE,
  });
}

export async function insertFair(
  tx: Queryable,
  f: { marketId: number; title: string; date: string; hours: string; place: string; description: string },
  zones: { workKindId: number; capacity: number }[],
  by: number,
  now: number,
): Promise<number> {
  const [row] = await tx.insert(jobFairs).values({ ...f, createdBy: by, createdAt: now }).returning({ id: jobFairs.id });
  await tx.insert(jobFairZones).values(zones.map((z) => ({ ...z, fairId: row.id })));
  return row.id;
}

/**
 * Takes a place in the zone for the employer. Returns false when the zone is
 * full: the conditional UPDATE found no free place, and nothing was written.
 */
export async function book(tx: Queryable, a: { fairId: number; zoneId: number; employerId: number; existingId: number | null }, now: number): Promise<boolean> {
  const took = await tx
    .update(jobFairZones)
    .set({ bookedCount: sql`${jobFairZones.bookedCount} + 1` })
    .where(and(eq(jobFairZones.id, a.zoneId), eq(jobFairZones.fairId, a.fairId), sql`${jobFairZones.bookedCount} < ${jobFairZones.capacity}`))
    .returning({ id: jobFairZones.id });
  if (took.length === 0) return false;
  if (a.existingId !== null) {
    // Booking again after giving the place back: the same row.
    await tx
      .update(jobFairBookings)
      .set({ zoneId: a.zoneId, status: "booked", createdAt: now, cancelledAt: null })
      .where(eq(jobFairBookings.id, a.existingId));
  } else {
    await tx.insert(jobFairBookings).values({ fairId: a.fairId, zoneId: a.zoneId, employerId: a.employerId, createdAt: now });
  }
  return true;
}

export async function cancelBooking(tx: Queryable, b: { id: number; zoneId: number }, now: number) {
  await tx.update(jobFairBookings).set({ status: "cancelled", cancelledAt: now }).where(eq(jobFairBookings.id, b.id));
  await tx.update(jobFairZones).set({ bookedCount: sql`${jobFairZones.bookedCount} - 1` }).where(eq(jobFairZones.id, b.zoneId));
}

export const noShowStatement = (db: Queryable, bookingId: number, by: number, now: number) =>
  db.update(jobFairBookings).set({ status: "no_show" satisfies BookingStatus, noShowBy: by, noShowAt: now }).where(and(eq(jobFairBookings.id, bookingId), eq(jobFairBookings.status, "booked")));

/** Whom to tell that a fair is off, as codes (training.notices.ts puts them in words). */
export type FairNews = { code: "fairCancelled"; userId: number; phone: string; countyCode: string | null; fair: { id: number; title: string; date?: string }; reason: string };

/** Cancels a fair; each booked employer is to be told (inbox and SMS to the contact). Null: it was not open. */
export async function cancelFair(tx: Queryable, fair: { id: number; title: string; date?: string }, reason: string, now: number): Promise<FairNews[] | null> {
  const done = await tx
    .update(jobFairs)
    .set({ status: "cancelled", cancelReason: reason })
    .where(and(eq(jobFairs.id, fair.id), eq(jobFairs.status, "open")))
    .returning({ id: jobFairs.id });
  if (done.length === 0) return null;
  const booked = await tx
    .select({ userId: employers.userId, phone: employers.contactPhone })
    .from(jobFairBookings)
    .innerJoin(employers, eq(employers.id, jobFairBookings.employerId))
    .where(and(eq(jobFairBookings.fairId, fair.id), eq(jobFairBookings.status, "booked")));
  const [county] = await tx.select({ code: markets.countyCode }).from(jobFairs).innerJoin(markets, eq(markets.id, jobFairs.marketId)).where(eq(jobFairs.id, fair.id));
  return booked.map((b) => ({ code: "fairCancelled" as const, userId: b.userId, phone: b.phone, countyCode: county?.code ?? null, fair, reason }));
}

