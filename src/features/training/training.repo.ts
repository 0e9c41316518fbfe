// Queries on training sessions, sign-ups and attendance. The writes that must
// never overbook (sign-up, cancellation with promotion, capacity change) run
// inside one `deps.database.transaction`, and take a place only through a
// conditional UPDATE of confirmed_count, so a second process on the same file
// cannot overbook either.
import { and, asc, desc, eq, gte, inArray, lt, sql, count, isNotNull, type SQL } from "drizzle-orm";
import {
  trainingSessions, trainingSignups, trainingAttendance, markets, users, workKinds, workerProfiles,
  type SignupStatus,
} from "../../../db/schema/index.ts";
import type { Db, Queryable } from "../../shared/db.ts";
import type { CurrentUser } from "../../shared/context.ts";
import { marketScope } from "../../shared/scope.ts";
import { signupRefusal, placeFor, cancelRefusal, promotions, capacityRefusal, type SignupRefusal, type CancelRefusal } from "./training.domain.ts";
import { pagedList, firstRow } from "../../shared/queries.ts";
import { recipientColumns } from "../messages/index.ts";

export const PAGE_SIZE = 20;

/** A rule refused the write; thrown inside a transaction so everything rolls back. */
export class TrainingRefusal extends Error {
  constructor(
    public readonly key: SignupRefusal | CancelRefusal | "phoneTaken" | "notWorker" | "idTaken" | "capacityBelowConfirmed" | "nameMismatch",
    public readonly status: 409 | 422 = 422,
    public readonly detail: { name?: string; count?: number } = {},
  ) {
    super(key);
  }
}

// --- Reading ---------------------------------------------------------------

export async function workKindOptions(db: Queryable) {
  return db.select({ id: workKinds.id, name: workKinds.name }).from(workKinds).orderBy(asc(workKinds.sort), asc(workKinds.id));
}

export async function findMarket(db: Queryable, id: number) {
  return firstRow(db.select({ id: markets.id, name: markets.name, countyCode: markets.countyCode }).from(markets).where(eq(markets.id, id)));
}

const sessionColumns = {
  id: trainingSessions.id,
  marketId: trainingSessions.marketId,
  marketName: markets.name,
  countyCode: markets.countyCode,
  kind: trainingSessions.kind,
  title: trainingSessions.title,
  workKindId: trainingSessions.workKindId,
  workKindName: workKinds.name,
  provider: trainingSessions.provider,
  online: trainingSessions.online,
  place: trainingSessions.place,
  startDate: trainingSessions.startDate,
  endDate: trainingSessions.endDate,
  hours: trainingSessions.hours,
  capacity: trainingSessions.capacity,
  confirmedCount: trainingSessions.confirmedCount,
  signupDeadline: trainingSessions.signupDeadline,
  costFen: trainingSessions.costFen,
  subsidyRule: trainingSessions.subsidyRule,
  allowanceRule: trainingSessions.allowanceRule,
  description: trainingSessions.description,
  status: trainingSessions.status,
  cancelReason: trainingSessions.cancelReason,
  waitingCount: sql<number>`(select count(*) from training_signups w where w.session_id = ${trainingSessions.id} and w.status = 'waiting')`,
};

export type SessionRow = Awaited<ReturnType<typeof findSession>> & {};

export async function findSession(db: Queryable, id: number) {
  return firstRow(
    db
      .select(sessionColumns)
      .from(trainingSessions)
      .innerJoin(markets, eq(markets.id, trainingSessions.marketId))
      .leftJoin(workKinds, eq(workKinds.id, trainingSessions.workKindId))
      .where(eq(trainingSessions.id, id)),
  );
}

/** A page of the sessions that meet `where`, with their market and kind of work, in `order`. */
function sessionList(db: Queryable, where: SQL | undefined, order: SQL[], page: number) {
  return pagedList({
    columns: sessionColumns,
    from: (fields) =>
      db
        .select(fields)
        .from(trainingSessions)
        .innerJoin(markets, eq(markets.id, trainingSessions.marketId))
        .leftJoin(workKinds, eq(workKinds.id, trainingSessions.workKindId))
        .where(where),
    orderBy: order,
    page,
    size: PAGE_SIZE,
  });
}

/** Open sessions that have not ended, soonest first; filtered by kind and county. */
export async function listUpcoming(db: Queryable, f: { today: string; kind?: string; county?: string; page: number }) {
  const where = and(
    eq(trainingSessions.status, "open"),
    gte(trainingSessions.endDate, f.today),
    f.kind ? eq(trainingSessions.kind, f.kind as never) : undefined,
    f.county ? eq(markets.countyCode, f.county) : undefined,
  );
  return sessionList(db, where, [asc(trainingSessions.startDate), asc(trainingSessions.id)], f.page);
}

/** Sessions a staff member may manage, newest first. */
export async function listForStaff(db: Queryable, user: CurrentUser, page: number) {
  const where = marketScope(user, trainingSessions.marketId);
  return sessionList(db, where, [desc(trainingSessions.startDate), desc(trainingSessions.id)], page);
}

/** 1 + the number of people ahead in the queue. */
async function positionOf(db: Queryable, sessionId: number, waitNo: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(trainingSignups)
    .where(and(eq(trainingSignups.sessionId, sessionId), eq(trainingSignups.status, "waiting"), lt(trainingSignups.waitNo, waitNo)));
  return n + 1;
}

// The outer row's columns are named with the table ("training_signups"."wait_no"): drizzle writes a column
// bare ("wait_no"), which inside the subquery means the subquery's own row, so everyone was 1st.
const positionSql = sql<number | null>`case when ${trainingSignups.status} = 'waiting' then 1 + (select count(*) from training_signups a where a.session_id = "training_signups"."session_id" and a.status = 'waiting' and a.wait_no < "training_signups"."wait_no") end`;

export async function findSignupOf(db: Queryable, sessionId: number, workerId: number) {
  return firstRow(
    db
      .select({ id: trainingSignups.id, status: trainingSignups.status, position: positionSql, completedAt: trainingSignups.completedAt })
      .from(trainingSignups)
      .where(and(eq(trainingSignups.sessionId, sessionId), eq(trainingSignups.workerId, workerId))),
  );
}

export async function findSignup(db: Queryable, id: number) {
  return firstRow(
    db
      .select({
        id: trainingSignups.id,
        sessionId: trainingSignups.sessionId,
        workerId: trainingSignups.workerId,
        workerName: users.name,
        workerPhone: users.phone,
        status: trainingSignups.status,
        completedAt: trainingSignups.completedAt,
      })
      .from(trainingSignups)
      .innerJoin(users, eq(users.id, trainingSignups.workerId))
      .where(eq(trainingSignups.id, id)),
  );
}

/** A worker's own sign-ups, newest first, with the session and who did it for them. */
export async function signupsOfWorker(db: Queryable, workerId: number, page: number) {
  const via = sql<string | null>`(select m.name from markets m where m.id = ${trainingSignups.viaMarketId})`;
  const where = eq(trainingSignups.workerId, workerId);
  return pagedList({
    columns: {
      id: trainingSignups.id,
      status: trainingSignups.status,
      position: positionSql,
      completedAt: trainingSignups.completedAt,
      viaMarket: via,
      sessionId: trainingSessions.id,
      title: trainingSessions.title,
      kind: trainingSessions.kind,
      startDate: trainingSessions.startDate,
      endDate: trainingSessions.endDate,
      sessionStatus: trainingSessions.status,
    },
    from: (fields) => db.select(fields).from(trainingSignups).innerJoin(trainingSessions, eq(trainingSessions.id, trainingSignups.sessionId)).where(where),
    orderBy: [desc(trainingSessions.startDate), desc(trainingSignups.id)],
    page,
    size: PAGE_SIZE,
  });
}

/** Confirmed, then waiting (in queue order): the staff view of who signed up. */
export async function signupList(db: Queryable, sessionId: number, page: number) {
  const via = sql<string | null>`(select m.name from markets m where m.id = ${trainingSignups.viaMarketId})`;
  const where = and(eq(trainingSignups.sessionId, sessionId), inArray(trainingSignups.status, ["confirmed", "waiting"]));
  return pagedList({
    columns: {
      id: trainingSignups.id, name: users.name, phone: users.phone, status: trainingSignups.status, position: positionSql, viaMarket: via,
      completedAt: trainingSignups.completedAt,
    },
    from: (fields) => db.select(fields).from(trainingSignups).innerJoin(users, eq(users.id, trainingSignups.workerId)).where(where),
    orderBy: [sql`${trainingSignups.status} = 'waiting'`, asc(trainingSignups.waitNo), asc(trainingSignups.id)],
    page,
    size: PAGE_SIZE,
  });
}

/** Confirmed sign-ups with the days each attended; `page` null = everyone (the printed sheet, the CSV). */
export async function roster(db: Queryable, sessionId: number, page: number | null) {
  const where = and(eq(trainingSignups.sessionId, sessionId), eq(trainingSignups.status, "confirmed"));
  const q = db
    .select({
      id: trainingSignups.id,
      name: users.name,
      phone: users.phone,
      idNumber: workerProfiles.idNumber,
      completedAt: trainingSignups.completedAt,
      viaMarket: sql<string | null>`(select m.name from markets m where m.id = ${trainingSignups.viaMarketId})`,
      days: sql<string | null>`(select group_concat(day, ',') from (select day from training_attendance a where a.signup_id = ${trainingSignups.id} order by day))`,
    })
    .from(trainingSignups)
    .innerJoin(users, eq(users.id, trainingSignups.workerId))
    .leftJoin(workerProfiles, eq(workerProfiles.userId, trainingSignups.workerId))
    .where(where)
    .orderBy(asc(trainingSignups.id));
  const rows = page === null ? await q.limit(2000) : await q.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE);
  const [{ n }] = await db.select({ n: count() }).from(trainingSignups).where(where);
  return { rows: rows.map((r) => ({ ...r, days: r.days ? r.days.split(",") : [] })), total: n };
}

export async function rosterIds(db: Queryable, sessionId: number): Promise<Set<number>> {
  const rows = await db
    .select({ id: trainingSignups.id })
    .from(trainingSignups)
    .where(and(eq(trainingSignups.sessionId, sessionId), eq(trainingSignups.status, "confirmed")));
  return new Set(rows.map((r) => r.id));
}

/** Completers with their attendance: the list behind the subsidy claim. */
export async function completers(db: Queryable, sessionId: number) {
  const { rows } = await roster(db, sessionId, null);
  return rows.filter((r) => r.completedAt !== null);
}

// --- Writing (inside deps.database.transaction) ------------------------------

interface Person {
  id: number;
  phone: string;
  name: string;
  /** Without a PIN the person cannot read the inbox, so notices also go by SMS. */
  hasPin: boolean;
}

export async function findPersonByPhone(db: Queryable, phone: string) {
  return firstRow(db.select({ id: users.id, role: users.role, name: users.name, phone: users.phone, pinHash: users.pinHash }).from(users).where(eq(users.phone, phone)));
}

export async function idNumberOwner(db: Queryable, idNumber: string): Promise<number | null> {
  return (await db.select({ id: workerProfiles.userId }).from(workerProfiles).where(eq(workerProfiles.idNumber, idNumber)).limit(1))[0]?.id ?? null;
}

async function sessionForUpdate(tx: Queryable, id: number) {
  return firstRow(tx.select().from(trainingSessions).where(eq(trainingSessions.id, id)));
}

/** What a class is, for telling people about it (training.notices.ts). */
export type ClassFacts = { id: number; marketId: number; title: string; startDate: string; endDate: string; hours: string; place: string; online: boolean };

/**
 * Whom to tell what after a write, as codes: the repo writes no words; the
 * actions put these in the inbox and the SMS queue in the same transaction
 * (training.notices.ts). `sms`: also by text (she has no PIN, or must not miss it).
 */
export type TrainingNews = { userId: number; phone: string; countyCode: string | null; session: ClassFacts } & (
  | { code: "confirmed"; sms: boolean }
  | { code: "waiting"; sms: boolean; position: number }
  | { code: "promoted" }
  | { code: "sessionCancelled"; reason: string }
);

export type SignupResult = ({ signupId: number; status: "confirmed" } | { signupId: number; status: "waiting"; position: number }) & { news: TrainingNews[] };

/**
 * Signs a worker up: a place if one is free, else the back of the waiting
 * list. Throws TrainingRefusal (rolling back the transaction) when a rule refuses.
 */
export async function signUp(
  tx: Queryable,
  a: { sessionId: number; workerId: number; viaStaffId?: number | null; viaMarketId?: number | null },
  now: number,
  today: string,
): Promise<SignupResult> {
  // One read, not four: the class, this worker's earlier sign-up to it, the
  // county of its market and the worker's phone and PIN (for the notice) together.
  const [found] = await tx
    .select({
      session: trainingSessions,
      existingId: trainingSignups.id,
      existingStatus: trainingSignups.status,
      countyCode: markets.countyCode,
      ...recipientColumns(a.workerId),
    })
    .from(trainingSessions)
    .leftJoin(trainingSignups, and(eq(trainingSignups.sessionId, trainingSessions.id), eq(trainingSignups.workerId, a.workerId)))
    .leftJoin(markets, eq(markets.id, trainingSessions.marketId))
    .where(eq(trainingSessions.id, a.sessionId))
    .limit(1);
  if (!found) throw new TrainingRefusal("sessionCancelled");
  const s = found.session;
  const existing = found.existingId === null ? undefined : { id: found.existingId, status: found.existingStatus! };
  const refusal = signupRefusal(s, today, existing?.status ?? null);
  if (refusal) throw new TrainingRefusal(refusal, refusal === "alreadySignedUp" ? 409 : 422);

  let status: "confirmed" | "waiting" = "waiting";
  let waitNo: number | null = null;
  if (placeFor(s) === "confirmed") {
    // The guard that matters: only succeeds while a place is free.
    const took = await tx
      .update(trainingSessions)
      .set({ confirmedCount: sql`${trainingSessions.confirmedCount} + 1` })
      .where(and(eq(trainingSessions.id, s.id), lt(trainingSessions.confirmedCount, trainingSessions.capacity)))
      .returning({ id: trainingSessions.id });
    if (took.length) status = "confirmed";
  }
  if (status === "waiting") {
    const [r] = await tx
      .update(trainingSessions)
      .set({ waitSeq: sql`${trainingSessions.waitSeq} + 1` })
      .where(eq(trainingSessions.id, s.id))
      .returning({ waitSeq: trainingSessions.waitSeq });
    waitNo = r.waitSeq;
  }
  const values = {
    status,
    waitNo,
    viaStaffId: a.viaStaffId ?? null,
    viaMarketId: a.viaMarketId ?? null,
    createdAt: now,
    confirmedAt: status === "confirmed" ? now : null,
    cancelledAt: null,
    completedAt: null,
    completedBy: null,
  };
  let signupId: number;
  if (existing) {
    // Signing up again after cancelling: the same row, at the back of the queue.
    await tx.update(trainingSignups).set(values).where(eq(trainingSignups.id, existing.id));
    signupId = existing.id;
  } else {
    const [row] = await tx.insert(trainingSignups).values({ ...values, sessionId: s.id, workerId: a.workerId }).returning({ id: trainingSignups.id });
    signupId = row.id;
  }
  if (found.phone === null) throw new Error(`no user ${a.workerId}`);
  const person = { id: a.workerId, phone: found.phone, hasPin: !!Number(found.hasPin) };
  const position = waitNo === null ? 0 : await positionOf(tx, s.id, waitNo);
  const countyCode = found.countyCode ?? null;
  const told = { userId: person.id, phone: person.phone, countyCode, session: s, sms: !person.hasPin };
  return status === "confirmed"
    ? { signupId, status, news: [{ ...told, code: "confirmed" }] }
    : { signupId, status, position, news: [{ ...told, code: "waiting", position }] };
}

/** What a text about a class says: which course, when, where (线上 for online ones). */
/** The county of the market that runs a class or fair, for the staff page's scope of its texts. */
async function marketCounty(tx: Queryable, marketId: number): Promise<string | null> {
  return (await tx.select({ county: markets.countyCode }).from(markets).where(eq(markets.id, marketId)))[0]?.county ?? null;
}


/**
 * Moves the first `n` people on the waiting list up to confirmed places, in
 * queue order; each is to be told (inbox and SMS: it is news they must not miss).
 */
async function promote(tx: Queryable, s: ClassFacts, n: number, now: number): Promise<TrainingNews[]> {
  if (n <= 0) return [];
  const next = await tx
    .select({ id: trainingSignups.id, workerId: trainingSignups.workerId, phone: users.phone })
    .from(trainingSignups)
    .innerJoin(users, eq(users.id, trainingSignups.workerId))
    .where(and(eq(trainingSignups.sessionId, s.id), eq(trainingSignups.status, "waiting")))
    .orderBy(asc(trainingSignups.waitNo))
    .limit(n);
  if (next.length === 0) return [];
  const took = await tx
    .update(trainingSessions)
    .set({ confirmedCount: sql`${trainingSessions.confirmedCount} + ${next.length}` })
    .where(and(eq(trainingSessions.id, s.id), sql`${trainingSessions.confirmedCount} + ${next.length} <= ${trainingSessions.capacity}`))
    .returning({ id: trainingSessions.id });
  if (took.length === 0) return [];
  await tx
    .update(trainingSignups)
    .set({ status: "confirmed", confirmedAt: now })
    .where(inArray(trainingSignups.id, next.map((x) => x.id)));
  const countyCode = await marketCounty(tx, s.marketId);
  return next.map((x) => ({ code: "promoted" as const, userId: x.workerId, phone: x.phone, countyCode, session: s }));
}

/** Cancels a sign-up (or leaves the waiting list); a freed place goes to the first in the queue. */
export async function cancelSignup(tx: Queryable, signupId: number, now: number, today: string): Promise<{ was: SignupStatus; promoted: number; news: TrainingNews[] }> {
  const [row] = await tx.select().from(trainingSignups).where(eq(trainingSignups.id, signupId)).limit(1);
  const s = row && (await sessionForUpdate(tx, row.sessionId));
  if (!row || !s) throw new TrainingRefusal("notActive");
  const refusal = cancelRefusal(row.status, s, today);
  if (refusal) throw new TrainingRefusal(refusal);
  await tx.update(trainingSignups).set({ status: "cancelled", cancelledAt: now }).where(eq(trainingSignups.id, signupId));
  if (row.status !== "confirmed") return { was: row.status, promoted: 0, news: [] };
  const [after] = await tx
    .update(trainingSessions)
    .set({ confirmedCount: sql`${trainingSessions.confirmedCount} - 1` })
    .where(eq(trainingSessions.id, s.id))
    .returning({ capacity: trainingSessions.capacity, confirmedCount: trainingSessions.confirmedCount, status: trainingSessions.status });
  const news = await promote(tx, s, promotions(after, await waitingCount(tx, s.id)), now);
  return { was: row.status, promoted: news.length, news };
}

async function waitingCount(tx: Queryable, sessionId: number): Promise<number> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(trainingSignups)
    .where(and(eq(trainingSignups.sessionId, sessionId), eq(trainingSignups.status, "waiting")));
  return n;
}

export type SessionValues = Omit<typeof trainingSessions.$inferInsert, "id" | "confirmedCount" | "waitSeq" | "status" | "cancelReason" | "createdAt" | "updatedAt" | "createdBy">;

export async function insertSession(tx: Queryable, v: SessionValues, by: number, now: number): Promise<number> {
  const [row] = await tx.insert(trainingSessions).values({ ...v, createdBy: by, createdAt: now, updatedAt: now }).returning({ id: trainingSessions.id });
  return row.id;
}

/**
 * Saves an edit. Capacity may not drop below those confirmed (checked against
 * the row inside the transaction); a raised capacity fills from the waiting list.
 */
export async function updateSession(tx: Queryable, id: number, v: SessionValues, now: number): Promise<{ promoted: number; news: TrainingNews[] }> {
  const s = await sessionForUpdate(tx, id);
  if (!s) throw new TrainingRefusal("sessionCancelled");
  if (capacityRefusal(v.capacity, s.confirmedCount)) throw new TrainingRefusal("capacityBelowConfirmed", 422, { count: s.confirmedCount });
  await tx.update(trainingSessions).set({ ...v, updatedAt: now }).where(eq(trainingSessions.id, id));
  const news = await promote(
    tx,
    { id, marketId: s.marketId, title: v.title, startDate: v.startDate, endDate: v.endDate, hours: v.hours ?? "", place: v.place ?? "", online: v.online ?? false },
    promotions({ status: s.status, capacity: v.capacity, confirmedCount: s.confirmedCount }, await waitingCount(tx, id)),
    now,
  );
  return { promoted: news.length, news };
}

/** Cancels the whole session; everyone signed up or waiting is to be told, by SMS too. Null: it was cancelled already. */
export async function cancelSession(tx: Queryable, id: number, reason: string, now: number): Promise<TrainingNews[] | null> {
  const s = await sessionForUpdate(tx, id);
  if (!s || s.status === "cancelled") return null;
  await tx.update(trainingSessions).set({ status: "cancelled", cancelReason: reason, updatedAt: now }).where(eq(trainingSessions.id, id));
  const people = await tx
    .select({ workerId: trainingSignups.workerId, phone: users.phone })
    .from(trainingSignups)
    .innerJoin(users, eq(users.id, trainingSignups.workerId))
    .where(and(eq(trainingSignups.sessionId, id), inArray(trainingSignups.status, ["confirmed", "waiting"])));
  const countyCode = await marketCounty(tx, s.marketId);
  return people.map((p) => ({ code: "sessionCancelled" as const, userId: p.workerId, phone: p.phone, countyCode, session: s, reason }));
}

/**
 * Replaces the attendance of the people on one page of the form for the
 * markable days, and their completion marks. One batch: all or nothing.
 */
export function saveAttendanceStatements(
  db: Db,
  a: { pageIds: number[]; days: string[]; rows: { signupId: number; day: string }[]; completed: number[] },
  by: number,
  now: number,
) {
  const stmts = [];
  if (a.pageIds.length && a.days.length) {
    stmts.push(db.delete(trainingAttendance).where(and(inArray(trainingAttendance.signupId, a.pageIds), inArray(trainingAttendance.day, a.days))));
  }
  if (a.rows.length) stmts.push(db.insert(trainingAttendance).values(a.rows.map((r) => ({ ...r, markedBy: by, markedAt: now }))));
  const notDone = a.pageIds.filter((id) => !a.completed.includes(id));
  if (a.completed.length) {
    // Keep the first completion date when the form is saved again.
    stmts.push(
      db
        .update(trainingSignups)
        .set({ completedAt: sql`coalesce(${trainingSignups.completedAt}, ${now})`, completedBy: sql`coalesce(${trainingSignups.completedBy}, ${by})` })
        .where(inArray(trainingSignups.id, a.completed)),
    );
  }
  if (notDone.length) {
    stmts.push(db.update(trainingSignups).set({ completedAt: null, completedBy: null }).where(and(inArray(trainingSignups.id, notDone), isNotNull(trainingSignups.completedAt))));
  }
  return stmts;
}

export async function certificateData(db: Queryable, signupId: number) {
  return firstRow(
    db
      .select({
        signupId: trainingSignups.id,
        workerId: trainingSignups.workerId,
        name: users.name,
        idNumber: workerProfiles.idNumber,
        completedAt: trainingSignups.completedAt,
        sessionId: trainingSignups.sessionId,
        status: trainingSignups.status,
        days: sql<number>`(select count(*) from training_attendance a where a.signup_id = ${trainingSignups.id})`,
      })
      .from(trainingSignups)
      .innerJoin(users, eq(users.id, trainingSignups.workerId))
      .leftJoin(workerProfiles, eq(workerProfiles.userId, trainingSignups.workerId))
      .where(eq(trainingSignups.id, signupId)),
  );
}

/**
 * A forgotten worker's places in sessions that have not started are given up
 * as if they had cancelled them (the first waiting moves up and is told);
 * sign-ups to sessions that started or ended stay, for the counts and the
 * subsidy ledger, under the anonymized account.
 */
export async function forgetSignups(tx: Queryable, workerIds: number[], now: number, today: string): Promise<{ cancelled: number; news: TrainingNews[] }> {
  const open = await tx
    .select({ id: trainingSignups.id })
    .from(trainingSignups)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingSignups.sessionId))
    .where(and(inArray(trainingSignups.workerId, workerIds), inArray(trainingSignups.status, ["confirmed", "waiting"]), gte(trainingSessions.startDate, today)))
    .orderBy(asc(trainingSignups.id));
  const news: TrainingNews[] = [];
  for (const s of open) news.push(...(await cancelSignup(tx, s.id, now, today)).news);
  return { cancelled: open.length, news };
}
