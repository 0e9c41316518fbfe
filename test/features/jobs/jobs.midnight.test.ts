// 00:30 in Beijing is still the day before in UTC (16:30). Every date rule of
// the gig market must go by the Beijing date of the injected clock: a posting
// that ended "yesterday" is expired (though UTC still says it is its last
// day), a posting for today takes sign-ups, and a quick job is for today.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { jobPostings, applications } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { addEmployer, addPosting, addWorker, kindIds, today, YANLING } from "./fixtures.ts";

const t = copy.jobs;
let app: TestApp;
test.before(async () => {
  app = await makeTestApp({ now: "2026-11-29T00:30:00+08:00" });
});
test.after(() => app.close());

test("at 00:30 Beijing time 'today' is the Beijing date, not the UTC one", () => {
  assert.is(new Date(app.clock.now()).toISOString().slice(0, 10), "2026-11-28", "UTC still says the 28th");
  assert.is(today(app), "2026-11-29");
});

test("a posting that ended on the 28th is expired at 00:30 on the 29th; one for the 29th takes a sign-up", async () => {
  const e = await addEmployer(app);
  const ended = await addPosting(app, e.employerId, { title: "昨天结束的活", startDate: "2026-11-27", endDate: "2026-11-28" });
  const todays = await addPosting(app, e.employerId, { title: "今天的活", startDate: "2026-11-29", endDate: "2026-11-29" });
  const anon = app.client();
  const list = await anon.get(paths.jobs.list);
  assert.ok(list.html.includes("今天的活"), "today's posting is listed");
  assert.not.ok(list.html.includes("昨天结束的活"), "yesterday's is not among the open ones");
  const w = await addWorker(app);
  const b = app.client();
  await b.login(w.phone, w.pin);
  await b.get(paths.jobs.show(ended));
  await b.post(paths.jobs.apply(ended), {});
  assert.is(b.last.status, 422);
  assert.ok(b.last.html.includes(t.refusals.expired));
  await b.get(paths.jobs.show(todays));
  await b.post(paths.jobs.apply(todays), {});
  assert.is(b.last.status, 303, "signed up for today's work");
  const rows = await app.db.select().from(applications).where(eq(applications.workerId, w.id));
  assert.equal(rows.map((r) => r.postingId), [todays]);
});

test("a quick job posted at 00:30 is for the Beijing today", async () => {
  const e = await addEmployer(app);
  const b = app.client();
  await b.login(e.phone, e.password);
  const kinds = await kindIds(app);
  await b.get(paths.jobs.quick);
  await b.post(paths.jobs.quick, { kindId: String(kinds.get("搬运装卸")), headcount: "1", wage: "180", countyCode: YANLING, address: "陈化店镇物流园 3 号库", contactPhone: "13912345678" });
  assert.is(b.last.status, 303);
  const id = Number(b.last.location?.match(/\/jobs\/(\d+)/)?.[1]);
  const [p] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.equal([p.startDate, p.endDate], ["2026-11-29", "2026-11-29"]);
});

test.run();
