// 200 concurrent writes through the app: 100 logins (a plain batch: new session
// row) and 100 staff-account creations (an interactive transaction that reads,
// then inserts the user and its audit entry). All must succeed, all rows must be
// there, and none may fail with SQLITE_BUSY: the writer queue serializes them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, addUser, addMarket, signedIn, type TestApp } from "../helpers/app.ts";
import { paths } from "../../src/paths.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

test("200 concurrent writes through the app: 200 successes, 200 rows, no SQLITE_BUSY", async () => {
  const marketId = await addMarket(t);
  const admin = await signedIn(t, { role: "city_admin" });
  await admin.get(paths.accounts.adminNew);
  const workers = await Promise.all(Array.from({ length: 100 }, () => addUser(t, { role: "worker", pin: "135790" })));
  const before = {
    sessions: Number((await t.deps.database.client.execute("SELECT count(*) FROM sessions")).rows[0][0]),
    users: Number((await t.deps.database.client.execute("SELECT count(*) FROM users")).rows[0][0]),
  };

  const logins = workers.map(async (w) => {
    const b = t.client();
    await b.get(paths.accounts.login);
    return b.post(paths.accounts.login, { phone: w.phone, secret: "135790" });
  });
  const creations = Array.from({ length: 100 }, (_, i) =>
    admin.post(paths.accounts.adminNew, {
      role: "staff",
      name: `并发${i}`,
      phone: `1370000${String(i).padStart(4, "0")}`,
      marketId,
      password: "long enough 1",
      password2: "long enough 1",
    }),
  );
  const results = await Promise.all([...logins, ...creations]);

  assert.equal(results.filter((r) => r.status === 303).length, 200, `statuses: ${[...new Set(results.map((r) => r.status))]}`);
  const after = {
    sessions: Number((await t.deps.database.client.execute("SELECT count(*) FROM sessions")).rows[0][0]),
    users: Number((await t.deps.database.client.execute("SELECT count(*) FROM users")).rows[0][0]),
  };
  assert.is(after.sessions - before.sessions, 100);
  assert.is(after.users - before.users, 100);
  assert.not.ok(t.logs.some((l) => /SQLITE_BUSY|database is locked/i.test(l)), "no busy errors in the log");
});

test.run();
