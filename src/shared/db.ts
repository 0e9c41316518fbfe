// The one libSQL file and the single writer that guards it.
//
// Why a writer queue: in one process, two write transactions on @libsql/client
// collide with SQLITE_BUSY, and the busy wait blocks the event loop for every
// request. So every write in the app goes through `write()` or `transaction()`,
// which run one at a time; reads use `db` directly and never wait for the queue.
// Across processes (two app instances on one file) the client's `timeout`
// (SQLite's busy_timeout) makes a second writer wait instead of failing.
//
// Group commit: with synchronous=FULL every COMMIT waits for the disk (about
// 5 ms here), which capped sign-ups at ~150 a second. Transactions that queue
// up while one runs are therefore run together in one BEGIN … COMMIT, each in
// its own SAVEPOINT: one that throws is rolled back to its savepoint alone,
// the others go on, and every one is answered only after the shared COMMIT
// is on disk (so an acknowledged write is never lost). If that COMMIT fails,
// all of the group fail. Nothing changes for a lone transaction.
import { statSync } from "node:fs";
import type { Client, ResultSet } from "@libsql/client";
import { createClient as createFileClient } from "@libsql/client/sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
// driver-core, not "drizzle-orm/libsql": that one imports @libsql/client's network clients too (see below).
import * as driverCore from "drizzle-orm/libsql/driver-core";
import type { LibSQLDatabase } from "drizzle-orm/libsql/driver-core";
import type { DrizzleConfig } from "drizzle-orm";
import * as schema from "../../db/schema/index.ts";
import { dbFilePath } from "../ops/dbfile.ts";
import { watchWrites, WriteEffects } from "./shown-tables.ts";
import { installStatementCache } from "./statement-cache.ts";

export type Db = LibSQLDatabase<typeof schema>;
// drizzle-orm 0.45.4 exports `construct` from driver-core at run time (its own
// "drizzle-orm/libsql" entry calls it) but leaves it out of the .d.ts: typed here.
const drizzle = (driverCore as unknown as { construct: <S extends Record<string, unknown>>(client: Client, config: DrizzleConfig<S>) => LibSQLDatabase<S> }).construct;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** What a repo function queries: the DB for reads, or a transaction inside `transaction()`. */
export type Queryable = BaseSQLiteDatabase<"async", ResultSet, typeof schema>;

export interface Database {
  /** For reads. Writes must go through `write` or `transaction`. */
  readonly db: Db;
  readonly client: Client;
  /**
   * Runs `fn` alone among this process's writers (use `db.batch` inside for
   * several statements). Whether it empties the page cache and the memos is
   * decided by the tables it wrote (shown-tables.ts); `{ pages: false }` keeps
   * them whatever it wrote (a health probe).
   */
  write<T>(fn: (db: Db) => Promise<T>, opts?: { pages?: boolean }): Promise<T>;
  /** An interactive write transaction, serialized like `write`; rolled back if `fn` throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): void;
  /**
   * Waits until every queued write has finished (for a clean shutdown), then
   * folds the WAL into the DB file. Writes queued meanwhile are waited for too.
   */
  drain(): Promise<void>;
  /**
   * Is the file we opened still the one at DATABASE_URL's path? "missing" after
   * it was deleted, "replaced" after another file was put there (same path,
   * other inode); null for a database server or an in-memory DB.
   */
  fileState(): "ok" | "missing" | "replaced" | null;
  /** The last write that failed because of the storage (disk full, read-only, I/O), and the last one that worked; real time (ms). */
  readonly writeHealth: { lastFailure: { at: number; code: string; message: string } | null; lastOkAt: number | null };
  /** Goes up after every write that pages may show (shown-tables.ts); the page cache and memos key on it. */
  readonly generation: number;
  /**
   * Goes up after every write that touched sessions, users or markets (or a table not understood), whatever
   * `{ pages }` says: the memo of session rows (session.ts) keys on it.
   */
  readonly accountsGeneration: number;
  readonly commits: TransactionGrouper["stats"];
}

/** Connections in the client's pool (see openDatabase). */
export const POOL_CONNECTIONS = 4;

/** Most transactions committed together (bounds the wait of the first in a group). */
export const MAX_GROUP = 64;

interface TxJob {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Runs transactions one group at a time, in arrival order: the first alone if
 * nothing else is waiting, else up to MAX_GROUP of them in one transaction.
 */
export class TransactionGrouper {
  #waiting: TxJob[] = [];
  #draining = false;
  /** How many groups were run (one COMMIT each), and how many transactions they held (for the tests). */
  readonly stats = { commits: 0, transactions: 0 };
  constructor(
    private readonly queue: WriteQueue,
    private readonly db: Db,
    private readonly afterCommit: () => void,
    /** Throws when the DB file is no longer the one opened (checked once per group). */
    private readonly guard: () => void = () => {},
  ) {}

  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#draining) {
        this.#draining = true;
        // The group is taken when the writer gets to it, so everything that
        // arrived while the one before was committing goes in together.
        void this.queue.run(() => this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    const group = this.#waiting.splice(0, MAX_GROUP);
    if (this.#waiting.length) void this.queue.run(() => this.#drain());
    else this.#draining = false;
    this.stats.commits++;
    this.stats.transactions += group.length;
    try {
      try {
        this.guard();
      } catch (e) {
        for (const job of group) job.reject(e);
        return;
      }
      if (group.length === 1) {
        const [job] = group;
        await this.db.transaction(job.fn, { behavior: "immediate" }).then(job.resolve, job.reject);
        return;
      }
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      try {
        await this.db.transaction(
          async (outer) => {
            for (const job of group) {
              // A nested drizzle transaction is a SAVEPOINT, rolled back alone if the job throws.
              // If the whole transaction was aborted (disk full), the rest fail with TRANSACTION_CLOSED
              // and the COMMIT below fails: nothing is written outside it.
              await outer.transaction(job.fn).then(
                (value) => outcomes.push({ ok: true, value }),
                (error) => outcomes.push({ ok: false, error }),
              );
            }
          },
          { behavior: "immediate" },
        );
      } catch (e) {
        for (const job of group) job.reject(e);
        return;
      }
      group.forEach((job, i) => {
        const o = outcomes[i];
        if (o.ok) job.resolve(o.value);
        else job.reject(o.error);
      });
    } finally {
      this.afterCommit();
    }
  }
}

/** A FIFO mutex: each task starts when the one before it has settled. */
export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #waiting = 0;
  get waiting() {
    return this.#waiting;
  }
  /** Resolves when nothing is queued or running (including what is queued while waiting). */
  async idle(): Promise<void> {
    while (this.#waiting > 0) await this.#tail.catch(() => {});
  }
  run<T>(task: () => Promise<T>): Promise<T> {
    this.#waiting++;
    const result = this.#tail.then(task);
    this.#tail = result.then(
      () => this.#waiting--,
      () => this.#waiting--,
    );
    return result;
  }
}

/** PRAGMAs every connection must have; checked at start and in the tests. */
export const requiredPragmas = { foreign_keys: 1, synchronous: 2 /* FULL */, journal_mode: "wal" } as const;

/**
 * SQLite codes that mean the storage failed, not the statement: the disk is
 * full, the file or its directory is read-only, an I/O error, a file that is
 * not (or no longer) a database. Drizzle wraps libSQL's error, so the causes
 * are searched too. Null for anything else (a constraint, a rule of ours).
 */
export function storageErrorCode(e: unknown): string | null {
  for (let x = e, depth = 0; x && depth < 5; x = (x as { cause?: unknown }).cause, depth++) {
    if (x instanceof DbFileError) return x.code;
    const code = (x as { code?: unknown }).code;
    if (typeof code === "string" && /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|PERM)/.test(code)) return code;
  }
  return null;
}

/** A write refused because the DB file was deleted or replaced under the running server. */
export class DbFileError extends Error {
  constructor(readonly code: "DB_MISSING" | "DB_REPLACED") {
    super(code === "DB_MISSING" ? "the database file is gone" : "the database file was replaced");
  }
}

function fileId(path: string): { dev: number; ino: number } | null {
  try {
    const s = statSync(path);
    return { dev: Number(s.dev), ino: Number(s.ino) };
  } catch {
    return null;
  }
}

export async function openDatabase(url: string, opts: { busyTimeoutMs?: number } = {}): Promise<Database> {
  // Statements compiled once per connection and reused (src/shared/statement-cache.ts).
  installStatementCache();
  // Four connections: libsql runs each statement synchronously, so a read holds
  // a connection only for the tick it runs in; the one long holder is the
  // writer's open transaction (one at a time). Each connection has its own
  // SQLite page cache (up to 2 MB) and statement cache, so 8 cost memory for nothing.
  // A file (every install we ship) needs only the SQLite client. The full client also loads the network
  // clients (WebSocket, HTTP) for a libsql:/http(s):/ws(s): DATABASE_URL: about a quarter of the start's module
  // loading and ~9 MB of memory (docs/performance.md, "Memory and start-up, 2026-12-05 evening"), so only then.
  const createClient = url.startsWith("file:") || url === ":memory:" ? createFileClient : (await import("@libsql/client")).createClient;
  const client = createClient({ url, timeout: opts.busyTimeoutMs ?? 5000, concurrency: POOL_CONNECTIONS } as Parameters<typeof createClient>[0]);
  if (url.startsWith("file:")) {
    // journal_mode=WAL is stored in the file; foreign_keys and synchronous are
    // per connection, and the pool opens new connections after transactions.
    // libSQL's defaults (foreign_keys=1, synchronous=FULL under WAL) are what we
    // want, and `checkPragmas` proves it on every start.
    await client.execute("PRAGMA journal_mode=WAL");
  }
  // The file's identity now, to notice a delete or a swap under us: SQLite
  // would go on writing to the unlinked inode and every write would be lost.
  const path = dbFilePath(url);
  const opened = path ? fileId(path) : null;
  const fileState = (): "ok" | "missing" | "replaced" | null => {
    if (!path || !opened || !opened.ino) return null;
    const now = fileId(path);
    if (!now) return "missing";
    return now.ino === opened.ino && now.dev === opened.dev ? "ok" : "replaced";
  };
  const guard = () => {
    const state = fileState();
    if (state === "missing") throw new DbFileError("DB_MISSING");
    if (state === "replaced") throw new DbFileError("DB_REPLACED");
  };
  const writeHealth: Database["writeHealth"] = { lastFailure: null, lastOkAt: null };
  // Real time, not the app's clock: this is about the machine, like uptime.
  const track = <T>(p: Promise<T>): Promise<T> =>
    p.then(
      (v) => ((writeHealth.lastOkAt = Date.now()), v),
      (e) => {
        const code = storageErrorCode(e);
        if (code) writeHealth.lastFailure = { at: Date.now(), code, message: String((e as Error)?.message ?? e).slice(0, 200) };
        throw e;
      },
    );
  // Every statement drizzle runs is noted, so a write that touched only unshown
  // tables (sessions, throttles, the audit log) leaves the caches alone.
  const effects = new WriteEffects();
  const db = drizzle(watchWrites(client, effects), { schema });
  const queue = new WriteQueue();
  let generation = 0;
  let accountsGeneration = 0;
  const afterWrite = (pages = true) => {
    const { shown, accounts } = effects.take();
    if (shown && pages) generation++;
    if (accounts) accountsGeneration++;
  };
  const grouper = new TransactionGrouper(queue, db, () => afterWrite(), guard);
  let closed = false;
  return {
    get generation() {
      return generation;
    },
    get accountsGeneration() {
      return accountsGeneration;
    },
    db,
    client,
    write: (fn, opts) => track(queue.run(() => (guard(), fn(db)).finally(() => afterWrite(opts?.pages !== false)))),
    transaction: (fn) => track(grouper.run(fn)),
    commits: grouper.stats,
    fileState,
    writeHealth,
    async drain() {
      await queue.idle();
      if (url.startsWith("file:") && fileState() === "ok") await client.execute("PRAGMA wal_checkpoint(TRUNCATE)").catch(() => {});
    },
    close: () => {
      if (closed) return;
      closed = true;
      client.close();
    },
  };
}

/** Reads the PRAGMAs on a connection from the pool; throws if one is off. */
export async function checkPragmas(client: Client): Promise<Record<string, unknown>> {
  const found: Record<string, unknown> = {};
  for (const name of Object.keys(requiredPragmas) as (keyof typeof requiredPragmas)[]) {
    const rs = await client.execute(`PRAGMA ${name}`);
    const value = rs.rows[0]?.[0];
    found[name] = value;
    if (String(value).toLowerCase() !== String(requiredPragmas[name]) && !(name === "journal_mode" && value === "memory")) {
      throw new Error(`PRAGMA ${name} is ${String(value)}, expected ${requiredPragmas[name]}`);
    }
  }
  return found;
}
