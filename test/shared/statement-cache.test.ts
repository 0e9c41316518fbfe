// Statements compiled once per connection and reused (src/shared/statement-cache.ts):
// the same rows as compiling anew, no stale snapshot, a failed statement dropped.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { createRequire } from "node:module";
import { openDatabase } from "../../src/shared/db.ts";
import { migrate } from "../../src/shared/migrate.ts";
import { statementCacheStats, statementCacheSwitch, installStatementCache } from "../../src/shared/statement-cache.ts";

const dir = mkdtempSync(join(tmpdir(), "lingong-stmt-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test("a statement run again is reused, and gives the same rows as one compiled anew", async () => {
  const d = await openDatabase(`file:${join(dir, "a.db")}`);
  assert.ok(installStatementCache(), "the cache is installed on libsql's connections");
  await migrate(d.client);
  await d.write((db) => db.run(`INSERT INTO settings (key, value) VALUES ('a', '1'), ('b', '2'), ('c', '3')`));
  const sql = "SELECT key, value FROM settings WHERE key >= ? ORDER BY key";
  const before = { ...statementCacheStats };
  const first = await d.client.execute({ sql, args: ["b"] });
  const again = await d.client.execute({ sql, args: ["b"] });
  const other = await d.client.execute({ sql, args: ["c"] });
  assert.ok(statementCacheStats.reused >= before.reused + 2, "the second and third runs reuse the statement");
  statementCacheSwitch.on = false;
  try {
    const fresh = await d.client.execute({ sql, args: ["b"] });
    assert.equal(fresh.rows.map((r) => [...Object.values(r)]), first.rows.map((r) => [...Object.values(r)]));
  } finally {
    statementCacheSwitch.on = true;
  }
  assert.equal(again.rows.map((r) => r.key), ["b", "c"]);
  assert.equal(other.rows.map((r) => r.key), ["c"], "each run binds its own arguments");
  d.close();
});

test("a reused statement sees what another connection committed since, and its connection can still write", async () => {
  const url = `file:${join(dir, "b.db")}`;
  const d = await openDatabase(url);
  await migrate(d.client);
  const other = createClient({ url });
  const sql = "SELECT count(*) AS n FROM settings WHERE key LIKE 'x%'";
  const count = async () => Number((await d.client.execute(sql)).rows[0].n);
  for (let i = 0; i < 5; i++) {
    assert.is(await count(), i * 2, "reads see every earlier commit");
    await other.execute({ sql: "INSERT INTO settings (key, value) VALUES (?, '1')", args: [`x${i}a`] });
    // A write on this client's connections after the cached read: no SQLITE_BUSY_SNAPSHOT.
    await d.transaction(async (tx) => {
      await tx.run(`INSERT INTO settings (key, value) VALUES ('x${i}b', '1')`);
    });
  }
  assert.is(await count(), 10);
  other.close();
  d.close();
});

test("a statement that failed is dropped from the cache, and the same text works next time", async () => {
  const d = await openDatabase(`file:${join(dir, "c.db")}`);
  await migrate(d.client);
  const sql = "INSERT INTO settings (key, value) VALUES (?, ?)";
  await d.write(() => d.client.execute({ sql, args: ["k", "1"] }));
  let refused = false;
  try {
    await d.write(() => d.client.execute({ sql, args: ["k", "2"] }));
  } catch {
    refused = true;
  }
  assert.ok(refused, "the duplicate key is refused");
  const before = statementCacheStats.prepared;
  await d.write(() => d.client.execute({ sql, args: ["m", "3"] }));
  assert.is(statementCacheStats.prepared, before + 1, "compiled anew after the failure");
  const rows = await d.client.execute("SELECT key, value FROM settings WHERE key IN ('k', 'm') ORDER BY key");
  assert.equal(rows.rows.map((r) => `${r.key}=${r.value}`), ["k=1", "m=3"]);
  d.close();
});


test("a kept statement is asked for its settings and columns once, not on every run", async () => {
  // libsql's Statement class, reached through a statement of a connection of its own: counted before any
  // statement below is made, so the kept statements' own copies of the methods are the counting ones.
  const Database = createRequire(createRequire(import.meta.url).resolve("@libsql/client"))("libsql") as new (path: string) => { prepare(sql: string): object; close(): void };
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, (...a: unknown[]) => unknown>;
  probe.close();
  const names = ["raw", "safeIntegers", "columns"] as const;
  const calls = { raw: 0, safeIntegers: 0, columns: 0 };
  const saved = names.map((k) => proto[k]);
  names.forEach((k, i) => {
    proto[k] = function (this: unknown, ...a: unknown[]) {
      calls[k]++;
      return saved[i].apply(this, a);
    };
  });
  try {
    const d = await openDatabase(`file:${join(dir, "settings.db")}`);
    await migrate(d.client);
    // The writer: one connection, so one kept statement per text.
    const c = d.writer;
    const before = { ...calls };
    const inserted: number[] = [];
    const read: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      inserted.push((await c.execute({ sql: "INSERT INTO settings (key, value) VALUES (?, ?)", args: [`k${i}`, String(i)] })).rowsAffected);
      read.push((await c.execute({ sql: "SELECT key, value FROM settings WHERE key = ?", args: [`k${i}`] })).rows.map((r) => [r.key, r.value]));
    }
    assert.equal(inserted, [1, 1, 1, 1, 1], "an INSERT without rows still runs (its raw() refusal kept)");
    assert.equal(read, [0, 1, 2, 3, 4].map((i) => [[`k${i}`, String(i)]]), "a SELECT still answers its rows, by column name");
    assert.is(calls.raw - before.raw, 2, "raw(true) once per statement");
    assert.is(calls.safeIntegers - before.safeIntegers, 2, "safeIntegers(true) once per statement");
    assert.is(calls.columns - before.columns, 1, "the SELECT's columns once");
    d.close();
  } finally {
    names.forEach((k, i) => (proto[k] = saved[i]));
  }
});

test.run();
