// Login throttling per account and per client address, stored in the DB so it
// holds across restarts and across app processes. A 6-digit PIN has a million
// values: five wrong tries lock the account for 15 minutes, and after 20 in a
// day it stays locked until staff unlock it.
import { eq, inArray } from "drizzle-orm";
import { loginThrottle } from "../../db/schema/index.ts";
import type { Deps } from "./context.ts";

export const throttleRules = {
  account: { perWindow: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000, hardLimit: 20, hardWindowMs: 24 * 3600_000 },
  ip: { perWindow: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

export type ThrottleState = { locked: false } | { locked: true; key: string; untilMs: number; needsStaff: boolean };

export const accountKey = (phone: string) => "acct:" + phone;
export const ipKey = (ip: string) => "ip:" + ip;

/** Is either key locked now? */
export async function checkThrottle(deps: Deps, keys: string[]): Promise<ThrottleState> {
  const now = deps.clock.now();
  const rows = await deps.database.db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  for (const r of rows) {
    if (r.lockedUntil && r.lockedUntil > now) {
      return { locked: true, key: r.key, untilMs: r.lockedUntil, needsStaff: r.lockedUntil === Number.MAX_SAFE_INTEGER };
    }
  }
  return { locked: false };
}

/** Counts one failure against each key, locking it when it passes its limit. */
export async function recordFailure(deps: Deps, phoneKey: string | null, addrKey: string): Promise<void> {
  const now = deps.clock.now();
  await deps.database.write(async (db) => {
    const keys = [addrKey, ...(phoneKey ? [phoneKey] : [])];
    const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const stmts = keys.map((key) => {
      const isAcct = key.startsWith("acct:");
      const rule = isAcct ? throttleRules.account : throttleRules.ip;
      const prev = byKey.get(key);
      // Accounts keep counting for a day (the hard limit); addresses per window.
      const windowMs = isAcct ? throttleRules.account.hardWindowMs : rule.windowMs;
      const fresh = !prev || now - prev.windowStart > windowMs;
      const failures = fresh ? 1 : prev.failures + 1;
      let lockedUntil: number | null = fresh ? null : prev.lockedUntil;
      if (isAcct && failures >= throttleRules.account.hardLimit) lockedUntil = Number.MAX_SAFE_INTEGER;
      else if (failures % rule.perWindow === 0) lockedUntil = now + rule.lockMs;
      const values = { key, failures, windowStart: fresh ? now : prev.windowStart, lockedUntil };
      return db.insert(loginThrottle).values(values).onConflictDoUpdate({ target: loginThrottle.key, set: values });
    });
    await db.batch(stmts as [(typeof stmts)[0], ...typeof stmts]);
  }, { pages: false });
}

/** A successful login clears the account's count (not the address's). */
export async function clearAccount(deps: Deps, phoneKey: string): Promise<void> {
  await deps.database.write((db) => db.delete(loginThrottle).where(eq(loginThrottle.key, phoneKey)), { pages: false });
}
