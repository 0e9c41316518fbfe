// Queries on the tables this feature owns: pending steps (phone_proofs) and
// the log of code texts (phone_code_sends); and the one column of users it
// writes, phone_verified_at.
import { and, eq, lt, sql } from "drizzle-orm";
import { phoneProofs, phoneCodeSends, users } from "../../../db/schema/index.ts";
import type { Queryable } from "../../shared/db.ts";
import { firstRow } from "../../shared/queries.ts";
import type { SendCounts } from "./phone.domain.ts";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Everything the limits count, in one query. */
export async function sendCounts(db: Queryable, phone: string, addr: string, day: string, now: number): Promise<SendCounts> {
  const s = phoneCodeSends;
  const [row] = await db
    .select({
      numberLastAt: sql<number | null>`(select max(${s.at}) from ${s} where ${s.phone} = ${phone} and ${s.at} > ${now - DAY})`,
      numberHour: sql<number>`(select count(*) from ${s} where ${s.phone} = ${phone} and ${s.at} > ${now - HOUR})`,
      numberDay: sql<number>`(select count(*) from ${s} where ${s.phone} = ${phone} and ${s.at} > ${now - DAY})`,
      addressHour: sql<number>`(select count(*) from ${s} where ${s.addr} = ${addr} and ${s.at} > ${now - HOUR})`,
      addressDay: sql<number>`(select count(*) from ${s} where ${s.addr} = ${addr} and ${s.at} > ${now - DAY})`,
      instanceToday: sql<number>`(select count(*) from ${s} where ${s.day} = ${day})`,
    })
    .from(sql`(select 1)`);
  return {
    numberLastAt: row.numberLastAt === null ? null : Number(row.numberLastAt),
    numberHour: Number(row.numberHour),
    numberDay: Number(row.numberDay),
    addressHour: Number(row.addressHour),
    addressDay: Number(row.addressDay),
    instanceToday: Number(row.instanceToday),
  };
}

export async function sentOnDay(db: Queryable, day: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(phoneCodeSends).where(eq(phoneCodeSends.day, day));
  return Number(row.n);
}

export const insertSend = (db: Queryable, x: { phone: string; addr: string; day: string }, now: number) =>
  db.insert(phoneCodeSends).values({ ...x, at: now });

export interface NewProof {
  tokenHash: string;
  purpose: string;
  phone: string;
  payload: string;
  codeHash: string;
  staffId: number | null;
}

export const insertProof = (db: Queryable, p: NewProof, now: number, codeTtlMs: number) =>
  db.insert(phoneProofs).values({ ...p, createdAt: now, lastSentAt: now, codeExpiresAt: now + codeTtlMs });

export async function findProof(db: Queryable, tokenHash: string) {
  return firstRow(db.select().from(phoneProofs).where(eq(phoneProofs.tokenHash, tokenHash)));
}
export type Proof = NonNullable<Awaited<ReturnType<typeof findProof>>>;

export const newCodeFor = (db: Queryable, id: number, codeHash: string, now: number, codeTtlMs: number) =>
  db.update(phoneProofs).set({ codeHash, lastSentAt: now, codeExpiresAt: now + codeTtlMs, wrongTries: 0 }).where(eq(phoneProofs.id, id));

export const countWrongTry = (db: Queryable, id: number) =>
  db.update(phoneProofs).set({ wrongTries: sql`${phoneProofs.wrongTries} + 1` }).where(eq(phoneProofs.id, id));

/** Single use: only the first caller gets rowsAffected 1. The payload leaves the DB unless a later step still needs it. */
export const markUsed = (db: Queryable, id: number, now: number) =>
  db.update(phoneProofs).set({ usedAt: now, payload: null }).where(and(eq(phoneProofs.id, id), sql`${phoneProofs.usedAt} is null`));

/** A code matched but a step remains (the new PIN after a reset). */
export const markProven = (db: Queryable, id: number, now: number) =>
  db.update(phoneProofs).set({ provenAt: now }).where(and(eq(phoneProofs.id, id), sql`${phoneProofs.provenAt} is null`, sql`${phoneProofs.usedAt} is null`));

export const setPhoneVerified = (db: Queryable, phone: string, now: number) =>
  db.update(users).set({ phoneVerifiedAt: now }).where(eq(users.phone, phone));

/** Old steps and old send records go: what a person typed is not kept longer than a day. */
export const sweep = (db: Queryable, now: number) => [
  db.delete(phoneProofs).where(lt(phoneProofs.createdAt, now - DAY)),
  db.delete(phoneCodeSends).where(lt(phoneCodeSends.at, now - 2 * DAY)),
];

