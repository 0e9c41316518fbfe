// Hire records through HTTP: who may see them, progress marks and their
// order, the staff view being logged, and the "not paid" answer reaching
// the hooks (the hotline listens there).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { and, eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp } from "../../helpers/app.ts";
import { auditLog, hires, messages } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { DAY_MS } from "../../../src/shared/clock.ts";
import { addEmployer, addPosting, addWorker, YANLING, YUZHOU } from "../jobs/fixtures.ts";

const h = copy.hires;
let app: TestApp;

test.before(async () => {
  app = await makeTestApp();
});
test.after(() => app.close());

/** A confirmed hire made through the pages: posting, sign-up, confirm. */
async function hired() {
  const e = await addEmployer(app);
  const emp = app.client();
  await emp.login(e.phone, e.password);
  const w = await addWorker(app);
  const worker = app.client();
  await worker.login(w.phone, w.pin);
  const postingId = await addPosting(app, e.employerId, { title: "花木修剪" });
  await worker.get(paths.jobs.show(postingId));
  await worker.post(paths.jobs.apply(postingId), {});
  await emp.get(paths.jobs.applicants(postingId));
  const appId = Number(emp.last.html.match(/\/employer\/applications\/(\d+)\/confirm/)![1]);
  await emp.post(paths.jobs.confirm(appId), {});
  const [hire] = await app.db.select().from(hires).where(eq(hires.applicationId, appId));
  return { e, emp, w, worker, hire, postingId };
}

test("the employer marks confirmed → working → completed; steps out of order are refused and change nothing", async () => {
  const { emp, worker, w, hire } = await hired();
  await emp.get(paths.hires.show(hire.id));
  assert.ok(emp.last.html.includes(h.actions.start));
  assert.ok(emp.last.html.includes(h.actions.cancel));
  assert.not.ok(emp.last.html.includes(h.actions.complete));
  await emp.post(paths.hires.status(hire.id), { action: "complete" });
  assert.is(emp.last.status, 422);
  assert.ok(emp.last.html.includes(h.wrongState));
  await emp.post(paths.hires.status(hire.id), { action: "burn" });
  assert.is(emp.last.status, 400);
  let [row] = await app.db.select().from(hires).where(eq(hires.id, hire.id));
  assert.is(row.status, "confirmed");

  await emp.post(paths.hires.status(hire.id), { action: "start" });
  assert.is(emp.last.status, 303);
  await emp.post(paths.hires.status(hire.id), { action: "start" });
  assert.is(emp.last.status, 422, "started twice");
  await emp.post(paths.hires.status(hire.id), { action: "cancel" });
  assert.is(emp.last.status, 422, "cancel after starting");
  await emp.post(paths.hires.status(hire.id), { action: "complete" });
  assert.is(emp.last.status, 303);
  [row] = await app.db.select().from(hires).where(eq(hires.id, hire.id));
  assert.is(row.status, "completed");
  const told = await app.db.select().from(messages).where(eq(messages.userId, w.id));
  assert.ok(told.some((m) => m.body === h.notices.status("花木修剪", h.statuses.completed)));

  // The worker cannot mark progress: to them the action does not exist.
  await worker.get(paths.hires.show(hire.id));
  assert.not.ok(worker.last.html.includes(h.actions.start));
  await worker.post(paths.hires.status(hire.id), { action: "cancel" });
  assert.is(worker.last.status, 404);
});

test("staff of the county see the record (logged) and may mark it; other counties and other users get a 404", async () => {
  const { hire, e, w } = await hired();
  const near = await signedIn(app, { role: "staff", marketId: await addMarket(app, { countyCode: YANLING }) });
  const far = await signedIn(app, { role: "staff", marketId: await addMarket(app, { countyCode: YUZHOU }) });
  const farAdmin = await signedIn(app, { role: "county_admin", countyCode: YUZHOU });
  const city = await signedIn(app, { role: "city_admin" });
  const stranger = app.client();
  await near.get(paths.hires.show(hire.id));
  assert.is(near.last.status, 200);
  assert.ok(near.last.html.includes(`tel:${w.phone}`));
  const logged = await app.db.select().from(auditLog).where(and(eq(auditLog.action, "hire.view"), eq(auditLog.subjectId, hire.id)));
  assert.is(logged.length, 1);
  assert.is((await city.get(paths.hires.show(hire.id))).status, 200);
  for (const b of [far, farAdmin]) {
    assert.is((await b.get(paths.hires.show(hire.id))).status, 404);
    assert.is((await b.get(paths.hires.print(hire.id))).status, 404);
  }
  assert.is((await stranger.get(paths.hires.show(hire.id))).status, 303, "anonymous: to the login page");
  await near.post(paths.hires.status(hire.id), { action: "cancel" });
  assert.is(near.last.status, 303);
  const [row] = await app.db.select().from(hires).where(eq(hires.id, hire.id));
  assert.is(row.status, "cancelled");
  assert.is((await app.db.select().from(auditLog).where(eq(auditLog.action, "hire.cancel"))).length, 1);
  // Both sides are told when staff mark it.
  assert.ok((await app.db.select().from(messages).where(eq(messages.userId, e.id))).some((m) => m.body.includes(h.statuses.cancelled)));
});

test("'not paid' is stored once with its time and runs every hireNotPaid hook", async () => {
  const { hire, worker, e } = await hired();
  const seen: number[] = [];
  app.deps.hooks.hireNotPaid.push(async (_d, id) => void seen.push(id));
  app.deps.hooks.hireNotPaid.push(async () => {
    throw new Error("a listener failed");
  });
  app.clock.advance(5 * DAY_MS);
  await worker.get(paths.hires.show(hire.id));
  assert.ok(worker.last.html.includes(h.askPaid));
  await worker.post(paths.hires.paid(hire.id), { answer: "maybe" });
  assert.is(worker.last.status, 400);
  await worker.post(paths.hires.paid(hire.id), { answer: "not_paid" });
  assert.is(worker.last.status, 303);
  await worker.follow();
  assert.ok(worker.last.html.includes(h.notPaidDone(app.deps.config.hotline)));
  const [row] = await app.db.select().from(hires).where(eq(hires.id, hire.id));
  assert.equal([row.paid, row.paidAnsweredAt], ["not_paid", app.clock.now()]);
  assert.equal(seen, [hire.id]);
  assert.ok((await app.db.select().from(messages).where(eq(messages.userId, e.id))).some((m) => m.body === h.notices.notPaid("花木修剪")));
  await worker.post(paths.hires.paid(hire.id), { answer: "paid" });
  assert.is(worker.last.status, 409);
  assert.equal(seen, [hire.id], "the hooks ran once");
  app.clock.set("2026-11-28T09:00:00+08:00");
});

test("only the hire's worker answers; the employer cannot answer for them", async () => {
  const { hire, emp } = await hired();
  app.clock.advance(5 * DAY_MS);
  await emp.get(paths.hires.show(hire.id));
  assert.not.ok(emp.last.html.includes(h.askPaid));
  await emp.post(paths.hires.paid(hire.id), { answer: "paid" });
  assert.is(emp.last.status, 404);
  const other = await addWorker(app);
  const b = app.client();
  await b.login(other.phone, other.pin);
  await b.get(paths.jobs.list);
  await b.post(paths.hires.paid(hire.id), { answer: "paid" });
  assert.is(b.last.status, 404);
  const [row] = await app.db.select().from(hires).where(eq(hires.id, hire.id));
  assert.is(row.paid, null);
  app.clock.set("2026-11-28T09:00:00+08:00");
});

test.run();
