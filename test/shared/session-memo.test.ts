// The memo of session rows (src/shared/session.ts, issue #20): a signed-in
// request answered without the session query, yet never for a session that is
// signed out, a user who is disabled, or a session past its idle limit. Each
// test first shows that the memo does answer (its hit count rises), then makes
// the change and checks that the very next request is refused.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Hono } from "hono";
import { createClient } from "@libsql/client";
import { eq } from "drizzle-orm";
import { makeTestApp, addUser, type TestApp } from "../helpers/app.ts";
import { loadSession, startSession, endSession, endAllSessions, sessionMemoHits, SESSION_MEMO_MS, SESSION_TOUCH_SQL } from "../../src/shared/session.ts";
import { sessions, users, jobPostings } from "../../db/schema/index.ts";
import type { AppEnv } from "../../src/shared/context.ts";

let t: TestApp;
let app: Hono<AppEnv>;
// The memo also ends an entry after SESSION_MEMO_MS of real time (performance.now). On a machine at load 20+
// two requests of one test could be a second apart, and the memo's hit count would then fail a test that is
// not about real time: so real time stands still in this file, except where a test moves it (withRealTime).
const realPerformanceNow = performance.now;
test.before(async () => {
  const frozen = realPerformanceNow.call(performance);
  performance.now = () => frozen;
  t = await makeTestApp();
  app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("deps", t.deps);
    await loadSession(c);
    await next();
  });
  app.post("/start/:id", async (c) => {
    await startSession(c, Number(c.req.param("id")));
    return c.text("ok");
  });
  app.get("/who", (c) => c.json({ id: c.var.user?.id ?? null, name: c.var.user?.name ?? null, hash: c.var.sessionHash }));
  app.post("/end", async (c) => {
    await endSession(c);
    return c.text("ok");
  });
});
test.after(() => {
  performance.now = realPerformanceNow;
  return t.close();
});

const MIN = 60_000;

/** A signed-in cookie header for a new user of `role`. */
async function signedIn(role: "worker" | "employer" = "worker") {
  const u = await addUser(t, { role, countyCode: "411024" });
  const res = await app.request("http://localhost/start/" + u.id, { method: "POST" });
  const cookie = res.headers.getSetCookie()[0].split(";")[0];
  return { id: u.id, cookie };
}
const who = async (cookie: string) => (await (await app.request("http://localhost/who", { headers: { cookie } })).json()) as { id: number | null; name: string | null; hash: string | null };

/**
 * Requests until the memo answers, at most three (else the memo is not used at all and the tests below prove
 * nothing). The first reads the row under the last data_version reading; when a commit came after that reading
 * (the sign-in's own, here) the second reads it again under a fresh one (see the data_version test below); the
 * next is the memo's. (Before 2026-12-06 every row was read under a reading of its own: the second request.)
 */
async function remembered(cookie: string, id: number) {
  assert.is((await who(cookie)).id, id);
  for (let i = 0; i < 2; i++) {
    const hits = sessionMemoHits(t.deps);
    assert.is((await who(cookie)).id, id);
    if (sessionMemoHits(t.deps) === hits + 1) return;
  }
  assert.unreachable("the third request was not answered by the memo");
}

test("a signed-out session is never served from the memo, even from another browser holding the same cookie", async () => {
  const { id, cookie } = await signedIn();
  await remembered(cookie, id);
  await app.request("http://localhost/end", { method: "POST", headers: { cookie } });
  assert.equal(await who(cookie), { id: null, name: null, hash: null });
  assert.is((await t.db.select().from(sessions).where(eq(sessions.userId, id))).length, 0);
});

test("'end every session' (a password reset) and a disabled account: the next request is signed out", async () => {
  const a = await signedIn();
  await remembered(a.cookie, a.id);
  await endAllSessions(t.deps, a.id);
  assert.is((await who(a.cookie)).id, null, "after endAllSessions");

  const b = await signedIn("employer");
  await remembered(b.cookie, b.id);
  await t.deps.database.write((db) => db.update(users).set({ disabledAt: t.clock.now() }).where(eq(users.id, b.id)), { pages: false });
  assert.is((await who(b.cookie)).id, null, "a disabled user, even by a write that keeps the page caches");
});

test("past the idle limit (by the injected clock) the memo does not answer, and the session ends", async () => {
  const { id, cookie } = await signedIn();
  const start = t.clock.now();
  await remembered(cookie, id);
  t.clock.advance(t.deps.config.idleMinutes.other * MIN + 1);
  assert.is((await who(cookie)).id, null);
  t.clock.set(start);
  assert.is((await who(cookie)).id, null, "the ended session does not come back");
});

test("a request due for the once-a-minute touch goes to the DB and writes last seen", async () => {
  const { id, cookie } = await signedIn();
  const start = t.clock.now();
  await remembered(cookie, id);
  t.clock.advance(MIN + 1);
  const hits = sessionMemoHits(t.deps);
  assert.is((await who(cookie)).id, id);
  assert.is(sessionMemoHits(t.deps), hits, "not from the memo");
  const [row] = await t.db.select().from(sessions).where(eq(sessions.userId, id));
  assert.is(row.lastSeenAt, start + MIN + 1);
  t.clock.set(start);
});

test("the touch is one fixed statement (SESSION_TOUCH_SQL) handed to the writer's transaction, not a query drizzle builds", async () => {
  const { id, cookie } = await signedIn();
  const start = t.clock.now();
  await remembered(cookie, id);
  t.clock.advance(MIN + 1);
  // Every statement the writer's transactions run while the touch is made.
  const writer = t.deps.database.writer as unknown as { transaction: (m?: unknown) => Promise<{ execute: (s: unknown) => unknown }> };
  const own = Object.getOwnPropertyDescriptor(writer, "transaction");
  const original = writer.transaction;
  const seen: string[] = [];
  writer.transaction = async (m) => {
    const tx = await original.call(writer, m);
    const execute = tx.execute.bind(tx);
    tx.execute = (s: unknown) => (seen.push(typeof s === "string" ? s : (s as { sql: string }).sql), execute(s));
    return tx;
  };
  try {
    assert.is((await who(cookie)).id, id);
  } finally {
    if (own) Object.defineProperty(writer, "transaction", own);
    else delete (writer as { transaction?: unknown }).transaction;
  }
  assert.equal(seen, [SESSION_TOUCH_SQL], "the touch alone, as the fixed SQL");
  const [row] = await t.db.select().from(sessions).where(eq(sessions.userId, id));
  assert.is(row.lastSeenAt, start + MIN + 1);
  t.clock.set(start);
});

test("SESSION_TOUCH_SQL is the statement drizzle builds for the touch (a twin)", () => {
  const built = t.db.update(sessions).set({ lastSeenAt: 1 }).where(eq(sessions.idHash, "x")).toSQL();
  assert.equal(built.params, [1, "x"], "the same arguments, in the same order");
  const plain = built.sql.replace(/"sessions"\./g, "").replace(/"/g, "").toLowerCase();
  assert.is(plain, SESSION_TOUCH_SQL.toLowerCase());
});

test("a change to the user (her name) shows on the next request; a write to another table keeps the memo", async () => {
  const { id, cookie } = await signedIn();
  await remembered(cookie, id);
  await t.deps.database.write((db) => db.update(users).set({ name: "新名字" }).where(eq(users.id, id)));
  assert.is((await who(cookie)).name, "新名字");
  await remembered(cookie, id);
  const generation = t.deps.database.accountsGeneration;
  await t.deps.database.write((db) => db.update(jobPostings).set({ title: "x" }).where(eq(jobPostings.id, -1)));
  assert.is(t.deps.database.accountsGeneration, generation, "job_postings is not an account table");
  const hits = sessionMemoHits(t.deps);
  assert.is((await who(cookie)).id, id);
  assert.is(sessionMemoHits(t.deps), hits + 1);
});

test("the accounts generation: raised by sessions, users and markets (pages or not), a write not understood, a write with no statement", async () => {
  const g = () => t.deps.database.accountsGeneration;
  let before = g();
  await t.deps.database.write((db) => db.delete(sessions).where(eq(sessions.idHash, "none")), { pages: false });
  assert.is(g(), before + 1, "sessions, pages: false");
  before = g();
  await t.deps.database.transaction((tx) => tx.update(sessions).set({ lastSeenAt: 1 }).where(eq(sessions.idHash, "none")));
  assert.is(g(), before + 1, "a transaction on sessions");
  before = g();
  await t.deps.database.write((db) => db.run("CREATE TEMP TABLE IF NOT EXISTS memo_probe (x)"));
  assert.is(g(), before + 1, "a statement not understood");
  before = g();
  await t.deps.database.write(async () => {});
  assert.is(g(), before + 1, "a write that ran nothing");
});

test("a handler that changes its user object does not change the next request's", async () => {
  const { id, cookie } = await signedIn();
  const mutating = new Hono<AppEnv>();
  mutating.use(async (c, next) => {
    c.set("deps", t.deps);
    await loadSession(c);
    await next();
  });
  mutating.get("/", (c) => {
    c.var.user!.name = "改过";
    return c.text("ok");
  });
  await remembered(cookie, id);
  await mutating.request("http://localhost/", { headers: { cookie } });
  await mutating.request("http://localhost/", { headers: { cookie } });
  assert.is.not((await who(cookie)).name, "改过");
});

/** Runs `f` with performance.now() reading `at()` (the memo's real-time limit), restoring it after. */
async function withRealTime<T>(at: () => number, f: () => Promise<T>): Promise<T> {
  const real = performance.now;
  performance.now = at;
  try {
    return await f();
  } finally {
    performance.now = real;
  }
}

test("another process's write (npm run admin disabling an account) moves no generation of ours, yet the very next request is signed out (SQLite's data_version)", async () => {
  const { id, cookie } = await signedIn();
  await remembered(cookie, id);
  const generation = t.deps.database.accountsGeneration;
  const other = createClient({ url: t.deps.config.databaseUrl });
  try {
    await other.execute({ sql: "UPDATE users SET disabled_at = ? WHERE id = ?", args: [t.clock.now(), id] });
  } finally {
    other.close();
  }
  assert.is(t.deps.database.accountsGeneration, generation, "the other process's write moved no generation of ours");
  const hits = sessionMemoHits(t.deps);
  assert.is((await who(cookie)).id, null, "the DB answers, and the account is disabled");
  assert.is(sessionMemoHits(t.deps), hits, "not from the memo");
  assert.is((await t.db.select().from(sessions).where(eq(sessions.userId, id))).length, 0, "its session row is deleted");
});

test("a row read under the last data_version reading (not read anew): another process's commit since that reading keeps the row from the memo once; the next reading serves again", async () => {
  const a = await signedIn();
  const b = await signedIn();
  await remembered(a.cookie, a.id); // data_version read (its hit reads it again)
  const other = createClient({ url: t.deps.config.databaseUrl });
  try {
    await other.execute("INSERT INTO settings (key, value) VALUES ('memo-test', '1')");
  } finally {
    other.close();
  }
  // b's row is queried under the reading taken before that commit: kept under the older reading...
  const hits = sessionMemoHits(t.deps);
  assert.is((await who(b.cookie)).id, b.id);
  // ...so it does not answer: data_version has moved since. That request reads data_version anew,
  assert.is((await who(b.cookie)).id, b.id);
  assert.is(sessionMemoHits(t.deps), hits, "kept under a reading older than the commit: the DB answers");
  // and the row it reads is kept under the new reading: the memo answers again.
  assert.is((await who(b.cookie)).id, b.id);
  assert.is(sessionMemoHits(t.deps), hits + 1);
});

test("an entry answers for less than SESSION_MEMO_MS of real time after its row was read, then the DB does", async () => {
  assert.is(SESSION_MEMO_MS, 1000);
  const { id, cookie } = await signedIn();
  let realNow = 5_000_000;
  await withRealTime(() => realNow, async () => {
    await remembered(cookie, id); // read at realNow: the entry's time
    realNow += 999;
    const hits = sessionMemoHits(t.deps);
    assert.is((await who(cookie)).id, id);
    assert.is(sessionMemoHits(t.deps), hits + 1, "999 ms after the read: the memo's copy");
    realNow += 1;
    assert.is((await who(cookie)).id, id);
    assert.is(sessionMemoHits(t.deps), hits + 1, "1000 ms after the read: the DB answers");
  });
});

test("exactly one minute after last seen the memo still answers and nothing is written; 1 ms more and the DB answers with the touch", async () => {
  const { id, cookie } = await signedIn();
  await withRealTime(() => 6_000_000, async () => {
    const start = t.clock.now();
    await remembered(cookie, id);
    t.clock.advance(MIN);
    const hits = sessionMemoHits(t.deps);
    assert.is((await who(cookie)).id, id);
    assert.is(sessionMemoHits(t.deps), hits + 1, "60 000 ms idle: not due for a touch, the memo answers");
    const [row] = await t.db.select().from(sessions).where(eq(sessions.userId, id));
    assert.is(row.lastSeenAt, start);
    t.clock.advance(1);
    assert.is((await who(cookie)).id, id);
    assert.is(sessionMemoHits(t.deps), hits + 1, "60 001 ms: the DB, which touches");
    const [touched] = await t.db.select().from(sessions).where(eq(sessions.userId, id));
    assert.is(touched.lastSeenAt, start + MIN + 1);
    t.clock.set(start);
  }); // real time stands still: only the injected clock moves
});

test("two people's sessions are remembered side by side: one's request does not drop the other's entry", async () => {
  const a = await signedIn();
  const b = await signedIn("employer");
  await withRealTime(() => 7_000_000, async () => {
    await remembered(a.cookie, a.id);
    await remembered(b.cookie, b.id);
    const hits = sessionMemoHits(t.deps);
    assert.is((await who(a.cookie)).id, a.id);
    assert.is((await who(b.cookie)).id, b.id);
    assert.is(sessionMemoHits(t.deps), hits + 2, "both from the memo");
  });
});

test.run();
