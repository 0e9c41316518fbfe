// Sessions stored in the DB. The cookie holds 128 random bits; the DB holds
// only their hash. A new id is issued at every login (no fixation), and logout
// or disabling an account deletes the rows, so the cookie dies on the server.
import { eq, and, lt, sql } from "drizzle-orm";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { sessions, users, markets } from "../../db/schema/index.ts";
import { randomToken, sha256 } from "./crypto.ts";
import type { Ctx, CurrentUser, Deps } from "./context.ts";
import { perApp } from "./memo.ts";
import type { Db } from "./db.ts";
import { staffRoles } from "../../db/schema/constants.ts";

export const sessionCookieName = (deps: Deps) => (deps.config.https ? "__Host-sid" : "sid");

/** Touching last_seen_at costs a write, so do it at most once a minute per session. */
const TOUCH_EVERY_MS = 60_000;

export function idleLimitMs(deps: Deps, role: string): number {
  const minutes = (staffRoles as readonly string[]).includes(role) ? deps.config.idleMinutes.staff : deps.config.idleMinutes.other;
  return minutes * 60_000;
}

/**
 * The session and its user (and a staff member's market) in one query, built
 * by drizzle once per DB and kept: every signed-in request runs it, and
 * building it anew cost more than running it (docs/performance.md).
 */
function buildSessionQuery(db: Db) {
  return db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      role: users.role,
      name: users.name,
      phone: users.phone,
      countyCode: users.countyCode,
      marketId: users.marketId,
      disabledAt: users.disabledAt,
      marketCounty: markets.countyCode,
      marketTier: markets.tier,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(markets, eq(markets.id, users.marketId))
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .limit(1)
    .prepare();
}
/** Built once per app's DB (the one perApp helper). */
export const sessionQuery = perApp(buildSessionQuery);

/** The signed-in person from a user row joined with her market: staff are scoped by their market's county. */
export function currentUserOf(row: {
  id: number; role: CurrentUser["role"]; name: string; phone: string; countyCode: string | null; marketId: number | null;
  marketCounty: string | null; marketTier: string | null;
}): CurrentUser {
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    phone: row.phone,
    countyCode: row.countyCode,
    marketId: row.marketId,
    scopeCounty: row.role === "staff" ? row.marketCounty : row.countyCode,
    marketTier: row.role === "staff" ? row.marketTier : null,
  };
}

export async function loadSession(c: Ctx): Promise<void> {
  const deps = c.var.deps;
  c.set("user", null);
  c.set("sessionHash", null);
  const raw = getCookie(c, sessionCookieName(deps));
  if (!raw || raw.length > 64) return;
  const idHash = sha256(raw);
  const [row] = await sessionQuery(deps.database.db).all({ idHash });
  if (!row) return;
  const now = deps.clock.now();
  if (row.disabledAt !== null || now - row.lastSeenAt > idleLimitMs(deps, row.role)) {
    await deps.database.write((db) => db.delete(sessions).where(eq(sessions.idHash, idHash)), { pages: false });
    return;
  }
  if (now - row.lastSeenAt > TOUCH_EVERY_MS) {
    // Through transaction(), not write(): a touch alone was its own COMMIT, a wait for the disk (synchronous=FULL)
    // that holds the event loop — about 10 ms each on the shared machine, 1,000 of them a quarter of a sign-up
    // run's time (2026-12-05). Now the touches of requests arriving together share one COMMIT with the
    // transactions waiting beside them (group commit). sessions is an unshown table: no page cache is emptied.
    await deps.database.transaction((tx) => tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash)));
  }
  c.set("user", currentUserOf(row));
  c.set("sessionHash", idHash);
}

function cookieOptions(deps: Deps) {
  return { path: "/", httpOnly: true, sameSite: "Lax" as const, secure: deps.config.https };
}

/** Signs `userId` in with a fresh session id, ending any session this browser had. */
export async function startSession(c: Ctx, userId: number): Promise<void> {
  const deps = c.var.deps;
  const raw = randomToken(16);
  const idHash = sha256(raw);
  const now = deps.clock.now();
  const old = c.var.sessionHash;
  await deps.database.write((db) =>
    db.batch([
      db.delete(sessions).where(eq(sessions.idHash, old ?? "")),
      db.insert(sessions).values({ idHash, userId, createdAt: now, lastSeenAt: now }),
      // Sweep long-dead sessions now and then, so the table stays small.
      db.delete(sessions).where(lt(sessions.lastSeenAt, now - 90 * 24 * 3600_000)),
    ]),
  );
  // No Max-Age: the cookie ends with the browser, the server ends it when idle.
  setCookie(c, sessionCookieName(deps), raw, cookieOptions(deps));
  c.set("sessionHash", idHash);
}

export async function endSession(c: Ctx): Promise<void> {
  const deps = c.var.deps;
  const hash = c.var.sessionHash;
  if (hash) await deps.database.write((db) => db.delete(sessions).where(eq(sessions.idHash, hash)));
  deleteCookie(c, sessionCookieName(deps), cookieOptions(deps));
  c.set("user", null);
  c.set("sessionHash", null);
}

/** Ends every session of a user (disabling, password reset). */
export async function endAllSessions(deps: Deps, userId: number): Promise<void> {
  await deps.database.write((db) => db.delete(sessions).where(and(eq(sessions.userId, userId))));
}
