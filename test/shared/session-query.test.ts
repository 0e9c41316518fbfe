// The session middleware (src/shared/session.ts): one query for session and
// user, built once per DB; the last-seen time written at most once a minute
// (the idle timeout to the millisecond is in test/features/accounts/accounts.routes.test.ts).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, signedIn, addMarket } from "../helpers/app.ts";
import { sessions } from "../../db/schema/index.ts";
import { sessionQuery } from "../../src/shared/session.ts";
import { paths } from "../../src/paths.ts";

test("a session's last-seen time is written at most once a minute: 60 s after the last write nothing is written, past 60 s it is", async () => {
  const t = await makeTestApp();
  try {
    const b = await signedIn(t, { role: "worker" });
    const lastSeen = async () => (await t.db.select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.userId, b.user.id)))[0].at;
    const start = await lastSeen();
    const generation = t.deps.database.generation;
    t.clock.advance(30_000);
    assert.is((await b.get(paths.accounts.me)).status, 200);
    assert.is(await lastSeen(), start, "30 s later: not written");
    t.clock.advance(30_000);
    assert.is((await b.get(paths.accounts.me)).status, 200);
    assert.is(await lastSeen(), start, "exactly 60 s later: not written yet");
    t.clock.advance(1);
    assert.is((await b.get(paths.accounts.me)).status, 200);
    assert.is(await lastSeen(), start + 60_001, "past 60 s: written, with the time of this request");
    t.clock.advance(59_000);
    assert.is((await b.get(paths.accounts.me)).status, 200);
    assert.is(await lastSeen(), start + 60_001, "59 s after that write: not written");
    assert.is(t.deps.database.generation, generation, "touching a session empties no page cache");
  } finally {
    t.close();
  }
});

test("the session query is built once per DB and finds the user, and a staff member's market with its county and tier", async () => {
  const t = await makeTestApp();
  try {
    assert.is(sessionQuery(t.db), sessionQuery(t.db), "the same prepared query each time");
    const marketId = await addMarket(t, { countyCode: "411024", tier: "station" });
    const staff = await signedIn(t, { role: "staff", marketId, name: "驿站员工" });
    const worker = await signedIn(t, { role: "worker", countyCode: "411002", name: "工人甲" });
    const rows = await t.db.select({ idHash: sessions.idHash, userId: sessions.userId }).from(sessions);
    const of = (id: number) => rows.find((r) => r.userId === id)!.idHash;
    const [s] = await sessionQuery(t.db).all({ idHash: of(staff.user.id) });
    assert.equal({ id: s.id, role: s.role, name: s.name, marketId: s.marketId, marketCounty: s.marketCounty, marketTier: s.marketTier }, {
      id: staff.user.id,
      role: "staff",
      name: "驿站员工",
      marketId,
      marketCounty: "411024",
      marketTier: "station",
    });
    const [w] = await sessionQuery(t.db).all({ idHash: of(worker.user.id) });
    assert.equal({ id: w.id, countyCode: w.countyCode, marketCounty: w.marketCounty }, { id: worker.user.id, countyCode: "411002", marketCounty: null });
    assert.equal(await sessionQuery(t.db).all({ idHash: "nope" }), [], "an unknown session: no row");
  } finally {
    t.close();
  }
});

test.run();
