// Login throttling, stored in the DB so it holds across restarts and across app
// processes. It stops guessing without letting a stranger lock the owner out
// (issue #16: 5 wrong PINs used to lock an account for everyone, 20 until staff
// unlocked it — a stranger could do that to any account):
//
// - per (account, client address): a few free tries, then a growing delay
//   (30 s, 1, 2, 4, 8, 15 minutes …). The owner, on her own phone or at the
//   station, is another address and is not slowed by a stranger's tries.
// - per account, over all addresses: a global cap (ACCOUNT_DAILY_CAP wrong tries
//   in 24 hours) against guessing from many addresses; past it the account
//   waits for the window's end (or staff unlock it at the desk; the SMS-code
//   sign-in clears it with clearAccountThrottle).
// - per address, over all accounts: one client trying many accounts.
//
// Keys do not depend on whether an account exists, so a lock tells nothing.
// A 6-digit PIN has a million values: the global cap lets at most 100 of them
// be tried a day.
import { eq, inArray, like, or } from "drizzle-orm";
import { loginThrottle } from "../../db/schema/index.ts";
import type { Deps } from "./context.ts";
import type { Queryable } from "./db.ts";
import { addressBucket } from "./client.ts";
import { windowStep } from "./throttle-rules.ts";

export const throttleRules = {
  /** Per (account, address): this many wrong tries are free, then the delay doubles from baseDelayMs up to maxDelayMs. */
  pair: { free: 3, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, windowMs: 24 * 3600_000 },
  /** Per account over every address: at this many wrong tries in the window it waits for the window's end. */
  account: { cap: 100, windowMs: 24 * 3600_000 },
  /** Per address over every account. */
  ip: { perWindow: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

export type ThrottleState =
  | { locked: false }
  | { locked: true; kind: "pair" | "account" | "ip"; key: string; untilMs: number; needsStaff: boolean };

/** The account's global key (the desk shows and clears it). */
export const accountKey = (phone: string) => "acct:" + phone;
/** The account's key for one client address (IPv6 by /64). */
export const pairKey = (phone: string, addr: string) => `acct:${phone}@${addressBucket(addr)}`;
export const ipKey = (addr: string) => "ip:" + addressBucket(addr);

/** The keys one login attempt is counted under. */
export const loginKeys = (phone: string, addr: string) => ({ pair: pairKey(phone, addr), account: accountKey(phone), ip: ipKey(addr) });
export type LoginKeys = ReturnType<typeof loginKeys>;

const kindOf = (k: LoginKeys, key: string): "pair" | "account" | "ip" => (key === k.pair ? "pair" : key === k.account ? "account" : "ip");

/** Is any of the keys held now? */
export async function checkThrottle(deps: Deps, keys: LoginKeys): Promise<ThrottleState> {
  const now = deps.clock.now();
  const rows = await deps.database.db.select().from(loginThrottle).where(inArray(loginThrottle.key, [keys.pair, keys.account, keys.ip]));
  for (const r of rows) {
    if (r.lockedUntil && r.lockedUntil > now) {
      return { locked: true, kind: kindOf(keys, r.key), key: r.key, untilMs: r.lockedUntil, needsStaff: r.lockedUntil === Number.MAX_SAFE_INTEGER };
    }
  }
  return { locked: false };
}

/** The delay after the `failures`-th wrong try from one address at one account (0: none). */
export function pairDelayMs(failures: number): number {
  const r = throttleRules.pair;
  if (failures < r.free) return 0;
  return Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** (failures - r.free));
}

/** The row after one more wrong try (pure; tested with a table of cases). */
export function stepRow(kind: "pair" | "account" | "ip", prev: { failures: number; windowStart: number; lockedUntil: number | null } | undefined, now: number) {
  const windowMs = throttleRules[kind].windowMs;
  const { fresh, windowStart } = windowStep(prev, now, windowMs);
  const failures = fresh ? 1 : prev!.failures + 1;
  // A hold set by hand (staff's old hard lock) stays until staff clear it.
  let lockedUntil: number | null = !fresh && prev!.lockedUntil === Number.MAX_SAFE_INTEGER ? prev!.lockedUntil : null;
  if (lockedUntil === null) {
    if (kind === "pair") lockedUntil = pairDelayMs(failures) ? now + pairDelayMs(failures) : null;
    else if (kind === "account") lockedUntil = failures >= throttleRules.account.cap ? windowStart + windowMs : null;
    else lockedUntil = failures % throttleRules.ip.perWindow === 0 ? now + throttleRules.ip.lockMs : (fresh ? null : prev!.lockedUntil);
  }
  return { failures, windowStart, lockedUntil };
}

/** Counts one wrong try under each key — whether or not the account exists. */
export async function recordFailure(deps: Deps, keys: LoginKeys): Promise<void> {
  const now = deps.clock.now();
  await deps.database.write(async (db) => {
    const all = [keys.pair, keys.account, keys.ip];
    const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, all));
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const stmts = all.map((key) => {
      const values = { key, ...stepRow(kindOf(keys, key), byKey.get(key), now) };
      return db.insert(loginThrottle).values(values).onConflictDoUpdate({ target: loginThrottle.key, set: values });
    });
    await db.batch(stmts as [(typeof stmts)[0], ...typeof stmts]);
  }, { pages: false });
}

/** A successful login clears the count of this account from this address (not the global count, nor the address's). */
export async function clearPair(deps: Deps, keys: LoginKeys): Promise<void> {
  await deps.database.write((db) => db.delete(loginThrottle).where(eq(loginThrottle.key, keys.pair)), { pages: false });
}

/** Every throttle row of an account: its global count and its count from each address. */
export const accountThrottleRows = (phone: string) => or(eq(loginThrottle.key, accountKey(phone)), like(loginThrottle.key, `${accountKey(phone)}@%`));

/** Deletes every throttle row of an account (for a batch: the desk unlock, the admin CLI, forgetting a worker). */
export const clearAccountThrottleStmt = (db: Queryable, phone: string) => db.delete(loginThrottle).where(accountThrottleRows(phone));

/**
 * Lets the account in again from everywhere: for someone who has proved she holds the
 * phone (an SMS code) or whom staff know at the desk.
 */
export async function clearAccountThrottle(deps: Deps, phone: string): Promise<void> {
  await deps.database.write((db) => clearAccountThrottleStmt(db, phone), { pages: false });
}
