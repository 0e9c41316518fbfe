// Account repairs for whoever runs the server (`npm run admin`): the way back
// in when the only admin's password is lost, a departing colleague must be
// shut out at once, or a worker is locked out after guessing their PIN. Each
// change and its audit entry (actor: none, detail via "cli") land in one batch.
import { randomInt } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { loginThrottle, markets, sessions, users } from "../../db/schema/index.ts";
import { staffRoles, type Role } from "../../db/schema/constants.ts";
import type { Deps } from "../shared/context.ts";
import { auditInsert } from "../shared/audit.ts";
import { hashSecret } from "../shared/crypto.ts";
import { accountKey, clearAccountThrottleStmt } from "../shared/throttle.ts";
import { normalizeMobile } from "../shared/validators.ts";
import { copy } from "../../views/copy/index.ts";
import { OpsError } from "./backup.ts";

const t = copy.ops.cli;
const viaCli = { via: "cli" };

/** No 0/o, 1/l/i: read aloud or copied from a screen without mistakes. */
const PASSWORD_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

/** "k7qx-3mfp-9tnw": 12 random characters (about 59 bits) in groups of four. */
export function randomPassword(): string {
  const chars = Array.from({ length: 12 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

export function parsePhone(raw: string): string {
  const phone = normalizeMobile(raw);
  if (!phone) throw new OpsError(t.badPhone(raw));
  return phone;
}

async function accountByPhone(deps: Deps, raw: string) {
  const phone = parsePhone(raw);
  const user = (await deps.database.db.select().from(users).where(eq(users.phone, phone)).limit(1))[0];
  if (!user) throw new OpsError(t.noAccount(phone));
  return user;
}

export async function resetPassword(deps: Deps, raw: string) {
  const user = await accountByPhone(deps, raw);
  if (!(staffRoles as readonly Role[]).includes(user.role)) throw new OpsError(t.notStaffAccount);
  const password = randomPassword();
  const passwordHash = await hashSecret(password);
  const now = deps.clock.now();
  await deps.database.write((db) =>
    db.batch([
      db.update(users).set({ passwordHash }).where(eq(users.id, user.id)),
      db.delete(sessions).where(eq(sessions.userId, user.id)),
      clearAccountThrottleStmt(db, user.phone),
      auditInsert(db, null, now, { action: "account.reset_password", subjectType: "user", subjectId: user.id, detail: viaCli }),
    ]),
  );
  return { name: user.name, phone: user.phone, password };
}

/** Disables (or enables) an account; disabling ends its sessions. Returns false when it already was so. */
export async function setDisabled(deps: Deps, raw: string, disabled: boolean) {
  const user = await accountByPhone(deps, raw);
  const already = (user.disabledAt !== null) === disabled;
  if (!already) {
    const now = deps.clock.now();
    await deps.database.write((db) =>
      db.batch([
        db.update(users).set({ disabledAt: disabled ? now : null }).where(eq(users.id, user.id)),
        auditInsert(db, null, now, { action: disabled ? "account.disable" : "account.enable", subjectType: "user", subjectId: user.id, detail: viaCli }),
        // Disabling ends every session at once, on every instance (sessions are rows, not memory).
        ...(disabled ? [db.delete(sessions).where(eq(sessions.userId, user.id))] : []),
      ]),
    );
  }
  return { name: user.name, phone: user.phone, changed: !already };
}

/** Clears the login lock of an account (the hard lock after 20 wrong tries in a day needs this). */
export async function unlockAccount(deps: Deps, raw: string) {
  const user = await accountByPhone(deps, raw);
  const key = accountKey(user.phone);
  const now = deps.clock.now();
  const row = (await deps.database.db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1))[0];
  await deps.database.write((db) =>
    db.batch([
      clearAccountThrottleStmt(db, user.phone),
      auditInsert(db, null, now, { action: "account.unlock", subjectType: "user", subjectId: user.id, detail: viaCli }),
    ]),
  );
  return { phone: user.phone, wasLocked: !!row?.lockedUntil && row.lockedUntil > now };
}

/** Staff and admins, or everyone with `all`; newest first. */
export async function listAccounts(deps: Deps, all: boolean) {
  const rows = await deps.database.db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      phone: users.phone,
      countyCode: sql<string | null>`coalesce(${markets.countyCode}, ${users.countyCode})`,
      marketName: markets.name,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .leftJoin(markets, eq(markets.id, users.marketId))
    .where(all ? undefined : and(inArray(users.role, [...staffRoles])))
    .orderBy(desc(users.id));
  return rows.map((r) => ({
    role: r.role,
    name: r.name,
    phone: r.phone,
    scope: r.marketName ?? deps.regions.countyName(r.countyCode),
    disabled: r.disabledAt !== null,
  }));
}
