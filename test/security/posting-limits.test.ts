// Posting limits per employer. Regression for issue #16: a verified household
// employer posted 30 quick-hire jobs with headcount 50 in 10 s and filled the
// first page of /jobs.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, type TestApp } from "../helpers/app.ts";
import { addEmployer, kindIds } from "../features/jobs/fixtures.ts";
import { jobPostings } from "../../db/schema/index.ts";
import { paths } from "../../src/paths.ts";
import { postingLimitProblem } from "../../src/features/jobs/jobs.domain.ts";

const YANLING = "411024";
const lim = { perHour: 10, perDay: 30, householdHeadcount: 10 };

test("postingLimitProblem: a table of cases", () => {
  const cases: [string, number, number, number, ReturnType<typeof postingLimitProblem>][] = [
    ["private", 2, 0, 0, null],
    ["private", 10, 0, 0, null],
    ["private", 11, 0, 0, "householdHeadcount"],
    ["company", 50, 0, 0, null],
    ["company", 1, 9, 9, null],
    ["company", 1, 10, 10, "perHour"],
    ["company", 1, 3, 30, "perDay"],
    ["sole_trader", 1, 0, 29, null],
  ];
  for (const [kind, headcount, lastHour, lastDay, want] of cases) assert.is(postingLimitProblem({ kind, headcount }, { lastHour, lastDay }, lim), want, `${kind} ${headcount} ${lastHour} ${lastDay}`);
});

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

async function employerBrowser() {
  const e = await addEmployer(t);
  const b = t.client();
  await b.login(e.phone, e.password);
  return Object.assign(b, { e });
}

test("30 quick hires with headcount 50 in a row: none goes public at 50; at 2, ten in an hour, the rest kept as drafts with a Chinese reason", async () => {
  const emp = await employerBrowser();
  const kinds = await kindIds(t);
  const quick = (headcount: string) => ({ kindId: String(kinds.get("搬运装卸")), headcount, wage: "180", countyCode: YANLING, address: "陈化店镇物流园 3 号库", contactPhone: "13912345678" });
  await emp.get(paths.jobs.quick);
  await emp.post(paths.jobs.quick, quick("50"));
  assert.is(emp.last.status, 303);
  const held = await emp.follow();
  assert.match(held.html, "要工作人员审核后才能公开");
  const statuses: string[] = [];
  for (let i = 0; i < 30; i++) {
    await emp.get(paths.jobs.quick);
    await emp.post(paths.jobs.quick, quick("2"));
    if (i === 10) assert.match((await emp.follow()).html, "一小时内最多发布 10 条");
  }
  const rows = await t.db.select().from(jobPostings).where(eq(jobPostings.employerId, emp.e.employerId));
  for (const r of rows) statuses.push(r.status);
  assert.is(rows.length, 31, "every one is kept");
  assert.is(statuses.filter((s) => s === "open").length, 10, "ten public in the hour");
  assert.ok(rows.filter((r) => r.headcount === 50).every((r) => r.status === "draft"), "headcount 50 from a household waits");
  // An hour later the employer can publish a kept draft.
  t.clock.advance(3600_000 + 1000);
  const draft = rows.find((r) => r.status === "draft" && r.headcount === 2)!;
  await emp.get(paths.jobs.show(draft.id));
  await emp.post(paths.jobs.publish(draft.id));
  assert.is(emp.last.status, 303);
  const [after] = await t.db.select().from(jobPostings).where(eq(jobPostings.id, draft.id));
  assert.is(after.status, "open");
});

test.run();
