// Worker registration, profile, PIN change, work-seeking cards and the public
// list (找工人), through HTTP on a temp DB.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, signedIn, nextPhone, type TestApp, type Browser } from "../../helpers/app.ts";
import { users, workerProfiles, workerKinds, seekingCards, sessions } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { verifySecret } from "../../../src/shared/crypto.ts";
import { maskPhone } from "../../../src/shared/validators.ts";
import { seekersByKind } from "../../../src/features/workers/index.ts";
import { addEmployer } from "../employers/fixtures.ts";
import { addWorker, addCards, kindId } from "./fixtures.ts";
import { assertInOrder } from "../../helpers/order.ts";
import { codeIfAsked } from "../../helpers/phone.ts";

const t = copy.workers;
let app: TestApp;

test.before(async () => {
  app = await makeTestApp();
});
test.after(() => app.close());

/** Registers as a visitor would: the form, then the SMS code when one is asked for. */
async function registerWorker(fields: Record<string, string>) {
  const b = app.client();
  await b.get(paths.workers.register);
  await b.post(paths.workers.register, fields);
  await codeIfAsked(app, b, fields.phone);
  return b;
}

async function loggedInWorker(o: Parameters<typeof addWorker>[1] = {}) {
  const w = await addWorker(app, o);
  const b = app.client();
  await b.login(w.phone, w.pin);
  return Object.assign(b, { worker: w });
}

const cardCount = async () => (await app.db.select().from(seekingCards)).length;

test("a worker registers with phone, name and PIN, is signed in and lands on the profile", async () => {
  const phone = nextPhone();
  const b = await registerWorker({ phone, name: "王秀英", pin: "258036", pin2: "258036" });
  assert.is(b.last.status, 303);
  assert.is(b.last.location, paths.workers.profile);
  await b.follow();
  assert.is(b.last.status, 200);
  assert.ok(b.last.html.includes(t.registered));
  const [u] = await app.db.select().from(users).where(eq(users.phone, phone));
  assert.is(u.role, "worker");
  assert.ok(await verifySecret("258036", u.pinHash));
  const [p] = await app.db.select().from(workerProfiles).where(eq(workerProfiles.userId, u.id));
  assert.match(p.cardCode ?? "", /^[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);
  assert.ok(b.last.html.includes(p.cardCode!), "the card code is shown on the profile");
  assert.is((await app.db.select().from(sessions).where(eq(sessions.userId, u.id))).length, 1);
});

test("bad registrations are refused with the input kept, never the PIN", async () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ["PINs differ", { pin: "135790", pin2: "135791" }, "pin2", t.pinMismatch],
    ["PIN too short", { pin: "12345", pin2: "12345" }, "pin", copy.errors.pin],
    ["PIN with letters", { pin: "12ab56", pin2: "12ab56" }, "pin", copy.errors.pin],
    ["no name", { name: "" }, "name", copy.errors.required(t.name)],
    ["name too long", { name: "张".repeat(21) }, "name", copy.errors.tooLong(t.name, 20)],
    ["bad phone", { phone: "1381234" }, "phone", copy.errors.mobile],
  ];
  for (const [label, over, field, message] of cases) {
    const fields = { phone: nextPhone(), name: "李大姐", pin: "135790", pin2: "135790", ...over };
    const before = (await app.db.select().from(users)).length;
    const b = await registerWorker(fields);
    assert.is(b.last.status, 400, label);
    assert.ok(b.last.html.includes(message), `${label}: message`);
    assert.ok(b.last.html.includes(`id="f-${field}-error"`), `${label}: beside ${field}`);
    assert.not.ok(b.last.html.includes(`value="${fields.pin}"`), `${label}: PIN not echoed`);
    if (fields.name) assert.ok(b.last.html.includes(fields.name.slice(0, 20)), `${label}: name kept`);
    assert.is((await app.db.select().from(users)).length, before, `${label}: nothing written`);
  }
});

// Changed with phone codes: "already registered" is never said before the code;
// the proven owner of a number with an account is signed in to it, and no second account is made.
test("a phone that already has an account: after the code, its owner is signed in to it, nothing new is made", async () => {
  const w = await addWorker(app);
  const before = (await app.db.select().from(users)).length;
  const b = await registerWorker({ phone: w.phone, name: "另一个人", pin: "135790", pin2: "135790" });
  assert.is(b.last.status, 303);
  assert.is(b.last.location, paths.accounts.me);
  await b.follow();
  assert.ok(b.last.html.includes(copy.phone.alreadyAccountSignedIn));
  assert.is((await app.db.select().from(users)).length, before);
  const [u] = await app.db.select().from(users).where(eq(users.phone, w.phone));
  assert.is(u.name, "王秀英", "the name is not changed");
  assert.ok(await verifySecret(w.pin, u.pinHash), "the existing PIN is kept");
});

test("HTML in a name is shown as text", async () => {
  const b = await registerWorker({ phone: nextPhone(), name: "<b>老王</b>", pin: "135790", pin2: "135790" });
  await b.follow();
  assert.ok(b.last.html.includes("&lt;b&gt;老王&lt;/b&gt;"));
  assert.not.ok(b.last.html.includes("<b>老王</b>"));
});

test("a worker saves a full profile: kinds, days, wage, county and township", async () => {
  const b = await loggedInWorker();
  await b.get(paths.workers.profile);
  const flowers = await kindId(app, "花木养护");
  const cleaning = await kindId(app, "家政保洁");
  await b.post(paths.workers.profile, {
    name: "王秀英",
    birthYear: "1966",
    gender: "female",
    countyCode: "411024",
    townshipCode: "411024102",
    kinds: [String(flowers), String(cleaning)],
    days: ["5", "1", "3"],
    wage: "150",
    wageUnit: "day",
  });
  assert.is(b.last.status, 303);
  const [p] = await app.db.select().from(workerProfiles).where(eq(workerProfiles.userId, b.worker.id));
  assert.equal(
    [p.birthYear, p.gender, p.countyCode, p.townshipCode, p.days, p.expectedWageFen, p.expectedWageUnit],
    [1966, "female", "411024", "411024102", "135", 15000, "day"],
  );
  const kinds = (await app.db.select().from(workerKinds).where(eq(workerKinds.userId, b.worker.id))).map((k) => k.kindId).sort();
  assert.equal(kinds, [flowers, cleaning].sort());
  await b.follow();
  assert.ok(b.last.html.includes(t.saved));
  assert.match(b.last.html, new RegExp(`value="${flowers}" checked`));
  // Saving again with fewer kinds replaces them.
  await b.post(paths.workers.profile, { name: "王秀英", kinds: [String(cleaning)] });
  assert.is(b.last.status, 303);
  assert.equal((await app.db.select().from(workerKinds).where(eq(workerKinds.userId, b.worker.id))).map((k) => k.kindId), [cleaning]);
});

test("bad profile input is refused with status 400 and nothing changes", async () => {
  const b = await loggedInWorker({ name: "赵大姐" });
  await b.get(paths.workers.profile);
  const good = { name: "赵大姐", countyCode: "411024" };
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ["township not in the county", { townshipCode: "411081103" }, "townshipCode", t.townshipNotInCounty],
    ["township without a county", { countyCode: "", townshipCode: "411024102" }, "townshipCode", t.townshipNeedsCounty],
    ["county of another city", { countyCode: "110105" }, "countyCode", t.countyInvalid],
    ["wage 'abc'", { wage: "abc", wageUnit: "day" }, "wage", copy.errors.money(t.wage)],
    ["wage without unit", { wage: "150" }, "wageUnit", t.wageUnitNeeded],
    ["unit without wage", { wageUnit: "hour" }, "wage", t.wageNeeded],
    ["negative wage", { wage: "-5", wageUnit: "day" }, "wage", copy.errors.money(t.wage)],
    ["birth year 1800", { birthYear: "1800" }, "birthYear", copy.errors.range(t.birthYear, 1936, 2010)],
    ["birth year words", { birthYear: "六八年" }, "birthYear", copy.errors.integer(t.birthYear)],
    ["unknown kind", { kinds: ["99999"] }, "kinds", copy.errors.invalidChoice(t.kinds)],
    ["day 8", { days: ["8"] }, "days", copy.errors.invalidChoice(t.days)],
    ["unknown gender", { gender: "x" }, "gender", copy.errors.choose(t.gender)],
    ["no name", { name: "" }, "name", copy.errors.required(t.name)],
  ];
  const [before] = await app.db.select().from(workerProfiles).where(eq(workerProfiles.userId, b.worker.id));
  for (const [label, over, field, message] of cases) {
    await b.post(paths.workers.profile, { ...good, ...over });
    assert.is(b.last.status, 400, label);
    assert.ok(b.last.html.includes(message), `${label}: message "${message}"`);
    assert.ok(b.last.html.includes(`id="f-${field}-error"`), `${label}: beside ${field}`);
  }
  const [after] = await app.db.select().from(workerProfiles).where(eq(workerProfiles.userId, b.worker.id));
  assert.equal(after, before);
});

test("only workers have a profile page", async () => {
  const employer = await signedIn(app, { role: "employer" });
  await employer.get(paths.workers.profile);
  assert.is(employer.last.status, 404);
  const anon = app.client();
  await anon.get(paths.workers.profile);
  assert.is(anon.last.status, 303);
  assert.ok(anon.last.location?.startsWith(paths.accounts.login));
});

test("a worker account made without a profile gets one on first save", async () => {
  const b = await signedIn(app, { role: "worker", pin: "864200" });
  await b.get(paths.workers.profile);
  assert.is(b.last.status, 200);
  await b.post(paths.workers.profile, { name: "孙师傅", countyCode: "411081", townshipCode: "411081103" });
  assert.is(b.last.status, 303);
  const [p] = await app.db.select().from(workerProfiles).where(eq(workerProfiles.userId, b.user.id));
  assert.is(p.townshipCode, "411081103");
});

test("changing the PIN needs the old one; the new one works and other sessions end", async () => {
  const b = await loggedInWorker();
  const other = app.client();
  await other.login(b.worker.phone, b.worker.pin);
  await b.get(paths.workers.pin);
  const cases: [string, Record<string, string>, string][] = [
    ["wrong old PIN", { oldPin: "000000", pin: "975310", pin2: "975310" }, t.oldPinWrong],
    ["new PINs differ", { oldPin: b.worker.pin, pin: "975310", pin2: "975311" }, t.pinMismatch],
    ["new PIN not 6 digits", { oldPin: b.worker.pin, pin: "9753", pin2: "9753" }, copy.errors.pin],
  ];
  for (const [label, fields, message] of cases) {
    await b.post(paths.workers.pin, fields);
    assert.is(b.last.status, 400, label);
    assert.ok(b.last.html.includes(message), label);
  }
  await b.post(paths.workers.pin, { oldPin: b.worker.pin, pin: "975310", pin2: "975310" });
  assert.is(b.last.status, 303);
  await b.follow();
  assert.is(b.last.status, 200, "this browser stays signed in");
  assert.ok(b.last.html.includes(t.pinChanged));
  await other.get(paths.workers.profile);
  assert.is(other.last.status, 303, "the other session ended");
  const fresh = app.client();
  await fresh.login(b.worker.phone, "975310"); // throws unless the new PIN works
  const again = app.client();
  await again.get("/login");
  await again.post("/login", { phone: b.worker.phone, secret: b.worker.pin });
  assert.is(again.last.status, 401, "the old PIN no longer works");
});

test("a worker publishes a card; it shows on their list and on the public list", async () => {
  const b = await loggedInWorker({ name: "陈桂兰" });
  await b.get(paths.workers.cardNew);
  assert.is(b.last.status, 200);
  const kind = await kindId(app, "养老护理");
  await b.post(paths.workers.cardNew, {
    kindId: String(kind),
    countyCode: "411024",
    townshipCode: "411024100",
    days: ["1", "2", "3"],
    wage: "25",
    wageUnit: "hour",
    note: "照顾过老人 5 年,<i>有证</i>",
  });
  assert.is(b.last.status, 303);
  await b.follow();
  assert.ok(b.last.html.includes("养老护理"));
  assert.ok(b.last.html.includes("25 元/小时"));
  const anon = app.client();
  await anon.get(`${paths.workers.list}?kind=${kind}`);
  assert.ok(anon.last.html.includes("陈**"));
  assert.ok(anon.last.html.includes("&lt;i&gt;有证&lt;/i&gt;"), "HTML in the note is text");
  assert.ok(anon.last.html.includes("周一 周二 周三"));
});

test("bad cards are refused: long note, bad wage, township elsewhere, no kind", async () => {
  const b = await loggedInWorker();
  await b.get(paths.workers.cardNew);
  const kind = String(await kindId(app, "搬运装卸"));
  const good = { kindId: kind, countyCode: "411082" };
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ["50,000-character note", { note: "x".repeat(50_000) }, "note", copy.errors.tooLong(t.note, 200)],
    ["201-character note", { note: "字".repeat(201) }, "note", copy.errors.tooLong(t.note, 200)],
    ["wage abc", { wage: "abc", wageUnit: "day" }, "wage", copy.errors.money(t.wage)],
    ["township of another county", { townshipCode: "411024101" }, "townshipCode", t.townshipNotInCounty],
    ["no kind", { kindId: "" }, "kindId", t.kindInvalid],
    ["unknown kind", { kindId: "777" }, "kindId", t.kindInvalid],
    ["no county", { countyCode: "" }, "countyCode", copy.errors.choose(t.workCounty)],
    ["unknown unit", { wage: "100", wageUnit: "week" }, "wageUnit", copy.errors.choose(t.wageUnit)],
  ];
  const before = await cardCount();
  for (const [label, over, field, message] of cases) {
    await b.post(paths.workers.cardNew, { ...good, ...over });
    assert.is(b.last.status, 400, label);
    assert.ok(b.last.html.includes(message), `${label}: message`);
    assert.ok(b.last.html.includes(`id="f-${field}-error"`), `${label}: beside ${field}`);
  }
  assert.is(await cardCount(), before);
});

test("a worker closes and reopens their card; others cannot touch it; at most 5 open", async () => {
  const b = await loggedInWorker({ name: "周建军" });
  const [card] = await addCards(app, b.worker.id, [{ kind: "建筑小工", note: "周建军的卡片" }]);
  const anon = app.client();
  await b.get(paths.workers.cards);
  await b.post(paths.workers.cardClose(card.id));
  assert.is(b.last.status, 303);
  await anon.get(paths.workers.list);
  assert.not.ok(anon.last.html.includes("周建军的卡片"));
  await b.get(paths.workers.cards);
  assert.ok(b.last.html.includes(t.cardStatuses.closed));
  await b.post(paths.workers.cardReopen(card.id));
  assert.is(b.last.status, 303);
  await anon.get(paths.workers.list);
  assert.ok(anon.last.html.includes("周建军的卡片"));

  const intruder = await loggedInWorker();
  await intruder.get(paths.workers.cards);
  await intruder.post(paths.workers.cardClose(card.id));
  assert.is(intruder.last.status, 404);
  assert.is((await app.db.select().from(seekingCards).where(eq(seekingCards.id, card.id)))[0].status, "open");

  await addCards(app, b.worker.id, [{ kind: "家政保洁" }, { kind: "家政保洁" }, { kind: "家政保洁" }, { kind: "家政保洁" }]);
  await b.get(paths.workers.cardNew);
  await b.post(paths.workers.cardNew, { kindId: String(await kindId(app, "钟点工")), countyCode: "411024" });
  assert.is(b.last.status, 422);
  assert.ok(b.last.html.includes(t.tooManyOpen(5)));
});

test("the public list filters by kind, county and township, newest first, 20 a page", async () => {
  const w = await addWorker(app, { name: "筛选测试", countyCode: "411025" });
  const base = app.clock.now() + 10 * 60_000;
  await addCards(app, w.id, [
    ...Array.from({ length: 25 }, (_, i) => ({ kind: "餐饮服务", countyCode: "411025", townshipCode: "411025105", note: `拉面师傅${i}号`, at: base + i * 1000 })),
    { kind: "餐饮服务", countyCode: "411025", townshipCode: "411025101", note: "颍桥的卡片", at: base },
    { kind: "钧瓷制作", countyCode: "411081", townshipCode: "411081103", note: "神垕的卡片", at: base },
  ]);
  const anon = app.client();
  const kind = await kindId(app, "餐饮服务");
  await anon.get(`${paths.workers.list}?kind=${kind}&county=411025&township=411025105`);
  const page1 = anon.last.html;
  assert.ok(page1.includes(t.count(25)));
  assert.is((page1.match(/拉面师傅\d+号/g) ?? []).length, 20);
  assertInOrder(page1, ["拉面师傅24号", "拉面师傅23号"], "newest first");
  assert.not.ok(page1.includes("颍桥的卡片"));
  assert.not.ok(page1.includes("神垕的卡片"));
  assert.ok(page1.includes(`township=411025105&amp;page=2`) || page1.includes(`township=411025105&page=2`), "the pager keeps the filter");
  await anon.get(`${paths.workers.list}?kind=${kind}&county=411025&township=411025105&page=2`);
  assert.is((anon.last.html.match(/拉面师傅\d+号/g) ?? []).length, 5);
  await anon.get(`${paths.workers.list}?county=411081`);
  assert.ok(anon.last.html.includes("神垕的卡片"));
  assert.not.ok(anon.last.html.includes("拉面师傅"));
  // Nonsense filters are ignored, never an error.
  await anon.get(`${paths.workers.list}?kind=abc&county=<script>&township=1&page=-1`);
  assert.is(anon.last.status, 200);
  assert.not.ok(anon.last.html.includes("<script>"));
});

test("a disabled worker's cards are in neither the public list nor its count", async () => {
  const shown = await addWorker(app, { name: "在用账号", countyCode: "411082" });
  const gone = await addWorker(app, { name: "停用账号", countyCode: "411082" });
  const at = app.clock.now() + 20 * 60_000;
  await addCards(app, shown.id, [{ kind: "搬运装卸", countyCode: "411082", note: "在用的卡片", at }]);
  await addCards(app, gone.id, [
    { kind: "搬运装卸", countyCode: "411082", note: "停用的卡片一", at },
    { kind: "搬运装卸", countyCode: "411082", note: "停用的卡片二", at },
  ]);
  await app.deps.database.write((db) => db.update(users).set({ disabledAt: app.clock.now() }).where(eq(users.id, gone.id)));
  const anon = app.client();
  await anon.get(`${paths.workers.list}?kind=${await kindId(app, "搬运装卸")}&county=411082`);
  assert.ok(anon.last.html.includes("在用的卡片"));
  assert.not.ok(anon.last.html.includes("停用的卡片"));
  // The count (and so the number of pages) is 1, not 3: it runs over the same joins as the rows.
  assert.ok(anon.last.html.includes(t.count(1)), "one card counted");
  assert.not.ok(anon.last.html.includes(t.count(3)));
});

test("phone numbers are masked for the public and pending employers, full for verified employers and staff", async () => {
  const w = await addWorker(app, { name: "刘建国" });
  await addCards(app, w.id, [{ kind: "水电安装", note: "会修水管电路的卡片", at: app.clock.now() + 3600_000 }]);
  const viewers: [string, () => Promise<Browser>, boolean][] = [
    ["anonymous", async () => app.client(), false],
    ["worker", async () => loggedInWorker(), false],
    ["pending employer", async () => { const e = await addEmployer(app, { status: "pending" }); const b = app.client(); await b.login(e.phone, e.password); return b; }, false],
    ["rejected employer", async () => { const e = await addEmployer(app, { status: "rejected" }); const b = app.client(); await b.login(e.phone, e.password); return b; }, false],
    ["verified employer", async () => { const e = await addEmployer(app, { status: "verified" }); const b = app.client(); await b.login(e.phone, e.password); return b; }, true],
    ["staff", async () => signedIn(app, { role: "city_admin" }), true],
  ];
  for (const [label, make, full] of viewers) {
    const b = await make();
    await b.get(`${paths.workers.list}?kind=${await kindId(app, "水电安装")}`);
    const html = b.last.html;
    assert.ok(html.includes("会修水管电路的卡片"), label);
    assert.is(html.includes(`href="tel:${w.phone}"`), full, `${label}: tel link`);
    assert.is(html.includes(maskPhone(w.phone)), !full, `${label}: masked number`);
    assert.is(html.includes("刘建国"), full, `${label}: full name`);
  }
});

test("seekers are counted by kind of work for other features", async () => {
  const fresh = await makeTestApp();
  try {
    const a = await addWorker(fresh);
    const b = await addWorker(fresh);
    await addCards(fresh, a.id, [{ kind: "花木养护" }, { kind: "花木养护", countyCode: "411081" }, { kind: "家政保洁", status: "closed" }]);
    await addCards(fresh, b.id, [{ kind: "花木养护" }]);
    const all = await seekersByKind(fresh.db);
    assert.equal(all.map((r) => [r.kind, r.cards, r.workers]), [["花木养护", 3, 2]]);
    const yanling = await seekersByKind(fresh.db, { countyCode: "411024" });
    assert.equal(yanling.map((r) => [r.kind, r.cards, r.workers]), [["花木养护", 2, 2]]);
  } finally {
    fresh.close();
  }
});

test("my account shows a worker their profile, cards and PIN links", async () => {
  const b = await loggedInWorker();
  await b.get(paths.accounts.me);
  for (const href of [paths.workers.profile, paths.workers.cards, paths.workers.pin]) assert.ok(b.last.html.includes(`href="${href}"`), href);
});

test.run();
