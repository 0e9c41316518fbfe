// Acting for the person at the desk (代办): signing a worker up, recording a
// quote, confirming a hire for the employer present, posting a quick job for
// a walk-in employer. Each is stored with the staff member and market, leaves
// an audit entry naming both, and shows "由…代办" on the person's own pages.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, and } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, nextPhone, type TestApp } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { auditLog, applications, hires, jobPostings, contactLogs } from "../../../db/schema/index.ts";
import { addWorker, addEmployer, addPosting, kindId } from "./fixtures.ts";

const YANLING = "411024";
const YUZHOU = "411081";

let t: TestApp;
let market: number;
let staff: Awaited<ReturnType<typeof signedIn>>;
let other: Awaited<ReturnType<typeof signedIn>>;

test.before(async () => {
  t = await makeTestApp();
  market = await addMarket(t, { name: "鄢陵县零工驿站", countyCode: YANLING });
  const marketB = await addMarket(t, { name: "禹州市零工市场", countyCode: YUZHOU });
  staff = await signedIn(t, { role: "staff", name: "张干事", marketId: market });
  other = await signedIn(t, { role: "staff", name: "钱干事", marketId: marketB });
});
test.after(() => t.close());

const auditFor = async (action: string, subjectId: number) =>
  (await t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId))))[0];

test("signing a worker up for them: stored with the staff member and market, audited, logged as a referral", async () => {
  const w = await addWorker(t, { name: "报名人", pin: "112233" });
  const e = await addEmployer(t);
  const p = await addPosting(t, { employerId: e.employerId, title: "搬砖" });
  await staff.get(paths.desk.worker(w.id));
  const r = await staff.post(paths.desk.signUp(w.id), { posting: String(p) });
  assert.is(r.status, 303);
  const [a] = await t.db.select().from(applications).where(and(eq(applications.postingId, p), eq(applications.workerId, w.id)));
  assert.equal([a.status, a.viaStaffId, a.viaMarketId], ["applied", staff.user.id, market]);
  const entry = await auditFor("desk.sign_up", a.id);
  assert.is(entry.actorId, staff.user.id, "names the staff member");
  assert.is(entry.onBehalfOf, w.id, "names the person");
  assert.is(entry.marketId, market);
  const [log] = await t.db.select().from(contactLogs).where(eq(contactLogs.workerId, w.id));
  assert.equal([log.outcome, log.postingId], ["referred", p]);
  const again = await staff.post(paths.desk.signUp(w.id), { posting: String(p) });
  assert.is(again.status, 409);
  assert.match(again.html, "已经报过这个活了");
  // The worker's own list says who signed them up.
  const own = t.client();
  await own.login(w.phone, "112233");
  assert.match((await own.get(paths.jobs.applications)).html, "由鄢陵县零工驿站代办");
});

test("a full posting, an unknown number, a missing quote: a Chinese message and nothing written", async () => {
  const w = await addWorker(t, { name: "被拒的人" });
  const e = await addEmployer(t);
  const full = await addPosting(t, { employerId: e.employerId, headcount: 1 });
  await t.deps.database.write((db) => db.update(jobPostings).set({ filledCount: 1, status: "filled" }).where(eq(jobPostings.id, full)));
  const quote = await addPosting(t, { employerId: e.employerId, headcount: 1, quote: true, title: "修水管" });
  await staff.get(paths.desk.worker(w.id));
  const cases: [Record<string, string>, number, string][] = [
    [{ posting: String(full) }, 422, "人招满了"],
    [{ posting: "999999" }, 422, "没有这个岗位编号"],
    [{ posting: "abc" }, 400, "岗位编号请填数字"],
    [{ posting: String(quote) }, 422, "这个活要报价"],
    [{ posting: String(quote), quote: "-5" }, 400, "报价"],
  ];
  for (const [fields, status, message] of cases) {
    const r = await staff.post(paths.desk.signUp(w.id), fields);
    assert.is(r.status, status, JSON.stringify(fields));
    assert.match(r.html, message, JSON.stringify(fields));
  }
  assert.is((await t.db.select().from(applications).where(eq(applications.workerId, w.id))).length, 0);
  // The quote itself, recorded for the worker.
  const ok = await staff.post(paths.desk.signUp(w.id), { posting: String(quote), quote: "180", quoteNote: "带工具" });
  assert.is(ok.status, 303);
  const [a] = await t.db.select().from(applications).where(eq(applications.workerId, w.id));
  assert.equal([a.quoteFen, a.quoteNote, a.viaMarketId], [18000, "带工具", market]);
  assert.is((await auditFor("desk.quote", a.id)).onBehalfOf, w.id);
});

test("confirming a hire for the employer present: the hire carries the market, the audit names the employer, the worker's page says 由…代办", async () => {
  const w = await addWorker(t, { name: "上岗人", pin: "445566" });
  const e = await addEmployer(t);
  const p = await addPosting(t, { employerId: e.employerId, title: "装车" });
  await staff.get(paths.desk.worker(w.id));
  await staff.post(paths.desk.signUp(w.id), { posting: String(p) });
  const [a] = await t.db.select().from(applications).where(eq(applications.workerId, w.id));
  const page = await staff.get(paths.desk.worker(w.id));
  assert.match(page.html, paths.desk.confirm(a.id));
  // Staff of another county cannot confirm it.
  await other.get(paths.desk.home);
  assert.is((await other.post(paths.desk.confirm(a.id))).status, 404);
  const r = await staff.post(paths.desk.confirm(a.id));
  assert.is(r.status, 303);
  const [h] = await t.db.select().from(hires).where(eq(hires.applicationId, a.id));
  assert.equal([h.viaStaffId, h.viaMarketId, h.workerId], [staff.user.id, market, w.id]);
  const entry = await auditFor("desk.confirm", h.id);
  assert.equal([entry.actorId, entry.onBehalfOf], [staff.user.id, e.id]);
  const again = await staff.post(paths.desk.confirm(a.id));
  assert.is(again.status, 409);
  assert.match(again.html, "已经有结果了");
  assert.is((await t.db.select().from(hires).where(eq(hires.applicationId, a.id))).length, 1, "nothing changed");
  const worker = t.client();
  await worker.login(w.phone, "445566");
  const own = await worker.get(paths.hires.show(h.id));
  assert.is(own.status, 200);
  assert.match(own.html, "由鄢陵县零工驿站代办");
});

test("posting a quick job for a walk-in employer: published with the market, audited for the employer, shown as 由…代办", async () => {
  const e = await addEmployer(t);
  const pending = await addEmployer(t, YANLING, "pending");
  const kind = await kindId(t, "搬运装卸");
  const form = { kindId: String(kind), headcount: "3", wage: "160", countyCode: YANLING, address: "柏梁镇花木大道", contactPhone: nextPhone() };
  await staff.get(paths.desk.postJob);
  const before = (await t.db.select().from(jobPostings)).length;
  const unknown = await staff.post(paths.desk.postJob, { ...form, employerPhone: nextPhone() });
  assert.is(unknown.status, 422);
  assert.match(unknown.html, "还没有注册雇主");
  const notYet = await staff.post(paths.desk.postJob, { ...form, employerPhone: pending.phone });
  assert.is(notYet.status, 422);
  assert.match(notYet.html, "还没通过审核");
  const bad = await staff.post(paths.desk.postJob, { ...form, wage: "abc", employerPhone: e.phone });
  assert.is(bad.status, 400);
  assert.is((await t.db.select().from(jobPostings)).length, before, "nothing written");
  const ok = await staff.post(paths.desk.postJob, { ...form, employerPhone: e.phone });
  assert.is(ok.status, 303);
  const [p] = await t.db.select().from(jobPostings).where(eq(jobPostings.employerId, e.employerId));
  assert.equal([p.status, p.quick, p.viaStaffId, p.viaMarketId, p.wageFen, p.headcount], ["open", true, staff.user.id, market, 16000, 3]);
  assert.is(ok.location, paths.jobs.show(p.id));
  const entry = await auditFor("desk.post_job", p.id);
  assert.equal([entry.actorId, entry.onBehalfOf], [staff.user.id, e.id]);
  const shown = await t.client().get(paths.jobs.show(p.id));
  assert.match(shown.html, "由鄢陵县零工驿站代办");
  // And so does the employer's own list of postings.
  const boss = t.client();
  await boss.login(e.phone, e.password);
  assert.match((await boss.get(paths.jobs.mine)).html, "由鄢陵县零工驿站代办");
});

test.run();
