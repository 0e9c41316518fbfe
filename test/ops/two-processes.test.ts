// Two real server processes on one DB file: everything a request depends on
// (sessions, login throttling, the CSRF secret) lives in the DB, so a user may
// hop between instances behind a load balancer; concurrent writes to both
// succeed (cross-process locking: the client's busy timeout).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { paths } from "../../src/paths.ts";
import { openDeps, remoteBrowser, startServer, tempDir, type Server } from "./helpers.ts";

const tmp = tempDir("lingong-two-");
// Fair share per address off: both "browsers" here are the test itself on 127.0.0.1 (test/security/fairness.test.ts covers it).
const env = { DATABASE_URL: tmp.url, FAIR_SHARE: "false" };
let A: Server;
let B: Server;
const ADMIN = { name: "刘主任", phone: "13700000001", password: "city admin pass 1" };

test.before(async () => {
  // Started together on a fresh file: both race to migrate it.
  [A, B] = await Promise.all([startServer(env), startServer(env)]);
});
test.after(async () => {
  await Promise.all([A?.stop(), B?.stop()]);
  tmp.cleanup();
});

const newAccount = (i: number) => ({
  role: "county_admin",
  name: `县管理员${i}`,
  phone: `136${String(10_000_000 + i).slice(-8)}`,
  countyCode: "411024",
  password: "a long password",
  password2: "a long password",
});

test("a journey across both: set up and log in on A, create an account on B, log out on B, and A knows", async () => {
  const link = new URL((A.stdout() + B.stdout()).match(/http\S+\/setup\?token=\S+/)![0]);
  const b = remoteBrowser(A);
  await b.get(link.pathname + link.search);
  const setup = await b.post(paths.accounts.setup, { token: link.searchParams.get("token")!, ...ADMIN, password2: ADMIN.password });
  assert.is(setup.status, 303);
  await b.login(ADMIN.phone, ADMIN.password);

  // The CSRF token from a page of A is good on B: the secret is shared through the DB.
  await b.get(paths.accounts.adminNew);
  const created = await b.at(B).post(paths.accounts.adminNew, newAccount(1));
  assert.is(created.status, 303, "B accepts A's session cookie and A's CSRF token");
  assert.match((await b.at(A).get(paths.accounts.admin)).html, "县管理员1", "A sees what B wrote");

  const sid = b.cookies.get("sid")!;
  await b.at(B).get(paths.accounts.me);
  assert.is((await b.post(paths.accounts.logout, {})).status, 303, "logged out on B");
  const res = await fetch(A.base + paths.accounts.me, { headers: { cookie: `sid=${sid}` }, redirect: "manual" });
  assert.is(res.status, 303, "the old cookie on A now leads to the login page");
  assert.match(res.headers.get("location")!, paths.accounts.login);
});

// Since #16 a hold is per (account, address) after 3 free tries (test/security/locks.test.ts): the tries on
// A and B together count toward it, so the hold reaches both instances.
test("wrong passwords count across instances: three on A and B together hold the account on both", async () => {
  const b = remoteBrowser(A);
  for (let i = 0; i < 3; i++) {
    await b.at(i % 2 ? B : A).get(paths.accounts.login);
    assert.is((await b.post(paths.accounts.login, { phone: ADMIN.phone, secret: `wrong guess ${i}` })).status, 401);
  }
  for (const s of [A, B]) {
    await b.at(s).get(paths.accounts.login);
    const r = await b.post(paths.accounts.login, { phone: ADMIN.phone, secret: ADMIN.password });
    assert.is(r.status, 429, "held, even with the right password");
  }
  // Clear the lock for the next test, as `npm run admin -- unlock` would.
  const deps = await openDeps(tmp.url);
  await deps.database.write(() => deps.database.client.execute("DELETE FROM login_throttle"));
  deps.database.close();
});

test("concurrent writes to both instances all succeed and all land", async () => {
  const b = remoteBrowser(A);
  await b.login(ADMIN.phone, ADMIN.password);
  await b.get(paths.accounts.adminNew);
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const N = 24;
  const post = (i: number) =>
    fetch((i % 2 ? B : A).base + paths.accounts.adminNew, {
      method: "POST",
      body: new URLSearchParams({ _csrf: b.csrf, ...newAccount(100 + i) }),
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    }).then(async (r) => (await r.arrayBuffer(), r.status));
  const statuses: number[] = [];
  // Eight in flight at a time, four on each instance.
  for (let i = 0; i < N; i += 8) statuses.push(...(await Promise.all(Array.from({ length: Math.min(8, N - i) }, (_, k) => post(i + k)))));
  assert.equal(statuses, Array(N).fill(303), "every write acknowledged");
  const deps = await openDeps(tmp.url);
  try {
    const n = Number((await deps.database.client.execute("SELECT count(*) FROM users WHERE name LIKE '县管理员1__'")).rows[0][0]);
    assert.is(n, N, "every write is in the DB");
    const audited = Number((await deps.database.client.execute("SELECT count(*) FROM audit_log WHERE action = 'account.create'")).rows[0][0]);
    assert.is(audited, N + 1);
  } finally {
    deps.database.close();
  }
  for (const s of [A, B]) {
    assert.not.match(s.stdout() + s.stderr(), '"level":"error"', "no errors logged");
    assert.not.match(s.stdout(), "SQLITE_BUSY");
  }
});

test.run();
