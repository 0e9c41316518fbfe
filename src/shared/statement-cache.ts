// Prepared statements kept per connection, so a query the app runs again and
// again is compiled by SQLite once, not on every request.
//
// Why: @libsql/client compiles every statement anew (`db.prepare(sql)` on each
// execute). Measured on this machine (scripts/bench/breakdown.ts, docs/performance.md):
// the session + user query cost 0.85 ms to prepare and run, 0.17 ms to run a
// statement prepared before — compiling a three-table join is most of its cost.
// The client offers no statement cache, and its connections are private, so
// the cache sits under it: libsql's `Database.prototype.prepare` answers a SQL
// text it has seen on that connection with the statement it made then.
//
// Why it is safe:
//  - libsql-js is synchronous: a statement is bound, stepped to its end and read
//    whole inside one call (the client always uses `all()` or `run()`), so no
//    two uses of one statement overlap, and a statement that reached its end
//    holds no read snapshot (tested: a cached statement sees rows written by
//    another connection since, and its connection can write after it);
//  - each use binds its own arguments (binding resets the statement first);
//  - a statement whose use threw is dropped from the cache (a fresh one next
//    time), so a statement left mid-way never lingers;
//  - SQLite re-compiles a cached statement by itself when the schema changes;
//  - at most MAX_PER_CONNECTION statements per connection (the least recently
//    used go), and the cache dies with its connection.
// LINGONG_STATEMENT_CACHE=0 turns it off (to measure against).
import { createRequire } from "node:module";

export const MAX_PER_CONNECTION = 300;

interface Stmt {
  all(...a: unknown[]): unknown;
  run(...a: unknown[]): unknown;
  get(...a: unknown[]): unknown;
  raw(toggle?: boolean): Stmt;
  safeIntegers(toggle?: boolean): Stmt;
  columns(): unknown[];
}
type Prepare = (this: object, sql: string) => Stmt;

const caches = new WeakMap<object, Map<string, Stmt>>();
/** Statements compiled and statements reused, since start (for tests and the breakdown). */
export const statementCacheStats = { prepared: 0, reused: 0 };
/** Off: every statement compiled anew, as without the cache (for the breakdown's side-by-side runs). */
export const statementCacheSwitch = { on: true };
let installed: boolean | null = null;

/** Installs the cache on libsql's connections (once per process). False where libsql is not the binding (or it is turned off). */
export function installStatementCache(env: Record<string, string | undefined> = process.env): boolean {
  if (installed !== null) return installed;
  installed = false;
  if (env.LINGONG_STATEMENT_CACHE === "0") return false;
  let Database: { prototype: { prepare: Prepare } };
  try {
    // The same module instance @libsql/client opens its connections with.
    const req = createRequire(createRequire(import.meta.url).resolve("@libsql/client"));
    Database = req("libsql");
  } catch {
    return false;
  }
  const original = Database.prototype.prepare;
  if (typeof original !== "function") return false;
  Database.prototype.prepare = function cachedPrepare(this: object, sql: string): Stmt {
    if (!statementCacheSwitch.on) return original.call(this, sql);
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    const hit = cache.get(sql);
    if (hit) {
      statementCacheStats.reused++;
      // Most recently used last: the first key is the one to drop.
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const stmt = original.call(this, sql);
    statementCacheStats.prepared++;
    guard(stmt, cache, sql);
    keepSettings(stmt);
    cache.set(sql, stmt);
    if (cache.size > MAX_PER_CONNECTION) cache.delete(cache.keys().next().value!);
    return stmt;
  };
  installed = true;
  return true;
}

/** A use that throws drops the statement from the cache: it may have stopped mid-way. */
function guard(stmt: Stmt, cache: Map<string, Stmt>, sql: string): void {
  // (Not `iterate`: `all()` reads through it, and its errors come from the iterator, caught by `all`.)
  for (const name of ["all", "run", "get"] as const) {
    const fn = stmt[name];
    stmt[name] = function (this: Stmt, ...a: unknown[]) {
      try {
        return fn.apply(this, a);
      } catch (e) {
        if (cache.get(sql) === stmt) cache.delete(sql);
        throw e;
      }
    };
  }
  // `get` reads one row and leaves the statement open (holding its snapshot) until it is used again.
  const get = stmt.get;
  stmt.get = function (this: Stmt, ...a: unknown[]) {
    if (cache.get(sql) === stmt) cache.delete(sql);
    return get.apply(this, a);
  };
}

/**
 * @libsql/client's every execute asks a statement for `safeIntegers(true)`, `raw(true)` and `columns()` (twice)
 * before running it: native calls, and `raw(true)` throws — a native error with its stack — for every statement
 * that returns no rows (BEGIN, SAVEPOINT, COMMIT, an INSERT without RETURNING). On a statement kept for reuse the
 * answers cannot change, so they are kept with it: the settings are made on the statement once (a setting asked
 * again is not asked of SQLite again; the error of a refused one is thrown again as it was), and the columns are
 * read once. (libsql itself answers a statement's first columns for good: after a schema change SQLite re-compiles
 * a kept `SELECT *`, and its rows grow, but `columns()` does not — tried; so keeping them changes nothing.)
 * Together 9 % of a job sign-up run's samples (docs/performance.md, "Sign-ups, 2026-12-06").
 */
function keepSettings(stmt: Stmt): void {
  for (const name of ["raw", "safeIntegers"] as const) {
    const set = stmt[name];
    const made = new Map<boolean, { error: unknown } | null>();
    stmt[name] = function (this: Stmt, toggle?: boolean) {
      const value = toggle ?? true;
      const before = made.get(value);
      if (before === null) return this;
      if (before) throw before.error;
      try {
        set.call(this, value);
      } catch (error) {
        made.set(value, { error });
        throw error;
      }
      // The other value no longer holds on the statement.
      made.clear();
      made.set(value, null);
      return this;
    };
  }
  const columns = stmt.columns;
  let kept: unknown[] | null = null;
  stmt.columns = function (this: Stmt) {
    return (kept ??= columns.call(this));
  };
}
