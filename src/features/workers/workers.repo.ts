// Queries on worker accounts and profiles (worker_profiles, worker_kinds, seeking_cards).
import { and, eq, desc, sql, count, countDistinct } from "drizzle-orm";
import { users, workerProfiles, workerKinds, workKinds, seekingCards } from "../../../db/schema/index.ts";
import type { WageUnit } from "../../../db/schema/constants.ts";
import type { Queryable } from "../../shared/db.ts";
import { newCardCode } from "./workers.domain.ts";
import { pagedList, firstRow } from "../../shared/queries.ts";

export interface NewWorker {
  phone: string;
  name: string;
  /** scrypt hash of the 6-digit PIN; null when staff or a sign-up created the account without one. */
  pinHash: string | null;
  countyCode?: string | null;
  townshipCode?: string | null;
  birthYear?: number | null;
  gender?: "male" | "female" | null;
  idNumber?: string | null;
  ownPhone?: boolean;
  /** Set when station staff register the worker (代办). */
  viaStaffId?: number | null;
  viaMarketId?: number | null;
}

/**
 * Creates the account and the profile. Call inside `deps.database.transaction`
 * (two inserts that must land together); the phone must not be taken.
 */
export async function insertWorker(tx: Queryable, w: NewWorker, now: number, rand: () => number = Math.random): Promise<{ id: number; cardCode: string }> {
  const [user] = await tx
    .insert(users)
    .values({ role: "worker", phone: w.phone, name: w.name, pinHash: w.pinHash, countyCode: w.countyCode ?? null, createdAt: now, createdBy: w.viaStaffId ?? null })
    .returning({ id: users.id });
  // Card codes are short and random; retry on the rare collision.
  for (let attempt = 0; ; attempt++) {
    const cardCode = newCardCode(rand);
    const clash = await tx.select({ id: workerProfiles.userId }).from(workerProfiles).where(eq(workerProfiles.cardCode, cardCode)).limit(1);
    if (clash.length && attempt < 20) continue;
    await tx.insert(workerProfiles).values({
      userId: user.id,
      birthYear: w.birthYear ?? null,
      gender: w.gender ?? null,
      countyCode: w.countyCode ?? null,
      townshipCode: w.townshipCode ?? null,
      idNumber: w.idNumber ?? null,
      cardCode,
      ownPhone: w.ownPhone ?? true,
      viaStaffId: w.viaStaffId ?? null,
      viaMarketId: w.viaMarketId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    return { id: user.id, cardCode };
  }
}

export async function findWorkerByPhone(db: Queryable, phone: string) {
  return firstRow(
    db
      .select({ id: users.id, name: users.name, phone: users.phone, role: users.role, cardCode: workerProfiles.cardCode })
      .from(users)
      .leftJoin(workerProfiles, eq(workerProfiles.userId, users.id))
      .where(eq(users.phone, phone)),
  );
}

// --- Profile -----------------------------------------------------------------

/** 工种 in their configured order. */
export const listKinds = (db: Queryable) => db.select({ id: workKinds.id, name: workKinds.name }).from(workKinds).orderBy(workKinds.sort, workKinds.id);

/** The account and profile of a worker (the profile row may not exist yet for accounts made elsewhere). */
export async function profileOf(db: Queryable, userId: number) {
  const row = (
    await db
      .select({ name: users.name, phone: users.phone, pinHash: users.pinHash, profile: workerProfiles })
      .from(users)
      .leftJoin(workerProfiles, eq(workerProfiles.userId, users.id))
      .where(eq(users.id, userId))
      .limit(1)
  )[0];
  if (!row) return null;
  const kinds = await db.select({ kindId: workerKinds.kindId }).from(workerKinds).where(eq(workerKinds.userId, userId));
  return { ...row, kindIds: kinds.map((k) => k.kindId) };
}

export interface ProfileChange {
  name: string;
  birthYear: number | null;
  gender: "male" | "female" | null;
  countyCode: string | null;
  townshipCode: string | null;
  kindIds: number[];
  days: string;
  expectedWageFen: number | null;
  expectedWageUnit: WageUnit | null;
}

/** The statements that save a profile, for one batch: account name, profile (created if missing), kinds replaced. */
export function saveProfileStatements(db: Queryable, userId: number, p: ProfileChange, now: number) {
  const fields = {
    birthYear: p.birthYear,
    gender: p.gender,
    countyCode: p.countyCode,
    townshipCode: p.townshipCode,
    days: p.days,
    expectedWageFen: p.expectedWageFen,
    expectedWageUnit: p.expectedWageUnit,
    updatedAt: now,
  };
  return [
    db.update(users).set({ name: p.name, countyCode: p.countyCode }).where(eq(users.id, userId)),
    db.insert(workerProfiles).values({ userId, createdAt: now, ...fields }).onConflictDoUpdate({ target: workerProfiles.userId, set: fields }),
    db.delete(workerKinds).where(eq(workerKinds.userId, userId)),
    ...(p.kindIds.length ? [db.insert(workerKinds).values(p.kindIds.map((kindId) => ({ userId, kindId })))] : []),
  ] as const;
}

export const updatePin = (db: Queryable, userId: number, pinHash: string) => db.update(users).set({ pinHash }).where(eq(users.id, userId));

// --- Work-seeking cards (求职信息) ----------------------------------------------

export interface NewCard {
  kindId: number;
  countyCode: string;
  townshipCode: string | null;
  days: string;
  wageFen: number | null;
  wageUnit: WageUnit | null;
  note: string;
}

export const insertCard = (db: Queryable, workerId: number, card: NewCard, now: number) =>
  db.insert(seekingCards).values({ workerId, ...card, status: "open", createdAt: now, updatedAt: now }).returning({ id: seekingCards.id });

export async function openCardCount(db: Queryable, workerId: number): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(seekingCards).where(and(eq(seekingCards.workerId, workerId), eq(seekingCards.status, "open")));
  return n;
}

/** Opens or closes one of the worker's own cards; 0 rows changed = not theirs, or already so. */
export const setCardStatus = (db: Queryable, workerId: number, id: number, to: "open" | "closed", now: number) =>
  db
    .update(seekingCards)
    .set({ status: to, updatedAt: now })
    .where(and(eq(seekingCards.id, id), eq(seekingCards.workerId, workerId), sql`${seekingCards.status} <> ${to}`));

export const findOwnCard = async (db: Queryable, workerId: number, id: number) =>
  firstRow(db.select().from(seekingCards).where(and(eq(seekingCards.id, id), eq(seekingCards.workerId, workerId))));

const cardColumns = {
  id: seekingCards.id,
  kind: workKinds.name,
  countyCode: seekingCards.countyCode,
  townshipCode: seekingCards.townshipCode,
  days: seekingCards.days,
  wageFen: seekingCards.wageFen,
  wageUnit: seekingCards.wageUnit,
  note: seekingCards.note,
  status: seekingCards.status,
  createdAt: seekingCards.createdAt,
  updatedAt: seekingCards.updatedAt,
};

export async function myCards(db: Queryable, workerId: number, page: number, perPage: number) {
  const where = eq(seekingCards.workerId, workerId);
  return pagedList({
    columns: cardColumns,
    from: (fields) => db.select(fields).from(seekingCards).innerJoin(workKinds, eq(workKinds.id, seekingCards.kindId)).where(where),
    orderBy: [sql`${seekingCards.status} = 'closed'`, desc(seekingCards.updatedAt), desc(seekingCards.id)],
    page,
    size: perPage,
  });
}

export interface CardFilter {
  kindId?: number;
  countyCode?: string;
  townshipCode?: string;
}

const openCardsWhere = (f: CardFilter) =>
  and(
    eq(seekingCards.status, "open"),
    f.kindId ? eq(seekingCards.kindId, f.kindId) : undefined,
    f.countyCode ? eq(seekingCards.countyCode, f.countyCode) : undefined,
    f.townshipCode ? eq(seekingCards.townshipCode, f.townshipCode) : undefined,
  );

/**
 * Open cards for the public list, newest first, with who posted them. The
 * count runs over the same joins and conditions as the rows (a disabled
 * worker's cards are in neither), so the number of pages is right.
 */
export async function browseCards(db: Queryable, f: CardFilter, page: number, perPage: number) {
  return pagedList({
    columns: { ...cardColumns, name: users.name, phone: users.phone, birthYear: workerProfiles.birthYear, gender: workerProfiles.gender },
    from: (fields) =>
      db
        .select(fields)
        .from(seekingCards)
        .innerJoin(workKinds, eq(workKinds.id, seekingCards.kindId))
        .innerJoin(users, eq(users.id, seekingCards.workerId))
        .leftJoin(workerProfiles, eq(workerProfiles.userId, seekingCards.workerId))
        .where(and(openCardsWhere(f), sql`${users.disabledAt} is null`)),
    orderBy: [desc(seekingCards.updatedAt), desc(seekingCards.id)],
    page,
    size: perPage,
  });
}

/**
 * Workers looking for each kind of work (open cards), for the desk and the
 * monitoring figures: cards, and distinct workers. `countyCode` narrows to one county.
 */
export async function seekersByKind(db: Queryable, f: { countyCode?: string } = {}) {
  return db
    .select({ kindId: workKinds.id, kind: workKinds.name, cards: count(seekingCards.id), workers: countDistinct(seekingCards.workerId) })
    .from(seekingCards)
    .innerJoin(workKinds, eq(workKinds.id, seekingCards.kindId))
    .where(openCardsWhere({ countyCode: f.countyCode }))
    .groupBy(workKinds.id, workKinds.name)
    .orderBy(workKinds.sort, workKinds.id);
}

/** The kinds of work a worker seeks, added (a kind already there stays once). */
export const insertWorkerKinds = (db: Queryable, workerId: number, kindIds: number[]) =>
  db.insert(workerKinds).values(kindIds.map((kindId) => ({ userId: workerId, kindId }))).onConflictDoNothing();
