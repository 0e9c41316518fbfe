// Clean shutdown (issue 18): createApp(deps).stop() stops the features'
// timers, waits for requests in flight and every queued write, folds the WAL
// into the DB file and closes it. Nothing acknowledged — nor anything queued —
// is lost; the real server does the same on SIGTERM.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { statSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { sql } from "drizzle-orm";
import { makeTestApp } from "../helpers/app.ts";
import { addAccount, openDeps, remoteBrowser, startServer, tempDir } from "./helpers.ts";

test("stop() with 300 writes and 100 transactions still queued loses none, and leaves an empty WAL", async () => {
  const t = await makeTestApp();
  const file = join(t.dir, "test.db");
  try {
    await t.deps.database.write((db) => db.run(sql`CREATE TABLE shutdown_probe (n INTEGER NOT NULL)`));
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) pending.push(t.deps.database.write((db) => db.run(sql`INSERT INTO shutdown_probe (n) VALUES (${i})`)));
    for (let i = 300; i < 400; i++) pending.push(t.deps.database.transaction((tx) => tx.run(sql`INSERT INTO shutdown_probe (n) VALUES (${i})`)));
    // Stop at once, with nearly all of them still waiting in the queue.
    await t.app.stop();
    const outcomes = await Promise.allSettled(pending);
    assert.equal(outcomes.filter((o) => o.status === "rejected"), [], "every queued write was run, none refused");
    assert.is(statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0, 0, "WAL checkpointed and truncated");
    const c = createClient({ url: `file:${file}` });
    const rs = await c.execute("SELECT count(*), count(DISTINCT n) FROM shutdown_probe");
    c.close();
    assert.equal([Number(rs.rows[0][0]), Number(rs.rows[0][1])], [400, 400]);
    // A second stop is harmless.
    await t.app.stop();
  } finally {
    t.close();
  }
});

test("stop() waits for a request in flight whose write comes after a slow read", async () => {
  const t = await makeTestApp();
  try {
    await t.deps.database.write((db) => db.run(sql`CREATE TABLE shutdown_probe (n INTEGER NOT NULL)`));
    t.app.get("/__slow", async (c) => {
      await new Promise((r) => setTimeout(r, 300));
      await c.var.deps.database.write((db) => db.run(sql`INSERT INTO shutdown_probe (n) VALUES (1)`));
      return c.text("saved");
    });
    const res = t.app.request("/__slow");
    await new Promise((r) => setTimeout(r, 50));
    await t.app.stop();
    assert.is(await (await res).text(), "saved");
    const c = createClient({ url: `file:${join(t.dir, "test.db")}` });
    assert.is(Number((await c.execute("SELECT count(*) FROM shutdown_probe")).rows[0][0]), 1);
    c.close();
  } finally {
    t.close();
  }
});

test("the real server on SIGTERM: every sign-in answered before it stops is in the DB, it logs stopping/stopped and exits 0", async () => {
  const tmp = tempDir();
  try {
    const deps = await openDeps(tmp.url);
    const u = await addAccount(deps, { role: "city_admin", phone: "13800000001" });
    deps.database.close();
    const s = await startServer({ DATABASE_URL: tmp.url });
    const answered: number[] = [];
    const runs = Array.from({ length: 20 }, async () => {
      const b = remoteBrowser(s);
      try {
        await b.login(u.phone, u.password);
        answered.push(1);
      } catch {
        /* refused once the server stops: not acknowledged, not counted */
      }
    });
    await new Promise((r) => setTimeout(r, 200));
    const stopped = s.stop();
    await Promise.all(runs);
    await stopped;
    assert.is(await s.exited, 0);
    assert.match(s.stdout(), '"msg":"stopped"');
    const again = await openDeps(tmp.url);
    const rs = await again.database.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM sessions`);
    again.database.close();
    assert.ok(rs[0].n >= answered.length, `${rs[0].n} sessions for ${answered.length} answered sign-ins`);
  } finally {
    tmp.cleanup();
  }
});

test.run();
