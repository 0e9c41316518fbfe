// Queries on users, setup tokens and the audit log entries that go with them.
import { and, eq, isNull, gt, sql, desc } from "drizzle-orm";
import { users, setupTokens, markets, sessions } from "../../../db/schema/index.ts";
import type { Db, Queryable } from "../../shared/db.ts";
import { firstRow } from "../../shared/queries.ts";
import type { Role } from "../../../db/schema/constants.ts";

export async function findUserByPhone(db: Queryable, phone: string) {
  return firstRow(db.select().from(users).where(eq(users.phone, phone)));
}

/**
 * Whether a city admin exists — disabled or not: once one has been made, setup is over
 * (a disabled one is enabled again with the admin CLI, not replaced through a setup link).
 */
export async function hasCityAdmin(db: Queryable): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.role, "city_admin")).limit(1);
  return rows.length > 0;
}

/** The live first-admin setup link, if any (at most one is live: minting one ends the others). */
export async function liveSetupToken(db: Queryable, now: number) {
  return firstRow(
    db
      .select()
      .from(setupTokens)
      .where(and(eq(setupTokens.purpose, "first_admin"), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, now)))
      .orderBy(desc(setupTokens.createdAt)),
  );
}

export async function findLiveSetupToken(db: Queryable, tokenHash: string, now: number) {
  return firstRow(
    db
      .select()
      .from(setupTokens)
      .where(and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, now))),
  );
}

export interface NewUser {
  role: Role;
  phone: string;
  name: string;
  pinHash?: string | null;
  passwordHash?: string | null;
  countyCode?: string | null;
  marketId?: number | null;
  createdBy?: number | null;
}

export const insertUser = (db: Queryable, u: NewUser, now: number) =>
  db.insert(users).values({ ...u, createdAt: now }).returning({ id: users.id });

/** Staff and admin accounts the given county may see (all when `county` is null). */
export async function listStaffAccounts(db: Queryable, county: string | null) {
  const scopeCounty = sql<string | null>`coalesce(${markets.countyCode}, ${users.countyCode})`;
  return db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      phone: users.phone,
      countyCode: users.countyCode,
      marketName: markets.name,
      scopeCounty,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .leftJoin(markets, eq(markets.id, users.marketId))
    .where(
      and(
        sql`${users.role} in ('staff','county_admin','city_admin')`,
        county === null ? undefined : sql`${scopeCounty} = ${county}`,
      ),
    )
    .orderBy(desc(users.id))
    .limit(500);
}

export async function findAccountForAdmin(db: Queryable, id: number) {
  return firstRow(
    db
      .select({
        id: users.id,
        role: users.role,
        scopeCounty: sql<string | null>`coalesce(${markets.countyCode}, ${users.countyCode})`,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .leftJoin(markets, eq(markets.id, users.marketId))
      .where(eq(users.id, id)),
  );
}

export const disableUser = (db: Db, id: number, now: number) => [
  db.update(users).set({ disabledAt: now }).where(eq(users.id, id)),
  db.delete(sessions).where(eq(sessions.userId, id)),
] as const;

export async function marketsInScope(db: Queryable, county: string | null) {
  return db
    .select({ id: markets.id, name: markets.name, countyCode: markets.countyCode })
    .from(markets)
    .where(county === null ? undefined : eq(markets.countyCode, county))
    .orderBy(markets.countyCode, markets.name);
}

export async function findMarket(db: Queryable, id: number) {
  return firstRow(db.select({ id: markets.id, countyCode: markets.countyCode }).from(markets).where(eq(markets.id, id)));
}
