// Bad input on every jobs form: each case is refused with a clear Chinese
// message, the input is kept, and nothing is written. HTML and SQL in any
// field are only text: stored as typed, escaped on the page.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { jobPostings } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { addDays } from "../../../src/shared/clock.ts";
import { check } from "../../../src/shared/forms.ts";
import { applySchema } from "../../../src/features/jobs/jobs.schema.ts";
import { addEmployer, addPosting, addWorker, kindIds, postingFields, tableCounts, YANLING } from "./fixtures.ts";

const t = copy.jobs;
const e = copy.errors;
let app: TestApp;
let emp: ReturnType<TestApp["client"]>;
let employerId: number;

test.before(async () => {
  app = await makeTestApp();
  const em = await addEmployer(app);
  employerId = em.employerId;
  emp = app.client();
  await emp.login(em.phone, em.password);
  await emp.get(paths.jobs.new);
});
test.after(() => app.close());

const cases: [string, Record<string, string | string[]>, string, string | RegExp, number?][] = [
  ["no title", { title: "" }, "title", e.required(t.title)],
  ["no kind of work", { kindId: "" }, "kindId", e.choose(t.kind)],
  ["an unknown kind of work", { kindId: "99999" }, "kindId", t.problems.unknownKind],
  ["no employment form", { form: "" }, "form", e.choose(t.form)],
  ["an unknown employment form", { form: "slavery" }, "form", e.choose(t.form)],
  ["no headcount", { headcount: "" }, "headcount", e.required(t.headcount)],
  ["a headcount of 0", { headcount: "0" }, "headcount", e.range(t.headcount, 1, 500)],
  ["a headcount of 10000", { headcount: "10000" }, "headcount", e.range(t.headcount, 1, 500)],
  ["a headcount of letters", { headcount: "三" }, "headcount", e.integer(t.headcount)],
  ["a wage of 0", { wage: "0" }, "wage", e.range(t.wage, 1, 100000)],
  ["a wage of abc", { wage: "abc" }, "wage", e.money(t.wage)],
  ["a negative wage", { wage: "-200" }, "wage", e.money(t.wage)],
  ["no wage for a wage posting", { wage: "" }, "wage", t.problems.wageRequired],
  ["no wage unit", { wageUnit: "" }, "wageUnit", t.problems.wageUnitRequired],
  ["a quote posting for 3 people", { payMode: "quote", headcount: "3" }, "headcount", t.problems.quoteHeadcount],
  ["no start date", { startDate: "" }, "startDate", e.required(t.startDate)],
  ["a date that does not exist", { startDate: "2026-02-30" }, "startDate", e.date(t.startDate)],
  ["end before start", { startDate: "2026-12-05", endDate: "2026-12-01" }, "endDate", t.problems.endBeforeStart],
  ["an end date in the past", { startDate: "2026-11-01", endDate: "2026-11-20" }, "endDate", t.problems.endPast],
  ["a gig longer than six months", { endDate: "2027-08-01" }, "endDate", t.problems.gigTooLong],
  ["no county", { countyCode: "" }, "countyCode", e.choose(t.county)],
  ["a county of another city", { countyCode: "110101" }, "countyCode", t.problems.unknownCounty],
  ["a township of another county", { townshipCode: "411081001" }, "townshipCode", t.problems.townshipNotInCounty],
  ["no address", { address: "" }, "address", e.required(t.address)],
  ["no duties", { duties: "" }, "duties", e.required(t.duties)],
  ["no contact name", { contactName: "" }, "contactName", e.required(t.contactName)],
  ["no contact phone", { contactPhone: "" }, "contactPhone", e.required(t.contactPhone)],
  // A landline is accepted as a contact (it is only called: jobs.normalise.test.ts); one without its area code is not.
  ["a landline without area code as contact phone", { contactPhone: "2961234" }, "contactPhone", e.phoneToCall],
  ["a phone of 10 digits", { contactPhone: "1381234567" }, "contactPhone", e.phoneToCall],
  ["an unknown brand", { brandIds: ["99999"] }, "brandIds", t.problems.unknownBrand],
  ["a 50,000-character title", { title: "x".repeat(50_000) }, "title", e.tooLong(t.title, 40)],
  ["50,000 characters of duties", { duties: "y".repeat(50_000) }, "duties", e.tooLong(t.duties, 1000)],
  ["a 41-character title", { title: "活".repeat(41) }, "title", e.tooLong(t.title, 40)],
];

for (const [name, over, field, message] of cases) {
  test(`new posting with ${name}: 400, message, input kept, nothing written`, async () => {
    const before = await tableCounts(app);
    const fields = await postingFields(app, over);
    await emp.post(paths.jobs.new, fields);
    assert.is(emp.last.status, 400, name);
    assert.ok(emp.last.html.includes(`href="#f-${field}"`), `${name}: error linked to ${field}`);
    assert.ok(emp.last.html.includes(typeof message === "string" ? message : ""), `${name}: message "${message}"`);
    // What was typed is kept (except what is too long to echo usefully).
    if (fields.title.length <= 40) assert.ok(emp.last.html.includes(`value="${fields.title}"`), `${name}: title kept`);
    assert.equal(await tableCounts(app), before, name);
  });
}

test("a body over 64 KB (50,000 Chinese characters) is refused before it is read, nothing written", async () => {
  const before = await tableCounts(app);
  await emp.post(paths.jobs.new, await postingFields(app, { duties: "活".repeat(50_000) }));
  assert.is(emp.last.status, 413);
  assert.ok(emp.last.html.includes(e.tooLarge));
  assert.equal(await tableCounts(app), before);
});

const nasty = `<script>alert("x")</script>'; DROP TABLE job_postings;--`;
test("HTML and SQL in every text field are stored as typed and escaped on every page", async () => {
  const short = `<b>x</b>'; DROP TABLE users;--`;
  await emp.post(paths.jobs.new, await postingFields(app, { title: short, hours: short, address: nasty, duties: nasty, requirements: nasty, contactName: `<i>李</i>'--` }));
  assert.is(emp.last.status, 303);
  const id = Number(emp.last.location!.split("/").pop());
  const [p] = await app.db.select().from(jobPostings).where(eq(jobPostings.id, id));
  assert.equal([p.title, p.hours, p.address, p.duties, p.requirements, p.contactName], [short, short, nasty, nasty, nasty, `<i>李</i>'--`]);
  for (const url of [paths.jobs.show(id), paths.jobs.mine, paths.jobs.edit(id), `${paths.jobs.list}?q=${encodeURIComponent("drop")}`]) {
    await emp.get(url);
    assert.is(emp.last.status, 200, url);
    assert.not.ok(emp.last.html.includes("<script>alert"), url);
    assert.not.ok(emp.last.html.includes("<b>x</b>"), url);
    assert.ok(emp.last.html.includes("&lt;b&gt;x&lt;/b&gt;") || emp.last.html.includes("&lt;script&gt;"), url);
  }
  // The keyword search takes SQL and FTS syntax as plain words.
  for (const q of [`" OR 1=1 --`, "drop table", "*", "NEAR(a b)", "'"]) {
    const r = await app.client().get(`${paths.jobs.list}?q=${encodeURIComponent(q)}`);
    assert.is(r.status, 200, q);
  }
  const api = await app.client().get(`/api/v1/jobs?q=${encodeURIComponent('" OR "')}`);
  assert.is(api.status, 200);
});

test("quick hire: each missing or bad field is refused with its message, nothing written", async () => {
  const kinds = await kindIds(app);
  const ok = { kindId: String(kinds.get("搬运装卸")), headcount: "2", wage: "180", countyCode: YANLING, address: "物流园", contactPhone: "13912345678" };
  const quick: [string, Record<string, string>, string, string][] = [
    ["no kind", { kindId: "" }, "kindId", e.choose(t.kind)],
    ["an unknown kind", { kindId: "99999" }, "kindId", t.problems.unknownKind],
    ["a headcount of 0", { headcount: "0" }, "headcount", e.range(t.headcount, 1, 500)],
    ["a wage of abc", { wage: "abc" }, "wage", e.money(t.quickWage)],
    ["a wage of 0", { wage: "0" }, "wage", e.range(t.quickWage, 1, 100000)],
    ["an unknown county", { countyCode: "110101" }, "countyCode", t.problems.unknownCounty],
    ["no address", { address: "" }, "address", e.required(t.address)],
    ["a wrong phone", { contactPhone: "12345" }, "contactPhone", e.phoneToCall],
  ];
  await emp.get(paths.jobs.quick);
  for (const [name, over, field, message] of quick) {
    const before = await tableCounts(app);
    await emp.post(paths.jobs.quick, { ...ok, ...over });
    assert.is(emp.last.status, 400, name);
    assert.ok(emp.last.html.includes(`href="#f-${field}"`), name);
    assert.ok(emp.last.html.includes(message), `${name}: ${message}`);
    assert.equal(await tableCounts(app), before, name);
  }
});

test("sign-up: a bad quote, a bad phone, an overlong note are refused; nothing written", async () => {
  const quoteId = await addPosting(app, employerId, { title: "水电安装", kind: "水电安装", payMode: "quote", wageFen: null, wageUnit: null, headcount: 1 });
  const wageId = await addPosting(app, employerId, { title: "搬砖", endDate: addDays("2026-11-28", 3) });
  const w = await addWorker(app);
  const worker = app.client();
  await worker.login(w.phone, w.pin);
  await worker.get(paths.jobs.show(quoteId));
  const visitor = app.client();
  await visitor.get(paths.jobs.show(wageId));
  const signUps: [string, ReturnType<TestApp["client"]>, number, Record<string, string>, string][] = [
    ["a quote of abc", worker, quoteId, { quote: "abc" }, e.money(t.quote)],
    ["a quote of 0", worker, quoteId, { quote: "0" }, e.range(t.quote, 1, 100000)],
    ["a 201-character note", worker, quoteId, { quote: "300", quoteNote: "说".repeat(201) }, e.tooLong(t.quoteNote, 200)],
    ["a visitor without a phone", visitor, wageId, { name: "孙大娘" }, e.required(t.phone)],
    ["a visitor with a wrong phone", visitor, wageId, { name: "孙大娘", phone: "1381234" }, e.mobile],
    ["a visitor with a 50,000-character name", visitor, wageId, { name: "x".repeat(50_000), phone: "13812340000" }, e.tooLong(t.name, 20)],
  ];
  for (const [name, b, id, fields, message] of signUps) {
    const before = await tableCounts(app);
    await b.post(paths.jobs.apply(id), fields);
    assert.is(b.last.status, 400, name);
    assert.ok(b.last.html.includes(message), `${name}: ${message}`);
    assert.equal(await tableCounts(app), before, name);
  }
});

test("ids that are not numbers are a 404, never a 500", async () => {
  for (const url of ["/jobs/abc", "/jobs/0", "/jobs/99999999999999999999", "/jobs/1.5", "/hires/abc", "/employer/jobs/x/applicants", "/api/v1/jobs/abc"]) {
    const r = await emp.get(url);
    assert.is(r.status, 404, url);
  }
  await emp.post("/employer/applications/abc/confirm", {});
  assert.is(emp.last.status, 404);
});

test("filters that make no sense are ignored, not errors", async () => {
  const r = await app.client().get(`${paths.jobs.list}?kind=abc&county=999999&township=1&form=x&when=yesterday&brand=-1&minDay=9999999999&page=-3`);
  assert.is(r.status, 200);
  assert.ok(r.html.includes("<h1>"));
});

test("sign-up form schemas: made once (not one per request), four that differ, each asking for what its case needs", () => {
  const cases = [
    { anon: false, quote: false },
    { anon: false, quote: true },
    { anon: true, quote: false },
    { anon: true, quote: true },
  ];
  const made = cases.map((o) => applySchema(o));
  cases.forEach((o, i) => assert.is(applySchema({ ...o }), made[i], "the same object for the same case"));
  assert.is(new Set(made).size, 4);
  const empty = made.map((s) => check(s, {}));
  assert.equal(empty.map((r) => r.ok), [true, false, false, false]);
  assert.equal(empty.map((r) => (r.ok ? [] : Object.keys(r.errors).sort())), [[], ["quote"], ["name", "phone"], ["name", "phone", "quote"]]);
});

test.run();
