// The one libSQL file and the single writer that guards it.
//
// Why a writer queue: in one process, two write transactions on @libsql/client
// collide with SQLITE_BUSY, and the busy wait blocks the event loop for every
// request. So every write in the app goes through `write()` or `transaction()`,
// which run one at a time; reads use `db` directly and never wait for the queue.
// Across processes (two app instances on one file) the client's `timeout`
// (SQLite's busy_timeout) makes a second writer wait instead of failing.
//
// Group commit: every COMMIT must reach the disk before it is answered (about
// 5–10 ms here), which capped sign-ups at ~150 a second. Transactions that queue
// up while one runs are therefore run together in one BEGIN … COMMIT, each in
// its own SAVEPOINT: one that throws is rolled back to its savepoint alone,
// the others go on, and every one is answered only after the shared COMMIT
// is on disk (so an acknowledged write is never lost). If that COMMIT fails,
// all of the group fail. Nothing changes for a lone transaction.
//
// The WAL's fsync off the event loop (docs/architecture.md, "Durability"):
// libsql runs statements synchronously on the main thread, so under
// synchronous=FULL the COMMIT's fsync of the WAL blocked every request (29 % of
// a sign-up run's samples). Writes therefore run on a connection of their own
// (the writer) with synchronous=NORMAL — in WAL mode that leaves out exactly
// the one WAL sync per commit; checkpoints still sync — and `WalSyncer` does that
// sync itself, with fdatasync on the -wal file in libuv's thread pool, before a
// write is answered. Meanwhile the writer runs the next group; a write is
// answered only after a sync that began after its COMMIT. Reads use the pool
// (synchronous=FULL, as libSQL opens them; they never commit anything).
import { setImmediate } from "node:timers";
import { statSync, closeSync, open as fsOpen, close as fsClose, fdatasync as fsFdatasync, fstat as fsFstat, stat as fsStat } from "node:fs";
import { dirname } from "node:path";
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
  /** The read pool (synchronous=FULL); also what migrations, backups and health reads use. */
  readonly client: Client;
  /** The writer's own connection (synchronous=NORMAL + WalSyncer) for a file DB; the read client otherwise. */
  readonly writer: Client;
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
   * `{ pages }` says, as soon as its statements are taken at COMMIT (before the WAL sync: earlier is the safe
   * side for what keys on it): the memo of session rows (session.ts) keys on it.
   */
  readonly accountsGeneration: number;
  /**
   * SQLite's `PRAGMA data_version` on a connection of its own that never writes: it changes after every
   * commit by any other connection — this process's writer, or another process on the same file (a second
   * server, `npm run admin`). What keys on accountsGeneration checks it too, because that counter sees only
   * this process's writes. An in-memory DB has no other process: always 0. A database server: NaN (never
   * equal to itself, so nothing is kept).
   */
  dataVersion(): Promise<number>;
  readonly commits: TransactionGrouper["stats"];
  /** The WAL syncs done (null without a file DB). */
  readonly walSyncs: WalSyncer["stats"] | null;
}

/**
 * Connections in a file DB's read pool (see openDatabase); its writer has one more of its own, and
 * dataVersion another. One: libsql runs every statement synchronously on the main thread, so a second or
 * third reader never ran a statement at the same time as the first — it only held its own copy of the same
 * hot pages (SQLite's page cache, up to 2 MB each) and its own prepared statements. Two readers fewer:
 * −3 MB of malloc at the bench's peak, CPU per request within noise (docs/performance.md, "Read connections
 * and peak RSS, 2026-12-06 session 21").
 */
export const POOL_CONNECTIONS = 1;

/** Requests in flight to a database server (DATABASE_URL libsql:/http(s):/ws(s):): those do wait on the network. */
export const SERVER_CONCURRENCY = 3;

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
    /** Called once a group has been answered (after its WAL sync, or at once when nothing was committed), with what onCommit said. */
    private readonly afterCommit: (changed: boolean) => void,
    /** Throws when the DB file is no longer the one opened (checked once per group). */
    private readonly guard: () => void = () => {},
    /**
     * Resolves once everything committed before the call is on disk (WalSyncer.sync);
     * the group's answers wait for it, the writer does not: the next group runs meanwhile.
     */
    private readonly sync: () => Promise<void> = () => Promise.resolve(),
    /** Called right after a group's COMMIT (or its failure), before its sync: did it change what pages show (its statements' effects)? */
    private readonly onCommit: () => boolean = () => true,
  ) {}

  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#draining) {
        this.#draining = true;
        // The group is taken when the writer gets to it, so everything that
        // arrived while the one before was committing goes in together; and not
        // before the event loop's next turn (setImmediate: after the I/O callbacks
        // of this poll phase), so that requests which arrived together over HTTP,
        // each in its own callback, share one COMMIT instead of one each.
        void this.queue.run(() => new Promise<void>((taken) => setImmediate(() => taken(this.#drain()))));
      }
    });
  }

  async #drain(): Promise<void> {
    const group = this.#waiting.splice(0, MAX_GROUP);
    if (this.#waiting.length) void this.queue.run(() => this.#drain());
    else this.#draining = false;
    this.stats.commits++;
    this.stats.transactions += group.length;
    /** Answers the group now (nothing was committed: a refused guard, a failed COMMIT). */
    const failAll = (e: unknown) => {
      const changed = this.onCommit();
      for (const job of group) job.reject(e);
      this.afterCommit(changed);
    };
    try {
      this.guard();
    } catch (e) {
      return failAll(e);
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    if (group.length === 1) {
      const [job] = group;
      try {
        outcomes.push({ ok: true, value: await this.db.transaction(job.fn, { behavior: "immediate" }) });
      } catch (e) {
        // Rolled back (or its COMMIT failed): nothing of it is in the WAL to wait for.
        return failAll(e);
      }
    } else {
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
        return failAll(e);
      }
    }
    const changed = this.onCommit();
    // Committed (visible to readers), not yet known to be on disk: the answers wait for a WAL sync
    // that begins after this point; the writer goes on to the next group (this function returns).
    const answer = (syncError: unknown) => {
      group.forEach((job, i) => {
        const o = outcomes[i];
        if (!o.ok) job.reject(o.error);
        else if (syncError !== undefined) job.reject(syncError);
        else job.resolve(o.value);
      });
      this.afterCommit(changed);
    };
    this.sync().then(
      () => answer(undefined),
      (e) => answer(e ?? new Error("WAL sync failed")),
    );
  }
}

/** An fsync of the WAL failed: the writes it was to cover are not known to be on disk. Same code as a failed COMMIT under synchronous=FULL. */
export class WalSyncError extends Error {
  readonly code = "SQLITE_IOERR_FSYNC";
  constructor(readonly cause: unknown) {
    super(`fsync of the WAL failed: ${(cause as { code?: string })?.code ?? String((cause as Error)?.message ?? cause)}`);
  }
}

/** The file operations WalSyncer uses (node:fs, in libuv's thread pool; Deno runs the same through its node:fs). Swappable for tests. */
export interface SyncFs {
  /** The file's identity, or null when there is no file at the path. */
  stat(path: string): Promise<{ dev: number; ino: number } | null>;
  open(path: string): Promise<number>;
  fstat(fd: number): Promise<{ dev: number; ino: number }>;
  fdatasync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  /** fsync of a directory (a new file's name); errors are ignored, as SQLite ignores them. */
  syncDir(dir: string): Promise<void>;
}

const cb = <T>(f: (done: (e: NodeJS.ErrnoException | null, v: T) => void) => void) =>
  new Promise<T>((resolve, reject) => f((e, v) => (e ? reject(e) : resolve(v))));
const ident = (s: { dev: number | bigint; ino: number | bigint }) => ({ dev: Number(s.dev), ino: Number(s.ino) });

export const nodeSyncFs: SyncFs = {
  stat: (path) =>
    cb<{ dev: number; ino: number }>((d) => fsStat(path, (e, s) => d(e, e ? (undefined as never) : ident(s)))).catch((e) => {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }),
  // O_RDONLY is enough for fsync/fdatasync on Linux and macOS.
  open: (path) => cb<number>((d) => fsOpen(path, "r", d)),
  fstat: (fd) => cb<{ dev: number; ino: number }>((d) => fsFstat(fd, (e, s) => d(e, e ? (undefined as never) : ident(s)))),
  fdatasync: (fd) => cb<void>((d) => fsFdatasync(fd, (e) => d(e, undefined))),
  close: (fd) => cb<void>((d) => fsClose(fd, (e) => d(e, undefined))),
  syncDir: async (dir) => {
    try {
      const fd = await nodeSyncFs.open(dir);
      await nodeSyncFs.fdatasync(fd).finally(() => nodeSyncFs.close(fd));
    } catch {
      // A platform or file system without directory sync (SQLite goes on too).
    }
  },
};

/**
 * The WAL sync that synchronous=FULL does inside COMMIT, done in the thread pool.
 * `sync()` resolves once a sync that began after the call is done, so it covers
 * every COMMIT made before the call. At most one sync runs and one waits: every
 * caller who comes while one runs shares the next.
 *
 * The -wal file is held open; before each sync its path is stat'ed, and a WAL
 * deleted and made anew (every connection closed, in this or another process)
 * is opened again (and its directory synced once, as SQLite does for a new
 * WAL). No WAL at all means it was checkpointed into the DB file and removed:
 * then the DB file is synced (the checkpoint did it already; this is cheap).
 *
 * A failed fdatasync poisons the syncer: every later write fails too, until a
 * restart. After an fsync error Linux may have dropped the pages it could not
 * write and report success next time ("fsyncgate"), and every later commit is
 * chained after the lost frames in the WAL — so none may be acknowledged. The
 * restart's WAL recovery sees what really is on disk. /healthz says write_failed.
 */
export class WalSyncer {
  #fd: number | null = null;
  #id: { dev: number; ino: number } | null = null;
  #running: Promise<void> | null = null;
  #next: Promise<void> | null = null;
  #broken: WalSyncError | null = null;
  /** Syncs begun, and how many callers they served (for the tests and the bench). */
  readonly stats = { syncs: 0, requests: 0, reopened: 0 };
  constructor(
    private readonly walPath: string,
    private readonly dbPath: string,
    private readonly fs: SyncFs = nodeSyncFs,
  ) {}

  sync(): Promise<void> {
    this.stats.requests++;
    if (this.#broken) return Promise.reject(this.#broken);
    if (!this.#running) return this.#start();
    if (!this.#next) {
      this.#next = this.#running.then(
        () => this.#start(),
        () => this.#start(),
      );
    }
    return this.#next;
  }

  /** Resolves when no sync runs or waits (errors ignored): for drain and close. */
  async settled(): Promise<void> {
    while (this.#running || this.#next) await (this.#next ?? this.#running)!.catch(() => {});
  }

  #start(): Promise<void> {
    this.#next = null;
    if (this.#broken) return Promise.reject(this.#broken);
    this.stats.syncs++;
    const p = this.#once();
    this.#running = p;
    const done = () => {
      if (this.#running === p) this.#running = null;
    };
    p.then(done, done);
    return p;
  }

  async #once(): Promise<void> {
    const now = await this.fs.stat(this.walPath);
    if (!now) {
      await this.#closeFd();
      const fd = await this.fs.open(this.dbPath);
      try {
        await this.#datasync(fd);
      } finally {
        await this.fs.close(fd).catch(() => {});
      }
      return;
    }
    if (this.#fd === null || !this.#id || now.ino !== this.#id.ino || now.dev !== this.#id.dev) {
      const first = this.#fd === null && !this.#id;
      await this.#closeFd();
      const fd = await this.fs.open(this.walPath);
      this.#fd = fd;
      this.#id = await this.fs.fstat(fd);
      if (!first) this.stats.reopened++;
      // A WAL made since we last looked has a new name in the directory: sync that too, once.
      await this.fs.syncDir(dirname(this.walPath));
    }
    await this.#datasync(this.#fd);
  }

  async #datasync(fd: number): Promise<void> {
    try {
      await this.fs.fdatasync(fd);
    } catch (e) {
      this.#broken ??= new WalSyncError(e);
      throw this.#broken;
    }
  }

  async #closeFd(): Promise<void> {
    const fd = this.#fd;
    this.#fd = null;
    this.#id = null;
    if (fd !== null) await this.fs.close(fd).catch(() => {});
  }

  /** Closes the held descriptor now (the process is stopping). */
  closeSync(): void {
    if (this.#fd !== null) {
      try {
        closeSync(this.#fd);
      } catch {
        // already closed
      }
      this.#fd = null;
    }
  }
}

/**
 * The libSQL transaction under a drizzle transaction (or one of its savepoints), for fixed SQL that the
 * writer runs on every request of a hot path: drizzle builds a query anew on each call (10.7 % of a sign-up
 * run's samples), and `.prepare()` on the DB cannot serve a transaction's own connection. Statements sent
 * here are still watched for the caches (watchWrites wraps this transaction too).
 */
export function txClient(tx: Tx): Pick<import("@libsql/client").Transaction, "execute"> {
  const c = (tx as unknown as { session?: { tx?: { execute?: unknown } } }).session?.tx;
  if (!c || typeof c.execute !== "function") throw new Error("txClient: not a drizzle libSQL transaction");
  return c as Pick<import("@libsql/client").Transaction, "execute">;
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

/** PRAGMAs every read-pool connection must have (the writer's: writerPragmas); checked at start and in the tests. */
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

export async function openDatabase(url: string, opts: { busyTimeoutMs?: number; syncFs?: SyncFs } = {}): Promise<Database> {
  // Statements compiled once per connection and reused (src/shared/statement-cache.ts).
  installStatementCache();
  // One read connection and the writer's own: libsql runs each statement synchronously, so a read holds
  // its connection only inside one call, and reads waiting for it wait for nothing the main thread would
  // not make them wait for anyway. The one long holder is the writer's open transaction (one at a time), on
  // its own connection; a transaction on the read pool (migrations, at start, before anything else runs)
  // holds the only reader, and the pool refuses a read while it does (TRANSACTION_ACTIVE). Each connection
  // has its own SQLite page cache (up to 2 MB) and statement cache, so more readers cost memory for nothing.
  // A file (every install we ship) needs only the SQLite client. The full client also loads the network
  // clients (WebSocket, HTTP) for a libsql:/http(s):/ws(s): DATABASE_URL: about a quarter of the start's module
  // loading and ~9 MB of memory (docs/performance.md, "Memory and start-up, 2026-12-05 evening"), so only then.
  const file = url.startsWith("file:");
  const createClient = file || url === ":memory:" ? createFileClient : (await import("@libsql/client")).createClient;
  const timeout = opts.busyTimeoutMs ?? 5000;
  const client = createClient({ url, timeout, concurrency: file ? POOL_CONNECTIONS : SERVER_CONCURRENCY } as Parameters<typeof createClient>[0]);
  if (file) {
    // journal_mode=WAL is stored in the file; foreign_keys and synchronous are
    // per connection. libSQL's defaults (foreign_keys=1, synchronous=FULL under WAL)
    // are what the read pool wants, and `checkPragmas` proves it on every start.
    await client.execute("PRAGMA journal_mode=WAL");
  }
  // The file's identity now, to notice a delete or a swap under us: SQLite
  // would go on writing to the unlinked inode and every write would be lost.
  const path = dbFilePath(url);
  // A file DB: the writer's own connection, synchronous=NORMAL, and the WAL synced by WalSyncer before a
  // write is answered (durable exactly as FULL, without the event loop waiting for the disk). An in-memory
  // DB (one connection) or a database server keeps one client, as before.
  let writer = client;
  let syncer: WalSyncer | null = null;
  if (path) {
    writer = createFileClient({ url, timeout, concurrency: 1 } as Parameters<typeof createFileClient>[0]);
    // If libSQL ever opened this connection anew (it drops one whose ROLLBACK failed), the new one is
    // FULL again: slower, never less durable; checkPragmas(writer, writerPragmas) then fails at the next start.
    await writer.execute("PRAGMA synchronous=NORMAL");
    syncer = new WalSyncer(`${path}-wal`, path, opts.syncFs);
  }
  // The connection that only reads data_version (see Database.dataVersion): opened on first use.
  let versionClient: Client | null = null;
  const dataVersion = async (): Promise<number> => {
    if (!path) return url === ":memory:" ? 0 : NaN;
    versionClient ??= createFileClient({ url, timeout, concurrency: 1 } as Parameters<typeof createFileClient>[0]);
    const rs = await versionClient.execute("PRAGMA data_version");
    return Number(rs.rows[0]?.[0]);
  };
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
  let accountsGeneration = 0;
  const effects = new WriteEffects(() => accountsGeneration++);
  const db = drizzle(watchWrites(client, effects), { schema });
  // The writer's drizzle has no `{ schema }`: every transaction object drizzle makes (one per group, one
  // per savepoint in it) builds a relational-query builder for every table of the schema in its constructor
  // (2.4 % of a sign-up run's samples, 2026-12-06), and nothing that writes uses `tx.query` — writes are
  // select/insert/update/delete builders and fixed SQL, which need no schema. Reads (`db`) keep it. The
  // cast keeps one `Db`/`Tx` type for the repos; `tx.query` is typed but empty at run time
  // (test/shared/db-writer.test.ts pins that, so a write that starts using it fails there).
  const writerDb = drizzle(watchWrites(writer, effects), {}) as unknown as Db;
  const queue = new WriteQueue();
  let generation = 0;
  const sync = syncer ? () => syncer.sync() : () => Promise.resolve();
  // The effects are taken at COMMIT (the next group's statements are not this one's); the generation goes
  // up only after the sync, so the page cache and memos drop their pages once the write is on disk.
  const grouper = new TransactionGrouper(
    queue,
    writerDb,
    (changed) => {
      if (changed) generation++;
    },
    guard,
    sync,
    () => effects.take(),
  );
  // A write(): the same, one at a time in the queue; answered after the sync (also when it failed: a
  // function of several statements may have committed some). A refused guard wrote nothing.
  const write = <T>(fn: (db: Db) => Promise<T>, o?: { pages?: boolean }): Promise<T> =>
    queue
      .run(async () => {
        guard();
        const outcome = await fn(writerDb).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        return { outcome, changed: effects.take() && o?.pages !== false };
      })
      .then(({ outcome, changed }) => {
        const bump = () => void (changed && generation++);
        return sync().then(
          () => {
            bump();
            if (outcome.ok) return outcome.value;
            throw outcome.error;
          },
          (syncError: unknown) => {
            bump();
            throw outcome.ok ? syncError : outcome.error;
          },
        );
      });
  let closed = false;
  return {
    get generation() {
      return generation;
    },
    get accountsGeneration() {
      return accountsGeneration;
    },
    dataVersion,
    db,
    client,
    writer,
    write: (fn, o) => track(write(fn, o)),
    transaction: (fn) => track(grouper.run(fn)),
    commits: grouper.stats,
    walSyncs: syncer?.stats ?? null,
    fileState,
    writeHealth,
    async drain() {
      await queue.idle();
      await syncer?.settled();
      if (file && fileState() === "ok") await writer.execute("PRAGMA wal_checkpoint(TRUNCATE)").catch(() => {});
    },
    close: () => {
      if (closed) return;
      closed = true;
      syncer?.closeSync();
      if (writer !== client) writer.close();
      versionClient?.close();
      client.close();
    },
  };
}

/** PRAGMAs of the writer's own connection (a file DB): NORMAL, because WalSyncer does FULL's WAL sync itself. */
export const writerPragmas = { foreign_keys: 1, synchronous: 1 /* NORMAL + WalSyncer */, journal_mode: "wal" } as const;

/** Reads the PRAGMAs on a connection from the pool (or the writer's, with writerPragmas); throws if one is off. */
export async function checkPragmas(client: Client, required: typeof requiredPragmas | typeof writerPragmas = requiredPragmas): Promise<Record<string, unknown>> {
  const found: Record<string, unknown> = {};
  for (const name of Object.keys(required) as (keyof typeof required)[]) {
    const rs = await client.execute(`PRAGMA ${name}`);
    const value = rs.rows[0]?.[0];
    found[name] = value;
    if (String(value).toLowerCase() !== String(required[name]) && !(name === "journal_mode" && value === "memory")) {
      throw new Error(`PRAGMA ${name} is ${String(value)}, expected ${required[name]}`);
    }
  }
  return found;
}
