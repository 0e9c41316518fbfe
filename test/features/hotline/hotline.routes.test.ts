// The hotline through its pages: intake by phone and online, the case number,
// the public status check and its throttle, the workflow, deadlines, scope,
// the CSV export and concurrent intakes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, sql } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { hotlineCases, caseEvents, auditLog, messages } from "../../../db/schema/index.ts";
import { addCase, addEmployer } from "./fixtures.ts";

let t: TestApp;
let marketA: number, marketA2: number, marketB: number;
let staffA: Awaited<ReturnType<typeof signedIn>>;
let staffA2: Awaited<ReturnType<typeof signedIn>>;
let staffB: Awaited<ReturnType<typeof signedIn>>;
let countyA: Awaited<ReturnType<typeof signedIn>>;
let countyB: Awaited<ReturnType<typeof signedIn>>;
let city: Awaited<ReturnType<typeof signedIn>>;

test.before(async () => {
  t = await makeTestApp({ now: "2026-11-28T09:00:00+08:00" });
  marketA = await addMarket(t, { name: "陶城乡零工驿站", countyCode: "411024" });
  marketA2 = await addMarket(t, { name: "鄢陵县零工市场", countyCode: "411024", tier: "county" });
  marketB = await addMarket(t, { name: "禹州市零工市场", countyCode: "411081", tier: "county" });
  staffA = await signedIn(t, { role: "staff", name: "张干事", marketId: marketA });
  staffA2 = await signedIn(t, { role: "staff", name: "孙干事", marketId: marketA2 });
  staffB = await signedIn(t, { role: "staff", name: "禹州干事", marketId: marketB });
  countyA = await signedIn(t, { role: "county_admin", name: "鄢陵科长", countyCode: "411024" });
  countyB = await signedIn(t, { role: "county_admin", name: "禹州科长", countyCode: "411081" });
  city = await signedIn(t, { role: "city_admin", name: "刘主任" });
});
test.after(() => t.close());

/** Moves the clock, and signs everyone in again (staff sessions end after 15 idle minutes). */
async function clockTo(when: string | number) {
  t.clock.set(when);
  for (const b of [staffA, staffA2, staffB, countyA, countyB, city]) {
    // A page with a form first, so the browser holds the token of its current session state.
    await b.get(paths.hotline.status);
    await b.login(b.user.phone, b.user.password);
    await b.get(paths.hotline.status);
  }
}
const clockAdvance = (ms: number) => clockTo(t.clock.now() + ms);

async function refused(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch {
    return true;
  }
  return false;
}

const caseByNumber = async (number: string) => (await t.db.select().from(hotlineCases).where(eq(hotlineCases.number, number)))[0];
const eventsOf = async (id: number) => t.db.select().from(caseEvents).where(eq(caseEvents.caseId, id)).orderBy(caseEvents.id);
const flashNumber = (html: string) => html.match(/XC-\d{8}-\d{4}/)?.[0];

test("a phone call is logged in one short form with its defaults, and gets a number to read out", async () => {
  const form = await staffA.get(paths.hotline.newCase);
  assert.is(form.status, 200);
  assert.match(form.html, /name="channel" value="phone" checked/, "电话 is the default channel");
  assert.match(form.html, new RegExp(`<option value="${marketA}" selected`), "own market is the default");
  const r = await staffA.post(paths.hotline.newCase, {
    channel: "phone",
    category: "wage_arrears",
    description: "在花木城干了三天活,老板不给钱。",
    amount: "1500",
    urgency: "normal",
    callerName: "张大爷",
    callerPhone: "138 1234 5678",
    marketId: marketA,
    do: "save",
  });
  assert.is(r.status, 303);
  const page = await staffA.follow();
  const number = flashNumber(page.html)!;
  assert.is(number, "XC-20261128-0001", "prefix from 许昌, date in China time, first of the day");
  const c = await caseByNumber(number);
  assert.equal(
    { status: c.status, channel: c.channel, phone: c.callerPhone, amount: c.amountOwedFen, county: c.countyCode, market: c.marketId, due: c.dueDate, by: c.createdBy },
    { status: "accepted", channel: "phone", phone: "13812345678", amount: 150000, county: "411024", market: marketA, due: "2026-12-01", by: staffA.user.id },
  );
  assert.match(page.html, /138\*\*\*\*5678/, "the caller's phone is masked on the case page");
  const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "hotline.intake"));
  assert.is(audit.length, 1);
});

test("the case moves 受理 → 转办 → 处理中 → 办结 → 回访; the caller follows it with the number and the last four digits", async () => {
  const made = await addCase(t, { marketId: marketA, callerPhone: "13955556666", description: "内部记录:来电人住在某村" });
  const anon = t.client();
  await anon.get(paths.hotline.status);
  let s = await anon.post(paths.hotline.status, { number: made.number, lastFour: "6666" });
  assert.is(s.status, 200);
  assert.match(s.html, /已受理/);
  assert.not.match(s.html, /内部记录/, "the description stays with staff");
  assert.not.match(s.html, /13955556666|张大爷/, "no personal data on the public page");
  assert.is(s.headers.get("cache-control"), "no-store");

  const step = (fields: Record<string, string>) => staffA.post(paths.hotline.step(made.id), fields);
  assert.is((await step({ action: "transfer", agency: "labour_inspection", transferNote: "已转县劳动监察大队王队长", transferPublic: "1" })).status, 303);
  assert.is((await caseByNumber(made.number)).status, "transferred");

  const skipped = await step({ action: "close", outcome: "upheld", closeNote: "跳过处理" });
  assert.is(skipped.status, 422, "closing straight from 已转办 skips 处理中");
  assert.match(skipped.html, /下一步应该是“转办”或“开始处理”,不能跳过/);
  assert.is((await caseByNumber(made.number)).status, "transferred", "nothing changed");
  assert.is((await eventsOf(made.id)).length, 2);

  assert.is((await step({ action: "start" })).status, 303);
  const noNote = await step({ action: "close", outcome: "upheld" });
  assert.is(noNote.status, 400, "办结 needs a note");
  assert.match(noNote.html, /请填写说明/);
  assert.is((await step({ action: "close", outcome: "upheld", recovered: "1500", closeNote: "老板已当面结清,内部备注" })).status, 303);
  let c = await caseByNumber(made.number);
  assert.equal([c.status, c.outcome, c.recoveredFen, c.closedAt], ["closed", "upheld", 150000, t.clock.now()]);
  assert.is((await step({ action: "callback", satisfaction: "satisfied", callbackNote: "工人说满意" })).status, 303);
  assert.is((await caseByNumber(made.number)).status, "visited");

  s = await anon.post(paths.hotline.status, { number: made.number.toLowerCase().replaceAll("-", " "), lastFour: "6666" });
  assert.is(s.status, 200, "the number is read however it is typed");
  assert.match(s.html, /已回访/);
  assert.match(s.html, /已转县劳动监察大队王队长/, "a public reply is shown");
  assert.not.match(s.html, /内部备注/, "a reply not made public is not");

  assert.is((await step({ action: "reopen", reopenNote: "工人又来电说还差 200 元" })).status, 303);
  c = await caseByNumber(made.number);
  assert.equal([c.status, c.outcome, c.closedAt], ["processing", null, null]);
  const kinds = (await eventsOf(made.id)).map((e) => e.kind);
  assert.equal(kinds, ["intake", "transfer", "start", "close", "callback", "reopen"]);
  const audits = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, made.id));
  assert.ok(audits.filter((a) => a.action.startsWith("hotline.")).length >= 5);
});

test("the timeline is append-only: the DB refuses to edit or delete an entry", async () => {
  const made = await addCase(t, { marketId: marketA });
  assert.ok(await refused(() => t.deps.database.write((db) => db.update(caseEvents).set({ note: "改写" }).where(eq(caseEvents.caseId, made.id)))));
  assert.ok(await refused(() => t.deps.database.write((db) => db.delete(caseEvents).where(eq(caseEvents.caseId, made.id)))));
  assert.is((await eventsOf(made.id))[0].note, "");
  // A note is added as a new entry; a closed case still takes notes without changing its status.
  await staffA.post(paths.hotline.step(made.id), { action: "note", noteText: "补充:老板电话打不通", notePublic: "1" });
  const events = await eventsOf(made.id);
  assert.equal(events.map((e) => [e.kind, e.public]), [["intake", true], ["note", true]]);
});

test("bad steps: an unknown action, a stale form, and HTML typed into a note", async () => {
  const made = await addCase(t, { marketId: marketA });
  const r = await staffA.post(paths.hotline.step(made.id), { action: "delete" });
  assert.is(r.status, 400);
  const reopen = await staffA.post(paths.hotline.step(made.id), { action: "reopen", reopenNote: "x" });
  assert.is(reopen.status, 422);
  assert.match(reopen.html, /还没有办结,不用重新办理/);
  await staffA.post(paths.hotline.step(made.id), { action: "note", noteText: "<script>alert(1)</script>" });
  const page = await staffA.get(paths.hotline.case(made.id));
  assert.match(page.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.is((await caseByNumber(made.number)).status, "accepted");
});

test("a wrong phone and an unknown number get the same answer; a malformed number says how it looks", async () => {
  const made = await addCase(t, { marketId: marketA, callerPhone: "13811112222" });
  const anon = t.client();
  await anon.get(paths.hotline.status);
  const wrongDigits = await anon.post(paths.hotline.status, { number: made.number, lastFour: "9999" });
  const unknown = await anon.post(paths.hotline.status, { number: "XC-20261128-0999", lastFour: "2222" });
  assert.is(wrongDigits.status, 400);
  assert.is(unknown.status, wrongDigits.status);
  const strip = (html: string, n: string) => html.replaceAll(n, "N").replace(/name="_csrf" value="[^"]+"/, "");
  assert.is(strip(wrongDigits.html, made.number), strip(unknown.html, "XC-20261128-0999"), "the two pages are identical but for the number typed");
  assert.match(wrongDigits.html, /案件编号或电话后四位不对/);
  const malformed = await anon.post(paths.hotline.status, { number: "12345", lastFour: "2222" });
  assert.is(malformed.status, 400);
  assert.match(malformed.html, /案件编号格式不对/);
  const noDigits = await anon.post(paths.hotline.status, { number: made.number, lastFour: "22" });
  assert.match(noDigits.html, /电话后四位请填 4 位数字/);
});

test("guessing the digits is throttled per case number, then allowed again after an hour", async () => {
  const made = await addCase(t, { marketId: marketA, callerPhone: "13833334444" });
  const anon = t.client();
  await anon.get(paths.hotline.status);
  for (let i = 0; i < 5; i++) assert.is((await anon.post(paths.hotline.status, { number: made.number, lastFour: String(1000 + i) })).status, 400);
  const locked = await anon.post(paths.hotline.status, { number: made.number, lastFour: "4444" });
  assert.is(locked.status, 429, "even the right digits wait once the number is locked");
  assert.match(locked.html, /查询次数太多了/);
  assert.not.match(locked.html, /已受理/);
  await clockAdvance(3600_000 + 1000);
  const ok = await anon.post(paths.hotline.status, { number: made.number, lastFour: "4444" });
  assert.is(ok.status, 200);
  assert.match(ok.html, /已受理/);
});

test("one address trying many numbers is throttled too", async () => {
  await clockAdvance(2 * 3600_000);
  const anon = t.client();
  await anon.get(paths.hotline.status);
  for (let i = 0; i < 20; i++) {
    const r = await anon.post(paths.hotline.status, { number: `XC-20261127-${String(100 + i).padStart(4, "0")}`, lastFour: "1234" });
    assert.is(r.status, 400);
  }
  const next = await anon.post(paths.hotline.status, { number: "XC-20261127-0500", lastFour: "1234" });
  assert.is(next.status, 429);
  await clockAdvance(2 * 3600_000);
});

test("deadlines and the overdue list, with a fixed clock: latest first, answered cases drop off", async () => {
  await clockTo("2026-12-10T09:00:00+08:00");
  const wage = await addCase(t, { marketId: marketB, countyCode: "411081", category: "wage_arrears" }); // due 12-13
  const fraud = await addCase(t, { marketId: marketB, countyCode: "411081", category: "fraud", amountOwedFen: null }); // due 12-17
  const service = await addCase(t, { marketId: marketB, countyCode: "411081", category: "service", amountOwedFen: null }); // due 12-25
  assert.equal([(await caseByNumber(wage.number)).dueDate, (await caseByNumber(fraud.number)).dueDate, (await caseByNumber(service.number)).dueDate], ["2026-12-13", "2026-12-17", "2026-12-25"]);
  await clockTo("2026-12-19T10:00:00+08:00");
  const list = await countyB.get(`${paths.hotline.cases}?overdue=1`);
  assert.is(list.status, 200);
  const order = [...list.html.matchAll(/XC-\d{8}-\d{4}/g)].map((m) => m[0]);
  assert.equal(order, [wage.number, fraud.number], "6 days late before 2 days late; the service case is on time");
  assert.match(list.html, /超期 6 天/);
  assert.match(list.html, /超期 2 天/);
  // Answering the wage case takes it off the list.
  const step = (fields: Record<string, string>) => staffB.post(paths.hotline.step(wage.id), fields);
  await step({ action: "transfer", agency: "labour_inspection", transferNote: "转办" });
  await step({ action: "start" });
  await step({ action: "close", outcome: "unfounded", closeNote: "经核实已结清" });
  const after = await countyB.get(`${paths.hotline.cases}?overdue=1`);
  assert.equal([...after.html.matchAll(/XC-\d{8}-\d{4}/g)].map((m) => m[0]), [fraud.number]);
  const figures = await countyB.get(paths.hotline.figures);
  assert.match(figures.html, /<dt>超期未办结<\/dt><dd>1<\/dd>/);
  assert.match(figures.html, /<dt>平均办结天数<\/dt><dd>9 天<\/dd>/, "closed 9 days after intake");
  // A reopened case gets a fresh deadline from today.
  await step({ action: "reopen", reopenNote: "工人说没结清" });
  assert.is((await caseByNumber(wage.number)).dueDate, "2026-12-22");
  await clockTo("2026-11-28T09:00:00+08:00");
});

test("scope: station staff see their market's cases, county admins their county's, the city admin all; others get 404 and change nothing", async () => {
  const a = await addCase(t, { marketId: marketA, countyCode: "411024", description: "鄢陵的案件" });
  const b = await addCase(t, { marketId: marketB, countyCode: "411081", description: "禹州的案件" });
  const sees: [string, Awaited<ReturnType<typeof signedIn>>, number, boolean][] = [
    ["staff A, own market", staffA, a.id, true],
    ["staff A2, same county, other market", staffA2, a.id, false],
    ["staff A, other county", staffA, b.id, false],
    ["county admin A", countyA, a.id, true],
    ["county admin A, other county", countyA, b.id, false],
    ["county admin B", countyB, a.id, false],
    ["county admin B, own county", countyB, b.id, true],
    ["city admin", city, a.id, true],
    ["city admin", city, b.id, true],
  ];
  for (const [who, browser, id, ok] of sees) {
    assert.is((await browser.get(paths.hotline.case(id))).status, ok ? 200 : 404, `${who} GET`);
  }
  const before = await caseByNumber(b.number);
  for (const [path, fields] of [
    [paths.hotline.step(b.id), { action: "transfer", agency: "police", transferNote: "越权" }],
    [paths.hotline.step(b.id), { action: "note", noteText: "越权" }],
    [paths.hotline.assign(b.id), { assignee: String(staffA.user.id) }],
    [paths.hotline.reveal(b.id), {}],
  ] as const) {
    assert.is((await staffA.post(path, fields)).status, 404, path);
    assert.is((await countyA.post(path, fields)).status, 404, path);
  }
  assert.equal(await caseByNumber(b.number), before);
  assert.is((await eventsOf(b.id)).length, 1);
  const listA = await staffA.get(paths.hotline.cases);
  assert.ok(listA.html.includes(a.number) && !listA.html.includes(b.number));
  const listB = await countyB.get(paths.hotline.cases);
  assert.ok(listB.html.includes(b.number) && !listB.html.includes(a.number));
  const worker = await signedIn(t, { role: "worker", pin: "135790" });
  assert.is((await worker.get(paths.hotline.cases)).status, 404);
  assert.is((await worker.get(paths.hotline.case(a.id))).status, 404);
  assert.is((await t.client().get(paths.hotline.case(a.id))).status, 303, "signed out: to the login page");
  assert.is((await staffA.get(paths.hotline.case(999999))).status, 404);
  assert.is((await staffA.get("/hotline/cases/abc")).status, 404);
});

test("assigning hands a case to staff of its county, who then see it; elsewhere is refused", async () => {
  const a = await addCase(t, { marketId: marketA, countyCode: "411024" });
  assert.is((await staffA2.get(paths.hotline.case(a.id))).status, 404);
  const wrong = await countyA.post(paths.hotline.assign(a.id), { assignee: String(staffB.user.id) });
  assert.is(wrong.status, 400);
  assert.match(wrong.html, /只能交给本辖区在岗的工作人员/);
  const r = await countyA.post(paths.hotline.assign(a.id), { assignee: String(staffA2.user.id) });
  assert.is(r.status, 303);
  assert.is((await caseByNumber(a.number)).assignedTo, staffA2.user.id);
  assert.is((await staffA2.get(paths.hotline.case(a.id))).status, 200);
  const inbox = await t.db.select().from(messages).where(eq(messages.userId, staffA2.user.id));
  assert.ok(inbox.some((m) => m.body.includes(a.number)));
  // Station staff pass cases only within their station.
  const fromStation = await staffA.post(paths.hotline.assign(a.id), { assignee: String(staffA2.user.id) });
  assert.is(fromStation.status, 400);
});

test("revealing the caller's full phone is an audited staff action", async () => {
  const a = await addCase(t, { marketId: marketA, callerPhone: "13877778888" });
  const page = await staffA.get(paths.hotline.case(a.id));
  assert.not.match(page.html, /13877778888/);
  const shown = await staffA.post(paths.hotline.reveal(a.id));
  assert.is(shown.status, 200);
  assert.match(shown.html, /tel:13877778888/);
  const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "hotline.reveal_phone"));
  assert.ok(audit.some((r) => r.subjectId === a.id && r.actorId === staffA.user.id));
});

test("the CSV: BOM, CRLF, the right columns, intact Chinese, quoted fields, masked phones, only one's scope", async () => {
  await clockTo("2026-11-28T09:00:00+08:00");
  const employerId = await addEmployer(t, { name: "许昌\"恒达\",建材公司" });
  const a = await addCase(t, { marketId: marketA, employerId, callerName: "王, 大姐", callerPhone: "13800001234" });
  const b = await addCase(t, { marketId: marketB, countyCode: "411081" });
  // Read the bytes: Response.text() would drop the BOM.
  const res = await t.app.request(`http://localhost${paths.hotline.export}?from=2026-11-01&to=2026-11-30`, {
    headers: { cookie: [...countyA.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  assert.is(res.status, 200);
  assert.match(res.headers.get("content-type")!, /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get("content-disposition")!, /attachment; filename="hotline-2026-11-01-2026-11-30.csv"/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.equal([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "starts with the UTF-8 BOM");
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  assert.is(text.charCodeAt(0), 0xfeff);
  const r = { html: text };
  const lines = r.html.slice(1).split("\r\n");
  assert.is(lines.at(-1), "", "every line ends with CRLF");
  assert.is(lines[0], "案件编号,受理日期,渠道,类别,紧急程度,状态,县(市、区),零工市场,雇主,反映人,电话,欠薪金额(元),转办单位,办结结果,追回金额(元),满意度,办结期限,办结日期");
  const row = lines.find((l) => l.startsWith(a.number))!;
  assert.ok(row, "the county's case is there");
  assert.ok(row.includes(`,"许昌""恒达"",建材公司","王, 大姐",138****1234,1500,`), row);
  assert.ok(row.includes(",电话,欠薪,一般,已受理,鄢陵县,陶城乡零工驿站,"), row);
  assert.not.ok(r.html.includes("13800001234"), "phones stay masked");
  assert.not.ok(r.html.includes(b.number), "another county's case is not");
  const all = await city.get(`${paths.hotline.export}?from=2026-11-01&to=2026-11-30`);
  assert.ok(all.html.includes(a.number) && all.html.includes(b.number));
  const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "hotline.export"));
  assert.ok(audit.length >= 2);
});

test("the export range is checked: end before start, more than two years, not a date; no range shows the form", async () => {
  const cases: [string, number, RegExp | null][] = [
    ["?from=2026-11-30&to=2026-11-01", 400, /结束日期不能早于开始日期/],
    ["?from=2024-01-01&to=2026-11-30", 400, /一次最多导出两年/],
    ["?from=2026-02-30&to=2026-11-30", 400, /开始日期请填日期/],
    ["?from=2026-11-01", 400, /请填写结束日期/],
    ["", 303, null],
  ];
  for (const [query, status, message] of cases) {
    const r = await city.get(`${paths.hotline.export}${query}`);
    assert.is(r.status, status, query);
    if (message) assert.match(r.html, message);
  }
  assert.is((await t.client().get(`${paths.hotline.export}?from=2026-11-01&to=2026-11-30`)).status, 303, "signed out: to the login page");
});

test("50 intakes at once get 50 different numbers", async () => {
  await clockTo("2026-12-24T10:00:00+08:00");
  await staffA.get(paths.hotline.newCase);
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      staffA.post(paths.hotline.newCase, { channel: "phone", category: "other", description: `第 ${i} 个来电`, callerPhone: "13800000000", marketId: marketA, do: "save" }),
    ),
  );
  assert.ok(results.every((r) => r.status === 303));
  const rows = await t.db.select({ number: hotlineCases.number, seq: hotlineCases.seq }).from(hotlineCases).where(eq(hotlineCases.day, "2026-12-24"));
  assert.is(rows.length, 50);
  assert.is(new Set(rows.map((r) => r.number)).size, 50);
  assert.equal(rows.map((r) => r.seq).sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i + 1));
  await clockTo("2026-11-28T09:00:00+08:00");
});

test("staff intake refuses bad input and keeps what was typed", async () => {
  const [{ n: before }] = await t.db.select({ n: sql<number>`count(*)` }).from(hotlineCases);
  const cases: [Record<string, string>, RegExp][] = [
    [{ category: "wage_arrears", description: "没给钱", callerPhone: "13812345678" }, /欠薪请填写欠了多少钱/],
    [{ category: "fraud", description: "骗了押金" }, /请留下电话,或者选择匿名/],
    [{ category: "fraud", description: "x".repeat(2001), anonymous: "1" }, /发生了什么不能超过 2000 个字/],
    [{ category: "nonsense", description: "x", anonymous: "1" }, /请选择遇到了什么问题/],
    [{ category: "fraud", description: "x", callerPhone: "12345" }, /11 位手机号/],
    [{ category: "fraud", description: "x", anonymous: "1", marketId: String(marketB) }, /哪个零工市场或驿站找不到/],
    [{ category: "fraud", description: "x", anonymous: "1", hireId: "99999" }, /用工记录编号找不到/],
  ];
  for (const [fields, message] of cases) {
    const r = await staffA.post(paths.hotline.newCase, { do: "save", ...fields });
    assert.is(r.status, 400, JSON.stringify(fields).slice(0, 60));
    assert.match(r.html, message);
    if (fields.description.length < 50) assert.ok(r.html.includes(`>${fields.description}</textarea>`), "the input is kept");
  }
  const [{ n: after }] = await t.db.select({ n: sql<number>`count(*)` }).from(hotlineCases);
  assert.is(after, before, "nothing was written");
  // An anonymous caller is recorded without name or phone.
  const r = await staffA.post(paths.hotline.newCase, { do: "save", category: "provocation", description: "有人在市场门口闹事", anonymous: "1", callerName: "不该留", urgency: "urgent", marketId: marketA });
  assert.is(r.status, 303);
  const made = await caseByNumber(flashNumber((await staffA.follow()).html)!);
  assert.equal([made.callerName, made.callerPhone, made.urgency], [null, null, "urgent"]);
});

test("the search button fills the employer choices within scope, and the choice is kept on the case", async () => {
  const mine = await addEmployer(t, { name: "鄢陵花卉合作社", countyCode: "411024" });
  await addEmployer(t, { name: "禹州花卉公司", countyCode: "411081" });
  const found = await staffA.post(paths.hotline.newCase, { do: "search", q: "花卉", category: "fraud", description: "押金不退" });
  assert.is(found.status, 200);
  assert.match(found.html, new RegExp(`<option value="${mine}">鄢陵花卉合作社`));
  assert.not.match(found.html, /禹州花卉公司/, "another county's employer is not offered to station staff");
  assert.ok(found.html.includes(">押金不退</textarea>"), "what was typed is kept");
  // Enter pressed in the search box (no button named) still searches rather than saving.
  const enter = await staffA.post(paths.hotline.newCase, { q: "合作社", qDone: "花卉", category: "fraud", description: "押金不退" });
  assert.is(enter.status, 200);
  const saved = await staffA.post(paths.hotline.newCase, { do: "save", q: "花卉", qDone: "花卉", employerId: String(mine), category: "fraud", description: "押金不退", anonymous: "1", marketId: marketA });
  assert.is(saved.status, 303);
  const made = await caseByNumber(flashNumber((await staffA.follow()).html)!);
  assert.is(made.employerId, mine);
  const page = await staffA.get(paths.hotline.case(made.id));
  assert.match(page.html, /鄢陵花卉合作社/);
});

test("anyone can report online: the number is shown once, and a signed-in worker's name and phone come prefilled", async () => {
  const anon = t.client();
  const form = await anon.get(paths.hotline.report);
  assert.is(form.status, 200);
  const bad = await anon.post(paths.hotline.report, { do: "save", category: "wage_arrears", description: "没给钱" });
  assert.is(bad.status, 400);
  assert.match(bad.html, /欠薪请填写欠了多少钱/);
  assert.match(bad.html, /请留下电话,或者选择匿名/);
  assert.match(bad.html, /请选择在哪个县/);
  const ok = await anon.post(paths.hotline.report, { do: "save", category: "false_ad", description: "招聘说包吃住,去了要交钱", callerPhone: "13866667777", countyCode: "411081" });
  assert.is(ok.status, 303);
  assert.is(ok.location, paths.hotline.reported);
  const done = await anon.follow();
  const number = flashNumber(done.html)!;
  const c = await caseByNumber(number);
  assert.equal([c.channel, c.countyCode, c.marketId, c.createdBy, c.callerUserId], ["online", "411081", null, null, null]);
  assert.ok((await countyB.get(paths.hotline.case(c.id))).status === 200, "the county's admin gets it");

  const worker = await signedIn(t, { role: "worker", name: "王大姐", pin: "246810" });
  const prefilled = await worker.get(paths.hotline.report);
  assert.match(prefilled.html, /name="callerName" type="text" value="王大姐"/);
  assert.ok(prefilled.html.includes(`value="${worker.user.phone}"`));
  const r = await worker.post(paths.hotline.report, { do: "save", category: "discrimination", description: "说我年纪大不要", callerName: "王大姐", callerPhone: worker.user.phone, marketId: marketA });
  assert.is(r.status, 303);
  const mine = await caseByNumber(flashNumber((await worker.follow()).html)!);
  assert.equal([mine.callerUserId, mine.marketId, mine.countyCode], [worker.user.id, marketA, "411024"]);
  const inbox = await t.db.select().from(messages).where(eq(messages.userId, worker.user.id));
  assert.ok(inbox.some((m) => m.body.includes(mine.number)), "the number also lands in the worker's inbox");
});

test("the public page explains how to complain, with the hotline as a link; staff see their links", async () => {
  const page = await t.client().get(paths.hotline.home);
  assert.is(page.status, 200);
  assert.match(page.html, /href="tel:12333"/);
  assert.ok(page.html.includes(`href="${paths.hotline.report}"`) && page.html.includes(`href="${paths.hotline.status}"`));
  assert.match(page.html, /欠薪的事 3 天内办结/);
  assert.not.ok(page.html.includes(`href="${paths.hotline.cases}"`));
  const staffPage = await staffA.get(paths.hotline.home);
  assert.ok(staffPage.html.includes(`href="${paths.hotline.cases}"`));
});

test.run();
