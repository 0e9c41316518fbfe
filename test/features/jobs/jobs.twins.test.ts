// The SQL twins of the jobs rules against the same tables of cases as the
// TypeScript rules: the browse filter's day rate (dayRateSql), the sign-up
// guard inside the transaction (repo.signUp, which applies signUpRefusal), and
// the status in effect (effectiveStatus) as the public list (browseWhere) and
// the hourly sweep (expireOverdue) ask it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, and, inArray } from "drizzle-orm";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { jobPostings } from "../../../db/schema/index.ts";
import { dayRateFen, signUpRefusal, effectiveStatus } from "../../../src/features/jobs/jobs.domain.ts";
import { dayRateSql, signUp, browseWhere, expireOverdue } from "../../../src/features/jobs/jobs.repo.ts";
import { addEmployer, addPosting, addWorker, today } from "./fixtures.ts";
import { dayRateCases, effectiveStatusCases } from "./rules.cases.ts";
import { addDays } from "../../../src/shared/clock.ts";
import type { PostingStatus } from "../../../db/schema/constants.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

test("dayRateSql gives what dayRateFen gives, case by case", async () => {
  const e = await addEmployer(t);
  for (const [wageFen, unit, perDay] of dayRateCases) {
    assert.is(dayRateFen(wageFen, unit), perDay, `dayRateFen ${wageFen}/${unit}`);
    const id = await addPosting(t, e.employerId, { wageFen, wageUnit: unit });
    const [row] = await t.db.select({ r: dayRateSql }).from(jobPostings).where(eq(jobPostings.id, id));
    assert.is(row.r === null ? null : Number(row.r), perDay, `dayRateSql ${wageFen}/${unit}`);
  }
});

test("the sign-up inside the transaction refuses exactly what signUpRefusal refuses", async () => {
  const e = await addEmployer(t);
  const d = today(t);
  const cases: [string, { status: PostingStatus; endDate: string; headcount: number; filledCount: number }][] = [
    ["open", { status: "open", endDate: d, headcount: 2, filledCount: 0 }],
    ["open, full by count", { status: "open", endDate: d, headcount: 2, filledCount: 2 }],
    ["filled", { status: "filled", endDate: d, headcount: 2, filledCount: 2 }],
    ["closed", { status: "closed", endDate: d, headcount: 2, filledCount: 0 }],
    ["removed", { status: "removed", endDate: d, headcount: 2, filledCount: 0 }],
    ["past its end", { status: "open", endDate: addDays(d, -1), headcount: 2, filledCount: 0 }],
    ["a draft", { status: "draft", endDate: d, headcount: 2, filledCount: 0 }],
  ];
  for (const [name, p] of cases) {
    const id = await addPosting(t, e.employerId, { startDate: addDays(d, -3), endDate: p.endDate, headcount: p.headcount });
    await t.deps.database.write((db) => db.update(jobPostings).set({ status: p.status, filledCount: p.filledCount }).where(eq(jobPostings.id, id)));
    const w = await addWorker(t);
    const r = await t.deps.database.transaction((tx) => signUp(tx, { postingId: id, workerId: w.id, quoteFen: null, quoteNote: null }, d, t.clock.now()));
    assert.is(r.ok ? null : r.reason, signUpRefusal(p, "worker", false, d), name);
  }
});

test("the public list shows as open, and the sweep expires, exactly what effectiveStatus says", async () => {
  const e = await addEmployer(t);
  const d = today(t);
  const ids = new Map<number, (typeof effectiveStatusCases)[number]>();
  for (const c of effectiveStatusCases) {
    const id = await addPosting(t, e.employerId, { startDate: addDays(d, -5), endDate: addDays(d, c[2]) });
    await t.deps.database.write((db) => db.update(jobPostings).set({ status: c[1] }).where(eq(jobPostings.id, id)));
    ids.set(id, c);
  }
  const mine = inArray(jobPostings.id, [...ids.keys()]);
  const listed = new Set((await t.db.select({ id: jobPostings.id }).from(jobPostings).where(and(mine, browseWhere({}, d)))).map((r) => r.id));
  for (const [id, [name, status, days, want]] of ids) {
    assert.is(effectiveStatus({ status, endDate: addDays(d, days) }, d), want, `effectiveStatus: ${name}`);
    assert.is(listed.has(id), want === "open", `browseWhere: ${name}`);
  }
  await t.deps.database.transaction((tx) => expireOverdue(tx, d, t.clock.now()));
  const after = await t.db.select({ id: jobPostings.id, status: jobPostings.status }).from(jobPostings).where(mine);
  for (const r of after) assert.is(r.status, ids.get(r.id)![3], `expireOverdue: ${ids.get(r.id)![0]}`);
});

test.run();
