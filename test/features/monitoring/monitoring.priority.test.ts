// Priority-worker hires (重点人员录用): the desk's rule (大龄, consented
// 低收入/残疾, 待工时间长) applied at the moment of each hire, worked out by
// hand on a small data set. Today is 2026-11-28; DESK defaults: 30 days, age 50.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addUser, type TestApp } from "../../helpers/app.ts";
import { market, addWorker, addEmployer, addPosting, addSignup, addHire, addCheckIns, kindId } from "./fixtures.ts";
import { buildReport } from "../../../src/features/monitoring/monitoring.figures.ts";
import { priorityCondition } from "../../../src/features/monitoring/monitoring.priority.ts";
import { workerProfiles, priorityConsents } from "../../../db/schema/index.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

test("a hire counts as a priority hire when the worker was a priority worker that day", async () => {
  const M = await market(t, "马栏镇零工驿站", "411024", "station");
  const staff = await addUser(t, { role: "staff", marketId: M });
  const e = await addEmployer(t);
  const k = await kindId(t, "家政保洁");
  const P = await addPosting(t, { employerId: e, kindId: k, county: "411024", headcount: 20, published: "2026-09-01" });
  const now = t.clock.now();
  const worker = async (name: string, birthYear: number) => {
    const id = await addWorker(t, name);
    await t.deps.database.write((db) => db.insert(workerProfiles).values({ userId: id, birthYear, countyCode: "411024", createdAt: now, updatedAt: now }));
    return id;
  };
  const P2 = await addPosting(t, { employerId: e, kindId: k, county: "411024", headcount: 1, published: "2026-09-01" });
  const hire = async (w: number, day: string, postingId = P) => addHire(t, { applicationId: await addSignup(t, { postingId, workerId: w, day }), day });

  const old = await worker("大龄", 1970); // 56 in 2026: priority
  const fifty = await worker("刚满五十", 1976); // 50: priority
  const young = await worker("年轻", 1977); // 49: not
  const consent = await worker("低收入", 1990); // consented category: priority
  await t.deps.database.write((db) =>
    db.insert(priorityConsents).values({ workerId: consent, category: "low_income", consentText: "同意记录", consentedAt: now, recordedBy: staff.id, marketId: M }),
  );
  const waited = await worker("待工五十天", 1990); // first check-in 10-01: 50 days before 11-20
  await addCheckIns(t, M, ["2026-10-01", "2026-11-19"], [waited]);
  const boundary = await worker("待工正好三十天", 1990); // first check-in 10-21 = 11-20 minus 30 days: priority
  await addCheckIns(t, M, ["2026-10-21"], [boundary]);
  const short = await worker("待工十五天", 1990); // first check-in 11-05: not
  await addCheckIns(t, M, ["2026-11-05"], [short]);
  const recent = await worker("刚干过活", 1990); // first check-in 09-01; hired 11-10 (priority then), again 11-20 (not: 10 days)
  await addCheckIns(t, M, ["2026-09-01"], [recent]);
  await hire(recent, "2026-11-10", P2);

  for (const w of [old, fifty, young, consent, waited, boundary, short, recent]) await hire(w, "2026-11-20");
  assert.is((await t.db.select().from(workerProfiles).where(eq(workerProfiles.userId, old))).length, 1);

  const r = await buildReport(t.db, { scope: { kind: "city" }, filter: { kind: "city" }, county: null }, { from: "2026-11-01", to: "2026-11-28" }, "day", priorityCondition(t.deps));
  // 9 hires: 11-10 recent (priority) + 11-20 × 8, of which old, fifty, consent, waited, boundary are priority.
  assert.is(r.totals.hires, 9);
  assert.is(r.totals.priorityHires, 6);
  const day = (d: string) => r.buckets.find((b) => b.start === d)!.counts;
  assert.is(day("2026-11-10").priorityHires, 1);
  assert.is(day("2026-11-20").priorityHires, 5);
});

test.run();
