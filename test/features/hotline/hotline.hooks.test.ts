// The hotline in the gig market: "not paid" opens a linked wage case, open
// wage cases label the employer for staff and stop new postings, and staff
// call workers without a phone to ask whether they were paid.
import { test } from "uvu";
import { renderTemplate } from "../../../src/features/messages/index.ts";
const smsText = (m: { template: string; params: string }) => renderTemplate(m.template, JSON.parse(m.params));
import * as assert from "uvu/assert";
import { eq, and } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { publishRefusal, flagsFor } from "../../../src/shared/hooks.ts";
import { hotlineCases, messages, smsOutbox, auditLog, hires } from "../../../db/schema/index.ts";
import { addCase, addEmployer, addPosting, addWorker, addHire, hireRow } from "./fixtures.ts";

let t: TestApp;
let marketA: number, marketB: number;

test.before(async () => {
  t = await makeTestApp({ now: "2026-11-28T09:00:00+08:00" });
  marketA = await addMarket(t, { name: "陶城乡零工驿站", countyCode: "411024" });
  marketB = await addMarket(t, { name: "禹州市零工市场", countyCode: "411081", tier: "county" });
});
test.after(() => t.close());

const casesOfHire = (hireId: number) => t.db.select().from(hotlineCases).where(eq(hotlineCases.hireId, hireId));

async function hireWorld(f: { wageUnit?: "day" | "hour"; ownPhone?: boolean; marketId?: number | null; countyCode?: string } = {}) {
  const employerId = await addEmployer(t, { name: "花木园艺公司", countyCode: f.countyCode ?? "411024" });
  const postingId = await addPosting(t, { employerId, title: "苗木移栽", countyCode: f.countyCode ?? "411024", marketId: f.marketId ?? null });
  const worker = await addWorker(t, { name: "李大哥", ownPhone: f.ownPhone ?? true, marketId: f.marketId ?? null });
  const hireId = await addHire(t, { postingId, employerId, workerId: worker.id, wageFen: 15000, wageUnit: f.wageUnit ?? "day", startDate: "2026-11-20", endDate: "2026-11-22", marketId: f.marketId ?? null });
  return { employerId, postingId, worker, hireId };
}

test("a 'not paid' answer opens a wage case linked to the hire, pre-filled, and tells the worker its number", async () => {
  const w = await hireWorld({ marketId: marketA });
  for (const h of t.deps.hooks.hireNotPaid) await h(t.deps, w.hireId);
  const [c] = await casesOfHire(w.hireId);
  assert.ok(c, "a case was opened");
  assert.equal(
    { category: c.category, channel: c.channel, employer: c.employerId, posting: c.postingId, caller: c.callerUserId, name: c.callerName, phone: c.callerPhone, amount: c.amountOwedFen, market: c.marketId, county: c.countyCode, status: c.status },
    { category: "wage_arrears", channel: "online", employer: w.employerId, posting: w.postingId, caller: w.worker.id, name: "李大哥", phone: w.worker.phone, amount: 45000, market: marketA, county: "411024", status: "accepted" },
    "three days at 150 yuan",
  );
  assert.match(c.description, /苗木移栽/);
  const inbox = await t.db.select().from(messages).where(eq(messages.userId, w.worker.id));
  assert.ok(inbox.some((m) => m.body.includes(c.number) && m.link === paths.hotline.status));
  const sms = await t.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, w.worker.phone));
  assert.ok(sms.some((m) => smsText(m).includes(c.number)));
  // The worker can follow it on the status page with their own phone's last four digits.
  const anon = t.client();
  await anon.get(paths.hotline.status);
  const s = await anon.post(paths.hotline.status, { number: c.number, lastFour: w.worker.phone.slice(-4) });
  assert.is(s.status, 200);
  // Asked again (a retry, a second listener), it does not open a second case.
  for (const h of t.deps.hooks.hireNotPaid) await h(t.deps, w.hireId);
  assert.is((await casesOfHire(w.hireId)).length, 1);
});

test("an hourly wage cannot be computed: the amount is left for staff to check", async () => {
  const w = await hireWorld({ wageUnit: "hour" });
  for (const h of t.deps.hooks.hireNotPaid) await h(t.deps, w.hireId);
  const [c] = await casesOfHire(w.hireId);
  assert.is(c.amountOwedFen, null);
  assert.match(c.description, /欠薪金额待核实/);
});

test("through the hire page: the worker answers 'not paid' and the case is there", async () => {
  const worker = await signedIn(t, { role: "worker", name: "赵师傅", pin: "135790" });
  const employerId = await addEmployer(t, { name: "长葛建材厂", countyCode: "411082" });
  const postingId = await addPosting(t, { employerId, countyCode: "411082" });
  const hireId = await addHire(t, { postingId, employerId, workerId: worker.user.id });
  assert.is((await worker.get(paths.hires.show(hireId))).status, 200);
  const r = await worker.post(paths.hires.paid(hireId), { answer: "not_paid" });
  assert.is(r.status, 303);
  const [c] = await casesOfHire(hireId);
  assert.ok(c, "the answer opened a case");
  assert.equal([c.callerUserId, c.countyCode, c.employerId], [worker.user.id, "411082", employerId]);
});

test("an open wage case stops publishing with a Chinese reason until it is closed, and labels the employer for staff", async () => {
  const employerId = await addEmployer(t, { name: "拖欠工资的公司" });
  const clean = await addEmployer(t, { name: "按时发工资的公司" });
  const other = await addCase(t, { employerId: clean, category: "fraud", amountOwedFen: null });
  assert.ok(other);
  assert.is(await publishRefusal(t.deps, employerId), null);
  const made = await addCase(t, { employerId, marketId: marketA });
  const reason = await publishRefusal(t.deps, employerId);
  assert.ok(reason && /欠薪投诉/.test(reason) && reason.includes("12333"), String(reason));
  assert.is(await publishRefusal(t.deps, clean), null, "a fraud case does not stop publishing");
  let flags = await flagsFor(t.deps, [employerId, clean]);
  assert.equal(flags.get(employerId), ["有欠薪投诉"]);
  assert.is(flags.get(clean), undefined);

  // Closed as true: publishing may resume, the label stays.
  const staff = await signedIn(t, { role: "staff", marketId: marketA });
  await staff.get(paths.hotline.case(made.id));
  for (const fields of [
    { action: "transfer", agency: "labour_inspection", transferNote: "转劳动监察" },
    { action: "start" },
    { action: "close", outcome: "upheld", recovered: "1500", closeNote: "已责令支付" },
  ]) assert.is((await staff.post(paths.hotline.step(made.id), fields)).status, 303);
  assert.is(await publishRefusal(t.deps, employerId), null);
  flags = await flagsFor(t.deps, [employerId]);
  assert.equal(flags.get(employerId), ["有欠薪投诉"]);

  // A case found untrue leaves no label.
  const third = await addEmployer(t, { name: "被误会的公司" });
  const untrue = await addCase(t, { employerId: third, marketId: marketA });
  for (const fields of [
    { action: "transfer", agency: "labour_inspection", transferNote: "转" },
    { action: "start" },
    { action: "close", outcome: "unfounded", closeNote: "工资已按时发放" },
  ]) await staff.post(paths.hotline.step(untrue.id), fields);
  assert.is((await flagsFor(t.deps, [third])).get(third), undefined);

  // The public sees no accusation: the public pages never name the label.
  const home = await t.client().get(paths.hotline.home);
  assert.not.match(home.html, /有欠薪投诉/);
});

test("HOTLINE_BLOCK_PUBLISHING=false turns the stop off but keeps the label", async () => {
  const t2 = await makeTestApp({ env: { HOTLINE_BLOCK_PUBLISHING: "false", HOTLINE_CASE_PREFIX: "YL", HOTLINE_DEADLINE_DAYS: "wage_arrears=1" } });
  try {
    const employerId = await addEmployer(t2);
    const made = await addCase(t2, { employerId });
    assert.is(await publishRefusal(t2.deps, employerId), null);
    assert.equal((await flagsFor(t2.deps, [employerId])).get(employerId), ["有欠薪投诉"]);
    assert.match(made.number, /^YL-20261128-0001$/);
    const [row] = await t2.db.select().from(hotlineCases).where(eq(hotlineCases.id, made.id));
    assert.is(row.dueDate, "2026-11-29", "the wage deadline from the environment");
  } finally {
    t2.close();
  }
});

test("a bad HOTLINE_* setting stops the app at start with the variable's name", async () => {
  let message = "";
  try {
    const t3 = await makeTestApp({ env: { HOTLINE_DEADLINE_DAYS: "wages=3" } });
    t3.close();
  } catch (e) {
    message = (e as Error).message;
  }
  assert.match(message, /HOTLINE_DEADLINE_DAYS/);
});

test("the call list: past hires with no paid answer, of workers without their own phone, in the station's scope", async () => {
  const staffA = await signedIn(t, { role: "staff", name: "张干事", marketId: marketA });
  const staffB = await signedIn(t, { role: "staff", name: "禹州干事", marketId: marketB });
  const countyA = await signedIn(t, { role: "county_admin", countyCode: "411024" });
  const noPhone = await hireWorld({ ownPhone: false, marketId: marketA });
  const ownPhone = await hireWorld({ ownPhone: true, marketId: marketA });
  // Work not yet over: not on the list.
  const future = await hireWorld({ ownPhone: false, marketId: marketA });
  await t.deps.database.write((db) => db.update(hires).set({ endDate: "2026-12-05" }).where(eq(hires.id, future.hireId)));
  const listA = await staffA.get(paths.hotline.callList);
  assert.is(listA.status, 200);
  const ids = [...listA.html.matchAll(/\/hotline\/call-list\/(\d+)/g)].map((m) => Number(m[1]));
  assert.ok(ids.includes(noPhone.hireId));
  assert.not.ok(ids.includes(ownPhone.hireId), "workers with their own phone answer for themselves");
  assert.not.ok(ids.includes(future.hireId), "work not over yet");
  assert.ok(listA.html.includes(`tel:${noPhone.worker.phone}`), "staff get the number to call");
  const listB = await staffB.get(paths.hotline.callList);
  assert.not.ok(listB.html.includes(paths.hotline.callAnswer(noPhone.hireId)), "another station does not see it");
  assert.ok((await countyA.get(paths.hotline.callList)).html.includes(paths.hotline.callAnswer(noPhone.hireId)), "the county admin does");

  // Out of scope: 404 and no answer stored.
  assert.is((await staffB.post(paths.hotline.callAnswer(noPhone.hireId), { answer: "not_paid" })).status, 404);
  assert.is((await hireRow(t, noPhone.hireId)).paid, null);

  const r = await staffA.post(paths.hotline.callAnswer(noPhone.hireId), { answer: "not_paid" });
  assert.is(r.status, 303);
  const done = await staffA.follow();
  const [c] = await casesOfHire(noPhone.hireId);
  assert.ok(done.html.includes(c.number), "the flash names the new case");
  assert.equal([c.channel, c.createdBy, c.callerUserId, c.amountOwedFen], ["phone", staffA.user.id, noPhone.worker.id, 45000]);
  assert.is((await hireRow(t, noPhone.hireId)).paid, "not_paid");
  const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "hotline.call_answer"), eq(auditLog.subjectId, noPhone.hireId)));
  assert.equal(audit.map((a) => [a.actorId, a.onBehalfOf]), [[staffA.user.id, noPhone.worker.id]]);
  assert.not.ok((await staffA.get(paths.hotline.callList)).html.includes(paths.hotline.callAnswer(noPhone.hireId)), "answered: off the list");

  // A second answer changes nothing.
  await staffA.get(paths.hotline.callList);
  const again = await staffA.post(paths.hotline.callAnswer(noPhone.hireId), { answer: "paid" });
  assert.is(again.status, 303);
  assert.match((await staffA.follow()).html, /已经回答过了/);
  assert.is((await hireRow(t, noPhone.hireId)).paid, "not_paid");
  assert.is((await casesOfHire(noPhone.hireId)).length, 1);

  // "Paid" is recorded without a case.
  const paid = await hireWorld({ ownPhone: false, marketId: marketA });
  await staffA.post(paths.hotline.callAnswer(paid.hireId), { answer: "paid" });
  assert.is((await hireRow(t, paid.hireId)).paid, "paid");
  assert.is((await casesOfHire(paid.hireId)).length, 0);
  const bad = await staffA.post(paths.hotline.callAnswer(paid.hireId), { answer: "maybe" });
  assert.is(bad.status, 303);

  // A worker cannot use the staff list.
  const worker = await signedIn(t, { role: "worker", pin: "112233" });
  assert.is((await worker.get(paths.hotline.callList)).status, 404);
  assert.is((await worker.post(paths.hotline.callAnswer(paid.hireId), { answer: "paid" })).status, 404);
});

test("staff may record a hire on a case by its number; the public may only pick their own hires", async () => {
  const staffA = await signedIn(t, { role: "staff", marketId: marketA });
  const w = await hireWorld({ marketId: marketA });
  await staffA.get(paths.hotline.newCase);
  const r = await staffA.post(paths.hotline.newCase, { do: "save", category: "wage_arrears", amount: "450", description: "来电说没给钱", callerPhone: w.worker.phone, hireId: String(w.hireId) });
  assert.is(r.status, 303);
  const [c] = await casesOfHire(w.hireId);
  assert.equal([c.employerId, c.postingId, c.marketId], [w.employerId, w.postingId, marketA]);

  const stranger = await signedIn(t, { role: "worker", pin: "998877" });
  await stranger.get(paths.hotline.report);
  const refused = await stranger.post(paths.hotline.report, { do: "save", category: "other", description: "x", callerPhone: stranger.user.phone, hireId: String(w.hireId) });
  assert.is(refused.status, 400);
  assert.match(refused.html, /用工记录编号找不到/);
});

test.run();
