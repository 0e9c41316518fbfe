// The gig market end to end, through HTTP on a temp DB: an employer registers
// and is verified, posts, a worker finds the job by a 2-character keyword and
// by filters, signs up, is confirmed, both see the hire record and its print
// view, and the worker answers "paid". The same for a quote posting and a
// quick-hire posting; then visitors who sign up without an account.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { and, eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, nextPhone, type TestApp, type Browser } from "../../helpers/app.ts";
import { applications, employers, hires, jobPostings, messages, smsOutbox, users, auditLog } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { codeIfAsked, enterCode } from "../../helpers/phone.ts";
import { copy } from "../../../views/copy/index.ts";
import { completeResidentId } from "../../../src/features/employers/index.ts";
import { addDays, DAY_MS } from "../../../src/shared/clock.ts";
import { addEmployer, addPosting, addWorker, kindIds, postingFields, today, YANLING, YUZHOU } from "./fixtures.ts";
import { assertInOrder } from "../../helpers/order.ts";

const t = copy.jobs;
const h = copy.hires;
let app: TestApp;
let staff: Awaited<ReturnType<typeof signedIn>>;

test.before(async () => {
  app = await makeTestApp();
  // The county's own market: its staff verify employers (station staff may not, #16).
  const market = await addMarket(app, { countyCode: YANLING, tier: "county" });
  staff = await signedIn(app, { role: "staff", name: "张干事", marketId: market });
});
test.after(() => app.close());

const idFrom = (location: string | null) => Number(location?.match(/\/(\d+)(?:\/[a-z]+)?$/)?.[1]);

async function workerBrowser(name = "王秀英") {
  const w = await addWorker(app, { name });
  const b = app.client();
  await b.login(w.phone, w.pin);
  return Object.assign(b, { worker: w });
}

async function employerBrowser(o: Parameters<typeof addEmployer>[1] = {}) {
  const e = await addEmployer(app, o);
  const b = app.client();
  await b.login(e.phone, e.password);
  return Object.assign(b, { employer: e });
}

/** The application id in the confirm button of a worker's row on the applicants page. */
function confirmIds(html: string): number[] {
  return [...html.matchAll(/\/employer\/applications\/(\d+)\/confirm/g)].map((m) => Number(m[1]));
}

test("the whole path: register, verify, post, find, sign up, confirm, hire record, print, paid", async () => {
  // A household registers as a private employer and waits for review.
  const phone = nextPhone();
  const emp = app.client();
  await emp.get(paths.employers.register);
  await emp.post(paths.employers.register, {
    kind: "private",
    name: "李秀英",
    idNumber: completeResidentId("41102419750101123"),
    pledge: "yes",
    countyCode: YANLING,
    phone,
    password: "jiazheng8",
    password2: "jiazheng8",
  });
  await codeIfAsked(app, emp, phone);
  assert.is(emp.last.status, 303);
  const [{ e }] = await app.db.select({ e: employers }).from(employers).innerJoin(users, eq(users.id, employers.userId)).where(eq(users.phone, phone));

  // Before verification a posting is kept as a draft: nobody sees it.
  await emp.get(paths.jobs.new);
  assert.is(emp.last.status, 200);
  await emp.post(paths.jobs.new, await postingFields(app, { title: "试发一下" }));
  const draftId = idFrom(emp.last.location);
  await emp.follow();
  // Issue 17: the page says it will go public on verification (it used to say only that it cannot be published yet).
  assert.ok(emp.last.html.includes(t.publishOnVerification));
  assert.is((await app.client().get(paths.jobs.show(draftId))).status, 404);

  // Staff of the county verify the employer: the draft, still in date, goes public with it.
  await staff.get(paths.employers.show(e.id));
  await staff.post(paths.employers.verify(e.id), {});
  assert.is(staff.last.status, 303);
  assert.is((await app.client().get(paths.jobs.show(draftId))).status, 200);

  // The employer posts; it is public at once.
  await emp.get(paths.jobs.new);
  await emp.post(paths.jobs.new, await postingFields(app, { title: "家里打扫卫生", duties: "擦窗、拖地、整理厨房" }));
  assert.is(emp.last.status, 303);
  const id = idFrom(emp.last.location);
  await emp.follow();
  assert.ok(emp.last.html.includes(t.published));
  const [posting] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.is(posting.status, "open");
  assert.is(posting.employerId, e.id);

  // A worker finds it by a 2-character keyword and by filters, but not in another county.
  const visitor = app.client();
  await visitor.get(`${paths.jobs.list}?q=${encodeURIComponent("保洁")}`);
  assert.ok(visitor.last.html.includes(paths.jobs.show(id)));
  await visitor.get(`${paths.jobs.list}?q=${encodeURIComponent("擦窗")}`);
  assert.ok(visitor.last.html.includes(paths.jobs.show(id)));
  const kinds = await kindIds(app);
  await visitor.get(`${paths.jobs.list}?county=${YANLING}&kind=${kinds.get("家政保洁")}&when=today&form=gig&minDay=150`);
  assert.ok(visitor.last.html.includes(paths.jobs.show(id)));
  await visitor.get(`${paths.jobs.list}?county=${YUZHOU}`);
  assert.not.ok(visitor.last.html.includes(paths.jobs.show(id)));
  await visitor.get(`${paths.jobs.list}?minDay=250`);
  assert.not.ok(visitor.last.html.includes(paths.jobs.show(id)), "200 a day is below 250");

  // The phone is masked until the worker is hired; the page says it is free.
  const worker = await workerBrowser();
  await worker.get(paths.jobs.show(id));
  assert.ok(worker.last.html.includes("138****5678"));
  assert.not.ok(worker.last.html.includes("tel:13812345678"));
  assert.ok(worker.last.html.includes(t.free));

  // One tap to sign up; the employer is told.
  await worker.post(paths.jobs.apply(id), {});
  assert.is(worker.last.status, 303);
  await worker.follow();
  assert.ok(worker.last.html.includes(t.signedUp));
  assert.ok(worker.last.html.includes(t.yourStatus(t.applicationStatuses.applied)));
  const employerInbox = await app.db.select().from(messages).where(eq(messages.userId, e.userId));
  assert.ok(employerInbox.some((m) => m.body === t.notices.newApplicant("家里打扫卫生")));

  // The employer sees the applicant with a masked phone and confirms.
  await emp.get(paths.jobs.applicants(id));
  assert.ok(emp.last.html.includes("王秀英"));
  assert.ok(emp.last.html.includes(worker.worker.phone.slice(0, 3) + "****"));
  assert.not.ok(emp.last.html.includes(`tel:${worker.worker.phone}`));
  const [appId] = confirmIds(emp.last.html);
  await emp.post(paths.jobs.confirm(appId), {});
  assert.is(emp.last.status, 303);
  const [hire] = await app.db.select().from(hires).where(eq(hires.applicationId, appId));
  assert.equal([hire.wageFen, hire.wageUnit, hire.status, hire.workerId], [20000, "day", "confirmed", worker.worker.id]);
  assert.ok(hire.place.includes("鄢陵县"));
  const [after] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.is(after.filledCount, 1);
  // The worker is told, by inbox and by SMS.
  assert.ok((await app.db.select().from(messages).where(eq(messages.userId, worker.worker.id))).some((m) => m.body === t.notices.confirmed("家里打扫卫生")));
  assert.ok((await app.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, worker.worker.phone))).length === 1);

  // Now the employer sees the worker's number and the worker the employer's.
  await emp.get(paths.jobs.applicants(id));
  assert.ok(emp.last.html.includes(`tel:${worker.worker.phone}`));
  await worker.get(paths.jobs.show(id));
  assert.ok(worker.last.html.includes("tel:13812345678"));

  // Both see the hire record with each other's phone; nobody else does.
  await worker.get(paths.hires.show(hire.id));
  assert.is(worker.last.status, 200);
  assert.ok(worker.last.html.includes("tel:13812345678"));
  await emp.get(paths.hires.show(hire.id));
  assert.ok(emp.last.html.includes(`tel:${worker.worker.phone}`));
  assert.is((await (await workerBrowser("别人")).get(paths.hires.show(hire.id))).status, 404);
  assert.is((await (await employerBrowser()).get(paths.hires.show(hire.id))).status, 404);

  // The print view: a bare page with the print stylesheet, signature lines.
  await worker.get(paths.hires.print(hire.id));
  assert.is(worker.last.status, 200);
  assert.ok(worker.last.html.includes(h.agreementHeading));
  assert.ok(worker.last.html.includes(h.signWorker));
  assert.not.ok(worker.last.html.includes('<nav aria-label'));
  assert.match(worker.last.html, /<link rel="stylesheet" href="\/static\/print\.css[^"]*"\/?>/);

  // Before the last work date nobody asks about pay.
  await worker.get(paths.jobs.applications);
  assert.not.ok(worker.last.html.includes(h.askPaid));
  await worker.post(paths.hires.paid(hire.id), { answer: "paid" });
  assert.is(worker.last.status, 422);

  // The employer marks progress.
  await emp.get(paths.hires.show(hire.id));
  await emp.post(paths.hires.status(hire.id), { action: "start" });
  assert.is(emp.last.status, 303);

  // After the last work date the worker is asked, answers once, and the employer is told.
  app.clock.advance(2 * DAY_MS);
  await worker.get(paths.jobs.applications);
  assert.ok(worker.last.html.includes(h.askPaid));
  await worker.post(paths.hires.paid(hire.id), { answer: "paid" });
  assert.is(worker.last.status, 303);
  const [paid] = await app.db.select().from(hires).where(eq(hires.id, hire.id));
  assert.is(paid.paid, "paid");
  assert.is(paid.paidAnsweredAt, app.clock.now());
  await worker.get(paths.hires.show(hire.id));
  assert.not.ok(worker.last.html.includes(h.askPaid));
  assert.ok(worker.last.html.includes(h.paidAnswer.paid));
  await worker.post(paths.hires.paid(hire.id), { answer: "not_paid" });
  assert.is(worker.last.status, 409);
  const [still] = await app.db.select().from(hires).where(eq(hires.id, hire.id));
  assert.is(still.paid, "paid");
  assert.ok((await app.db.select().from(messages).where(eq(messages.userId, e.userId))).some((m) => m.body === h.notices.paid("家里打扫卫生")));
  app.clock.set("2026-11-28T09:00:00+08:00");
});

test("a quote posting: workers offer prices, the employer compares them and accepts one; the others are told", async () => {
  const emp = await employerBrowser();
  await emp.get(paths.jobs.new);
  await emp.post(paths.jobs.new, await postingFields(app, { title: "厨房下水道堵了", kindId: String((await kindIds(app)).get("管道疏通")), payMode: "quote", wage: "", headcount: "1" }));
  const id = idFrom(emp.last.location);
  const [p] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.equal([p.status, p.payMode, p.wageFen, p.wageUnit], ["open", "quote", null, null]);

  const offers: [string, string][] = [["张师傅", "180"], ["赵师傅", "150"], ["钱师傅", "220"]];
  const workers = [];
  for (const [name, price] of offers) {
    const w = await workerBrowser(name);
    await w.get(paths.jobs.show(id));
    assert.ok(w.last.html.includes('name="quote"'));
    // A sign-up without a price is refused with a message.
    await w.post(paths.jobs.apply(id), {});
    assert.is(w.last.status, 400);
    assert.ok(w.last.html.includes(copy.errors.required(t.quote)));
    await w.post(paths.jobs.apply(id), { quote: price, quoteNote: "自带工具" });
    assert.is(w.last.status, 303);
    workers.push(w);
  }

  // Side by side, cheapest first.
  await emp.get(paths.jobs.applicants(id));
  const html = emp.last.html;
  assert.match(html, /<table[\s>]/);
  assertInOrder(html, ["赵师傅", "张师傅", "钱师傅"]);
  assert.ok(html.includes(t.accept));

  // Accept 张师傅's 180: a hire at that price; the posting is filled; the other two are not chosen and told.
  const [zhao, zhang] = confirmIds(html);
  await emp.post(paths.jobs.confirm(zhang), {});
  assert.is(emp.last.status, 303);
  const [hire] = await app.db.select().from(hires).where(eq(hires.applicationId, zhang));
  assert.equal([hire.wageFen, hire.wageUnit], [18000, "piece"]);
  const rows = await app.db.select().from(applications).where(eq(applications.postingId, id));
  assert.equal(rows.map((r) => r.status).sort(), ["confirmed", "not_chosen", "not_chosen"]);
  const [filled] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.is(filled.status, "filled");
  for (const w of [workers[1], workers[2]]) {
    assert.ok((await app.db.select().from(messages).where(eq(messages.userId, w.worker.id))).some((m) => m.body === t.notices.notChosen("厨房下水道堵了")));
  }
  await workers[0].get(paths.hires.show(hire.id));
  assert.ok(workers[0].last.html.includes(h.quoteWage("180")));

  // The others can no longer be chosen.
  await emp.post(paths.jobs.confirm(zhao), {});
  assert.is(emp.last.status, 409);
  assert.ok(emp.last.html.includes(t.alreadyDecided));
  assert.is((await app.db.select().from(hires).where(eq(hires.postingId, id))).length, 1);

  // Quote, hire, print, paid: the same record path.
  await workers[0].get(paths.hires.print(hire.id));
  assert.is(workers[0].last.status, 200);
  await emp.get(paths.hires.show(hire.id));
  await emp.post(paths.hires.status(hire.id), { action: "start" });
  await emp.post(paths.hires.status(hire.id), { action: "complete" });
  await workers[0].get(paths.hires.show(hire.id));
  assert.ok(workers[0].last.html.includes(h.askPaid));
  await workers[0].post(paths.hires.paid(hire.id), { answer: "paid" });
  assert.is(workers[0].last.status, 303);
});

test("quick hire: five fields, published at once for today, confirmed on the spot, full at the headcount", async () => {
  const emp = await employerBrowser();
  await emp.get(paths.jobs.quick);
  assert.is(emp.last.status, 200);
  const fields = emp.last.html.match(/<(input|select|textarea)\b(?![^>]*type="hidden")/g) ?? [];
  assert.is(fields.length, 6, "kind, headcount, wage, county + address, phone");
  const kinds = await kindIds(app);
  await emp.post(paths.jobs.quick, { kindId: String(kinds.get("搬运装卸")), headcount: "1", wage: "180", countyCode: YANLING, address: "陈化店镇物流园 3 号库", contactPhone: "13912345678" });
  assert.is(emp.last.status, 303);
  const id = idFrom(emp.last.location);
  const [p] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.equal([p.status, p.quick, p.form, p.startDate, p.endDate, p.wageFen, p.wageUnit, p.title], ["open", true, "gig", today(app), today(app), 18000, "day", t.quickPostingTitle("搬运装卸")]);

  // Today's quick jobs come first on the home page.
  const visitor = app.client();
  await visitor.get(paths.home);
  const quickSection = visitor.last.html.slice(visitor.last.html.indexOf(copy.home.todayJobs), visitor.last.html.indexOf(copy.home.quickHire));
  assert.ok(quickSection.includes(paths.jobs.show(id)));
  await visitor.get(`${paths.jobs.list}?q=${encodeURIComponent("搬运")}&when=today`);
  assert.ok(visitor.last.html.includes(paths.jobs.show(id)));

  const first = await workerBrowser("周大哥");
  await first.get(paths.jobs.show(id));
  await first.post(paths.jobs.apply(id), {});
  await emp.get(paths.jobs.applicants(id));
  await emp.post(paths.jobs.confirm(confirmIds(emp.last.html)[0]), {});
  assert.is(emp.last.status, 303);
  const [filled] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.equal([filled.status, filled.filledCount], ["filled", 1]);

  // Full: the next worker is refused with a clear message and nothing is written.
  const late = await workerBrowser("吴大哥");
  await late.get(paths.jobs.show(id));
  assert.ok(late.last.html.includes(t.refusals.full));
  await late.post(paths.jobs.apply(id), {});
  assert.is(late.last.status, 422);
  assert.ok(late.last.html.includes(t.refusals.full));
  assert.is((await app.db.select().from(applications).where(eq(applications.postingId, id))).length, 1);
  const [hire] = await app.db.select().from(hires).where(eq(hires.postingId, id));
  await first.get(paths.hires.show(hire.id));
  assert.is(first.last.status, 200);
});

test("a visitor signs up with name and phone: an account is made, signed in and asked to set a PIN", async () => {
  const { employerId, userId } = await (async () => {
    const e = await addEmployer(app);
    return { employerId: e.employerId, userId: e.id };
  })();
  const id = await (await import("./fixtures.ts")).addPosting(app, employerId, { title: "花木基地浇水" });
  const visitor = app.client();
  await visitor.get(paths.jobs.show(id));
  assert.ok(visitor.last.html.includes(t.anonIntro));
  const phone = nextPhone();
  await visitor.post(paths.jobs.apply(id), { name: "孙大娘", phone });
  // Nothing is made before the SMS code matches.
  assert.is(visitor.last.status, 303);
  assert.match(visitor.last.location!, /^\/phone\//);
  assert.is((await app.db.select().from(users).where(eq(users.phone, phone))).length, 0);
  await enterCode(app, visitor, phone);
  assert.is(visitor.last.status, 303);
  assert.is(visitor.last.location, paths.jobs.applications);
  const [u] = await app.db.select().from(users).where(eq(users.phone, phone));
  assert.equal([u.role, u.name, u.pinHash], ["worker", "孙大娘", null]);
  const [a] = await app.db.select().from(applications).where(and(eq(applications.postingId, id), eq(applications.workerId, u.id)));
  assert.is(a.status, "applied");
  await visitor.follow();
  assert.is(visitor.last.status, 200);
  assert.ok(visitor.last.html.includes(t.signedUpNew));
  assert.ok(visitor.last.html.includes(t.pinPrompt));
  assert.ok(visitor.last.html.includes(paths.jobs.firstPin));
  assert.ok((await app.db.select().from(messages).where(eq(messages.userId, userId))).length >= 1);

  // Setting the first PIN: mismatched is refused; then set once, and the account can log in with it.
  await visitor.get(paths.jobs.firstPin);
  assert.is(visitor.last.status, 200);
  await visitor.post(paths.jobs.firstPin, { pin: "135790", pin2: "135791" });
  assert.is(visitor.last.status, 400);
  assert.ok(visitor.last.html.includes(t.pinMismatch));
  await visitor.post(paths.jobs.firstPin, { pin: "13579", pin2: "13579" });
  assert.is(visitor.last.status, 400);
  assert.ok(visitor.last.html.includes(copy.errors.pin));
  await visitor.post(paths.jobs.firstPin, { pin: "135790", pin2: "135790" });
  assert.is(visitor.last.status, 303);
  const [withPin] = await app.db.select().from(users).where(eq(users.phone, phone));
  assert.ok(withPin.pinHash?.startsWith("scrypt$"));
  // Once set, changing it goes through the PIN page that asks for the old one.
  await visitor.get(paths.jobs.firstPin);
  assert.is(visitor.last.status, 303);
  assert.is(visitor.last.location, paths.workers.pin);
  await visitor.post(paths.jobs.firstPin, { pin: "246813", pin2: "246813" });
  assert.is(visitor.last.status, 303);
  const [same] = await app.db.select().from(users).where(eq(users.phone, phone));
  assert.is(same.pinHash, withPin.pinHash);
  const again = app.client();
  await again.login(phone, "135790");
  await again.get(paths.jobs.applications);
  assert.ok(again.last.html.includes("花木基地浇水"));
  assert.not.ok(again.last.html.includes(t.pinPrompt));

  // The same phone again, from another browser (changed with phone codes): the
  // same answer as for any number, the code page; without the code nothing is written.
  const before = await counts();
  const other = app.client();
  await other.get(paths.jobs.show(id));
  assert.ok(other.last.html.includes(`${paths.accounts.login}?next=`));
  app.clock.advance(61_000);
  await other.post(paths.jobs.apply(id), { name: "冒名", phone });
  assert.is(other.last.status, 303);
  assert.match(other.last.location!, /^\/phone\//);
  assert.not.ok(other.last.html.includes(t.phoneTaken));
  assert.equal(await counts(), before);
  assert.not.ok(other.cookies.has("sid"));

  // A wrong phone number or no name: the form again, kept, with a message.
  await other.post(paths.jobs.apply(id), { name: "", phone: "12345" });
  assert.is(other.last.status, 400);
  assert.ok(other.last.html.includes(copy.errors.required(t.name)));
  assert.ok(other.last.html.includes('value="12345"'));
  assert.equal(await counts(), before);
});

async function counts() {
  const rs = await app.deps.database.client.execute("SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM applications), (SELECT count(*) FROM hires), (SELECT count(*) FROM messages)");
  return Array.from(rs.rows[0] as ArrayLike<unknown>, Number);
}

test("refusals: twice, closed, expired, draft, employer or staff accounts; nothing changes", async () => {
  const e = await addEmployer(app);
  const { addPosting } = await import("./fixtures.ts");
  const open = await addPosting(app, e.employerId, { title: "开着的" });
  const closed = await addPosting(app, e.employerId, { title: "结束的", status: "closed" });
  const past = await addPosting(app, e.employerId, { title: "过期的", startDate: addDays(today(app), -5), endDate: addDays(today(app), -1) });
  const draft = await addPosting(app, e.employerId, { title: "草稿", status: "draft" });
  const worker = await workerBrowser();
  await worker.get(paths.jobs.show(open));
  await worker.post(paths.jobs.apply(open), {});
  assert.is(worker.last.status, 303);
  const otherEmployer = await employerBrowser();
  const before = await counts();
  const cases: [string, Browser, number, number, string | null][] = [
    ["twice", worker, open, 409, t.refusals.already],
    ["a closed posting", worker, closed, 422, t.refusals.closed],
    ["a posting past its end date", worker, past, 422, t.refusals.expired],
    ["a draft", worker, draft, 404, null],
    ["an employer account", otherEmployer, open, 422, t.refusals.notWorker],
    ["a staff account", staff, open, 422, t.refusals.notWorker],
  ];
  for (const [name, b, id, status, message] of cases) {
    await b.get(paths.jobs.list);
    await b.post(paths.jobs.apply(id), {});
    assert.is(b.last.status, status, name);
    if (message) assert.ok(b.last.html.includes(message), name);
  }
  assert.equal(await counts(), before);
});

test("20 confirms at once for a headcount of 3 make exactly 3 hires", async () => {
  const emp = await employerBrowser();
  const { addPosting } = await import("./fixtures.ts");
  const id = await addPosting(app, emp.employer.employerId, { title: "大型活动保障", headcount: 3, form: "event" });
  for (let i = 0; i < 20; i++) {
    const w = await addWorker(app, { name: `工人${i}` });
    await app.deps.database.write((db) => db.insert(applications).values({ postingId: id, workerId: w.id, createdAt: app.clock.now() }));
  }
  await emp.get(paths.jobs.applicants(id));
  const ids = confirmIds(emp.last.html);
  assert.is(ids.length, 20);
  const csrf = emp.csrf;
  const cookie = [...emp.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const results = await Promise.all(
    ids.map((a) =>
      app.app.request(`http://localhost${paths.jobs.confirm(a)}`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: `_csrf=${encodeURIComponent(csrf)}`,
      }),
    ),
  );
  const statuses = results.map((r) => r.status);
  assert.is(statuses.filter((s) => s === 303).length, 3, statuses.join(","));
  assert.ok(statuses.every((s) => s === 303 || s === 409 || s === 422), statuses.join(","));
  const made = await app.db.select().from(hires).where(eq(hires.postingId, id));
  assert.is(made.length, 3);
  const [p] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.equal([p.filledCount, p.status], [3, "filled"]);
  const states = (await app.db.select().from(applications).where(eq(applications.postingId, id))).map((a) => a.status);
  assert.equal([states.filter((s) => s === "confirmed").length, states.filter((s) => s === "not_chosen").length], [3, 17]);
});

test("someone else's posting, sign-up or hire is a 404, and nothing changes", async () => {
  const owner = await employerBrowser();
  const { addPosting } = await import("./fixtures.ts");
  const id = await addPosting(app, owner.employer.employerId, { title: "别人的活" });
  const draft = await addPosting(app, owner.employer.employerId, { title: "别人的草稿", status: "draft" });
  const w = await workerBrowser();
  await w.get(paths.jobs.show(id));
  await w.post(paths.jobs.apply(id), {});
  const [a] = await app.db.select().from(applications).where(eq(applications.postingId, id));
  const intruder = await employerBrowser();
  const other = await workerBrowser();
  const before = await counts();
  const [p0] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  await intruder.get(paths.jobs.list);
  for (const url of [paths.jobs.edit(id), paths.jobs.applicants(id), paths.jobs.show(draft)]) {
    assert.is((await intruder.get(url)).status, 404, url);
  }
  await intruder.get(paths.jobs.list);
  for (const [url, body] of [
    [paths.jobs.edit(id), await postingFields(app)],
    [paths.jobs.publish(draft), {}],
    [paths.jobs.close(id), {}],
    [paths.jobs.relist(id), {}],
    [paths.jobs.confirm(a.id), {}],
    [paths.jobs.decline(a.id), {}],
  ] as const) {
    await intruder.post(url, body as Record<string, string>);
    assert.is(intruder.last.status, 404, url);
  }
  // A worker may not act for the employer either, nor withdraw someone else's sign-up.
  await other.get(paths.jobs.list);
  await other.post(paths.jobs.confirm(a.id), {});
  assert.is(other.last.status, 404);
  await other.post(paths.jobs.withdraw(a.id), {});
  assert.is(other.last.status, 404);
  assert.equal(await counts(), before);
  const [p1] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.equal(p1, p0);
});

test("staff take a posting down with a reason: out of scope is a 404, no reason is refused, then removed, logged and told", async () => {
  const emp = await employerBrowser();
  const { addPosting } = await import("./fixtures.ts");
  const id = await addPosting(app, emp.employer.employerId, { title: "要先交押金的活" });
  const w = await workerBrowser();
  await w.get(paths.jobs.show(id));
  await w.post(paths.jobs.apply(id), {});

  const yuzhouMarket = await addMarket(app, { countyCode: YUZHOU, name: "禹州市零工市场" });
  const farStaff = await signedIn(app, { role: "staff", marketId: yuzhouMarket });
  await farStaff.get(paths.jobs.list);
  await farStaff.post(paths.jobs.remove(id), { reason: "收押金" });
  assert.is(farStaff.last.status, 404);

  await staff.get(paths.jobs.show(id));
  assert.ok(staff.last.html.includes(t.removeTitle));
  assert.ok(staff.last.html.includes("tel:13812345678"), "staff in scope see the contact");
  await staff.post(paths.jobs.remove(id), { reason: "" });
  assert.is(staff.last.status, 400);
  assert.ok(staff.last.html.includes(copy.errors.required(t.removeReason)));
  const [still] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.is(still.status, "open");

  await staff.post(paths.jobs.remove(id), { reason: "要求工人先交押金,违反平台规定" });
  assert.is(staff.last.status, 303);
  const [p] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.equal([p.status, p.removedReason, p.removedBy], ["removed", "要求工人先交押金,违反平台规定", staff.user.id]);
  const audit = await app.db.select().from(auditLog).where(and(eq(auditLog.action, "posting.remove"), eq(auditLog.subjectId, id)));
  assert.is(audit.length, 1);
  assert.ok((await app.db.select().from(messages).where(eq(messages.userId, emp.employer.id))).some((m) => m.body.includes("违反平台规定")));
  const [a] = await app.db.select().from(applications).where(eq(applications.postingId, id));
  assert.is(a.status, "not_chosen");
  // Gone for the public; the employer sees why.
  assert.is((await app.client().get(paths.jobs.show(id))).status, 404);
  await emp.get(paths.jobs.show(id));
  assert.ok(emp.last.html.includes(t.removedNotice("要求工人先交押金,违反平台规定")));
});

test("lifecycle: publish needs verification and no hook refusal; close tells the waiting; relist copies; the sweep expires", async () => {
  const pending = await employerBrowser({ status: "pending" });
  await pending.get(paths.jobs.new);
  await pending.post(paths.jobs.new, await postingFields(app, { title: "待审核雇主的活" }));
  const id = idFrom(pending.last.location);
  await pending.get(paths.jobs.show(id));
  await pending.post(paths.jobs.publish(id), {});
  assert.is(pending.last.status, 422);
  assert.ok(pending.last.html.includes(t.notVerified));
  await app.deps.database.write((db) => db.update(employers).set({ status: "verified" }).where(eq(employers.id, pending.employer.employerId)));

  // A hook (the hotline's wage-case stop) may refuse.
  const block = async (_d: unknown, employerId: number) => (employerId === pending.employer.employerId ? "有未处理的欠薪投诉,暂停发布" : null);
  app.deps.hooks.canPublish.push(block);
  await pending.post(paths.jobs.publish(id), {});
  assert.is(pending.last.status, 422);
  assert.ok(pending.last.html.includes("暂停发布"));
  app.deps.hooks.canPublish.splice(app.deps.hooks.canPublish.indexOf(block), 1);
  await pending.post(paths.jobs.publish(id), {});
  assert.is(pending.last.status, 303);
  const [p] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.equal([p.status, p.publishedAt], ["open", app.clock.now()]);
  await pending.post(paths.jobs.publish(id), {});
  assert.is(pending.last.status, 422, "published twice");

  // Close: the waiting sign-up becomes not chosen and is told.
  const w = await workerBrowser();
  await w.get(paths.jobs.show(id));
  await w.post(paths.jobs.apply(id), {});
  await pending.get(paths.jobs.show(id));
  await pending.post(paths.jobs.close(id), {});
  assert.is(pending.last.status, 303);
  const [closed] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.is(closed.status, "closed");
  const [a] = await app.db.select().from(applications).where(eq(applications.postingId, id));
  assert.is(a.status, "not_chosen");

  // Relist: a new draft copied from it, dated from today, opened in the editor.
  await pending.post(paths.jobs.relist(id), {});
  assert.is(pending.last.status, 303);
  const copyId = idFrom(pending.last.location);
  assert.is(pending.last.location, paths.jobs.edit(copyId));
  const [copied] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, copyId));
  assert.equal([copied.status, copied.copiedFrom, copied.title, copied.startDate], ["draft", id, "待审核雇主的活", today(app)]);

  // The sweep: an open posting past its last day expires, and its waiting workers are told.
  const { addPosting } = await import("./fixtures.ts");
  const { sweepExpired } = await import("../../../src/features/jobs/index.ts");
  const old = await addPosting(app, pending.employer.employerId, { title: "昨天的活" });
  const w2 = await workerBrowser();
  await w2.get(paths.jobs.show(old));
  await w2.post(paths.jobs.apply(old), {});
  app.clock.advance(4 * DAY_MS);
  // Even before the sweep, lists never show it as open.
  await w2.get(`${paths.jobs.list}?q=${encodeURIComponent("昨天")}`);
  assert.not.ok(w2.last.html.includes(paths.jobs.show(old)));
  assert.ok((await sweepExpired(app.deps)) >= 1);
  const [expired] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, old));
  assert.is(expired.status, "expired");
  const [a2] = await app.db.select().from(applications).where(eq(applications.postingId, old));
  assert.is(a2.status, "not_chosen");
  app.clock.set("2026-11-28T09:00:00+08:00");
});

test("an edit keeps the search index in step: the old words stop matching, the new ones match", async () => {
  const emp = await employerBrowser();
  await emp.get(paths.jobs.new);
  await emp.post(paths.jobs.new, await postingFields(app, { title: "钧瓷窑口装窑", duties: "装窑出窑" }));
  const id = idFrom(emp.last.location);
  const v = app.client();
  await v.get(`${paths.jobs.list}?q=${encodeURIComponent("装窑")}`);
  assert.ok(v.last.html.includes(paths.jobs.show(id)));
  await emp.get(paths.jobs.edit(id));
  await emp.post(paths.jobs.edit(id), await postingFields(app, { title: "花木基地修剪", duties: "修剪浇水" }));
  assert.is(emp.last.status, 303);
  await v.get(`${paths.jobs.list}?q=${encodeURIComponent("装窑")}`);
  assert.not.ok(v.last.html.includes(paths.jobs.show(id)));
  await v.get(`${paths.jobs.list}?q=${encodeURIComponent("修剪")}`);
  assert.ok(v.last.html.includes(paths.jobs.show(id)));
  const rs = await app.deps.database.client.execute({ sql: "SELECT count(*) FROM posting_search WHERE posting_search MATCH ? AND rowid = ?", args: ['"装窑"', id] });
  assert.is(Number(rs.rows[0][0]), 0);
});

test("a wage below the minimum is saved with a visible warning, not refused", async () => {
  const emp = await employerBrowser();
  await emp.get(paths.jobs.new);
  await emp.post(paths.jobs.new, await postingFields(app, { wage: "10", wageUnit: "hour" }));
  assert.is(emp.last.status, 303);
  await emp.follow();
  assert.ok(emp.last.html.includes(t.belowMinimum("19.6", "每小时")));
  await emp.get(paths.jobs.edit(Number(emp.last.html.match(/\/jobs\/(\d+)\/edit/)![1])));
  assert.ok(emp.last.html.includes(t.belowMinimum("19.6", "每小时")), "the editor warns too");
  await emp.post(paths.jobs.new, await postingFields(app, { wage: "5", wageUnit: "piece" }));
  await emp.follow();
  assert.not.ok(emp.last.html.includes("最低工资"));
});

test("the minimum-wage warning at its boundary, through the posting page, for every unit (minimum 19.6 元/hour, 2000 元/month)", async () => {
  assert.equal(app.deps.config.minWage, { hourlyFen: 1960, monthlyFen: 200000 }, "the region file's minimum");
  const emp = await employerBrowser();
  // [wage typed, unit, the warning expected (the minimum as shown, the unit words) or null]
  const cases: [string, string, [string, string] | null][] = [
    ["19.59", "hour", ["19.6", "每小时"]],
    ["19.6", "hour", null],
    ["156.79", "day", ["156.8", "每天"]],
    ["156.8", "day", null],
    ["1999.99", "month", ["2000", "每月"]],
    ["2000", "month", null],
    ["1", "piece", null],
  ];
  for (const [wage, unit, warning] of cases) {
    await emp.get(paths.jobs.new);
    await emp.post(paths.jobs.new, await postingFields(app, { wage, wageUnit: unit }));
    assert.is(emp.last.status, 303, `${wage} ${unit} is saved`);
    await emp.follow();
    const html = emp.last.html;
    if (warning) assert.ok(html.includes(t.belowMinimum(warning[0], warning[1])), `${wage} ${unit}: warned`);
    else assert.not.ok(html.includes("最低工资"), `${wage} ${unit}: no warning`);
  }
});

test("'full' at its boundary in the SQL path: sign-ups while one place is left, refused at the headcount even while the row still says open; the last confirm fills it, one more is refused", async () => {
  const emp = await employerBrowser();
  const id = await addPosting(app, emp.employer.employerId, { title: "招两人的活", headcount: 2 });
  const setFilled = (n: number) => app.deps.database.client.execute({ sql: "UPDATE job_postings SET filled_count = ?, status = 'open' WHERE id = ?", args: [n, id] });
  const rowsOf = async () => (await app.db.select().from(applications).where(eq(applications.postingId, id))).length;

  // One place of two taken, the row open: a sign-up goes through.
  await setFilled(1);
  const a = await workerBrowser("一号");
  await a.get(paths.jobs.show(id));
  await a.post(paths.jobs.apply(id), {});
  assert.is(a.last.status, 303, "one place left");
  assert.is(await rowsOf(), 1);
  // Both taken but the status not yet 'filled' (the count is what counts): refused, nothing written.
  await setFilled(2);
  const b = await workerBrowser("二号");
  await b.get(paths.jobs.show(id));
  await b.post(paths.jobs.apply(id), {});
  assert.is(b.last.status, 422, "at the headcount");
  assert.ok(b.last.html.includes(t.refusals.full));
  assert.is(await rowsOf(), 1);

  // Back to none taken: three sign up; confirming the second fills the posting; the third cannot be confirmed.
  await setFilled(0);
  const c = await workerBrowser("三号");
  const d = await workerBrowser("四号");
  for (const w of [b, c, d]) {
    await w.get(paths.jobs.show(id));
    await w.post(paths.jobs.apply(id), {});
    assert.is(w.last.status, 303);
  }
  await emp.get(paths.jobs.applicants(id));
  const ids = confirmIds(emp.last.html);
  assert.is(ids.length, 4);
  await emp.post(paths.jobs.confirm(ids[0]), {});
  let [p] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.equal([p.status, p.filledCount], ["open", 1], "one of two: still open");
  await emp.get(paths.jobs.applicants(id));
  await emp.post(paths.jobs.confirm(ids[1]), {});
  [p] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.equal([p.status, p.filledCount], ["filled", 2], "two of two: filled");
  await emp.get(paths.jobs.applicants(id));
  const r = await emp.post(paths.jobs.confirm(ids[2]), {});
  // Filling it let the others go (releaseWaiting), so the third is already decided.
  assert.is(r.status, 409, "a third confirm is refused");
  const [third] = await app.db.select().from(applications).where(eq(applications.id, ids[2]));
  assert.is.not(third.status, "confirmed");
  [p] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.is(p.filledCount, 2, "never more than the headcount");
  assert.is((await app.db.select().from(hires).where(eq(hires.postingId, id))).length, 2);
});

test("htmx asks for the results only; without htmx the whole page", async () => {
  const b = app.client();
  await b.get(`${paths.jobs.list}?county=${YANLING}`, { "HX-Request": "true" });
  assert.ok(b.last.html.startsWith('<div id="rows">'), b.last.html.slice(0, 200));
  assert.not.ok(b.last.html.includes("<html"));
  assert.match(b.last.headers.get("vary") ?? "", /HX-Request/i);
  await b.get(`${paths.jobs.list}?county=${YANLING}`);
  assert.ok(b.last.html.includes("<html"));
  assert.ok(b.last.html.includes('id="rows"'));
  assert.ok(b.last.html.includes('hx-get="/jobs"'));
});

test("the list pages by 20 with plain links that keep the filters", async () => {
  const e = await addEmployer(app, { countyCode: "411082" });
  const { addPosting } = await import("./fixtures.ts");
  for (let i = 0; i < 23; i++) await addPosting(app, e.employerId, { title: `长葛活 ${i}`, countyCode: "411082" });
  const b = app.client();
  await b.get(`${paths.jobs.list}?county=411082`);
  assert.is((b.last.html.match(/class="card"/g) ?? []).length, 20);
  assert.ok(b.last.html.includes(t.found(23)));
  assert.ok(b.last.html.includes('href="/jobs?county=411082&amp;page=2"'));
  await b.get(`${paths.jobs.list}?county=411082&page=2`);
  assert.is((b.last.html.match(/class="card"/g) ?? []).length, 3);
  // Newest first: the last made is first on page one.
  await b.get(`${paths.jobs.list}?county=411082`);
  assertInOrder(b.last.html, ["长葛活 22", "长葛活 21"], "newest first");
});

test("staff see flags beside an employer's postings (from the employerFlags hooks); the public does not", async () => {
  const e = await addEmployer(app);
  const { addPosting } = await import("./fixtures.ts");
  const id = await addPosting(app, e.employerId, { title: "有投诉的雇主的活" });
  const hook = async (_d: unknown, ids: number[]) => new Map(ids.filter((x) => x === e.employerId).map((x) => [x, ["有欠薪投诉"]] as [number, string[]]));
  app.deps.hooks.employerFlags.push(hook);
  try {
    await staff.get(`${paths.jobs.list}?q=${encodeURIComponent("投诉")}`);
    assert.ok(staff.last.html.includes(paths.jobs.show(id)));
    assert.ok(staff.last.html.includes("有欠薪投诉"));
    await staff.get(paths.jobs.show(id));
    assert.ok(staff.last.html.includes("有欠薪投诉"));
    const visitor = app.client();
    await visitor.get(`${paths.jobs.list}?q=${encodeURIComponent("投诉")}`);
    assert.ok(visitor.last.html.includes(paths.jobs.show(id)));
    assert.not.ok(visitor.last.html.includes("有欠薪投诉"));
    await visitor.get(paths.jobs.show(id));
    assert.not.ok(visitor.last.html.includes("有欠薪投诉"));
  } finally {
    app.deps.hooks.employerFlags.splice(app.deps.hooks.employerFlags.indexOf(hook), 1);
  }
});

test("a worker withdraws a pending sign-up; the employer is told; a decided one cannot be withdrawn", async () => {
  const e = await addEmployer(app);
  const { addPosting } = await import("./fixtures.ts");
  const id = await addPosting(app, e.employerId, { title: "可取消的活" });
  const w = await workerBrowser();
  await w.get(paths.jobs.show(id));
  await w.post(paths.jobs.apply(id), {});
  const [a] = await app.db.select().from(applications).where(eq(applications.postingId, id));
  await w.get(paths.jobs.applications);
  assert.ok(w.last.html.includes(paths.jobs.withdraw(a.id)));
  await w.post(paths.jobs.withdraw(a.id), {});
  assert.is(w.last.status, 303);
  const [after] = await app.db.select().from(applications).where(eq(applications.id, a.id));
  assert.is(after.status, "withdrawn");
  assert.ok((await app.db.select().from(messages).where(eq(messages.userId, e.id))).some((m) => m.body === t.notices.withdrawn("可取消的活")));
  await w.post(paths.jobs.withdraw(a.id), {});
  assert.is(w.last.status, 422);
});

test.run();
