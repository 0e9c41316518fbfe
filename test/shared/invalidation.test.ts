// The invalidation contract (src/shared/shown-tables.ts, docs/architecture.md):
// a write empties the page cache and the memos only when it may have changed a
// table a public page shows. A failed hotline lookup, a login and a staff
// viewing a posting write only unshown tables (throttles, sessions, the audit
// log) and keep every cached page; a change to a posting empties the cache.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, signedIn, addUser, addMarket, type TestApp } from "../helpers/app.ts";
import { addEmployer, addPosting } from "../features/jobs/fixtures.ts";
import { paths } from "../../src/paths.ts";
import { statementEffect, UNSHOWN_TABLES } from "../../src/shared/shown-tables.ts";
import * as schema from "../../db/schema/index.ts";
import { getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";

// The longest the config allows, so a slow machine does not expire the page mid-test.
const LONG_CACHE = { PAGE_CACHE_SECONDS: "300" };

/** An anonymous visitor's cached posting page, and a way to tell whether it is still the cached one. */
async function cachedPosting(t: TestApp) {
  const owner = await addEmployer(t);
  const id = await addPosting(t, owner.employerId, { title: "家里打扫卫生" });
  const anon = t.client();
  assert.match((await anon.get(paths.jobs.show(id))).html, "家里打扫卫生");
  // Behind the app's back (as another process would): the cached page does not see it.
  await t.deps.database.client.execute({ sql: "UPDATE job_postings SET title = '店里帮忙搬货' WHERE id = ?", args: [id] });
  const title = async () => ((await anon.get(paths.jobs.show(id))).html.includes("店里帮忙搬货") ? "new" : "cached");
  assert.is(await title(), "cached");
  return { id, owner, title };
}

test("a failed hotline lookup keeps the cached pages and memos", async () => {
  const t = await makeTestApp({ env: LONG_CACHE });
  try {
    const { title } = await cachedPosting(t);
    const before = t.deps.database.generation;
    const b = t.client();
    await b.get(paths.hotline.status);
    const r = await b.post(paths.hotline.status, { number: "XC-20261128-0001", lastFour: "1234" });
    assert.is(r.status, 400, "the lookup failed");
    const tries = await t.deps.database.client.execute("SELECT count(*) FROM hotline_throttle");
    assert.ok(Number(tries.rows[0][0]) > 0, "the failed try was counted");
    assert.is(t.deps.database.generation, before);
    assert.is(await title(), "cached");
  } finally {
    t.close();
  }
});

test("a staff login (throttle, session, audit rows) keeps the cached pages", async () => {
  const t = await makeTestApp({ env: LONG_CACHE });
  try {
    const staff = await addUser(t, { role: "staff", marketId: await addMarket(t) });
    const { title } = await cachedPosting(t);
    const before = t.deps.database.generation;
    const b = t.client();
    await b.get(paths.accounts.login);
    assert.is((await b.post(paths.accounts.login, { phone: staff.phone, secret: "not the password" })).status, 401);
    await b.login(staff.phone, staff.password);
    assert.is(b.last.status, 303, "signed in");
    const audit = await t.deps.database.client.execute("SELECT count(*) FROM audit_log WHERE action = 'login'");
    assert.is(Number(audit.rows[0][0]), 1);
    assert.is(t.deps.database.generation, before);
    assert.is(await title(), "cached");
  } finally {
    t.close();
  }
});

test("a staff viewing a posting (an audit row) keeps the cached pages; closing it empties them", async () => {
  const t = await makeTestApp({ env: LONG_CACHE });
  try {
    const market = await addMarket(t);
    const staff = await signedIn(t, { role: "staff", marketId: market });
    const { id, owner, title } = await cachedPosting(t);
    const before = t.deps.database.generation;
    await staff.get(paths.jobs.show(id));
    assert.is(staff.last.status, 200);
    const audit = await t.deps.database.client.execute("SELECT count(*) FROM audit_log WHERE action = 'posting.view'");
    assert.is(Number(audit.rows[0][0]), 1);
    assert.is(t.deps.database.generation, before);
    assert.is(await title(), "cached");
    // The owner closes it: a posting changed, so the next anonymous visitor sees the database as it is.
    const emp = t.client();
    await emp.login(owner.phone, owner.password);
    await emp.get(paths.jobs.show(id));
    await emp.post(paths.jobs.close(id), {});
    assert.is(emp.last.status, 303, "closed");
    assert.ok(t.deps.database.generation > before);
    assert.is(await title(), "new");
  } finally {
    t.close();
  }
});

test("statements: reads and transaction control change nothing; unshown tables alone keep the caches; anything else empties them", () => {
  const cases: [string, "none" | "unshown" | "shown"][] = [
    ['select "id" from "job_postings"', "none"],
    ["savepoint sp0", "none"],
    ["  PRAGMA wal_checkpoint(TRUNCATE)", "none"],
    ['insert into "audit_log" ("at") values (?)', "unshown"],
    ['delete from "sessions" where "id_hash" = ?', "unshown"],
    ['update "sessions" set "last_seen_at" = ?', "unshown"],
    ["INSERT OR IGNORE INTO hotline_throttle (key) VALUES (?)", "unshown"],
    ['insert into "job_postings" ("title") values (?)', "shown"],
    ['update "settings" set "value" = ?', "shown"],
    ["WITH x AS (SELECT 1) UPDATE job_postings SET status = 'closed'", "shown"],
    ["WITH x AS (SELECT 1) SELECT * FROM x", "none"],
    ["CREATE TABLE t (x)", "shown"],
  ];
  for (const [sql, effect] of cases) assert.is(statementEffect(sql), effect, sql);
});

test("every unshown table exists (a rename must not silently make writes to it shown… or the list stale)", () => {
  const names = new Set(Object.values(schema).filter((t) => is(t, SQLiteTable)).map((t) => getTableName(t as SQLiteTable)));
  for (const name of UNSHOWN_TABLES) assert.ok(names.has(name), name);
});

test.run();
