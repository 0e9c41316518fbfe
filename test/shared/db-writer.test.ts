// The writer's bookkeeping (src/shared/db.ts), beside db.test.ts's queue and
// group-commit tests: the generation the page cache keys on, which errors
// count as the storage failing, the write health /healthz reports, the file
// guard (deleted or replaced under us), drain and close. Fast on purpose: with
// db.test.ts it covers `npm run mutation -- db`.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync, renameSync, copyFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openDatabase, storageErrorCode, DbFileError, WriteQueue, MAX_GROUP, checkPragmas, nodeSyncFs, WalSyncer, WalSyncError, txClient, type SyncFs, type Tx } from "../../src/shared/db.ts";
import { checkHealth } from "../../src/ops/health.ts";
import { settings } from "../../db/schema/index.ts";
import type { Deps } from "../../src/shared/context.ts";

const dir = mkdtempSync(join(tmpdir(), "lingong-writer-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function fresh() {
  const path = join(dir, `w${++n}.db`);
  const d = await openDatabase(`file:${path}`);
  await d.client.execute("CREATE TABLE t (x INTEGER NOT NULL)");
  return { d, path };
}
const count = async (d: Awaited<ReturnType<typeof fresh>>["d"]) => Number((await d.client.execute("SELECT count(*) FROM t")).rows[0][0]);

test("the generation goes up once per write pages may show, not for { pages: false }, and once per transaction group even when it fails", async () => {
  const { d } = await fresh();
  assert.is(d.generation, 0);
  await d.write((db) => db.run("INSERT INTO t VALUES (1)"));
  assert.is(d.generation, 1);
  await d.write((db) => db.run("INSERT INTO t VALUES (2)"), { pages: false });
  assert.is(d.generation, 1, "a write no page shows");
  await d.write((db) => db.run("INSERT INTO t VALUES (3)"), { pages: true });
  assert.is(d.generation, 2);
  await d.write((db) => db.run("INSERT INTO t VALUES (NULL)")).catch(() => {});
  assert.is(d.generation, 3, "a failed write may have changed something: pages are dropped too");
  await d.transaction((tx) => tx.run("INSERT INTO t VALUES (4)"));
  assert.is(d.generation, 4);
  await d.transaction((tx) => tx.run("INSERT INTO t VALUES (NULL)")).catch(() => {});
  assert.is(d.generation, 5);
  await d.client.execute("CREATE TABLE sessions (x INTEGER)");
  await d.transaction((tx) => tx.run("INSERT INTO sessions VALUES (1)"));
  assert.is(d.generation, 5, "a transaction that wrote only a table no page shows");
  d.close();
});

test("storage errors by SQLite code, also when wrapped (up to 5 levels); a constraint or our own error is not one", () => {
  const wrap = (e: unknown, depth: number): unknown => (depth === 0 ? e : wrap(new Error("wrapped", { cause: e }), depth - 1));
  for (const code of ["SQLITE_FULL", "SQLITE_IOERR", "SQLITE_IOERR_WRITE", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_PERM"]) {
    assert.is(storageErrorCode({ code }), code);
    assert.is(storageErrorCode(wrap({ code }, 4)), code, `${code} four levels down`);
  }
  assert.is(storageErrorCode(wrap({ code: "SQLITE_FULL" }, 5)), null, "five levels down is not searched");
  assert.is(storageErrorCode(new DbFileError("DB_MISSING")), "DB_MISSING");
  assert.is(storageErrorCode(wrap(new DbFileError("DB_REPLACED"), 2)), "DB_REPLACED");
  // Only a string code counts: an array whose text reads "SQLITE_FULL" is not one.
  for (const other of [{ code: "SQLITE_CONSTRAINT" }, { code: "SQLITE_BUSY" }, { code: "XSQLITE_FULL" }, { code: 13 }, { code: ["SQLITE_FULL"] }, new Error("ours"), null, undefined, "SQLITE_FULL"]) {
    assert.is(storageErrorCode(other), null, JSON.stringify(other));
  }
  assert.is(new DbFileError("DB_MISSING").message, "the database file is gone");
  assert.is(new DbFileError("DB_REPLACED").message, "the database file was replaced");
});

test("write health: the last storage failure (code and a short message) and the last write that worked; a constraint failure is not recorded", async () => {
  const { d, path } = await fresh();
  assert.equal(d.writeHealth, { lastFailure: null, lastOkAt: null });
  const before = Date.now();
  await d.write((db) => db.run("INSERT INTO t VALUES (1)"));
  assert.ok(d.writeHealth.lastOkAt !== null && d.writeHealth.lastOkAt >= before);
  await d.write((db) => db.run("INSERT INTO t VALUES (NULL)")).catch(() => {});
  assert.is(d.writeHealth.lastFailure, null, "NOT NULL is the statement's fault, not the disk's");
  await d.write(async () => {
    throw Object.assign(new Error("disk full ".repeat(40)), { code: "SQLITE_FULL" });
  }).catch(() => {});
  assert.is(d.writeHealth.lastFailure?.code, "SQLITE_FULL");
  assert.is(d.writeHealth.lastFailure?.message, "disk full ".repeat(20), "the error's own message, cut to 200 characters");
  assert.ok(d.writeHealth.lastFailure!.at >= before);
  await d.transaction(async () => {
    throw Object.assign(new Error("io"), { code: "SQLITE_IOERR" });
  }).catch(() => {});
  assert.is(d.writeHealth.lastFailure?.code, "SQLITE_IOERR", "transactions are tracked too");
  assert.is(d.fileState(), "ok");
  void path;
  d.close();
});

test("the file guard: a deleted DB file refuses every write and transaction (DB_MISSING), a replaced one too (DB_REPLACED)", async () => {
  const { d, path } = await fresh();
  await d.write((db) => db.run("INSERT INTO t VALUES (1)"));
  const other = join(dir, "other.db");
  copyFileSync(path, other);
  renameSync(path, join(dir, "moved.db"));
  assert.is(d.fileState(), "missing");
  const e1 = await d.write((db) => db.run("INSERT INTO t VALUES (2)")).catch((e) => e);
  assert.ok(e1 instanceof DbFileError && e1.code === "DB_MISSING", String(e1));
  const e2 = await d.transaction((tx) => tx.run("INSERT INTO t VALUES (3)")).catch((e) => e);
  assert.ok(e2 instanceof DbFileError && e2.code === "DB_MISSING", String(e2));
  assert.is(d.writeHealth.lastFailure?.code, "DB_MISSING");
  // Two transactions queued together are refused together.
  const both = await Promise.allSettled([d.transaction((tx) => tx.run("INSERT INTO t VALUES (4)")), d.transaction((tx) => tx.run("INSERT INTO t VALUES (5)"))]);
  assert.equal(both.map((r) => r.status), ["rejected", "rejected"]);
  renameSync(other, path);
  assert.is(d.fileState(), "replaced");
  const e3 = await d.write((db) => db.run("INSERT INTO t VALUES (6)")).catch((e) => e);
  assert.ok(e3 instanceof DbFileError && e3.code === "DB_REPLACED", String(e3));
  // No checkpoint on a file that is not ours (it would fold our WAL into the
  // moved file and empty the WAL beside the new one), and no throw.
  const wal = statSync(path + "-wal").size;
  assert.ok(wal > 0, "the first write is still in the WAL");
  await d.drain();
  assert.is(statSync(path + "-wal").size, wal, "the WAL beside the new file was left alone");
  d.close();
  assert.is(d.client.closed, true);
  const e4 = await d.client.execute("SELECT 1").catch((e) => e);
  assert.is(e4?.code, "CLIENT_CLOSED");
  d.close(); // twice is harmless
  const mem = await openDatabase(":memory:");
  assert.is(mem.fileState(), null, "no file to watch");
  await mem.drain();
  mem.close();
});

test("drain waits for every queued write, including those queued while it waits, then folds the WAL into the file", async () => {
  const { d, path } = await fresh();
  const done: number[] = [];
  for (let i = 0; i < 5; i++) void d.write(async (db) => (await db.run(`INSERT INTO t VALUES (${i})`), done.push(i)));
  void d.transaction(async (tx) => {
    await tx.run("INSERT INTO t VALUES (9)");
    void d.write(async (db) => (await db.run("INSERT INTO t VALUES (10)"), done.push(10)));
  });
  await d.drain();
  assert.equal(done, [0, 1, 2, 3, 4, 10]);
  assert.is(await count(d), 7);
  const { statSync } = await import("node:fs");
  assert.is(statSync(path + "-wal", { throwIfNoEntry: false })?.size ?? 0, 0, "the WAL was truncated");
  d.close();
});

test("the write queue counts what waits and is idle only when nothing is queued or running", async () => {
  const q = new WriteQueue();
  assert.is(q.waiting, 0);
  let release!: () => void;
  const first = q.run(() => new Promise<void>((r) => (release = r)));
  const second = q.run(async () => "b");
  assert.is(q.waiting, 2);
  let idle = false;
  const idlePromise = q.idle().then(() => (idle = true));
  await new Promise((r) => setImmediate(r));
  assert.is(idle, false);
  release();
  await first;
  assert.is(await second, "b");
  await idlePromise;
  assert.is(q.waiting, 0);
});

test(`exactly ${MAX_GROUP} transactions queued together commit as one group; one more makes a second`, async () => {
  const { d } = await fresh();
  for (const [n, groups] of [[MAX_GROUP, 1], [MAX_GROUP + 1, 2]] as const) {
    const before = { ...d.commits };
    await Promise.all(Array.from({ length: n }, (_, i) => d.transaction((tx) => tx.run(`INSERT INTO t VALUES (${i})`))));
    assert.is(d.commits.commits - before.commits, groups, `${n} at once`);
    assert.is(d.commits.transactions - before.transactions, n);
  }
  assert.is(await count(d), 2 * MAX_GROUP + 1);
  d.close();
});

test("transactions asked for in separate callbacks of one event-loop turn (requests arriving together over HTTP) share one group", async () => {
  // Each HTTP request is its own I/O callback; the microtasks after one run before the next callback. A group
  // taken in those microtasks held one sign-up each over HTTP (1.35 a COMMIT in the bench, 2026-12-06 session 21).
  const { d } = await fresh();
  const before = { ...d.commits };
  const answers = await new Promise<Promise<unknown>[]>((resolve) => {
    const out: Promise<unknown>[] = [];
    // Three timers due at the same moment fire in one timers phase, each a callback of its own (microtasks between).
    for (let i = 0; i < 3; i++)
      setTimeout(() => {
        out.push(d.transaction((tx) => tx.run(`INSERT INTO t VALUES (${i})`)));
        if (out.length === 3) resolve(out);
      }, 0);
  });
  await Promise.all(answers);
  assert.is(d.commits.commits - before.commits, 1, "one COMMIT for the three");
  assert.is(d.commits.transactions - before.transactions, 3);
  // A lone one still commits (after the turn), alone.
  await d.transaction((tx) => tx.run("INSERT INTO t VALUES (9)"));
  assert.is(d.commits.commits - before.commits, 2);
  assert.is(await count(d), 4);
  d.close();
});

test("a transaction (alone or in a group) holds the write lock from its BEGIN: another process's write meanwhile is refused busy, not let in to fail ours later", async () => {
  // BEGIN IMMEDIATE. With BEGIN DEFERRED a transaction that reads and then
  // writes could be overtaken by another instance on the same file and fail
  // with SQLITE_BUSY_SNAPSHOT, which the busy timeout does not wait out.
  // (drizzle-orm 0.45's libSQL driver ignores `{ behavior }`; the client's
  // default, "write", is what gives IMMEDIATE: this pins it across upgrades.)
  const { d, path } = await fresh();
  const other = createClient({ url: `file:${path}`, timeout: 1 } as Parameters<typeof createClient>[0]);
  for (const n of [1, 2]) {
    const seen: string[] = [];
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        d.transaction(async (tx) => {
          seen.push(await other.execute("INSERT INTO t VALUES (100)").then(() => "written", (e) => e.code));
          await tx.run(`INSERT INTO t VALUES (${i})`);
        }),
      ),
    );
    assert.equal(seen, Array(n).fill("SQLITE_BUSY"), `${n} transaction(s) at once`);
  }
  assert.is(await count(d), 3);
  other.close();
  d.close();
});

test("checkPragmas: returns what it read, accepts an in-memory DB's journal, and names the PRAGMA that is off", async () => {
  const mem = await openDatabase(":memory:");
  assert.equal(await checkPragmas(mem.client), { foreign_keys: 1, synchronous: 2, journal_mode: "memory" });
  mem.close();
  // A plain client on a new file: SQLite's own default journal (delete), not WAL.
  const raw = createClient({ url: `file:${join(dir, "plain.db")}` });
  const e1 = await checkPragmas(raw).catch((e) => e);
  assert.is(e1?.message, "PRAGMA journal_mode is delete, expected wal");
  raw.close();
  // One connection (the pool reuses its idle one), so the PRAGMA set is the PRAGMA read.
  const { d } = await fresh();
  await d.client.execute("PRAGMA foreign_keys=OFF");
  const e2 = await checkPragmas(d.client).catch((e) => e);
  assert.is(e2?.message, "PRAGMA foreign_keys is 0, expected 1");
  await d.client.execute("PRAGMA foreign_keys=ON");
  await d.client.execute("PRAGMA synchronous=NORMAL");
  const e3 = await checkPragmas(d.client).catch((e) => e);
  assert.is(e3?.message, "PRAGMA synchronous is 1, expected 2");
  await d.client.execute("PRAGMA synchronous=FULL");
  assert.equal(await checkPragmas(d.client), { foreign_keys: 1, synchronous: 2, journal_mode: "wal" });
  d.close();
});


// The WAL's sync (WalSyncer): the real node:fs calls, with fdatasync held at a gate the test opens,
// so the order of COMMIT, sync and answer can be seen. Nothing here is timed.
function gatedFs(base: SyncFs = nodeSyncFs) {
  const calls: string[] = [];
  const gates: { open: () => void; fail: (e: unknown) => void }[] = [];
  let started = 0;
  const fs: SyncFs = {
    ...base,
    stat: (p) => (calls.push(`stat ${p.endsWith("-wal") ? "wal" : p}`), base.stat(p)),
    open: (p) => (calls.push(`open ${p.endsWith("-wal") ? "wal" : p.endsWith(".db") ? "db" : "dir"}`), base.open(p)),
    syncDir: (p) => (calls.push("syncDir"), base.syncDir(p)),
    fdatasync: async (fd) => {
      started++;
      calls.push("fdatasync");
      await new Promise<void>((open, fail) => gates.push({ open, fail }));
      return base.fdatasync(fd);
    },
  };
  const waitStarted = async (n: number) => {
    // Turns of the loop, then (a loaded machine: the thread pool's stat comes back late) up to 5 s of
    // millisecond naps: a budget to wait for, not a timing being tested.
    for (let i = 0; i < 10_000 && started < n; i++) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 5_000 && started < n; i++) await new Promise((r) => setTimeout(r, 1));
    assert.is(started, n, `${n} syncs begun`);
  };
  return { fs, calls, gates, waitStarted, started: () => started };
}
const settledYet = async (p: Promise<unknown>) => {
  let done = false;
  p.then(() => (done = true), () => (done = true));
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  return done;
};

test("durability: a transaction is answered only after a WAL sync that began after its COMMIT; the writer commits the next group meanwhile", async () => {
  const path = join(dir, `sync${++n}.db`);
  const g = gatedFs();
  const d = await openDatabase(`file:${path}`, { syncFs: g.fs });
  // The table through the writer, answered after a sync too: let it through.
  const made = d.write((db) => db.run("CREATE TABLE t (x INTEGER NOT NULL)"));
  await g.waitStarted(1);
  g.gates[0].open();
  await made;
  assert.equal(g.calls.slice(0, 4), ["stat wal", "open wal", "syncDir", "fdatasync"], "the -wal opened once, its directory synced once");
  const gen = d.generation;
  const a = d.transaction((tx) => tx.run("INSERT INTO t VALUES (1)"));
  await g.waitStarted(2);
  // A is committed (a reader sees it) but not answered, and the page cache's generation waits too.
  assert.is(await count(d), 1);
  assert.is(await settledYet(a), false, "not answered before its sync is done");
  assert.is(d.generation, gen, "the caches are emptied after the sync, not at COMMIT");
  // B arrives while A's sync runs: the writer commits it at once (the event loop and the writer are free) …
  const b = d.transaction((tx) => tx.run("INSERT INTO t VALUES (2)"));
  const w = d.write((db) => db.run("INSERT INTO t VALUES (3)"));
  for (let i = 0; i < 10_000 && (await count(d)) < 3; i++) await new Promise((r) => setImmediate(r));
  assert.is(await count(d), 3, "B and the write committed while A's sync was still running");
  // … but A's sync began before B's COMMIT, so it does not answer B.
  g.gates[1].open();
  await a;
  assert.is(d.generation, gen + 1);
  assert.is(await settledYet(b), false, "B waits for a sync that began after its COMMIT");
  assert.is(await settledYet(w), false);
  await g.waitStarted(3);
  g.gates[2].open();
  await Promise.all([b, w]);
  assert.is(d.generation, gen + 3, "each group and write raises the generation after its own sync (B's change was not folded into A's)");
  assert.is(g.started(), 3, "B and the write shared one sync");
  assert.is(d.walSyncs?.syncs, 3);
  // A transaction that throws wrote nothing: answered without waiting for a sync.
  const e = await d.transaction(async () => {
    throw new Error("rule");
  }).catch((x) => x);
  assert.is(e?.message, "rule");
  assert.is(g.started(), 3);
  await d.drain();
  d.close();
});

test("durability: an fsync error fails the whole group (and a write), /healthz says write_failed, and every later write fails until a restart", async () => {
  const { d: setup, path } = await fresh();
  // What /healthz reads and its write probe writes.
  await setup.client.execute("CREATE TABLE schema_migrations (name TEXT)");
  await setup.client.execute("CREATE TABLE health_probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL)");
  setup.close();
  const g = gatedFs();
  const d = await openDatabase(`file:${path}`, { syncFs: g.fs });
  const group = [1, 2, 3].map((i) => d.transaction((tx) => tx.run(`INSERT INTO t VALUES (${i})`)));
  await g.waitStarted(1);
  const eio = Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" });
  g.gates[0].fail(eio);
  const results = await Promise.allSettled(group);
  assert.equal(results.map((r) => r.status), ["rejected", "rejected", "rejected"], "no member of the group is acknowledged");
  const err = (results[0] as PromiseRejectedResult).reason;
  assert.ok(err instanceof WalSyncError, String(err));
  assert.is(err.code, "SQLITE_IOERR_FSYNC", "the code a failed COMMIT has under synchronous=FULL");
  assert.is(err.cause, eio);
  assert.is(storageErrorCode(err), "SQLITE_IOERR_FSYNC");
  assert.is(d.writeHealth.lastFailure?.code, "SQLITE_IOERR_FSYNC");
  // Poisoned: the kernel may have dropped what it could not write; later commits are chained after it.
  const later = await d.write((db) => db.run("INSERT INTO t VALUES (4)")).catch((x) => x);
  assert.ok(later instanceof WalSyncError, String(later));
  const later2 = await d.transaction((tx) => tx.run("INSERT INTO t VALUES (5)")).catch((x) => x);
  assert.ok(later2 instanceof WalSyncError, String(later2));
  assert.is(g.started(), 1, "no second fdatasync is trusted");
  const logged: unknown[] = [];
  const deps = {
    database: d,
    log: { error: (...a: unknown[]) => logged.push(a), warn: () => {}, info: () => {} },
    config: { databaseUrl: `file:${path}`, diskMinFreeMb: 0 },
  } as unknown as Deps;
  const h = await checkHealth(deps);
  assert.is(h.ok, false);
  assert.is(h.code, "write_failed");
  assert.is(h.lastWriteFailure?.code, "SQLITE_IOERR_FSYNC");
  d.close();
  // After a restart the DB opens, and whatever reached the disk is whole (the group all or nothing).
  const again = await openDatabase(`file:${path}`);
  assert.is((await again.client.execute("PRAGMA integrity_check")).rows[0][0], "ok");
  const c = await count(again);
  assert.ok(c === 0 || c === 5 || c === 3 || c === 4, `whole groups only, found ${c}`);
  await again.write((db) => db.run("INSERT INTO t VALUES (6)"));
  again.close();
});

test("the WAL syncer: a -wal made anew (other inode) is opened again before the sync; no -wal means it was checkpointed away: the DB file is synced", async () => {
  const base = join(dir, `ws${++n}.db`);
  const files = new Map<string, { dev: number; ino: number } | null>([[`${base}-wal`, { dev: 1, ino: 10 }]]);
  const calls: string[] = [];
  let nextFd = 100;
  const fdIno = new Map<number, number>();
  const fs: SyncFs = {
    stat: async (p) => files.get(p) ?? null,
    open: async (p) => {
      const fd = nextFd++;
      fdIno.set(fd, files.get(p)?.ino ?? -1);
      calls.push(`open ${p.slice(base.length) || "db"} -> ${fd}`);
      return fd;
    },
    fstat: async (fd) => ({ dev: 1, ino: fdIno.get(fd)! }),
    fdatasync: async (fd) => void calls.push(`fdatasync ${fd}`),
    close: async (fd) => void calls.push(`close ${fd}`),
    syncDir: async () => void calls.push("syncDir"),
  };
  const s = new WalSyncer(`${base}-wal`, base, fs);
  await s.sync();
  await s.sync();
  assert.equal(calls, ["open -wal -> 100", "syncDir", "fdatasync 100", "fdatasync 100"], "opened once, then the held descriptor");
  assert.is(s.stats.reopened, 0, "the first open is no re-open");
  calls.length = 0;
  files.set(`${base}-wal`, { dev: 1, ino: 11 });
  await s.sync();
  assert.equal(calls, ["close 100", "open -wal -> 101", "syncDir", "fdatasync 101"], "a new WAL: the old descriptor closed, the new file synced, its name too");
  assert.is(s.stats.reopened, 1);
  calls.length = 0;
  files.delete(`${base}-wal`);
  await s.sync();
  assert.equal(calls, ["close 101", "open db -> 102", "fdatasync 102", "close 102"]);
  calls.length = 0;
  files.set(`${base}-wal`, { dev: 1, ino: 12 });
  await s.sync();
  assert.equal(calls, ["open -wal -> 103", "syncDir", "fdatasync 103"]);
  // Callers who come while a sync runs share the next one; three syncs at most for five callers here.
  const before = s.stats.syncs;
  await Promise.all([s.sync(), s.sync(), s.sync(), s.sync(), s.sync()]);
  assert.is(s.stats.syncs - before, 2, "the first runs, the other four wait for one more");
  // An open() that fails (not fdatasync) fails that sync only.
  const failing: SyncFs = { ...fs, stat: async () => ({ dev: 1, ino: 99 }), open: async () => { throw Object.assign(new Error("EMFILE"), { code: "EMFILE" }); } };
  const t = new WalSyncer(`${base}-wal`, base, failing);
  const e = await t.sync().catch((x) => x);
  assert.is(e?.code, "EMFILE");
  const t2 = new WalSyncer(`${base}-wal`, base, { ...fs, fdatasync: async () => { throw Object.assign(new Error("EIO"), { code: "EIO" }); } });
  const e2 = await t2.sync().catch((x) => x);
  assert.ok(e2 instanceof WalSyncError);
  assert.is(await t2.sync().catch((x) => x), e2, "poisoned: the same error, no new sync");
});

test("a file or in-memory DB opens with the SQLite client alone (the network clients are not loaded); an http: URL gets the network client", () => {
  // In a fresh process: this file imports @libsql/client itself. Its WebSocket
  // client pulls in the `ws` package (CommonJS, so it shows in require.cache);
  // the SQLite client never does (docs/performance.md: a quarter of the
  // start's module loading and ~9 MB for an install that only has a file).
  const dbModule = fileURLToPath(new URL("../../src/shared/db.ts", import.meta.url));
  const code = `
    const wsLoaded = () => Object.keys(require.cache).some((p) => /[\\\\/]node_modules[\\\\/]ws[\\\\/]/.test(p));
    import(${JSON.stringify(dbModule)}).then(async ({ openDatabase }) => {
      const out = {};
      for (const url of [${JSON.stringify(`file:${join(dir, "client-kind.db")}`)}, ":memory:", "http://127.0.0.1:9"]) {
        const d = await openDatabase(url);
        out[url.slice(0, 5)] = [d.client.protocol, wsLoaded()];
        d.close();
      }
      console.log(JSON.stringify(out));
    });`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", code], { encoding: "utf8", timeout: 60_000 });
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout.trim().split("\n").pop()!), {
    "file:": ["file", false],
    ":memo": ["file", false],
    "http:": ["http", true],
  });
});

// A fake SyncFs whose files have an identity (dev, ino) of their own, with the operations that may be held at a gate.
function fakeFs(base: string) {
  const files = new Map<string, { dev: number; ino: number }>([[`${base}-wal`, { dev: 1, ino: 10 }]]);
  const calls: string[] = [];
  const fdId = new Map<number, { dev: number; ino: number }>();
  let nextFd = 100;
  const held = new Set<string>();
  /** The next call of `op` waits until the test opens its gate. */
  const hold = (op: string) => void held.add(op);
  const gates: { op: string; open: () => void; fail: (e: unknown) => void }[] = [];
  const gate = async (op: string) => {
    if (!held.has(op)) return;
    held.delete(op);
    await new Promise<void>((open, fail) => gates.push({ op, open, fail }));
  };
  const failNext = new Map<string, unknown>();
  const maybeFail = (op: string) => {
    if (failNext.has(op)) {
      const e = failNext.get(op);
      failNext.delete(op);
      throw e;
    }
  };
  const name = (p: string) => p.slice(base.length) || "db";
  const fs: SyncFs = {
    stat: async (p) => files.get(p) ?? null,
    open: async (p) => {
      calls.push(`open ${name(p)}`);
      await gate("open");
      maybeFail("open");
      const fd = nextFd++;
      fdId.set(fd, files.get(p) ?? { dev: 0, ino: -1 });
      return fd;
    },
    fstat: async (fd) => {
      calls.push(`fstat ${fd}`);
      maybeFail("fstat");
      return fdId.get(fd)!;
    },
    fdatasync: async (fd) => {
      calls.push(`fdatasync ${fd}`);
      await gate("fdatasync");
      maybeFail("fdatasync");
    },
    close: async (fd) => void calls.push(`close ${fd}`),
    syncDir: async () => void calls.push("syncDir"),
  };
  const waitGates = async (n: number) => {
    for (let i = 0; i < 10_000 && gates.length < n; i++) await new Promise((r) => setImmediate(r));
    assert.is(gates.length, n, `${n} operations held`);
  };
  return { fs, files, calls, hold, gates, waitGates, failNext };
}

test("the WAL syncer: a caller who came while a sync ran gets a sync of its own even when that one failed (not poisoned: open, fstat), and the same error without a second fdatasync when it was poisoned", async () => {
  const base = join(dir, `wq${++n}.db`);
  // 1. The running sync's open() fails (EMFILE): the waiting caller is not answered by that failure, nor without a sync.
  const a = fakeFs(base);
  const s = new WalSyncer(`${base}-wal`, base, a.fs);
  a.hold("open");
  const p1 = s.sync();
  await a.waitGates(1);
  const p2 = s.sync();
  const p3 = s.sync();
  assert.is(s.stats.requests, 3, "every caller is counted");
  a.failNext.set("open", Object.assign(new Error("EMFILE"), { code: "EMFILE" }));
  a.gates[0].open();
  assert.is((await p1.catch((x) => x))?.code, "EMFILE");
  await p2;
  await p3;
  assert.equal(a.calls, ["open -wal", "open -wal", "fstat 100", "syncDir", "fdatasync 100"], "the waiting callers shared one real sync after the failed one");
  assert.is(s.stats.syncs, 2);
  // 2. fstat fails after the open: that sync fails; the next opens the file again (the descriptor without an identity is closed).
  a.calls.length = 0;
  const t = new WalSyncer(`${base}-wal`, base, a.fs);
  a.failNext.set("fstat", Object.assign(new Error("EIO"), { code: "EIO" }));
  assert.is((await t.sync().catch((x) => x))?.code, "EIO");
  await t.sync();
  assert.equal(a.calls, ["open -wal", "fstat 101", "close 101", "open -wal", "fstat 102", "syncDir", "fdatasync 102"]);
  // 3. Poisoned while a caller waits: the waiter gets the same WalSyncError and no fdatasync is tried again.
  const b = fakeFs(base);
  const u = new WalSyncer(`${base}-wal`, base, b.fs);
  b.hold("fdatasync");
  const q1 = u.sync();
  await b.waitGates(1);
  const q2 = u.sync();
  b.failNext.set("fdatasync", Object.assign(new Error("EIO"), { code: "EIO" }));
  b.gates[0].open();
  const [e1, e2] = await Promise.all([q1.catch((x) => x), q2.catch((x) => x)]);
  assert.ok(e1 instanceof WalSyncError, String(e1));
  assert.is(e2, e1, "the waiter is refused with the same error");
  assert.is(b.calls.filter((c) => c.startsWith("fdatasync")).length, 1, "no second fdatasync is trusted");
  assert.is(u.stats.syncs, 1);
  await u.settled();
});

test("the WAL syncer: a -wal on another device with the same inode number is another file: opened again", async () => {
  const base = join(dir, `wd${++n}.db`);
  const a = fakeFs(base);
  const s = new WalSyncer(`${base}-wal`, base, a.fs);
  await s.sync();
  a.files.set(`${base}-wal`, { dev: 2, ino: 10 });
  await s.sync();
  await s.sync();
  assert.equal(a.calls, ["open -wal", "fstat 100", "syncDir", "fdatasync 100", "close 100", "open -wal", "fstat 101", "syncDir", "fdatasync 101", "fdatasync 101"]);
  assert.is(s.stats.reopened, 1);
});

test("WalSyncError says what failed: the cause's code, else its message, else the cause itself", () => {
  assert.is(new WalSyncError(Object.assign(new Error("i/o error"), { code: "EIO" })).message, "fsync of the WAL failed: EIO");
  assert.is(new WalSyncError(new Error("no space")).message, "fsync of the WAL failed: no space");
  assert.is(new WalSyncError("odd").message, "fsync of the WAL failed: odd");
  assert.is(new WalSyncError(undefined).message, "fsync of the WAL failed: undefined");
  assert.is(new WalSyncError(null).code, "SQLITE_IOERR_FSYNC");
});

test("nodeSyncFs: no file is null, another stat error is thrown; the descriptor calls work on a real file; a directory is opened, synced and closed, its errors ignored", async () => {
  const file = join(dir, `fs${++n}.bin`);
  assert.is(await nodeSyncFs.stat(file), null, "ENOENT: no such file");
  const { writeFileSync, fstatSync } = await import("node:fs");
  writeFileSync(file, "x");
  const e = await nodeSyncFs.stat(join(file, "inside")).catch((x) => x);
  assert.is(e?.code, "ENOTDIR", "a path under a file is an error, not a missing file");
  const st = statSync(file);
  assert.equal(await nodeSyncFs.stat(file), { dev: Number(st.dev), ino: Number(st.ino) });
  const fd = await nodeSyncFs.open(file);
  assert.equal(await nodeSyncFs.fstat(fd), { dev: Number(st.dev), ino: Number(st.ino) });
  await nodeSyncFs.fdatasync(fd);
  await nodeSyncFs.close(fd);
  assert.throws(() => fstatSync(fd), /EBADF/, "closed");
  assert.is((await nodeSyncFs.fstat(fd).catch((x) => x))?.code, "EBADF");
  assert.is((await nodeSyncFs.fdatasync(fd).catch((x) => x))?.code, "EBADF");
  assert.is((await nodeSyncFs.close(fd).catch((x) => x))?.code, "EBADF");
  assert.is((await nodeSyncFs.open(join(dir, "none", "x")).catch((x) => x))?.code, "ENOENT");
  // syncDir goes through the same object: watch it.
  const { open, fdatasync, close } = nodeSyncFs;
  const seen: string[] = [];
  Object.assign(nodeSyncFs, {
    open: async (p: string) => { const f = await open(p); seen.push(`open ${p === dir ? "dir" : p}`); return f; },
    fdatasync: async (f: number) => (seen.push("fdatasync"), fdatasync(f)),
    close: async (f: number) => (seen.push("close"), close(f)),
  });
  try {
    await nodeSyncFs.syncDir(dir);
    assert.equal(seen, ["open dir", "fdatasync", "close"]);
    seen.length = 0;
    await nodeSyncFs.syncDir(join(dir, "none"));
    assert.equal(seen, [], "a missing directory: nothing opened, no error");
  } finally {
    Object.assign(nodeSyncFs, { open, fdatasync, close });
  }
});

test("the accounts generation (the session memo's key) goes up when a write or a group that touched sessions, users or markets is taken at COMMIT, before its WAL sync, whatever { pages } says; not for another table", async () => {
  const { d: setup, path } = await fresh();
  await setup.client.execute("CREATE TABLE sessions (x INTEGER)");
  await setup.client.execute("CREATE TABLE users (x INTEGER)");
  setup.close();
  const g = gatedFs();
  const d = await openDatabase(`file:${path}`, { syncFs: g.fs });
  const acc = d.accountsGeneration;
  assert.is(typeof acc, "number");
  let syncs = 0;
  const step = async <T>(p: Promise<T>) => {
    await g.waitStarted(++syncs);
    const during = { accounts: d.accountsGeneration, pages: d.generation };
    g.gates[syncs - 1].open();
    await p;
    return during;
  };
  const gen = d.generation;
  assert.equal(await step(d.write((db) => db.run("INSERT INTO t VALUES (1)"))), { accounts: acc, pages: gen }, "t is no account table");
  assert.is(d.generation, gen + 1);
  assert.equal(await step(d.write((db) => db.run("INSERT INTO sessions VALUES (1)"), { pages: false })), { accounts: acc + 1, pages: gen + 1 }, "raised at COMMIT, before the sync; pages: false keeps the page generation");
  assert.is(d.accountsGeneration, acc + 1, "once");
  assert.is(d.generation, gen + 1);
  assert.equal((await step(d.transaction((tx) => tx.run("INSERT INTO users VALUES (1)")))).accounts, acc + 2, "a transaction too");
  const group = [d.transaction((tx) => tx.run("INSERT INTO t VALUES (2)")), d.transaction((tx) => tx.run("UPDATE users SET x = 2"))];
  assert.equal((await step(Promise.all(group))).accounts, acc + 3, "a group of two with one account write: once");
  assert.is(d.accountsGeneration, acc + 3);
  await d.drain();
  d.close();
});

test("writes run on the writer's own connection, not the read pool; close closes both and the held -wal descriptor", async () => {
  const path = join(dir, `own${++n}.db`);
  const fds: number[] = [];
  const d = await openDatabase(`file:${path}`, {
    syncFs: { ...nodeSyncFs, open: async (p) => { const fd = await nodeSyncFs.open(p); if (p.endsWith("-wal")) fds.push(fd); return fd; } },
  });
  await d.client.execute("CREATE TABLE t (x INTEGER NOT NULL)");
  await d.write((db) => db.run("INSERT INTO t VALUES (1)"));
  await d.transaction((tx) => tx.run("INSERT INTO t VALUES (2)"));
  await Promise.all([d.transaction((tx) => tx.run("INSERT INTO t VALUES (3)")), d.transaction((tx) => tx.run("INSERT INTO t VALUES (4)"))]);
  // total_changes() counts the rows changed on one connection; the writer has one connection.
  assert.is(Number((await d.writer.execute("SELECT total_changes()")).rows[0][0]), 4);
  assert.is(fds.length, 1, "the -wal opened once");
  const { fstatSync } = await import("node:fs");
  fstatSync(fds[0]); // open while the DB is
  d.close();
  assert.is(d.writer.closed, true);
  assert.is(d.client.closed, true);
  assert.throws(() => fstatSync(fds[0]), /EBADF/, "the -wal descriptor is closed");
});

test("txClient: the libSQL transaction under a drizzle transaction, its statements in that transaction; anything else is refused", async () => {
  const { d } = await fresh();
  await d.transaction(async (tx) => {
    await txClient(tx).execute({ sql: "INSERT INTO t VALUES (?)", args: [1] });
  });
  const e = await d.transaction(async (tx) => {
    await txClient(tx).execute("INSERT INTO t VALUES (2)");
    throw new Error("rule");
  }).catch((x) => x);
  assert.is(e?.message, "rule");
  assert.is(await count(d), 1, "rolled back with its transaction");
  for (const bad of [{}, { session: {} }, { session: { tx: { execute: 1 } } }, { session: { tx: null } }]) {
    assert.throws(() => txClient(bad as unknown as Tx), (x: Error) => x.message === "txClient: not a drizzle libSQL transaction", JSON.stringify(bad));
  }
  d.close();
});

test("drain waits for a WAL sync still running after the last write left the queue, and for a sync that failed", async () => {
  const { d: setup, path } = await fresh();
  setup.close();
  for (const outcome of ["open", "fail"] as const) {
    const g = gatedFs();
    const d = await openDatabase(`file:${path}`, { syncFs: g.fs });
    const w = d.transaction((tx) => tx.run("INSERT INTO t VALUES (1)")).catch(() => {});
    await g.waitStarted(1);
    const drained = d.drain();
    assert.is(await settledYet(drained), false, "the sync is still running");
    if (outcome === "open") g.gates[0].open();
    else g.gates[0].fail(Object.assign(new Error("EIO"), { code: "EIO" }));
    await drained;
    await w;
    d.close();
  }
});

test("a write that failed by itself reports its own error, also when the WAL sync failed too", async () => {
  const { d: setup, path } = await fresh();
  setup.close();
  const g = gatedFs();
  const d = await openDatabase(`file:${path}`, { syncFs: g.fs });
  const w = d.write((db) => db.run("INSERT INTO t VALUES (1)"));
  await g.waitStarted(1);
  g.gates[0].fail(Object.assign(new Error("EIO"), { code: "EIO" }));
  assert.ok((await w.catch((x) => x)) instanceof WalSyncError);
  const own = await d.write(async () => {
    throw new Error("own");
  }).catch((x) => x);
  assert.is(own?.message, "own");
  await d.drain();
  d.close();
});

test("data_version (the session memo's check for other connections' commits): moves after another connection's commit and after our writer's, not without; 0 in memory; NaN (never trusted) for a server DB", async () => {
  const { d, path } = await fresh();
  const v0 = await d.dataVersion();
  assert.ok(Number.isInteger(v0), String(v0));
  assert.is(await d.dataVersion(), v0, "no commit: the same");
  const other = createClient({ url: `file:${path}` });
  await other.execute("INSERT INTO t VALUES (1)");
  const v1 = await d.dataVersion();
  assert.ok(Number.isInteger(v1) && v1 !== v0, `another connection's commit: ${v0} -> ${v1}`);
  await d.write((db) => db.run("INSERT INTO t VALUES (2)"));
  const v2 = await d.dataVersion();
  assert.ok(Number.isInteger(v2) && v2 !== v1, `our writer's commit (its own connection): ${v1} -> ${v2}`);
  other.close();
  d.close();
  const m = await openDatabase(":memory:");
  assert.is(await m.dataVersion(), 0);
  // Writes in memory need no WAL sync and are answered.
  await m.write((db) => db.run("CREATE TABLE x (a INTEGER)"));
  await m.transaction((tx) => tx.run("INSERT INTO x VALUES (1)"));
  assert.is(Number((await m.client.execute("SELECT count(*) FROM x")).rows[0][0]), 1);
  assert.is(await m.dataVersion(), 0);
  m.close();
  const h = await openDatabase("http://127.0.0.1:9");
  assert.ok(Number.isNaN(await h.dataVersion()), "a server DB");
  h.close();
});

test("the busy timeout: opts.busyTimeoutMs on every connection, else 5 s", async () => {
  for (const [opts, expected] of [[{}, 5000], [{ busyTimeoutMs: 1234 }, 1234]] as const) {
    const d = await openDatabase(`file:${join(dir, `busy${++n}.db`)}`, opts);
    for (const c of [d.client, d.writer]) assert.is(Number((await c.execute("PRAGMA busy_timeout")).rows[0][0]), expected, JSON.stringify(opts));
    d.close();
  }
});

// Changed 2026-12-06 (issue #20, sign-ups second pass): writes and transactions used to get drizzle with the
// schema, as reads do. Every transaction object (a group, each savepoint in it) then built a relational-query
// builder per table, for nothing: no write uses `tx.query`. Now only reads carry the schema.
test("reads get drizzle with the schema (its relational queries); writes and transactions get drizzle without it", async () => {
  const { d } = await fresh();
  assert.type(d.db.query.settings?.findFirst, "function");
  await d.write(async (db) => assert.equal(Object.keys(db.query), [], "write(): no relational-query builders"));
  // A lone transaction and a group (one savepoint per member): none builds them.
  await d.transaction(async (tx) => assert.equal(Object.keys(tx.query), [], "transaction(): no relational-query builders"));
  const seen = await Promise.all([1, 2, 3].map(() => d.transaction(async (tx) => Object.keys(tx.query).length)));
  assert.equal(seen, [0, 0, 0], "a group's savepoints build none either");
  // And the builders a write does use still work without the schema.
  await d.client.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  await d.transaction((tx) => tx.insert(settings).values({ key: "w", value: "1" }));
  assert.equal(await d.db.query.settings.findMany({ where: (s, { eq }) => eq(s.key, "w") }), [{ key: "w", value: "1" }]);
  d.close();
});

test.run();
