// Sessions (src/shared/session.ts) through its exported functions on a small
// Hono app with the real deps and DB: what a session row holds, when it ends
// (idle limits to the millisecond, a disabled account, logout, "end all"),
// when its last-seen time is written, the sweep of long-dead rows at a login,
// and who the signed-in user is (scope county and market tier). Fast on purpose:
// it is the covering test of `npm run mutation -- session`; the login pages
// themselves are tested in test/features/accounts and test/security/sessions.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { makeTestApp, addMarket, addUser, type TestApp } from "../helpers/app.ts";
import { loadSession, startSession, endSession, endAllSessions, idleLimitMs, sessionCookieName } from "../../src/shared/session.ts";
import { sha256 } from "../../src/shared/crypto.ts";
import { sessions, users } from "../../db/schema/index.ts";
import type { AppEnv, Deps } from "../../src/shared/context.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** /start/:id signs a user in; /who answers who the session says; /end signs out; every request loads the session first. */
function miniApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("deps", deps);
    await loadSession(c);
    await next();
  });
  app.post("/start/:id", async (c) => {
    await startSession(c, Number(c.req.param("id")));
    // What the rest of the login request sees (the CSRF token of a page rendered after it is keyed on it).
    return c.text(c.var.sessionHash ?? "none");
  });
  app.get("/who", (c) => c.json({ user: c.var.user, sessionHash: c.var.sessionHash }));
  app.post("/end", async (c) => {
    await endSession(c);
    return c.json({ user: c.var.user, sessionHash: c.var.sessionHash });
  });
  return app;
}

class Jar {
  cookies = new Map<string, string>();
  setCookies: string[] = [];
  constructor(private app: Hono<AppEnv>) {}
  async req(method: string, path: string) {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await this.app.request(`http://localhost${path}`, { method, headers });
    this.setCookies = res.headers.getSetCookie();
    for (const line of this.setCookies) {
      const [pair, ...attrs] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      if (attrs.some((a) => /max-age=0/i.test(a)) || pair.slice(i + 1) === "") this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(i + 1));
    }
    return res;
  }
  async who() {
    return (await (await this.req("GET", "/who")).json()) as { user: Record<string, unknown> | null; sessionHash: string | null };
  }
}

const rowsOf = (userId: number) => t.db.select().from(sessions).where(eq(sessions.userId, userId));

async function signIn(userId: number) {
  const jar = new Jar(miniApp(t.deps));
  const res = await jar.req("POST", `/start/${userId}`);
  assert.is(res.status, 200);
  return jar;
}

test("a session: a random id in an HttpOnly, SameSite=Lax cookie without Max-Age; the DB keeps only its SHA-256", async () => {
  const u = await addUser(t, { role: "worker", countyCode: "411024" });
  const jar = await signIn(u.id);
  const raw = jar.cookies.get("sid");
  assert.ok(raw && /^[\w-]{22}$/.test(raw), `128 random bits, base64url: ${raw}`);
  const line = jar.setCookies.find((l) => l.startsWith("sid="))!;
  assert.match(line, /HttpOnly/);
  assert.match(line, /SameSite=Lax/);
  assert.match(line, /Path=\//);
  assert.not.match(line, /Max-Age|Expires|Secure/i);
  const rows = await rowsOf(u.id);
  assert.is(rows.length, 1);
  assert.is(rows[0].idHash, sha256(raw!));
  assert.is(rows[0].createdAt, t.clock.now());
  assert.is(rows[0].lastSeenAt, t.clock.now());
  const who = await jar.who();
  assert.is(who.sessionHash, sha256(raw!));
  assert.is(who.user?.id, u.id);
});

test("who is signed in: a worker's scope is her own county and she has no market tier; staff's scope is their market's county, with its tier", async () => {
  const station = await addMarket(t, { countyCode: "411081", tier: "station" });
  const county = await addMarket(t, { countyCode: "411025", tier: "county" });
  const w = await addUser(t, { role: "worker", name: "王大姐", countyCode: "411024" });
  const s1 = await addUser(t, { role: "staff", countyCode: "411024", marketId: station });
  const s2 = await addUser(t, { role: "staff", marketId: county });
  const admin = await addUser(t, { role: "county_admin", countyCode: "411024" });
  assert.equal((await (await signIn(w.id)).who()).user, {
    id: w.id, role: "worker", name: "王大姐", phone: w.phone, countyCode: "411024", marketId: null, scopeCounty: "411024", marketTier: null,
  });
  const staff1 = (await (await signIn(s1.id)).who()).user!;
  assert.is(staff1.scopeCounty, "411081", "the market's county, not the account's own county field");
  assert.is(staff1.marketTier, "station");
  assert.is(staff1.marketId, station);
  const staff2 = (await (await signIn(s2.id)).who()).user!;
  assert.is(staff2.scopeCounty, "411025");
  assert.is(staff2.marketTier, "county");
  const a = (await (await signIn(admin.id)).who()).user!;
  assert.is(a.scopeCounty, "411024");
  assert.is(a.marketTier, null);
  // An admin whose account still names a market (say, staff of station 1 made county admin): the county decides, not the market.
  const promoted = await addUser(t, { role: "county_admin", countyCode: "411024", marketId: station });
  const p = (await (await signIn(promoted.id)).who()).user!;
  assert.is(p.scopeCounty, "411024");
  assert.is(p.marketTier, null, "no station limits on an admin");
});

test("no cookie, an unknown cookie or an over-long one: nobody is signed in and nothing is written", async () => {
  const jar = new Jar(miniApp(t.deps));
  assert.equal(await jar.who(), { user: null, sessionHash: null });
  jar.cookies.set("sid", "x".repeat(22));
  assert.equal(await jar.who(), { user: null, sessionHash: null });
  const u = await addUser(t, { role: "worker", countyCode: "411024" });
  const real = await signIn(u.id);
  jar.cookies.set("sid", real.cookies.get("sid")! + "x".repeat(64));
  assert.equal(await jar.who(), { user: null, sessionHash: null });
  assert.is((await rowsOf(u.id)).length, 1, "someone else's bad cookie ends nobody's session");
});

test("idle limits to the millisecond: staff 15 minutes, workers, employers and admins by theirs; an ended session's row is deleted", async () => {
  assert.is(idleLimitMs(t.deps, "staff"), t.deps.config.idleMinutes.staff * MIN);
  assert.is(idleLimitMs(t.deps, "county_admin"), t.deps.config.idleMinutes.staff * MIN);
  assert.is(idleLimitMs(t.deps, "city_admin"), t.deps.config.idleMinutes.staff * MIN);
  assert.is(idleLimitMs(t.deps, "worker"), t.deps.config.idleMinutes.other * MIN);
  assert.is(idleLimitMs(t.deps, "employer"), t.deps.config.idleMinutes.other * MIN);
  assert.is(t.deps.config.idleMinutes.staff, 15);
  assert.is(t.deps.config.idleMinutes.other, 7 * 24 * 60);
  const market = await addMarket(t);
  for (const [role, limit] of [["staff", 15 * MIN], ["worker", 7 * DAY]] as const) {
    const u = await addUser(t, { role, countyCode: "411024", marketId: role === "staff" ? market : null });
    const start = t.clock.now();
    const jar = await signIn(u.id);
    t.clock.advance(limit);
    assert.is((await jar.who()).user?.id, u.id, `${role}: exactly the limit idle, still in`);
    t.clock.advance(limit + 1);
    const generation = t.deps.database.generation;
    assert.equal(await jar.who(), { user: null, sessionHash: null }, `${role}: the limit and 1 ms after the last visit, out`);
    assert.is(t.deps.database.generation, generation, `${role}: ending an idle session is no page change`);
    assert.is((await rowsOf(u.id)).length, 0, `${role}: the row is gone`);
    t.clock.set(start);
    assert.is((await jar.who()).user, null, `${role}: the ended session does not come back`);
  }
});

test("last seen is written at most once a minute: 60 s after the last write not yet, 60 s and 1 ms after, yes", async () => {
  const u = await addUser(t, { role: "worker", countyCode: "411024" });
  const start = t.clock.now();
  const jar = await signIn(u.id);
  t.clock.advance(MIN);
  await jar.who();
  assert.is((await rowsOf(u.id))[0].lastSeenAt, start, "exactly a minute: not written");
  t.clock.advance(1);
  const generation = t.deps.database.generation;
  await jar.who();
  assert.is((await rowsOf(u.id))[0].lastSeenAt, start + MIN + 1, "a minute and 1 ms: written");
  assert.is(t.deps.database.generation, generation, "a last-seen write is no page change: the page cache keeps its pages");
  t.clock.advance(30_000);
  await jar.who();
  assert.is((await rowsOf(u.id))[0].lastSeenAt, start + MIN + 1, "30 s later: not written again");
  t.clock.set(start);
});

test("a disabled account's session ends at its next request and its row is deleted", async () => {
  const u = await addUser(t, { role: "employer", countyCode: "411024" });
  const jar = await signIn(u.id);
  assert.is((await jar.who()).user?.id, u.id);
  await t.deps.database.write((db) => db.update(users).set({ disabledAt: t.clock.now() }).where(eq(users.id, u.id)));
  assert.equal(await jar.who(), { user: null, sessionHash: null });
  assert.is((await rowsOf(u.id)).length, 0);
});

test("a login ends the browser's old session (no fixation) and sweeps sessions idle for more than 90 days, keeping the rest", async () => {
  const a = await addUser(t, { role: "worker", countyCode: "411024" });
  const b = await addUser(t, { role: "worker", countyCode: "411024" });
  const old = await addUser(t, { role: "worker", countyCode: "411024" });
  const now = t.clock.now();
  await t.deps.database.write((db) =>
    db.insert(sessions).values([
      { idHash: "dead", userId: old.id, createdAt: now - 100 * DAY, lastSeenAt: now - 90 * DAY - 1 },
      { idHash: "just-kept", userId: old.id, createdAt: now - 100 * DAY, lastSeenAt: now - 90 * DAY },
    ]),
  );
  const jar = await signIn(a.id);
  const first = jar.cookies.get("sid")!;
  assert.equal((await rowsOf(old.id)).map((r) => r.idHash), ["just-kept"], "only the row idle for more than 90 days is swept");
  await jar.req("POST", `/start/${b.id}`);
  const second = jar.cookies.get("sid")!;
  assert.is.not(second, first, "a new id at every login");
  assert.is((await rowsOf(a.id)).length, 0, "the browser's old session is gone");
  assert.is((await jar.who()).user?.id, b.id);
  const thief = new Jar(miniApp(t.deps));
  thief.cookies.set("sid", first);
  assert.is((await thief.who()).user, null);
});

test("logout deletes the row and the cookie (same flags); end-all ends every session of one user and no one else's", async () => {
  const u = await addUser(t, { role: "worker", countyCode: "411024" });
  const other = await addUser(t, { role: "worker", countyCode: "411024" });
  const jar = await signIn(u.id);
  const res = await jar.req("POST", "/end");
  assert.equal(await res.json(), { user: null, sessionHash: null });
  const line = jar.setCookies.find((l) => l.startsWith("sid="))!;
  assert.match(line, /Max-Age=0/);
  assert.match(line, /Path=\//);
  assert.match(line, /HttpOnly/);
  assert.is((await rowsOf(u.id)).length, 0);
  assert.not.ok(jar.cookies.has("sid"));
  const anon = new Jar(miniApp(t.deps));
  const generation = t.deps.database.generation;
  await anon.req("POST", "/end");
  assert.is(t.deps.database.generation, generation, "signed out already: nothing is written, so anyone posting a logout cannot empty the page cache");
  assert.is(anon.setCookies.filter((l) => l.startsWith("sid=")).length, 1, "signed out already: only the cookie is cleared");

  const phone = await signIn(u.id);
  const pc = await signIn(u.id);
  const keep = await signIn(other.id);
  assert.is((await rowsOf(u.id)).length, 2);
  await endAllSessions(t.deps, u.id);
  assert.is((await rowsOf(u.id)).length, 0);
  assert.is((await phone.who()).user, null);
  assert.is((await pc.who()).user, null);
  assert.is((await keep.who()).user?.id, other.id, "another user's session is untouched");
});

test("over HTTPS the cookie is __Host-sid and Secure", async () => {
  const s = await makeTestApp({ env: { HTTPS: "true" } });
  try {
    assert.is(sessionCookieName(s.deps), "__Host-sid");
    assert.is(sessionCookieName(t.deps), "sid");
    const u = await addUser(s, { role: "worker", countyCode: "411024" });
    const jar = new Jar(miniApp(s.deps));
    await jar.req("POST", `/start/${u.id}`);
    const line = jar.setCookies.find((l) => l.startsWith("__Host-sid="))!;
    assert.ok(line, jar.setCookies.join(" | "));
    assert.match(line, /Secure/);
    assert.is((await jar.who()).user?.id, u.id);
    await jar.req("POST", "/end");
    assert.match(jar.setCookies.find((l) => l.startsWith("__Host-sid="))!, /Secure/);
  } finally {
    s.close();
  }
});


test("the rest of the login request already runs as the new session: its hash is the new cookie's, not the old one's", async () => {
  const u = await addUser(t, { role: "worker", countyCode: "411024" });
  const jar = new Jar(miniApp(t.deps));
  const first = await jar.req("POST", `/start/${u.id}`);
  assert.is(await first.text(), sha256(jar.cookies.get("sid")!));
  const old = jar.cookies.get("sid")!;
  const second = await jar.req("POST", `/start/${u.id}`);
  assert.is.not(jar.cookies.get("sid"), old);
  assert.is(await second.text(), sha256(jar.cookies.get("sid")!));
});

test("requests that change nothing use no write at all: a signed-out logout, a visit within the minute (the one writer is shared by everyone)", async () => {
  let writes = 0;
  // The real database, with its write counted (generation and the rest read through to it).
  const write: Deps["database"]["write"] = (fn, opts) => (writes++, t.deps.database.write(fn, opts));
  const counting = Object.create(t.deps.database, { write: { value: write } }) as Deps["database"];
  const deps = { ...t.deps, database: counting } as Deps;
  const anon = new Jar(miniApp(deps));
  await anon.req("POST", "/end");
  await anon.req("POST", "/end");
  assert.is(writes, 0, "signed out already: no write");
  const u = await addUser(t, { role: "worker", countyCode: "411024" });
  const jar = new Jar(miniApp(deps));
  await jar.req("POST", `/start/${u.id}`);
  assert.is(writes, 1, "a login: one write (the batch)");
  t.clock.advance(30_000);
  assert.is((await jar.who()).user?.id, u.id);
  assert.is(writes, 1, "30 s later: no write");
  await jar.req("POST", "/end");
  assert.is(writes, 2, "a logout: one write");
  t.clock.advance(-30_000);
});

test.run();
