// The one libSQL file and the single writer that guards it.
//
// Why a writer queue: in one process, two write transactions on @libsql/client
// collide with SQLITE_BUSY, and the busy wait blocks the event loop for every
// request. So every write in the app goes through `write()` or `transaction()`,
// which run one at a time; reads use `db` directly and never wait for the queue.
// Across processes (two app instances on one file) the client's `timeout`
// (SQLite's busy_timeout) makes a second writer wait instead of failing.
import { createClient, type Client, type ResultSet } from "@libsql/client";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "../../db/schema/index.ts";

export type Db = LibSQLDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** What a repo function queries: the DB for reads, or a transaction inside `transaction()`. */
export type Queryable = BaseSQLiteDatabase<"async", ResultSet, typeof schema>;

export interface Database {
  /** For reads. Writes must go through `write` or `transaction`. */
  readonly db: Db;
  readonly client: Client;
  /** Runs `fn` alone among this process's writers (use `db.batch` inside for several statements). */
  write<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** An interactive write transaction, serialized like `write`; rolled back if `fn` throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): void;
}

/** A FIFO mutex: each task starts when the one before it has settled. */
export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #waiting = 0;
  get waiting() {
    return this.#waiting;
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

export async function openDatabase(url: string, opts: { busyTimeoutMs?: number } = {}): Promise<Database> {
  const client = createClient({ url, timeout: opts.busyTimeoutMs ?? 5000, concurrency: 8 } as Parameters<typeof createClient>[0]);
  if (url.startsWith("file:")) {
    // journal_mode=WAL is stored in the file; foreign_keys and synchronous are
    // per connection, and the pool opens new connections after transactions.
    // libSQL's defaults (foreign_keys=1, synchronous=FULL under WAL) are what we
    // want, and `checkPragmas` proves it on every start.
    await client.execute("PRAGMA journal_mode=WAL");
  }
  const db = drizzle(client, { schema });
  const queue = new WriteQueue();
  return {
    db,
    client,
    write: (fn) => queue.run(() => fn(db)),
    transaction: (fn) => queue.run(() => db.transaction(fn, { behavior: "immediate" })),
    close: () => client.close(),
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
