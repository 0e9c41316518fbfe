// The data layer: PRAGMAs hold on every connection (also after transactions),
// the writer queue runs writes one at a time in order, and migrations apply once.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { openDatabase, checkPragmas, WriteQueue, MAX_GROUP, POOL_CONNECTIONS, writerPragmas } from "../../src/shared/db.ts";
import { migrate, loadMigrations, NewerDatabaseError } from "../../src/shared/migrate.ts";

const dir = mkdtempSync(join(tmpdir(), "lingong-db-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test("foreign keys, synchronous=FULL and WAL hold on every pooled connection, also after transactions; the writer's own connection is NORMAL (its WAL synced by WalSyncer)", async () => {
  const d = await openDatabase(`file:${join(dir, "p.db")}`);
  await migrate(d.client);
  // Hold several transactions open at once so the pool must open new connections (one left for the check).
  const txs = await Promise.all(Array.from({ length: POOL_CONNECTIONS - 1 }, () => d.client.transaction("read")));
  for (let i = 0; i < 5; i++) await checkPragmas(d.client);
  await Promise.all(txs.map((t) => t.commit()));
  await d.transaction(async (tx) => {
    await tx.run(`INSERT INTO settings (key, value) VALUES ('a', '1')`);
  });
  const after = await checkPragmas(d.client);
  assert.equal(after, { foreign_keys: 1, synchronous: 2, journal_mode: "wal" });
  assert.is.not(d.writer, d.client, "a file DB's writer has a connection of its own");
  assert.equal(await checkPragmas(d.writer, writerPragmas), { foreign_keys: 1, synchronous: 1, journal_mode: "wal" });
  const e = await checkPragmas(d.writer).catch((x) => x);
  assert.is(e?.message, "PRAGMA synchronous is 1, expected 2", "the read pool's rule does not fit the writer");
  // drizzle knows the schema: the relational queries (db.query.*) the repos use work.
  assert.equal(await d.db.query.settings.findMany(), [{ key: "a", value: "1" }]);
  // And foreign keys are really enforced on whichever connection the write gets.
  let refused = false;
  try {
    await d.write((db) => db.run(`INSERT INTO townships (code, name, county_code) VALUES ('999999001', 'x', '999999')`));
  } catch {
    refused = true;
  }
  assert.ok(refused, "a township with an unknown county must be refused");
  d.close();
});

test("a file DB's reads share one connection, however many run at once, and all of them are answered", async () => {
  const d = await openDatabase(`file:${join(dir, "one-reader.db")}`);
  await migrate(d.client);
  await d.write((db) => db.run(`INSERT INTO settings (key, value) VALUES ('k', 'v')`));
  // Every statement libsql prepares, and on which connection (the statement cache sits on the same method).
  const { Database } = { Database: createRequire(createRequire(import.meta.url).resolve("@libsql/client"))("libsql") } as {
    Database: { prototype: { prepare: (this: object, sql: string) => unknown } };
  };
  const prepare = Database.prototype.prepare;
  const used = new Set<object>();
  Database.prototype.prepare = function (this: object, sql: string) {
    used.add(this);
    return prepare.call(this, sql);
  };
  try {
    // Started together, as the reads of many requests are: each borrows a connection before the first returns it.
    const rows = await Promise.all(Array.from({ length: 20 }, () => d.client.execute("SELECT value FROM settings WHERE key = 'k'")));
    assert.equal(rows.map((r) => r.rows[0]?.[0]), Array(20).fill("v"), "every read is answered");
    assert.is(used.size, 1, "one connection (one SQLite page cache) for the reads");
    assert.is(used.size, POOL_CONNECTIONS);
    // The writer keeps its own: a write in between goes through it, not through the readers' connection.
    used.clear();
    await Promise.all([d.write((db) => db.run(`UPDATE settings SET value = 'w' WHERE key = 'k'`)), d.client.execute("SELECT 1")]);
    assert.is(used.size, 2, "the writer's connection and the reader's");
  } finally {
    Database.prototype.prepare = prepare;
    d.close();
  }
});

test("the write queue runs tasks one at a time, in the order they came", async () => {
  const q = new WriteQueue();
  const log: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const task = (name: string, ms: number, fail = false) => async () => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    log.push(`start ${name}`);
    await new Promise((r) => setTimeout(r, ms));
    log.push(`end ${name}`);
    running--;
    if (fail) throw new Error(name);
    return name;
  };
  const results = await Promise.allSettled([q.run(task("a", 20)), q.run(task("b", 1, true)), q.run(task("c", 5))]);
  assert.equal(maxRunning, 1);
  assert.equal(log, ["start a", "end a", "start b", "end b", "start c", "end c"]);
  assert.equal(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled"], "a failed task does not stop the queue");
});

test("transactions that arrive together commit together; one that throws is rolled back alone", async () => {
  const d = await openDatabase(`file:${join(dir, "group.db")}`);
  await migrate(d.client);
  const before = { ...d.commits };
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, (_, i) =>
      d.transaction(async (tx) => {
        await tx.run(`INSERT INTO settings (key, value) VALUES ('g${i}', 'x')`);
        // Reads inside a group see what the earlier members wrote, as if each had committed in turn.
        if (i > 0) assert.is(Number((await tx.all<{ n: number }>(`SELECT count(*) AS n FROM settings WHERE key = 'g0'`))[0].n), 1);
        if (i === 10) throw new Error("refused");
        return i;
      }),
    ),
  );
  assert.equal(results.filter((r) => r.status === "rejected").length, 1);
  assert.is((results[10] as PromiseRejectedResult).reason.message, "refused");
  assert.equal(results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<number>).value), [...Array(50).keys()].filter((i) => i !== 10));
  const rows = await d.client.execute("SELECT key FROM settings WHERE key LIKE 'g%' ORDER BY rowid");
  assert.equal(rows.rows.map((r) => r[0]), [...Array(50).keys()].filter((i) => i !== 10).map((i) => `g${i}`));
  assert.is(d.commits.transactions - before.transactions, 50);
  // All 50 were waiting when the writer got to them: one COMMIT.
  assert.is(d.commits.commits - before.commits, 1);
  d.close();
});

test(`a group holds at most ${MAX_GROUP} transactions`, async () => {
  const d = await openDatabase(`file:${join(dir, "group-max.db")}`);
  await migrate(d.client);
  const before = d.commits.commits;
  await Promise.all(Array.from({ length: 200 }, (_, i) => d.transaction((tx) => tx.run(`INSERT INTO settings (key, value) VALUES ('m${i}', 'x')`))));
  assert.is(d.commits.commits - before, Math.ceil(200 / MAX_GROUP));
  assert.is(Number((await d.client.execute("SELECT count(*) FROM settings WHERE key LIKE 'm%'")).rows[0][0]), 200);
  d.close();
});

test("when a group's COMMIT fails, every member is answered with the error and none is stored", async () => {
  const d = await openDatabase(`file:${join(dir, "group-fail.db")}`);
  await migrate(d.client);
  // A deferred foreign key is checked only at COMMIT: the way to make a COMMIT fail on purpose.
  await d.write((db) => db.run(`CREATE TABLE parent (id INTEGER PRIMARY KEY)`));
  await d.write((db) => db.run(`CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`));
  // `slow` holds the writer until the three below are queued behind it (no sleeps: it tells us it
  // has started, and waits for the gate), so they wait together and go as one group.
  let started!: () => void;
  const hasStarted = new Promise<void>((r) => (started = r));
  let openGate!: () => void;
  const gate = new Promise<void>((r) => (openGate = r));
  const slow = d.transaction(async (tx) => {
    await tx.run(`INSERT INTO settings (key, value) VALUES ('alone', 'x')`);
    started();
    await gate;
  });
  await hasStarted;
  const commitsBefore = d.commits.commits;
  const group = [
    d.transaction((tx) => tx.run(`INSERT INTO settings (key, value) VALUES ('f1', 'x')`)),
    d.transaction((tx) => tx.run(`INSERT INTO child (parent_id) VALUES (999)`)),
    d.transaction((tx) => tx.run(`INSERT INTO settings (key, value) VALUES ('f2', 'x')`)),
  ];
  const settled = Promise.allSettled(group);
  openGate();
  await slow;
  const results = await settled;
  assert.is(d.commits.commits - commitsBefore, 1, "the three queued behind `slow` went as one group (one COMMIT, which failed)");
  assert.equal(results.map((r) => r.status), ["rejected", "rejected", "rejected"]);
  assert.match(String((results[0] as PromiseRejectedResult).reason), /FOREIGN KEY/i);
  const rows = await d.client.execute("SELECT key FROM settings WHERE key IN ('alone', 'f1', 'f2')");
  assert.equal(rows.rows.map((r) => r[0]), ["alone"]);
  assert.is(Number((await d.client.execute("SELECT count(*) FROM child")).rows[0][0]), 0);
  // The writer goes on afterwards.
  await d.transaction((tx) => tx.run(`INSERT INTO settings (key, value) VALUES ('after', 'x')`));
  assert.is(Number((await d.client.execute("SELECT count(*) FROM settings WHERE key = 'after'")).rows[0][0]), 1);
  d.close();
});

test("a failed transaction is rolled back and leaves nothing behind", async () => {
  const d = await openDatabase(`file:${join(dir, "rb.db")}`);
  await migrate(d.client);
  await d
    .transaction(async (tx) => {
      await tx.run(`INSERT INTO settings (key, value) VALUES ('half', 'written')`);
      throw new Error("boom");
    })
    .catch(() => {});
  const rs = await d.client.execute("SELECT count(*) FROM settings WHERE key = 'half'");
  assert.is(Number(rs.rows[0][0]), 0);
  d.close();
});

test("migrations apply once each, in name order, and a DB from a newer release is refused", async () => {
  const d = await openDatabase(`file:${join(dir, "m.db")}`);
  const all = loadMigrations();
  assert.ok(all.length >= 2);
  assert.equal(all.map((m) => m.name), [...all.map((m) => m.name)].sort());
  assert.equal(await migrate(d.client), all.map((m) => m.name));
  assert.equal(await migrate(d.client), []);
  await d.client.execute("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_from_the_future.sql', 0)");
  let err: unknown;
  try {
    await migrate(d.client);
  } catch (e) {
    err = e;
  }
  assert.instance(err, NewerDatabaseError);
  d.close();
});

test("a migration that fails is rolled back whole and not recorded", async () => {
  const mdir = join(dir, "migs") + "/";
  mkdirSync(mdir, { recursive: true });
  writeFileSync(mdir + "0001_ok.sql", "CREATE TABLE a (x INTEGER);");
  writeFileSync(mdir + "0002_broken.sql", "CREATE TABLE b (x INTEGER);\nINSERT INTO nope VALUES (1);");
  const d = await openDatabase(`file:${join(dir, "mf.db")}`);
  let failed = false;
  try {
    await migrate(d.client, loadMigrations(mdir));
  } catch {
    failed = true;
  }
  assert.ok(failed);
  const tables = (await d.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a','b')")).rows.map((r) => r[0]);
  assert.equal(tables, ["a"]);
  const applied = (await d.client.execute("SELECT name FROM schema_migrations")).rows.map((r) => r[0]);
  assert.equal(applied, ["0001_ok.sql"]);
  d.close();
});

test("every drizzle table matches the migrated DB: same columns, same NOT NULL", async () => {
  const { getTableConfig } = await import("drizzle-orm/sqlite-core");
  const schema = await import("../../db/schema/index.ts");
  const d = await openDatabase(`file:${join(dir, "s.db")}`);
  await migrate(d.client);
  const problems: string[] = [];
  let checked = 0;
  for (const value of Object.values(schema)) {
    if (!value || typeof value !== "object" || !(Symbol.for("drizzle:IsDrizzleTable") in (value as object))) continue;
    checked++;
    const cfg = getTableConfig(value as never);
    const cols = (await d.client.execute(`PRAGMA table_info(${cfg.name})`)).rows;
    if (cols.length === 0) {
      problems.push(`table ${cfg.name} is not in any migration`);
      continue;
    }
    const inDb = new Map(cols.map((c) => [String(c.name), Number(c.notnull) === 1 || Number(c.pk) > 0]));
    for (const col of cfg.columns) {
      if (!inDb.has(col.name)) problems.push(`${cfg.name}.${col.name} missing in DB`);
      else if (inDb.get(col.name) !== (col.notNull || col.primary)) problems.push(`${cfg.name}.${col.name}: NOT NULL differs`);
    }
    for (const name of inDb.keys()) if (!cfg.columns.some((c) => c.name === name)) problems.push(`${cfg.name}.${name} missing in drizzle schema`);
  }
  assert.equal(problems, []);
  assert.ok(checked >= 20, `only ${checked} tables found in db/schema`);
  d.close();
});

test.run();
