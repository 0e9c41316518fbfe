// What the station desk may change on an account, for the person in front of
// it: vouch for her phone, set a new PIN (which signs her out everywhere and
// ends login holds), end the login holds, and see them. The tables are the
// accounts feature's (users, sessions) and the login throttle's
// (shared/throttle.ts); the desk reaches them only through accounts/index.ts.
import { desc, eq } from "drizzle-orm";
import { users, sessions, loginThrottle } from "../../../db/schema/index.ts";
import type { Queryable } from "../../shared/db.ts";
import { firstRow } from "../../shared/queries.ts";
import { accountThrottleRows, clearAccountThrottleStmt } from "../../shared/throttle.ts";

/** The account's login lock, if any: its global row and its rows per address, the one held longest. */
export async function lockOf(db: Queryable, phone: string) {
  return firstRow(db.select().from(loginThrottle).where(accountThrottleRows(phone)).orderBy(desc(loginThrottle.lockedUntil)));
}

/** Staff know the person in front of them: every hold on the account ends, from every address. */
export const clearLock = (db: Queryable, phone: string) => clearAccountThrottleStmt(db, phone);

/** No code at the desk: the staff member vouches for the phone of the person in front of them, on the record. */
export const vouchPhoneStmt = (db: Queryable, userId: number, staffId: number) => db.update(users).set({ phoneVouchedBy: staffId }).where(eq(users.id, userId));

/** A new PIN typed by the worker: holds end, and whoever knew the old PIN is signed out everywhere. */
export const resetPinStatements = (db: Queryable, user: { id: number; phone: string }, pinHash: string) =>
  [
    db.update(users).set({ pinHash }).where(eq(users.id, user.id)),
    clearLock(db, user.phone),
    db.delete(sessions).where(eq(sessions.userId, user.id)),
  ] as const;
