// Journeys of issue 17 at route level: an employer's drafts that waited only
// for verification go public when staff verify her (those still in date), she
// is told with a link to each, and the rest wait on her list with a 发布
// button; her list puts open jobs with people waiting first; job results put
// today's work first, then tomorrow's, then by start date.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { addDays } from "../../../src/shared/clock.ts";
import { jobPostings, messages, smsOutbox, applications, hires } from "../../../db/schema/index.ts";
import { addEmployer, addPosting, addWorker, postingFields, today, YANLING } from "./fixtures.ts";
import { copy } from "../../../views/copy/index.ts";

let t: TestApp;
let market: number;
test.before(async () => {
  t = await makeTestApp({ now: "2026-11-28T09:00:00+08:00" });
  market = await addMarket(t, { countyCode: YANLING });
});
test.after(() => t.close());

const postingById = async (id: number) => (await t.db.select().from(jobPostings).where(eq(jobPostings.id, id)))[0];
const idOf = (location: string | null) => Number(/\/jobs\/(\d+)/.exec(location ?? "")![1]);

test("a pending employer's postings wait as drafts; on verification those in date go public, she is told with a link to each, the rest wait on her list with 发布", async () => {
  const e = await addEmployer(t, { status: "pending", name: "王阿姨家" });
  const b = t.client();
  await b.login(e.phone, e.password);
  // Two postings while pending: one for the coming days, one quick hire for today.
  await b.get(paths.jobs.new);
  await b.post(paths.jobs.new, await postingFields(t, { title: "周末打扫卫生", startDate: addDays(today(t), 1), endDate: addDays(today(t), 2) }));
  assert.is(b.last.status, 303);
  const weekend = idOf(b.last.location);
  await b.follow();
  assert.match(b.last.html, copy.jobs.publishOnVerification);
  await b.get(paths.jobs.new);
  await b.post(paths.jobs.new, await postingFields(t, { title: "今天搬家具", startDate: today(t), endDate: today(t) }));
  const todayJob = idOf(b.last.location);
  for (const id of [weekend, todayJob]) assert.equal([(await postingById(id)).status, (await postingById(id)).awaitingVerification], ["draft", true]);
  // Not public: a visitor does not find them.
  const visitor = t.client();
  await visitor.get(paths.jobs.show(weekend));
  assert.is(visitor.last.status, 404);

  // Staff verify her the next day: today's job is past by then and stays a draft.
  t.clock.set("2026-11-29T09:00:00+08:00");
  const staff = await signedIn(t, { role: "staff", name: "张干事", marketId: market });
  await staff.get(paths.employers.show(e.employerId));
  await staff.post(paths.employers.verify(e.employerId));
  assert.is(staff.last.status, 303, staff.last.html.slice(0, 300));
  assert.equal([(await postingById(weekend)).status, (await postingById(weekend)).awaitingVerification], ["open", false]);
  assert.equal([(await postingById(todayJob)).status, (await postingById(todayJob)).awaitingVerification], ["draft", false]);
  await visitor.get(paths.jobs.show(weekend));
  assert.is(visitor.last.status, 200);

  // Her messages: one (also by SMS) saying what went public and what did not, linking to her list; one per posting, linking to it.
  const inbox = await t.db.select().from(messages).where(eq(messages.userId, e.id));
  const links = inbox.map((m) => m.link);
  assert.ok(links.includes(paths.jobs.show(weekend)), JSON.stringify(inbox));
  assert.ok(links.includes(paths.jobs.show(todayJob)));
  const main = inbox.find((m) => m.body.includes("通过审核"))!;
  assert.ok(main.body.includes(copy.employers.draftsPublished(1)) && main.body.includes(copy.employers.draftsLeft(1)), main.body);
  assert.is(main.link, paths.jobs.mine);
  const sms = await t.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, e.phone));
  assert.is(sms.length, 1, "one text, not one per posting");

  // From the message's link, her list: the draft has a one-tap 发布 (refused here: its date is past, so the page says why).
  await b.get(main.link!);
  assert.match(b.last.html, copy.jobs.publishNamed("今天搬家具"));
  assert.match(b.last.html, `action="${paths.jobs.publish(todayJob)}"`);
  assert.not.match(b.last.html, `action="${paths.jobs.publish(weekend)}"`);
});

test("a verified employer's own list puts open jobs with people waiting first, then open, then drafts, then the rest", async () => {
  const e = await addEmployer(t, { name: "李老板的店" });
  const d = today(t);
  const closed = await addPosting(t, e.employerId, { title: "已结束的活", status: "closed" });
  const openNobody = await addPosting(t, e.employerId, { title: "没人报名的活", startDate: addDays(d, 3), endDate: addDays(d, 4) });
  const draft = await addPosting(t, e.employerId, { title: "草稿的活", status: "draft" });
  const openWaiting = await addPosting(t, e.employerId, { title: "有人等着的活", startDate: addDays(d, 5), endDate: addDays(d, 6) });
  const w = await addWorker(t);
  await t.deps.database.write((db) => db.insert(applications).values({ postingId: openWaiting, workerId: w.id, status: "applied", createdAt: t.clock.now() }));
  const b = t.client();
  await b.login(e.phone, e.password);
  await b.get(paths.jobs.mine);
  const order = [...b.last.html.matchAll(/href="\/jobs\/(\d+)"/g)].map((m) => Number(m[1])).filter((id, i, a) => a.indexOf(id) === i);
  assert.equal(order, [openWaiting, openNobody, draft, closed]);
});

test("job results: work on today first, then tomorrow, then by start date", async () => {
  const e = await addEmployer(t, { name: "排序测试" });
  const d = today(t);
  const later = await addPosting(t, e.employerId, { title: "排序下周的活", startDate: addDays(d, 6), endDate: addDays(d, 7) });
  const tomorrow = await addPosting(t, e.employerId, { title: "排序明天的活", startDate: addDays(d, 1), endDate: addDays(d, 1) });
  const ongoing = await addPosting(t, e.employerId, { title: "排序还在干的活", startDate: addDays(d, -2), endDate: addDays(d, 2) });
  const todays = await addPosting(t, e.employerId, { title: "排序今天的活", startDate: d, endDate: d });
  const visitor = t.client();
  await visitor.get(`${paths.jobs.list}?q=${encodeURIComponent("排序")}`);
  const ids = [...visitor.last.html.matchAll(/href="\/jobs\/(\d+)"/g)].map((m) => Number(m[1]));
  const order = [todays, ongoing, tomorrow, later].map((id) => ids.indexOf(id));
  assert.ok(order.every((i) => i >= 0), JSON.stringify(order));
  // Today's and the ongoing job (both "work today") before tomorrow's, before next week's.
  assert.ok(Math.max(order[0], order[1]) < order[2] && order[2] < order[3], JSON.stringify(order));
  // 今天有活 is the first filter of the form.
  await visitor.get(paths.jobs.list);
  const firstSelect = /<select[^>]*name="([^"]+)"/.exec(visitor.last.html)![1];
  assert.is(firstSelect, "when");
  assert.match(visitor.last.html, `href="${paths.jobs.list}?when=today"`);
});

test("the written agreement has both parties, the work and the worker's quote note, dates and hours, place, wage, when and how it is paid, both pledges and signature lines; the worker sees her own quote", async () => {
  const e = await addEmployer(t, { name: "张大姐家" });
  const emp = t.client();
  await emp.login(e.phone, e.password);
  await emp.get(paths.jobs.new);
  assert.match(emp.last.html, 'name="payTime"');
  await emp.post(
    paths.jobs.new,
    await postingFields(t, { title: "卫生间漏水修一下", payMode: "quote", wage: "", wageUnit: "", headcount: "1", hours: "9:00-12:00", payTime: "same_day", payMethod: "wechat" }),
  );
  assert.is(emp.last.status, 303, emp.last.html.slice(0, 500));
  const id = idOf(emp.last.location);
  const w = await addWorker(t, { name: "李师傅" });
  const wb = t.client();
  await wb.login(w.phone, w.pin!);
  await wb.get(paths.jobs.show(id));
  await wb.post(paths.jobs.apply(id), { quote: "150", quoteNote: "含换密封圈的材料费" });
  assert.is(wb.last.status, 303);
  // 李师傅 sees his own quote on the job page and in 我报名的活.
  await wb.get(paths.jobs.show(id));
  assert.match(wb.last.html, copy.jobs.myQuote);
  assert.match(wb.last.html, "150 元");
  assert.match(wb.last.html, "含换密封圈的材料费");
  await wb.get(paths.jobs.applications);
  assert.match(wb.last.html, "含换密封圈的材料费");

  await emp.get(paths.jobs.applicants(id));
  const appId = Number(/\/employer\/applications\/(\d+)\/confirm/.exec(emp.last.html)![1]);
  await emp.post(paths.jobs.confirm(appId), {});
  assert.is(emp.last.status, 303);
  const [hire] = await t.db.select().from(hires).where(eq(hires.applicationId, appId));
  assert.equal([hire.hours, hire.payTime, hire.payMethod], ["9:00-12:00", "same_day", "wechat"]);

  await wb.get(paths.hires.print(hire.id));
  assert.is(wb.last.status, 200);
  const text = wb.last.html.replace(/<[^>]+>/g, " ");
  const h = copy.hires;
  for (const want of [
    "李师傅", "张大姐家", "卫生间漏水修一下", "含换密封圈的材料费", "9:00-12:00", copy.jobs.payTimes.same_day, copy.jobs.payMethods.wechat,
    h.quoteWage("150"), h.employerPledges[0], h.workerPledges[0], h.signWorker, h.signEmployer, "城关镇幸福路 8 号",
  ]) {
    assert.ok(text.includes(want), `the agreement says ${want}`);
  }
});

test("a term the posting did not set is a line to fill in on paper", async () => {
  const e = await addEmployer(t, { name: "没写结算的雇主" });
  const id = await addPosting(t, e.employerId, { title: "帮忙看店", headcount: 1, hours: "" });
  const w = await addWorker(t, { name: "周大姐" });
  const wb = t.client();
  await wb.login(w.phone, w.pin!);
  await wb.get(paths.jobs.show(id));
  await wb.post(paths.jobs.apply(id), {});
  const emp = t.client();
  await emp.login(e.phone, e.password);
  await emp.get(paths.jobs.applicants(id));
  const appId = Number(/\/employer\/applications\/(\d+)\/confirm/.exec(emp.last.html)![1]);
  await emp.post(paths.jobs.confirm(appId), {});
  const [hire] = await t.db.select().from(hires).where(eq(hires.applicationId, appId));
  await emp.get(paths.hires.print(hire.id));
  const fills = emp.last.html.split(copy.hires.fillIn).length - 1;
  assert.is(fills, 3, "hours, when and how paid");
});

test.run();
