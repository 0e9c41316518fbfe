// Training sessions through HTTP: every way to sign up, every refusal (with
// nothing changed), cancelling and promotion, the staff forms, attendance,
// the certificate, the sign-in sheet and the subsidy CSV.
import { test } from "uvu";
import { renderTemplate } from "../../../src/features/messages/index.ts";
const smsText = (m: { template: string; params: string }) => renderTemplate(m.template, JSON.parse(m.params));
import * as assert from "uvu/assert";
import { and, eq } from "drizzle-orm";
import { makeTestApp, addMarket, addUser, signedIn, nextPhone, type TestApp, type Browser } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { enterCode } from "../../helpers/phone.ts";
import {
  trainingSessions, trainingSignups, trainingAttendance, users, workerProfiles, auditLog, messages, smsOutbox,
} from "../../../db/schema/index.ts";
import { addSession, addSignup, kindId, nextResidentId } from "./fixtures.ts";
import { maskResidentId } from "../../../src/shared/validators.ts";
import { insertWorker } from "../../../src/features/workers/index.ts";
import { assertInOrder } from "../../helpers/order.ts";

let t: TestApp;
let marketA: number;
let marketB: number;
/** Another market in market A's own county: staff are scoped by market, not by county. */
let marketC: number;
let staff: Browser & { user: { id: number } };

test.before(async () => {
  t = await makeTestApp();
  marketA = await addMarket(t, { name: "鄢陵县零工驿站", countyCode: "411024" });
  marketB = await addMarket(t, { name: "禹州市零工市场", countyCode: "411081", tier: "county" });
  marketC = await addMarket(t, { name: "鄢陵县零工市场", countyCode: "411024", tier: "county" });
  staff = await signedIn(t, { role: "staff", name: "张干事", marketId: marketA });
});
test.after(() => t.close());
test.before.each(() => t.clock.set("2026-11-28T09:00:00+08:00"));

const signupsOf = (sessionId: number) => t.db.select().from(trainingSignups).where(eq(trainingSignups.sessionId, sessionId));
const sessionRow = async (id: number) => (await t.db.select().from(trainingSessions).where(eq(trainingSessions.id, id)))[0];
const countRows = async (table: typeof users | typeof auditLog | typeof trainingSignups | typeof trainingSessions) => (await t.db.select().from(table)).length;

async function worker(name = "王大姐") {
  return signedIn(t, { role: "worker", name, pin: "246810" });
}

// --- Signing up --------------------------------------------------------------------

test("a signed-in worker signs up with one tap, and sees the place on the page", async () => {
  const id = await addSession(t, marketA);
  const w = await worker();
  await w.get(paths.training.show(id));
  assert.match(w.last.html, "我要报名");
  await w.post(paths.training.signup(id));
  assert.is(w.last.status, 303);
  assert.is(w.last.location, paths.training.show(id));
  await w.follow();
  assert.match(w.last.html, "报名成功");
  assert.match(w.last.html, "您已报上名");
  const rows = await signupsOf(id);
  assert.equal(rows.map((r) => [r.workerId, r.status, r.viaStaffId]), [[w.user.id, "confirmed", null]]);
  assert.is((await sessionRow(id)).confirmedCount, 1);
  const inbox = await t.db.select().from(messages).where(eq(messages.userId, w.user.id));
  assert.is(inbox.length, 1, "told in the inbox");
});

test("signing up twice is refused with 409 and changes nothing", async () => {
  const id = await addSession(t, marketA);
  const w = await worker();
  await w.get(paths.training.show(id));
  await w.post(paths.training.signup(id));
  await w.get(paths.training.show(id));
  const before = await signupsOf(id);
  const r = await w.post(paths.training.signup(id));
  assert.is(r.status, 409);
  assert.match(r.html, "您已经报过名了");
  assert.equal(await signupsOf(id), before);
  assert.is((await sessionRow(id)).confirmedCount, 1);
});

test("without an account: name and phone make a worker account without a PIN, in the same step, and an SMS", async () => {
  const id = await addSession(t, marketA);
  const b = t.client();
  await b.get(paths.training.show(id));
  assert.match(b.last.html, 'name="phone"');
  const phone = nextPhone();
  await b.post(paths.training.signup(id), { name: "刘大哥", phone });
  // Nothing is made before the SMS code matches (changed with phone codes).
  assert.is(b.last.status, 303);
  assert.is((await t.db.select().from(users).where(eq(users.phone, phone))).length, 0);
  await enterCode(t, b, phone);
  assert.is(b.last.status, 303);
  const [u] = await t.db.select().from(users).where(eq(users.phone, phone));
  assert.is(u.role, "worker");
  assert.is(u.name, "刘大哥");
  assert.is(u.pinHash, null);
  assert.is((await t.db.select().from(workerProfiles).where(eq(workerProfiles.userId, u.id))).length, 1, "with a worker profile");
  assert.equal((await signupsOf(id)).map((r) => [r.workerId, r.status]), [[u.id, "confirmed"]]);
  const sms = (await t.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, phone))).filter((x) => x.template !== "verifyCode");
  assert.is(sms.length, 1);
  assert.match(smsText(sms[0]), "家政服务员培训");
});

// Changed with phone codes: before the code every number gets the same answer
// (the code page), and nothing is written; what follows is told only after the
// code matched — the proven owner of a worker's number signs up as herself, an
// employer's number is refused.
test("without an account, the code comes first for every number; after it, a worker's own number signs her up, an employer's is refused", async () => {
  const existing = await addUser(t, { role: "worker", name: "赵阿姨" });
  const employer = await addUser(t, { role: "employer", name: "钱老板" });
  const id = await addSession(t, marketA);
  const usersBefore = await countRows(users);
  for (const fields of [{ name: "冒名者", phone: existing.phone }, { name: "钱老板", phone: employer.phone }, { name: "新人", phone: nextPhone() }]) {
    const b = t.client();
    await b.get(paths.training.show(id));
    const r = await b.post(paths.training.signup(id), fields);
    assert.is(r.status, 303, fields.name);
    assert.match(r.location!, /^\/phone\//);
  }
  assert.is((await signupsOf(id)).length, 0);
  assert.is(await countRows(users), usersBefore, "no account was made");

  t.clock.advance(61_000);
  const e = t.client();
  await e.get(paths.training.show(id));
  await e.post(paths.training.signup(id), { name: "钱老板", phone: employer.phone });
  await enterCode(t, e, employer.phone);
  assert.match(e.last.html, "不是工人账号");
  assert.is((await signupsOf(id)).length, 0);

  const w = t.client();
  await w.get(paths.training.show(id));
  await w.post(paths.training.signup(id), { name: "赵阿姨", phone: existing.phone });
  await enterCode(t, w, existing.phone);
  assert.is(w.last.status, 303);
  assert.equal((await signupsOf(id)).map((r) => r.workerId), [existing.id]);
  assert.is(await countRows(users), usersBefore);
});

test("bad input on the sign-up form: 400, the input kept, nothing written", async () => {
  const id = await addSession(t, marketA);
  const b = t.client();
  await b.get(paths.training.show(id));
  const usersBefore = await countRows(users);
  const cases: [string, Record<string, string>, string][] = [
    ["no name", { phone: nextPhone() }, "请填写姓名"],
    ["no phone", { name: "孙大爷" }, "请填写手机号"],
    ["a landline", { name: "孙大爷", phone: "0374-1234567" }, "11 位手机号"],
    ["letters for a phone", { name: "孙大爷", phone: "abcdefghijk" }, "11 位手机号"],
    ["a name too long", { name: "孙".repeat(21), phone: nextPhone() }, "不能超过 20 个字"],
    ["HTML as a name", { name: "<script>alert(1)</script>".repeat(2), phone: "x" }, "11 位手机号"],
  ];
  for (const [name, fields, message] of cases) {
    const r = await b.post(paths.training.signup(id), fields);
    assert.is(r.status, 400, name);
    assert.match(r.html, message, name);
    assert.match(r.html, 'class="errors"', name);
    assert.not.match(r.html, "<script>alert(1)</script>", `${name}: never echoed as HTML`);
  }
  assert.is((await signupsOf(id)).length, 0);
  assert.is(await countRows(users), usersBefore);
});

test("the sign-up deadline at its boundary, by the Beijing date: the last minute of the deadline day is in, the first minutes after midnight are out", async () => {
  const id = await addSession(t, marketA, { signupDeadline: "2026-11-28", startDate: "2026-11-30", endDate: "2026-11-30" });
  const onTime = await worker("准时");
  const late = await worker("晚了");
  // 23:59 in Beijing on the deadline day (15:59 UTC): still open.
  t.clock.set("2026-11-28T23:59:00+08:00");
  await onTime.get(paths.training.show(id));
  assert.is((await onTime.post(paths.training.signup(id))).status, 303, "23:59 on the deadline day");
  // 00:00:30 the next day in Beijing (still 11-28 by UTC: 16:00:30): closed.
  t.clock.set("2026-11-29T00:00:30+08:00");
  await late.get(paths.training.show(id));
  const r = await late.post(paths.training.signup(id));
  assert.is(r.status, 422, "just after midnight in Beijing");
  assert.match(r.html, "报名已截止");
  const rows = await signupsOf(id);
  assert.equal(rows.map((x) => x.workerId), [onTime.user.id]);
});

test("refused with a clear message and nothing changed: after the deadline, a cancelled session", async () => {
  const late = await addSession(t, marketA, { signupDeadline: "2026-11-27", startDate: "2026-11-30", endDate: "2026-11-30" });
  const cancelled = await addSession(t, marketA, { status: "cancelled", cancelReason: "老师生病" });
  const w = await worker();
  const b = t.client();
  await b.get(paths.training.list);
  const usersBefore = await countRows(users);
  const cases: [string, Browser, number, Record<string, string>, string][] = [
    ["signed in, deadline passed", w, late, {}, "报名已截止"],
    ["anonymous, deadline passed", b, late, { name: "周大姐", phone: nextPhone() }, "报名已截止"],
    ["signed in, cancelled", w, cancelled, {}, "已取消"],
    ["anonymous, cancelled", b, cancelled, { name: "周大姐", phone: nextPhone() }, "已取消"],
  ];
  for (const [name, browser, id, fields, message] of cases) {
    await browser.get(paths.training.show(id));
    const r = await browser.post(paths.training.signup(id), fields);
    assert.is(r.status, 422, name);
    assert.match(r.html, message, name);
  }
  assert.is((await signupsOf(late)).length + (await signupsOf(cancelled)).length, 0);
  assert.is(await countRows(users), usersBefore, "the anonymous account was rolled back with the refusal");
});

test("staff are sent to the walk-in form; an employer cannot sign up", async () => {
  const id = await addSession(t, marketA);
  await staff.get(paths.training.show(id));
  await staff.post(paths.training.signup(id));
  assert.is(staff.last.status, 303);
  assert.is(staff.last.location, paths.training.staffShow(id));
  const employer = await signedIn(t, { role: "employer" });
  await employer.get(paths.training.show(id));
  assert.is((await employer.post(paths.training.signup(id))).status, 404);
  assert.is((await signupsOf(id)).length, 0);
});

test("a walk-in by staff: a new account made for them, the sign-up marked as done for them, an audit entry; their page says 由…代办", async () => {
  const id = await addSession(t, marketA);
  await staff.get(paths.training.staffShow(id));
  const phone = nextPhone();
  const idNumber = nextResidentId();
  await staff.post(paths.training.staffWalkIn(id), { name: "吴奶奶", phone, idNumber });
  assert.is(staff.last.status, 303);
  const [u] = await t.db.select().from(users).where(eq(users.phone, phone));
  const [p] = await t.db.select().from(workerProfiles).where(eq(workerProfiles.userId, u.id));
  assert.is(p.idNumber, idNumber);
  assert.is(p.viaMarketId, marketA);
  const [s] = await signupsOf(id);
  assert.equal([s.workerId, s.status, s.viaStaffId, s.viaMarketId], [u.id, "confirmed", staff.user.id, marketA]);
  const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "training.signup_walk_in"), eq(auditLog.subjectId, s.id)));
  assert.equal(audit.map((a) => [a.actorId, a.onBehalfOf, a.marketId]), [[staff.user.id, u.id, marketA]]);

  // Someone who already has an account is signed up as themselves, and their own page says who did it.
  const w = await worker("吴爷爷");
  await staff.post(paths.training.staffWalkIn(id), { name: "吴爷爷", phone: w.user.phone });
  assert.is(staff.last.status, 303);
  assert.is((await signupsOf(id)).find((r) => r.workerId === w.user.id)?.viaMarketId, marketA);
  await w.get(paths.training.mine);
  assert.match(w.last.html, "由鄢陵县零工驿站代办");
  assert.match(w.last.html, "家政服务员培训");
});

test("walk-in: bad input and mismatches are refused with nothing written", async () => {
  const id = await addSession(t, marketA);
  const known = await addUser(t, { role: "worker", name: "郑大叔" });
  const takenId = nextResidentId();
  await t.deps.database.transaction((tx) => insertWorker(tx, { phone: nextPhone(), name: "冯姐", pinHash: null, idNumber: takenId }, t.clock.now()));
  await staff.get(paths.training.staffShow(id));
  const before = [await countRows(users), await countRows(trainingSignups), await countRows(auditLog)];
  const cases: [string, Record<string, string>, number, string][] = [
    ["no name", { phone: nextPhone() }, 400, "请填写姓名"],
    ["bad phone", { name: "某人", phone: "12345" }, 400, "11 位手机号"],
    ["bad ID number", { name: "某人", phone: nextPhone(), idNumber: takenId.slice(0, 17) + (takenId[17] === "1" ? "2" : "1") }, 400, "身份证号不对"],
    ["the phone is someone else's name", { name: "郑大妈", phone: known.phone }, 422, "已登记在「郑大叔」名下"],
    ["an ID number already registered", { name: "新人", phone: nextPhone(), idNumber: takenId }, 409, "身份证号已登记"],
  ];
  for (const [name, fields, status, message] of cases) {
    const r = await staff.post(paths.training.staffWalkIn(id), fields);
    assert.is(r.status, status, name);
    assert.match(r.html, message, name);
  }
  assert.equal([await countRows(users), await countRows(trainingSignups), await countRows(auditLog)], before);
});

test("staff cannot touch another market's session, in the same county or another: 404 everywhere", async () => {
  const neighbour = await addSession(t, marketC);
  await staff.get(paths.training.staffList);
  assert.not.match(staff.last.html, `href="${paths.training.staffShow(neighbour)}"`, "the same county's other market's session is not on the staff list");
  for (const url of [paths.training.staffShow(neighbour), paths.training.staffEdit(neighbour), paths.training.attendance(neighbour), paths.training.sheet(neighbour), paths.training.completersCsv(neighbour)]) {
    assert.is((await staff.get(url)).status, 404, url);
  }
  await staff.get(paths.training.staffList);
  for (const url of [paths.training.staffWalkIn(neighbour), paths.training.staffCancel(neighbour), paths.training.staffEdit(neighbour), paths.training.attendance(neighbour)]) {
    assert.is((await staff.post(url, { name: "某人", phone: nextPhone(), reason: "x" })).status, 404, url);
  }
  assert.is((await sessionRow(neighbour)).status, "open");
  assert.is((await signupsOf(neighbour)).length, 0);
  // Its public page does not offer her the staff page she may not open (a link that would end on 404).
  assert.not.match((await staff.get(paths.training.show(neighbour))).html, `href="${paths.training.staffShow(neighbour)}"`);

  const id = await addSession(t, marketB);
  await staff.get(paths.training.staffList);
  for (const url of [paths.training.staffShow(id), paths.training.staffEdit(id), paths.training.attendance(id), paths.training.sheet(id), paths.training.completersCsv(id)]) {
    assert.is((await staff.get(url)).status, 404, url);
  }
  await staff.get(paths.training.staffList);
  for (const url of [paths.training.staffWalkIn(id), paths.training.staffCancel(id), paths.training.staffEdit(id), paths.training.attendance(id)]) {
    assert.is((await staff.post(url, { name: "某人", phone: nextPhone(), reason: "x" })).status, 404, url);
  }
  assert.is((await sessionRow(id)).status, "open");
  assert.is((await signupsOf(id)).length, 0);
  // The county admin of 禹州 and the city admin may.
  const county = await signedIn(t, { role: "county_admin", countyCode: "411081" });
  assert.is((await county.get(paths.training.staffShow(id))).status, 200);
  const city = await signedIn(t, { role: "city_admin" });
  assert.is((await city.get(paths.training.staffShow(id))).status, 200);
  // And the public page links them to it.
  assert.match((await county.get(paths.training.show(id))).html, `href="${paths.training.staffShow(id)}"`);
  // A worker gets 404 on staff pages; a visitor is sent to log in.
  const w = await worker();
  assert.is((await w.get(paths.training.staffShow(id))).status, 404);
  assert.is((await t.client().get(paths.training.staffShow(id))).status, 303);
});

// --- Cancelling and the waiting list ------------------------------------------------

test("a worker cancels: the first in the queue moves up and is told; leaving the queue moves nobody", async () => {
  const id = await addSession(t, marketA, { capacity: 1 });
  const a = await worker("甲");
  const b = await worker("乙");
  const c = await worker("丙");
  for (const w of [a, b, c]) {
    await w.get(paths.training.show(id));
    await w.post(paths.training.signup(id));
  }
  await c.get(paths.training.show(id));
  assert.match(c.last.html, "候补第 2 位");
  const byWorker = async () => new Map((await signupsOf(id)).map((r) => [r.workerId, r]));
  const rows = await byWorker();

  // 丙 leaves the queue: nobody moves up, 乙 stays first in the queue.
  await c.post(paths.training.cancelSignup(rows.get(c.user.id)!.id));
  assert.is(c.last.status, 303);
  await c.follow();
  assert.match(c.last.html, "已退出候补");
  assert.is((await byWorker()).get(b.user.id)!.status, "waiting");

  // 甲 cancels: 乙 gets the place, with an inbox message and an SMS.
  await a.get(paths.training.mine);
  await a.post(paths.training.cancelSignup(rows.get(a.user.id)!.id));
  const after = await byWorker();
  assert.equal([after.get(a.user.id)!.status, after.get(b.user.id)!.status, after.get(c.user.id)!.status], ["cancelled", "confirmed", "cancelled"]);
  assert.is((await sessionRow(id)).confirmedCount, 1);
  const inbox = await t.db.select().from(messages).where(eq(messages.userId, b.user.id));
  assert.ok(inbox.some((m) => m.body.includes("候补转为正式报名")));
  assert.ok((await t.db.select().from(smsOutbox)).some((m) => m.toPhone === b.user.phone && smsText(m).includes("候补转为正式报名")));

  // 甲 may sign up again, at the back of the queue.
  await a.get(paths.training.show(id));
  await a.post(paths.training.signup(id));
  assert.is((await byWorker()).get(a.user.id)!.status, "waiting");
});

test("the queue goes by waiting number, not by who signed up first: someone who left the queue and came back is behind those who stayed", async () => {
  const id = await addSession(t, marketA, { capacity: 1 });
  const first = await worker("甲");
  const early = await worker("乙"); // the older sign-up row (lower id)
  const stayed = await worker("丙");
  for (const w of [first, early, stayed]) {
    await w.get(paths.training.show(id));
    await w.post(paths.training.signup(id));
  }
  const byWorker = async () => new Map((await signupsOf(id)).map((r) => [r.workerId, r]));
  const rows = await byWorker();
  assert.ok(rows.get(early.user.id)!.id < rows.get(stayed.user.id)!.id, "乙's row is older than 丙's");
  // 乙 leaves the queue and comes back: the same row, now behind 丙.
  await early.get(paths.training.mine);
  await early.post(paths.training.cancelSignup(rows.get(early.user.id)!.id));
  await early.get(paths.training.show(id));
  await early.post(paths.training.signup(id));
  const again = await byWorker();
  assert.is(again.get(early.user.id)!.id, rows.get(early.user.id)!.id, "the same row is reused");
  assert.is(again.get(early.user.id)!.status, "waiting");
  assert.ok(again.get(early.user.id)!.waitNo! > again.get(stayed.user.id)!.waitNo!, "乙's waiting number is now behind 丙's");
  await early.get(paths.training.show(id));
  assert.match(early.last.html, "候补第 2 位");
  await stayed.get(paths.training.show(id));
  assert.match(stayed.last.html, "候补第 1 位");

  // 甲 cancels: the free place goes to 丙, who stayed in the queue, not to 乙.
  await first.get(paths.training.mine);
  await first.post(paths.training.cancelSignup(rows.get(first.user.id)!.id));
  const after = await byWorker();
  assert.equal(
    [after.get(first.user.id)!.status, after.get(stayed.user.id)!.status, after.get(early.user.id)!.status],
    ["cancelled", "confirmed", "waiting"],
  );
  // The staff list shows them in the same order: 丙 confirmed, then 乙 waiting.
  await staff.get(paths.training.staffShow(id));
  const html = staff.last.html;
  assertInOrder(html, ["丙", "乙"], "the staff list: 丙 (confirmed) before 乙 (waiting)");
});

test("cancelling someone else's sign-up is a 404; cancelling after the start is refused", async () => {
  const id = await addSession(t, marketA);
  const a = await worker();
  const other = await worker("别人");
  await a.get(paths.training.show(id));
  await a.post(paths.training.signup(id));
  const [row] = await signupsOf(id);
  await other.get(paths.training.mine);
  assert.is((await other.post(paths.training.cancelSignup(row.id))).status, 404);
  assert.is((await signupsOf(id))[0].status, "confirmed");

  const begun = await addSession(t, marketA, { startDate: "2026-11-27", endDate: "2026-11-29", signupDeadline: "2026-11-26" });
  const late = await addSignup(t, begun, a.user.id);
  await a.get(paths.training.mine);
  const r = await a.post(paths.training.cancelSignup(late));
  assert.is(r.status, 422);
  assert.match(r.html, "培训已经开始");
  assert.is((await signupsOf(begun))[0].status, "confirmed");
});

// --- Staff: create, edit, cancel -----------------------------------------------------

const goodSession = () => ({
  marketId: String(marketA),
  kind: "skills",
  title: "养老护理员培训",
  provider: "鄢陵县职业技术学校",
  online: "0",
  place: "鄢陵县职教中心二楼",
  startDate: "2026-12-14",
  endDate: "2026-12-18",
  hours: "8:30-11:30, 14:30-17:00",
  capacity: "40",
  signupDeadline: "2026-12-12",
  cost: "0",
  subsidyRule: "取得证书的,按初级工 1000 元申领补贴",
  allowanceRule: "脱贫劳动力每天 50 元生活费补贴",
  description: "学习老人照护、急救常识。",
});

test("staff create a session; it shows in the public list, filtered by kind and county", async () => {
  await staff.get(paths.training.staffNew);
  assert.match(staff.last.html, 'name="capacity"');
  const careKind = await kindId(t, "养老护理");
  await staff.post(paths.training.staffNew, { ...goodSession(), workKindId: String(careKind), cost: "12.5" });
  assert.is(staff.last.status, 303);
  const id = Number(staff.last.location!.split("/").pop());
  const s = await sessionRow(id);
  assert.equal([s.title, s.capacity, s.costFen, s.workKindId, s.online, s.createdBy], ["养老护理员培训", 40, 1250, careKind, false, staff.user.id]);
  assert.is((await t.db.select().from(auditLog).where(and(eq(auditLog.action, "training.create"), eq(auditLog.subjectId, id)))).length, 1);

  const b = t.client();
  const listed = async (q: string) => (await b.get(`${paths.training.list}${q}`)).html.includes("养老护理员培训");
  assert.ok(await listed(""));
  assert.ok(await listed("?kind=skills&county=411024"));
  assert.not.ok(await listed("?kind=startup"));
  assert.not.ok(await listed("?county=411081"));
  assert.ok(await listed("?kind=nonsense&county=<script>"), "a bad filter is ignored, not an error");
});

test("bad input on the session form: re-rendered with the input and a summary, nothing written", async () => {
  await staff.get(paths.training.staffNew);
  const before = await countRows(trainingSessions);
  const cases: [string, Record<string, string>, number, string][] = [
    ["no title", { title: "" }, 400, "请填写培训名称"],
    ["title too long", { title: "长".repeat(61) }, 400, "不能超过 60 个字"],
    ["capacity zero", { capacity: "0" }, 400, "名额应在 1 到 500 之间"],
    ["capacity letters", { capacity: "三十" }, 400, "名额请填数字"],
    ["bad kind", { kind: "cooking" }, 400, "请选择培训类别"],
    ["no way", { online: "" }, 400, "请选择上课方式"],
    ["bad date", { startDate: "2026-02-30" }, 400, "开始日期请填日期"],
    ["cost letters", { cost: "免费" }, 400, "费用(元)请填金额"],
    ["cost negative", { cost: "-5" }, 400, "费用(元)请填金额"],
    ["end before start", { endDate: "2026-12-13" }, 422, "结束日期不能早于开始日期"],
    ["deadline after start", { signupDeadline: "2026-12-15" }, 422, "报名截止不能晚于开始日期"],
    ["start in the past", { startDate: "2026-11-20", signupDeadline: "2026-11-19" }, 422, "开始日期不能早于今天"],
    ["offline without place", { place: "" }, 422, "线下培训请填写上课地点"],
    ["another market", { marketId: String(marketB) }, 422, "主办市场的选项不对"],
    ["another market in the same county", { marketId: String(marketC) }, 422, "主办市场的选项不对"],
    ["a market that does not exist", { marketId: "999999" }, 422, "主办市场的选项不对"],
    ["a work kind that does not exist", { workKindId: "999999" }, 422, "工种的选项不对"],
    ["SQL in a market id", { marketId: "1 OR 1=1" }, 400, "主办市场的选项不对"],
  ];
  for (const [name, o, status, message] of cases) {
    const r = await staff.post(paths.training.staffNew, { ...goodSession(), ...o });
    assert.is(r.status, status, name);
    assert.match(r.html, message, name);
    assert.match(r.html, 'id="error-summary"', name);
    assert.match(r.html, 'value="鄢陵县职业技术学校"', `${name}: input kept`);
  }
  assert.is(await countRows(trainingSessions), before);

  // HTML typed into a field is kept as text, and shown escaped.
  await staff.post(paths.training.staffNew, { ...goodSession(), title: "<b>电工</b>培训" });
  assert.is(staff.last.status, 303);
  await staff.follow();
  assert.match(staff.last.html, "&lt;b&gt;电工&lt;/b&gt;培训");
});

test("capacity cannot be edited below those confirmed; raising it fills from the queue and tells them", async () => {
  const id = await addSession(t, marketA, { capacity: 2 });
  const people = [await worker("一"), await worker("二"), await worker("三"), await worker("四")];
  for (const w of people) {
    await w.get(paths.training.show(id));
    await w.post(paths.training.signup(id));
  }
  await staff.get(paths.training.staffEdit(id));
  assert.match(staff.last.html, 'value="家政服务员培训"');
  const form = {
    marketId: String(marketA), kind: "skills", title: "家政服务员培训", provider: "许昌市职业技能培训中心", online: "0",
    place: "鄢陵县人社局三楼培训室", startDate: "2026-12-07", endDate: "2026-12-11", signupDeadline: "2026-12-05",
  };
  const r = await staff.post(paths.training.staffEdit(id), { ...form, capacity: "1" });
  assert.is(r.status, 422);
  assert.match(r.html, "已有 2 人报上名,名额不能少于 2");
  assert.is((await sessionRow(id)).capacity, 2);

  await staff.post(paths.training.staffEdit(id), { ...form, capacity: "3" });
  assert.is(staff.last.status, 303);
  await staff.follow();
  assert.match(staff.last.html, "补上 1 人");
  const rows = new Map((await signupsOf(id)).map((s) => [s.workerId, s.status]));
  assert.equal(people.map((p) => rows.get(p.user.id)), ["confirmed", "confirmed", "confirmed", "waiting"]);
  assert.is((await sessionRow(id)).confirmedCount, 3);
  assert.ok((await t.db.select().from(messages).where(eq(messages.userId, people[2].user.id))).some((m) => m.body.includes("候补转为正式报名")));
});

test("staff cancel a session: everyone signed up is told by SMS; the reason is required; later sign-ups are refused", async () => {
  const id = await addSession(t, marketA);
  const w = await worker();
  await w.get(paths.training.show(id));
  await w.post(paths.training.signup(id));
  await staff.get(paths.training.staffShow(id));
  const cases: [string, string, string][] = [
    ["no reason", "", "请填写取消原因"],
    ["a reason too long", "长".repeat(101), "取消原因不能超过 100 个字"],
  ];
  for (const [name, reason, message] of cases) {
    const r = await staff.post(paths.training.staffCancel(id), { reason });
    assert.is(r.status, 400, name);
    assert.match(r.html, message, name);
    assert.match(r.html, 'id="error-summary"', name);
  }
  assert.is((await sessionRow(id)).status, "open");

  await staff.post(paths.training.staffCancel(id), { reason: "场地维修" });
  assert.is(staff.last.status, 303);
  assert.equal([(await sessionRow(id)).status, (await sessionRow(id)).cancelReason], ["cancelled", "场地维修"]);
  assert.ok((await t.db.select().from(smsOutbox)).some((m) => m.toPhone === w.user.phone && smsText(m).includes("场地维修")));
  await w.get(paths.training.show(id));
  assert.match(w.last.html, "这期培训已取消");
  assert.not.match(w.last.html, "我要报名");
});

// --- Attendance, certificate, sheet, CSV ----------------------------------------------

async function runningCourse() {
  const id = await addSession(t, marketA, { title: "电工上岗培训", startDate: "2026-11-26", endDate: "2026-11-30", signupDeadline: "2026-11-25" });
  const a = await worker("陈师傅");
  const b = await worker("林师傅");
  const idNumber = nextResidentId();
  const c = await t.deps.database.transaction((tx) => insertWorker(tx, { phone: nextPhone(), name: "黄大姐", pinHash: null, idNumber }, t.clock.now()));
  const sa = await addSignup(t, id, a.user.id);
  const sb = await addSignup(t, id, b.user.id);
  const sc = await addSignup(t, id, c.id, { viaStaffId: staff.user.id, viaMarketId: marketA });
  return { id, a, b, sa, sb, sc, idNumber };
}

test("attendance: one form with a box per person per day up to today; saving replaces the marks and completion", async () => {
  const { id, sa, sb, sc } = await runningCourse();
  await staff.get(paths.training.attendance(id));
  assert.is(staff.last.status, 200);
  assert.match(staff.last.html, `value="${sa}:2026-11-28"`);
  assert.not.match(staff.last.html, `value="${sa}:2026-11-29"`, "no box for a day still to come");
  assert.match(staff.last.html, 'aria-label="陈师傅 11-26 到场"');

  await staff.post(`${paths.training.attendance(id)}?page=1`, {
    ids: [String(sa), String(sb), String(sc)],
    a: [`${sa}:2026-11-26`, `${sa}:2026-11-27`, `${sa}:2026-11-28`, `${sb}:2026-11-26`, `${sc}:2026-11-26`, `${sc}:2026-11-27`],
    done: [String(sa), String(sc)],
  });
  assert.is(staff.last.status, 303);
  const marks = await t.db.select().from(trainingAttendance);
  const of = (s: number) => marks.filter((m) => m.signupId === s).map((m) => m.day).sort();
  assert.equal(of(sa), ["2026-11-26", "2026-11-27", "2026-11-28"]);
  assert.equal(of(sb), ["2026-11-26"]);
  const done = new Map((await signupsOf(id)).map((s) => [s.id, s.completedAt]));
  assert.ok(done.get(sa) !== null && done.get(sc) !== null);
  assert.is(done.get(sb), null);

  // Saving again with a box unticked removes that mark and that completion.
  await staff.get(paths.training.attendance(id));
  await staff.post(paths.training.attendance(id), { ids: [String(sa), String(sb), String(sc)], a: [`${sa}:2026-11-26`, `${sc}:2026-11-26`, `${sc}:2026-11-27`], done: [String(sc)] });
  const again = await t.db.select().from(trainingAttendance).where(eq(trainingAttendance.signupId, sa));
  assert.equal(again.map((m) => m.day), ["2026-11-26"]);
  assert.is((await signupsOf(id)).find((s) => s.id === sa)!.completedAt, null);
  assert.ok((await t.db.select().from(auditLog).where(eq(auditLog.action, "training.attendance"))).length >= 2);
});

test("attendance refusals: a future day, a stranger, a mangled box → 400; a course not begun → 422; nothing written", async () => {
  const { id, sa } = await runningCourse();
  const future = await addSession(t, marketA);
  await staff.get(paths.training.attendance(id));
  const before = await countRows(trainingAttendance as never);
  const cases: [string, Record<string, string | string[]>][] = [
    ["a day still to come", { ids: [String(sa)], a: [`${sa}:2026-11-29`] }],
    ["someone not on this course", { ids: ["999999"], a: [] }],
    ["a box for someone not on the page", { ids: [String(sa)], a: ["999999:2026-11-26"] }],
    ["a mangled value", { ids: [String(sa)], a: [`${sa}:<script>`] }],
  ];
  for (const [name, fields] of cases) {
    const r = await staff.post(paths.training.attendance(id), fields);
    assert.is(r.status, 400, name);
    assert.match(r.html, "考勤表的内容不对", name);
  }
  assert.is(await countRows(trainingAttendance as never), before);
  await staff.get(paths.training.attendance(future));
  assert.match(staff.last.html, "培训还没开始");
  const r = await staff.post(paths.training.attendance(future), { ids: [] });
  assert.is(r.status, 422);
});

test("the completion certificate: one bare page for the worker or the market's staff, only once completed", async () => {
  const { id, a, b, sa, sb, sc, idNumber } = await runningCourse();
  await t.deps.database.write((db) => db.update(trainingSignups).set({ completedAt: t.clock.now() }).where(eq(trainingSignups.id, sa)));
  await a.get(paths.training.certificate(sa));
  assert.is(a.last.status, 200);
  assert.match(a.last.html, "结业证书");
  assert.match(a.last.html, "陈师傅 同志参加了「电工上岗培训」");
  assert.match(a.last.html, `PX2026-${String(id).padStart(4, "0")}-${String(sa).padStart(5, "0")}`);
  assert.not.match(a.last.html, "<nav", "bare layout: no menu");
  assert.not.match(a.last.html, "<footer", "bare layout: no footer");
  assert.match(a.last.html, /print\.css[^>]*>/);
  assert.not.match(a.last.html, /print\.css" media="print"/, "the print stylesheet applies on screen too");
  // Someone else's certificate, or one not completed: does not exist.
  assert.is((await b.get(paths.training.certificate(sa))).status, 404);
  assert.is((await b.get(paths.training.certificate(sb))).status, 404);
  // Staff of the market can print it; ID numbers show masked.
  await t.deps.database.write((db) => db.update(trainingSignups).set({ completedAt: t.clock.now() }).where(eq(trainingSignups.id, sc)));
  await staff.get(paths.training.certificate(sc));
  assert.is(staff.last.status, 200);
  assert.match(staff.last.html, maskResidentId(idNumber));
  assert.not.match(staff.last.html, idNumber);
  const other = await signedIn(t, { role: "staff", marketId: marketB });
  assert.is((await other.get(paths.training.certificate(sc))).status, 404);
});

test("the printed sign-in sheet: bare, everyone confirmed, phones masked, a column per day", async () => {
  const { id, a } = await runningCourse();
  await staff.get(paths.training.sheet(id));
  assert.is(staff.last.status, 200);
  assert.match(staff.last.html, "签到表:电工上岗培训");
  for (const name of ["陈师傅", "林师傅", "黄大姐"]) assert.match(staff.last.html, name);
  assert.match(staff.last.html, a.user.phone.slice(0, 3) + "****" + a.user.phone.slice(-4));
  assert.not.match(staff.last.html, a.user.phone);
  assert.is(staff.last.html.match(/<th scope="col">11-\d\d<\/th>/g)?.length, 5);
  assert.not.match(staff.last.html, "<nav");
});

test("the subsidy CSV: UTF-8 with BOM, CRLF, the columns, Chinese intact, only completers, numbers masked, an audit entry", async () => {
  const { id, sa, sb, sc, a, idNumber } = await runningCourse();
  await staff.get(paths.training.attendance(id));
  await staff.post(paths.training.attendance(id), {
    ids: [String(sa), String(sb), String(sc)],
    a: [`${sa}:2026-11-26`, `${sa}:2026-11-27`, `${sc}:2026-11-26`],
    done: [String(sa), String(sc)],
  });
  const res = await t.app.request(`http://localhost${paths.training.completersCsv(id)}`, {
    headers: { cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  assert.is(res.status, 200);
  assert.match(res.headers.get("content-type")!, "text/csv; charset=utf-8");
  assert.match(res.headers.get("content-disposition")!, "attachment");
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.equal([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "starts with the UTF-8 BOM");
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
  assert.ok(text.endsWith("\r\n"));
  const lines = text.split("\r\n").slice(0, -1);
  assert.not.ok(lines.some((l) => l.includes("\n")), "every line ends in CRLF");
  assert.is(lines[0], "序号,姓名,身份证号(已隐藏),手机号(已隐藏),培训名称,培训类别,工种,培训机构,开始日期,结束日期,应出勤天数,实际出勤天数,出勤日期,结业日期,证书编号,代办驿站");
  assert.is(lines.length, 3, "the header and the two completers");
  const chen = lines[1].split(",");
  assert.equal(chen.slice(0, 2), ["1", "陈师傅"]);
  assert.is(chen[3], a.user.phone.slice(0, 3) + "****" + a.user.phone.slice(-4));
  assert.equal(chen.slice(4, 6), ["电工上岗培训", "职业技能培训"]);
  assert.equal(chen.slice(10, 14), ["5", "2", "2026-11-26 2026-11-27", "2026-11-28"]);
  const huang = lines[2].split(",");
  assert.equal([huang[1], huang[2], huang[15]], ["黄大姐", maskResidentId(idNumber), "鄢陵县零工驿站"]);
  assert.not.ok(text.includes(idNumber));
  assert.not.ok(text.includes("林师傅"), "not completed, not on the list");
  assert.is((await t.db.select().from(auditLog).where(and(eq(auditLog.action, "training.export_completers"), eq(auditLog.subjectId, id)))).length, 1);
});

test("the worker's own list shows status, queue position and certificate link", async () => {
  const { id, a, sa } = await runningCourse();
  await t.deps.database.write((db) => db.update(trainingSignups).set({ completedAt: t.clock.now() }).where(eq(trainingSignups.id, sa)));
  await a.get(paths.training.mine);
  assert.match(a.last.html, "电工上岗培训");
  assert.match(a.last.html, "已结业");
  assert.match(a.last.html, paths.training.certificate(sa));
  assert.not.match(a.last.html, paths.training.cancelSignup(sa), "cannot cancel a course that has begun");
  void id;
  const me = await a.get(paths.accounts.me);
  assert.match(me.html, paths.training.mine, "linked from my account");
});

test.run();
