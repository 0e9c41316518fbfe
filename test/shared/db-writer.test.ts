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
import { openDatabase, storageErrorCode, DbFileError, WriteQueue, MAX_GROUP, checkPragmas, nodeSyncFs, WalSyncer, WalSyncError, type SyncFs } from "../../src/shared/db.ts";
import { checkHealth } from "../../src/ops/health.ts";
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
    for (let i = 0; i < 10_000 && started < n; i++) await new Promise((r) => setImmediate(r));
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

test.run();
