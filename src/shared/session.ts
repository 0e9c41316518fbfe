// Sessions stored in the DB. The cookie holds 128 random bits; the DB holds
// only their hash. A new id is issued at every login (no fixation), and logout
// or disabling an account deletes the rows, so the cookie dies on the server.
import { cookieOf } from "./cookies.ts";
import { eq, and, lt, sql } from "drizzle-orm";
import { setCookie, deleteCookie } from "hono/cookie";
import { sessions, users, markets } from "../../db/schema/index.ts";
import { randomToken, sha256 } from "./crypto.ts";
import type { Ctx, CurrentUser, Deps } from "./context.ts";
import { perApp } from "./memo.ts";
import { txClient, type Db } from "./db.ts";
import { staffRoles } from "../../db/schema/constants.ts";

export const sessionCookieName = (deps: Deps) => (deps.config.https ? "__Host-sid" : "sid");

/** Touching last_seen_at costs a write, so do it at most once a minute per session. */
const TOUCH_EVERY_MS = 60_000;
/** The touch: what `update(sessions).set({ lastSeenAt }).where(eq(sessions.idHash, …))` runs, as fixed SQL (args: now, id hash). */
export const SESSION_TOUCH_SQL = "UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?";

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

/**
 * Session rows kept in memory between requests, keyed by the session id's hash (issue #20: on a signed-in
 * shared page the session query was the largest part of a request's own work). Safe by construction:
 *  - an entry is used only while `database.accountsGeneration` is the one read *before* its row was
 *    queried: every write through this process's writer that touches sessions, users or markets (sign-out,
 *    a new session, disabling an account, a password reset, a staff member's market), or a write the parser
 *    does not understand, raises it after it commits (db.ts, shown-tables.ts), so a row read before such a
 *    write is never used after it;
 *  - only rows that passed every check are kept (not disabled, not idle), and the idle limit and the
 *    once-a-minute touch are checked again by the injected clock on every request: a request due for a
 *    touch, or past the idle limit, goes to the DB as before (and the touch, a write to sessions, empties
 *    the memo);
 *  - a write by another process on the same file (a second server, `npm run admin` disabling an account)
 *    is not seen by the generation: SQLite's data_version (database.dataVersion(), read before the row was
 *    queried and again on every use) changes after any other connection's commit, so such a write retires
 *    every entry too (found by test/ops/two-processes.test.ts: a sign-out on server B must end the session
 *    on server A at once); and an entry is used for at most SESSION_MEMO_MS of real time after its row was read;
 *  - at most SESSION_MEMO_MAX entries (all dropped when full: the DB answers again).
 * Sessions stay in the DB: this holds copies of rows, never a session the DB does not have.
 */
export const SESSION_MEMO_MS = 1000;
export const SESSION_MEMO_MAX = 10_000;

interface Remembered {
  user: CurrentUser;
  idHash: string;
  lastSeenAt: number;
  generation: number;
  dataVersion: number;
  at: number;
}
/**
 * `version`: the last data_version read (on the one connection that reads it). A row read after that reading may
 * be kept under it: an older reading only makes a later check see a change sooner (an entry is used only while
 * data_version still equals what was read before its row), never later. So a request that must query its row
 * reuses the last reading instead of asking SQLite again — a statement fewer for every request the memo cannot
 * answer (every job sign-up of the bench: each session comes back after seconds; docs/performance.md, 2026-12-06).
 */
const memoOf = perApp((_deps: Deps) => ({ rows: new Map<string, Remembered>(), hits: 0, version: null as number | null }));
const sessionMemo = (deps: Deps) => memoOf(deps).rows;
/** How many requests of this app were answered by the memo, not the DB (tests). */
export const sessionMemoHits = (deps: Deps) => memoOf(deps).hits;

/** The memo's entry for this cookie if it may answer now (see above), else null. */
async function remembered(deps: Deps, idHash: string, now: number): Promise<Remembered | null> {
  const m = sessionMemo(deps).get(idHash);
  if (!m) return null;
  if (m.generation !== deps.database.accountsGeneration || performance.now() - m.at >= SESSION_MEMO_MS) return null;
  const idle = now - m.lastSeenAt;
  if (idle > TOUCH_EVERY_MS || idle > idleLimitMs(deps, m.user.role)) return null;
  // Last, after an await: the generation is checked again with it, so a write of ours that committed meanwhile counts.
  const version = await deps.database.dataVersion();
  memoOf(deps).version = version;
  if (version !== m.dataVersion || m.generation !== deps.database.accountsGeneration) return null;
  return m;
}

export async function loadSession(c: Ctx): Promise<void> {
  const deps = c.get("deps");
  c.set("user", null);
  c.set("sessionHash", null);
  const raw = cookieOf(c, sessionCookieName(deps));
  if (!raw || raw.length > 64) return;
  const now = deps.clock.now();
  // Keyed by the hash, as the DB: no raw session id is kept beyond the request that carries it.
  const idHash = sha256(raw);
  const m = await remembered(deps, idHash, now);
  if (m) {
    memoOf(deps).hits++;
    // A copy: nothing a handler does to its user can reach the next request's.
    c.set("user", { ...m.user });
    c.set("sessionHash", m.idHash);
    return;
  }
  const memo = sessionMemo(deps);
  memo.delete(idHash);
  // Read before the query: a write that commits after it raises the generation and retires what is read here.
  const generation = deps.database.accountsGeneration;
  const dataVersion = memoOf(deps).version ?? (memoOf(deps).version = await deps.database.dataVersion());
  const at = performance.now();
  const [row] = await sessionQuery(deps.database.db).all({ idHash });
  if (!row) return;
  if (row.disabledAt !== null || now - row.lastSeenAt > idleLimitMs(deps, row.role)) {
    await deps.database.write((db) => db.delete(sessions).where(eq(sessions.idHash, idHash)), { pages: false });
    return;
  }
  const user = currentUserOf(row);
  if (now - row.lastSeenAt > TOUCH_EVERY_MS) {
    // Through transaction(), not write(): a touch alone was its own COMMIT, a wait for the disk (synchronous=FULL)
    // that holds the event loop — about 10 ms each on the shared machine, 1,000 of them a quarter of a sign-up
    // run's time (2026-12-05). Now the touches of requests arriving together share one COMMIT with the
    // transactions waiting beside them (group commit). sessions is an unshown table: no page cache is emptied.
    // Not remembered: the touch itself raises the accounts generation; the next request reads the touched row.
    // Fixed SQL through the transaction's client (db.ts txClient): drizzle built this UPDATE anew per touch.
    await deps.database.transaction((tx) => txClient(tx).execute({ sql: SESSION_TOUCH_SQL, args: [now, idHash] }));
  } else {
    if (memo.size >= SESSION_MEMO_MAX) memo.clear();
    memo.set(idHash, { user: { ...user }, idHash, lastSeenAt: row.lastSeenAt, generation, dataVersion, at });
  }
  c.set("user", user);
  c.set("sessionHash", idHash);
}

function cookieOptions(deps: Deps) {
  return { path: "/", httpOnly: true, sameSite: "Lax" as const, secure: deps.config.https };
}

/** Signs `userId` in with a fresh session id, ending any session this browser had. */
export async function startSession(c: Ctx, userId: number): Promise<void> {
  const deps = c.get("deps");
  const raw = randomToken(16);
  const idHash = sha256(raw);
  const now = deps.clock.now();
  const old = c.get("sessionHash");
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
  const deps = c.get("deps");
  const hash = c.get("sessionHash");
  if (hash) await deps.database.write((db) => db.delete(sessions).where(eq(sessions.idHash, hash)));
  deleteCookie(c, sessionCookieName(deps), cookieOptions(deps));
  c.set("user", null);
  c.set("sessionHash", null);
}

/** Ends every session of a user (disabling, password reset). */
export async function endAllSessions(deps: Deps, userId: number): Promise<void> {
  await deps.database.write((db) => db.delete(sessions).where(and(eq(sessions.userId, userId))));
}
