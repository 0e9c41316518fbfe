// The training and job-fair use cases without HTTP: each action's success and
// each refusal code, and that a refusal changes nothing.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addMarket, addUser, nextPhone, type TestApp } from "../../helpers/app.ts";
import { actorFor } from "../../helpers/actor.ts";
import { trainingSessions, trainingSignups, trainingAttendance, jobFairBookings, auditLog, users } from "../../../db/schema/index.ts";
import * as actions from "../../../src/features/training/training.actions.ts";
import * as fairActions from "../../../src/features/training/fairs.actions.ts";
import { findSession, findSignup } from "../../../src/features/training/training.repo.ts";
import { findFair, findBooking } from "../../../src/features/training/fairs.repo.ts";
import { addSession, addSignup, addFair, addEmployer, addEmployerRow, kindId, nextResidentId } from "./fixtures.ts";
import type { CurrentUser } from "../../../src/shared/context.ts";

let t: TestApp;
let marketA: number;
let marketB: number;
let staff: CurrentUser;

test.before(async () => {
  t = await makeTestApp();
  marketA = await addMarket(t, { name: "鄢陵县零工驿站", countyCode: "411024" });
  marketB = await addMarket(t, { name: "禹州市零工市场", countyCode: "411081", tier: "county" });
  staff = await actorFor(t, { role: "staff", name: "张干事", marketId: marketA });
});
test.after(() => t.close());
test.before.each(() => t.clock.set("2026-11-28T09:00:00+08:00"));

const session = async (o: Parameters<typeof addSession>[2] = {}) => (await findSession(t.db, await addSession(t, marketA, o)))!;
const worker = (name = "王秀英") => actorFor(t, { role: "worker", name });
const signupsOf = (id: number) => t.db.select().from(trainingSignups).where(eq(trainingSignups.sessionId, id));
const audits = async () => (await t.db.select().from(auditLog)).length;

const formValue = (o: Record<string, unknown> = {}) =>
  ({
    marketId: marketA,
    kind: "skills",
    title: "养老护理员培训",
    workKindId: undefined,
    provider: "许昌市职业技能培训中心",
    online: "0",
    place: "鄢陵县人社局三楼",
    startDate: "2026-12-07",
    endDate: "2026-12-09",
    hours: "8:30-11:30",
    capacity: 10,
    signupDeadline: "2026-12-05",
    cost: 0,
    subsidyRule: "",
    allowanceRule: "",
    description: "",
    ...o,
  }) as Parameters<typeof actions.sessionFormCheck>[2];

// --- Signing up ------------------------------------------------------------

test("signUp: a free place is confirmed; a full course puts her on the waiting list", async () => {
  const s = await session({ capacity: 1 });
  const r1 = await actions.signUp(t.deps, await worker(), s.id);
  assert.ok(r1.ok && r1.result.status === "confirmed");
  const r2 = await actions.signUp(t.deps, await worker("李桂兰"), s.id);
  assert.ok(r2.ok && r2.result.status === "waiting" && r2.result.position === 1);
});

test("signUp refusals: alreadySignedUp (409), deadlinePassed, sessionCancelled — nothing written", async () => {
  const s = await session();
  const w = await worker();
  assert.ok((await actions.signUp(t.deps, w, s.id)).ok);
  const again = await actions.signUp(t.deps, w, s.id);
  assert.equal(again.ok ? null : [again.code, again.status], ["alreadySignedUp", 409]);

  const late = await session({ signupDeadline: "2026-11-27" });
  const r = await actions.signUp(t.deps, w, late.id);
  assert.equal(r.ok ? null : [r.code, r.status], ["deadlinePassed", 422]);
  assert.is((await signupsOf(late.id)).length, 0);

  const gone = await session({ status: "cancelled", cancelReason: "老师病了" });
  const r3 = await actions.signUp(t.deps, w, gone.id);
  assert.equal(r3.ok ? null : r3.code, "sessionCancelled");
  assert.is((await signupsOf(gone.id)).length, 0);
});

test("visitorSignupRefusal: a closed session is refused before any code is sent; an open one is not", async () => {
  assert.is(actions.visitorSignupRefusal(t.deps, await session()), null);
  assert.is(actions.visitorSignupRefusal(t.deps, await session({ signupDeadline: "2026-11-27" }))?.code, "deadlinePassed");
});

test("signUpProvenPhone: a new number gets a worker account; an employer's number is refused (notWorker)", async () => {
  const s = await session();
  const phone = nextPhone();
  const r = await actions.signUpProvenPhone(t.deps, { sessionId: s.id, phone, name: "赵大姐" });
  assert.ok(r.ok && r.result.status === "confirmed");
  const [u] = await t.db.select().from(users).where(eq(users.phone, phone));
  assert.is(u.role, "worker");
  assert.is(r.ok && r.workerId, u.id);

  const boss = await addUser(t, { role: "employer" });
  const before = (await signupsOf(s.id)).length;
  const no = await actions.signUpProvenPhone(t.deps, { sessionId: s.id, phone: boss.phone, name: "老板" });
  assert.equal(no.ok ? null : no.code, "notWorker");
  assert.is((await signupsOf(s.id)).length, before);
});

// --- Cancelling ------------------------------------------------------------

test("cancelOwnSignup: a confirmed place given back moves the first waiting person up", async () => {
  const s = await session({ capacity: 1 });
  const a = await worker();
  const b = await worker("李桂兰");
  await actions.signUp(t.deps, a, s.id);
  await actions.signUp(t.deps, b, s.id);
  const mine = (await signupsOf(s.id)).find((x) => x.workerId === a.id)!;
  const r = await actions.cancelOwnSignup(t.deps, a, (await findSignup(t.db, mine.id))!);
  assert.equal(r.ok ? [r.was, r.promoted] : null, ["confirmed", 1]);
  assert.is((await signupsOf(s.id)).find((x) => x.workerId === b.id)!.status, "confirmed");
});

test("cancelOwnSignup refusals: notActive (already cancelled), alreadyStarted", async () => {
  const s = await session();
  const w = await worker();
  const id = await addSignup(t, s.id, w.id, { status: "cancelled" });
  const r = await actions.cancelOwnSignup(t.deps, w, (await findSignup(t.db, id))!);
  assert.equal(r.ok ? null : r.code, "notActive");

  const running = await session({ startDate: "2026-11-25", signupDeadline: "2026-11-24", endDate: "2026-12-01" });
  const id2 = await addSignup(t, running.id, w.id);
  const r2 = await actions.cancelOwnSignup(t.deps, w, (await findSignup(t.db, id2))!);
  assert.equal(r2.ok ? null : r2.code, "alreadyStarted");
  assert.is((await findSignup(t.db, id2))!.status, "confirmed");
});

// --- Staff: the session form, create, edit, cancel -------------------------

test("sessionFormCheck: a market out of scope, an unknown kind of work, and the date rules give codes by field", async () => {
  const bad = await actions.sessionFormCheck(t.deps, staff, formValue({ marketId: marketB, workKindId: 999999, endDate: "2026-12-01", startDate: "2026-11-20" }), true);
  // Starts 11-20 (before today, 11-28) with sign-up until 12-05: two date problems.
  assert.ok(!bad.ok);
  if (!bad.ok) assert.equal(bad.problems, { marketId: "invalidMarket", workKindId: "invalidWorkKind", signupDeadline: "deadlineAfterStart", startDate: "startInPast" } as never);
  const placeless = await actions.sessionFormCheck(t.deps, staff, formValue({ place: "" }), true);
  assert.equal(placeless.ok ? null : placeless.problems, { place: "placeRequired" });
  const good = await actions.sessionFormCheck(t.deps, staff, formValue({ workKindId: await kindId(t, "家政保洁"), online: "1", place: "" }), true);
  assert.ok(good.ok && good.value.online === true && good.value.marketId === marketA);
});

test("createSession, editSession (promotes when capacity grows; capacityBelowConfirmed refused), cancelSession (once)", async () => {
  const before = await audits();
  const good = await actions.sessionFormCheck(t.deps, staff, formValue({ capacity: 1 }), true);
  assert.ok(good.ok);
  if (!good.ok) return;
  const { id } = await actions.createSession(t.deps, staff, good.value);
  assert.is((await findSession(t.db, id))!.title, "养老护理员培训");
  assert.is(await audits(), before + 1);

  await actions.signUp(t.deps, await worker(), id);
  await actions.signUp(t.deps, await worker("李桂兰"), id);
  await actions.signUp(t.deps, await worker("周红"), id);
  const shrink = await actions.editSession(t.deps, staff, id, { ...good.value, capacity: 0 });
  assert.equal(shrink.ok ? null : [shrink.code, shrink.detail.count], ["capacityBelowConfirmed", 1]);
  const grow = await actions.editSession(t.deps, staff, id, { ...good.value, capacity: 2 });
  assert.equal(grow.ok ? grow.promoted : null, 1);

  assert.equal(await actions.cancelSession(t.deps, staff, id, "场地不能用"), { ok: true, done: true });
  assert.equal(await actions.cancelSession(t.deps, staff, id, "场地不能用"), { ok: true, done: false });
  assert.is((await t.db.select().from(trainingSessions).where(eq(trainingSessions.id, id)))[0].status, "cancelled");
});

// --- Staff: walk-ins and taking a place back --------------------------------

test("walkIn: a new number gets an account made by staff; refusals notWorker, nameMismatch, idTaken", async () => {
  const s = await session();
  const phone = nextPhone();
  const r = await actions.walkIn(t.deps, staff, s, { name: "孙大爷", phone, idNumber: nextResidentId() });
  assert.ok(r.ok && r.newAccount && r.result.status === "confirmed");
  const signup = (await signupsOf(s.id))[0];
  assert.is(signup.viaStaffId, staff.id);

  const again = await actions.walkIn(t.deps, staff, await session(), { name: "孙大爷", phone });
  assert.ok(again.ok && !again.newAccount);

  const boss = await addUser(t, { role: "employer" });
  const r1 = await actions.walkIn(t.deps, staff, s, { name: "老板", phone: boss.phone });
  assert.equal(r1.ok ? null : r1.code, "notWorker");
  const r2 = await actions.walkIn(t.deps, staff, s, { name: "别人", phone });
  assert.equal(r2.ok ? null : [r2.code, r2.detail.name], ["nameMismatch", "孙大爷"]);

  const id = nextResidentId();
  assert.ok((await actions.walkIn(t.deps, staff, s, { name: "钱阿姨", phone: nextPhone(), idNumber: id })).ok);
  const usersBefore = (await t.db.select().from(users)).length;
  const r3 = await actions.walkIn(t.deps, staff, s, { name: "另一个人", phone: nextPhone(), idNumber: id });
  assert.equal(r3.ok ? null : [r3.code, r3.status], ["idTaken", 409]);
  assert.is((await t.db.select().from(users)).length, usersBefore);
});

test("staffCancelSignup: on the person's behalf, audited; a cancelled one is refused (notActive)", async () => {
  const s = await session();
  const w = await worker();
  const signed = await actions.signUp(t.deps, w, s.id);
  const id = signed.ok ? signed.result.signupId : 0;
  const before = await audits();
  const r = await actions.staffCancelSignup(t.deps, staff, s, (await findSignup(t.db, id))!);
  assert.ok(r.ok);
  assert.is((await findSignup(t.db, id))!.status, "cancelled");
  assert.is(await audits(), before + 1);
  const r2 = await actions.staffCancelSignup(t.deps, staff, s, (await findSignup(t.db, id))!);
  assert.equal(r2.ok ? null : r2.code, "notActive");
  assert.is(await audits(), before + 1);
});

// --- Attendance and completers --------------------------------------------

test("saveAttendance: notStarted before the first day, sessionCancelled, badAttendance; then saved and exported", async () => {
  const s = await session({ startDate: "2026-11-27", endDate: "2026-11-29", signupDeadline: "2026-11-26" });
  const w = await worker();
  const id = await addSignup(t, s.id, w.id);
  const future = await session();
  assert.equal(await actions.saveAttendance(t.deps, staff, future, { ids: [], present: [], done: [] }), { ok: false, code: "notStarted" });
  const gone = await session({ startDate: "2026-11-27", endDate: "2026-11-29", signupDeadline: "2026-11-26", status: "cancelled" });
  assert.equal(await actions.saveAttendance(t.deps, staff, gone, { ids: [], present: [], done: [] }), { ok: false, code: "sessionCancelled" });
  assert.equal(await actions.saveAttendance(t.deps, staff, s, { ids: [String(id)], present: [`${id}:2026-11-29`], done: [] }), { ok: false, code: "badAttendance" });
  assert.is((await t.db.select().from(trainingAttendance).where(eq(trainingAttendance.signupId, id))).length, 0);

  const ok = await actions.saveAttendance(t.deps, staff, s, { ids: [String(id)], present: [`${id}:2026-11-27`, `${id}:2026-11-28`], done: [String(id)] });
  assert.ok(ok.ok);
  assert.is((await t.db.select().from(trainingAttendance).where(eq(trainingAttendance.signupId, id))).length, 2);
  const before = await audits();
  const people = await actions.exportCompleters(t.deps, staff, s);
  assert.equal(people.map((p) => [p.name, p.days.length]), [["王秀英", 2]]);
  assert.is(await audits(), before + 1);
});

// --- Job fairs --------------------------------------------------------------

test("fairs.book: ok once; refusals notVerified, noSuchZone, alreadyBooked, zoneFull, fairPast, fairCancelled", async () => {
  const { fairId, zoneIds } = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 1 }]);
  const bossA = await actorFor(t, { role: "employer" });
  await addEmployerRow(t, bossA.id, "verified", "甲公司");
  assert.equal(await fairActions.book(t.deps, bossA, fairId, zoneIds[0]), { ok: true });
  assert.equal(await fairActions.book(t.deps, bossA, fairId, zoneIds[0]), { ok: false, code: "alreadyBooked" });
  assert.is(fairActions.bookStatus("alreadyBooked"), 409);

  const bossB = await actorFor(t, { role: "employer" });
  await addEmployerRow(t, bossB.id, "verified", "乙公司");
  assert.equal(await fairActions.book(t.deps, bossB, fairId, zoneIds[0]), { ok: false, code: "zoneFull" });
  assert.equal(await fairActions.book(t.deps, bossB, fairId, 999999), { ok: false, code: "noSuchZone" });
  const pending = await actorFor(t, { role: "employer" });
  await addEmployerRow(t, pending.id, "pending", "丙公司");
  assert.equal(await fairActions.book(t.deps, pending, fairId, zoneIds[0]), { ok: false, code: "notVerified" });

  const past = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 5 }], { date: "2026-11-20" });
  assert.equal(await fairActions.book(t.deps, bossB, past.fairId, past.zoneIds[0]), { ok: false, code: "fairPast" });
  const gone = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 5 }], { status: "cancelled", cancelReason: "下雪" });
  assert.equal(await fairActions.book(t.deps, bossB, gone.fairId, gone.zoneIds[0]), { ok: false, code: "fairCancelled" });
  assert.is((await t.db.select().from(jobFairBookings).where(eq(jobFairBookings.fairId, fairId))).length, 1);
});

test("fairs.cancelBooking (fairToday on the day, notBooked after) and markNoShow (fairNotYet before, notBooked when cancelled)", async () => {
  const { fairId, zoneIds } = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 5 }], { date: "2026-11-30" });
  const boss = await actorFor(t, { role: "employer" });
  await addEmployerRow(t, boss.id, "verified", "丁公司");
  const other = await actorFor(t, { role: "employer" });
  await addEmployerRow(t, other.id, "verified", "戊公司");
  await fairActions.book(t.deps, boss, fairId, zoneIds[0]);
  await fairActions.book(t.deps, other, fairId, zoneIds[0]);
  const bookings = await t.db.select().from(jobFairBookings).where(eq(jobFairBookings.fairId, fairId));
  const [b1, b2] = await Promise.all(bookings.map((b) => findBooking(t.db, b.id)));
  const fair = (await findFair(t.db, fairId))!;

  assert.equal(await fairActions.markNoShow(t.deps, staff, b1!, fair), { ok: false, code: "fairNotYet" });
  assert.equal(await fairActions.cancelBooking(t.deps, boss, b1!, fair), { ok: true });
  const cancelled = (await findBooking(t.db, b1!.id))!;
  assert.equal(await fairActions.cancelBooking(t.deps, boss, cancelled, fair), { ok: false, code: "notBooked" });

  t.clock.set("2026-11-30T10:00:00+08:00");
  assert.equal(await fairActions.cancelBooking(t.deps, other, b2!, fair), { ok: false, code: "fairToday" });
  assert.equal(await fairActions.markNoShow(t.deps, staff, cancelled, fair), { ok: false, code: "notBooked" });
  assert.equal(await fairActions.markNoShow(t.deps, staff, b2!, fair), { ok: true });
  assert.is((await findBooking(t.db, b2!.id))!.status, "no_show");
});

test("fairs.createFair: invalidMarket, fairInPast, noZones by field; then created and cancelled once", async () => {
  const f = { marketId: marketB, title: "春风行动专场", date: "2026-11-20", hours: "", place: "市人才市场", description: "" };
  const bad = await fairActions.createFair(t.deps, staff, f, []);
  assert.equal(bad.ok ? null : bad.problems, { marketId: "invalidMarket", date: "fairInPast", zones: "noZones" });
  const zones = [{ workKindId: await kindId(t, "家政保洁"), capacity: 3 }];
  const r = await fairActions.createFair(t.deps, staff, { ...f, marketId: marketA, date: "2026-12-20" }, zones);
  assert.ok(r.ok);
  if (!r.ok) return;
  const fair = (await findFair(t.db, r.id))!;
  assert.equal(await fairActions.cancelFair(t.deps, staff, fair, "下雪"), { ok: true, done: true });
  assert.equal(await fairActions.cancelFair(t.deps, staff, fair, "下雪"), { ok: true, done: false });
});

void addEmployer;
test.run();
