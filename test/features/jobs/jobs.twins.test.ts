// The SQL twins of the jobs rules against the same tables of cases as the
// TypeScript rules: the browse filter's day rate (dayRateSql) and the sign-up
// guard inside the transaction (repo.signUp, which applies signUpRefusal).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { jobPostings } from "../../../db/schema/index.ts";
import { dayRateFen, signUpRefusal } from "../../../src/features/jobs/jobs.domain.ts";
import { dayRateSql, signUp } from "../../../src/features/jobs/jobs.repo.ts";
import { addEmployer, addPosting, addWorker, today } from "./fixtures.ts";
import { dayRateCases } from "./rules.cases.ts";
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

test.run();
