// The jobs use cases without HTTP: each action called with deps, who acts and
// the input, its success and each refusal code, and what it wrote (or not).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, and } from "drizzle-orm";
import { makeTestApp, addMarket, nextPhone, signedIn, type TestApp } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { statementCacheStats } from "../../../src/shared/statement-cache.ts";
import { SESSION_MEMO_MS } from "../../../src/shared/session.ts";
import { actorFor, actorOf } from "../../helpers/actor.ts";
import { applications, hires, jobPostings, auditLog, users } from "../../../db/schema/index.ts";
import type { CurrentUser } from "../../../src/shared/context.ts";
import { check } from "../../../src/shared/forms.ts";
import { employerForUser } from "../../../src/features/employers/index.ts";
import * as actions from "../../../src/features/jobs/jobs.actions.ts";
import { PostingForm, QuickForm } from "../../../src/features/jobs/jobs.schema.ts";
import { addEmployer, addWorker, addPosting, postingFields, kindIds, YANLING } from "./fixtures.ts";

let t: TestApp;
let staff: CurrentUser;
let market: number;

test.before(async () => {
  t = await makeTestApp();
  market = await addMarket(t, { name: "鄢陵县零工驿站", countyCode: YANLING });
  staff = await actorFor(t, { role: "staff", name: "张干事", marketId: market, countyCode: YANLING });
});
test.after(() => t.close());

const employerOf = async (o: Parameters<typeof addEmployer>[1] = {}) => {
  const e = await addEmployer(t, o);
  return { ...e, row: (await employerForUser(t.db, e.id))! };
};
const postingForm = async (o: Record<string, string | string[]> = {}) => {
  const r = check(PostingForm, await postingFields(t, o));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const quickForm = async (o: Record<string, string> = {}) => {
  const kinds = await kindIds(t);
  const r = check(QuickForm, { kindId: String(kinds.get("搬运装卸")), headcount: "3", wage: "160", countyCode: YANLING, address: "柏梁镇花木大道", contactPhone: nextPhone(), ...o });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const postingRow = async (id: number) => (await t.db.select().from(jobPostings).where(eq(jobPostings.id, id)))[0];
const count = async (table: typeof jobPostings | typeof applications | typeof hires) => (await t.db.select().from(table)).length;
const found = async (id: number) => (await (await import("../../../src/features/jobs/jobs.repo.ts")).findPosting(t.db, id))!;

test("postJob: a verified employer's posting is public at once", async () => {
  const e = await employerOf();
  const r = await actions.postJob(t.deps, e.row, await postingForm());
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.is(r.hold, null);
  assert.is((await postingRow(r.id)).status, "open");
});

test("postJob: the rules' problems, as codes on the draft's fields, and nothing written", async () => {
  const e = await employerOf();
  const before = await count(jobPostings);
  const r = await actions.postJob(t.deps, e.row, await postingForm({ startDate: "2026-12-05", endDate: "2026-12-01" }));
  assert.equal(r, { ok: false, code: "problems", problems: { endDate: "endBeforeStart" } });
  assert.is(await count(jobPostings), before);
});

test("postJob: an employer not verified yet keeps a draft that waits for it (hold notVerified)", async () => {
  const e = await employerOf({ status: "pending" });
  const r = await actions.postJob(t.deps, e.row, await postingForm());
  assert.ok(r.ok && r.hold?.code === "notVerified");
  if (!r.ok) return;
  const row = await postingRow(r.id);
  assert.equal([row.status, row.awaitingVerification], ["draft", true]);
});

test("postJob: a household asking for a crowd keeps a draft (hold householdHeadcount)", async () => {
  const e = await employerOf();
  const r = await actions.postJob(t.deps, e.row, await postingForm({ headcount: "11" }));
  assert.ok(r.ok && r.hold?.code === "householdHeadcount");
});

test("quickJob at the desk: public with the staff member and market, audited for the employer; a hold refuses and writes nothing", async () => {
  const e = await employerOf();
  const desk = { staff, marketId: market, onBehalfOf: e.id };
  const r = await actions.quickJob(t.deps, e.row, await quickForm(), desk);
  assert.ok(r.ok);
  if (!r.ok) return;
  const row = await postingRow(r.id);
  assert.equal([row.status, row.quick, row.viaStaffId, row.viaMarketId, row.headcount, row.wageFen], ["open", true, staff.id, market, 3, 16000]);
  const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "desk.post_job"), eq(auditLog.subjectId, r.id)));
  assert.equal([entry.actorId, entry.onBehalfOf], [staff.id, e.id]);

  const pending = await employerOf({ status: "pending" });
  const before = await count(jobPostings);
  assert.equal(await actions.quickJob(t.deps, pending.row, await quickForm(), { ...desk, onBehalfOf: pending.id }), { ok: false, code: "notVerified" });
  assert.equal(await actions.quickJob(t.deps, e.row, await quickForm({ countyCode: "110101" }), desk), { ok: false, code: "problems", problems: { countyCode: "unknownCounty" } });
  assert.is(await count(jobPostings), before);
});

test("quickJob by the employer: same-day posting, quick, titled by its kind of work", async () => {
  const e = await employerOf();
  const r = await actions.quickJob(t.deps, e.row, await quickForm());
  assert.ok(r.ok);
  if (!r.ok) return;
  const row = await postingRow(r.id);
  assert.equal([row.status, row.quick, row.viaStaffId], ["open", true, null]);
  assert.match(row.title, "搬运装卸");
});

test("publish, close, relist, remove: each act once, then wrongState", async () => {
  const e = await employerOf();
  const draft = await addPosting(t, e.employerId, { status: "draft" });
  assert.equal(await actions.relist(t.deps, e.row, await found(draft)), { ok: false, code: "wrongState" }, "a draft never public is not copied");
  assert.equal(await actions.publish(t.deps, e.row, await found(draft)), { ok: true });
  assert.equal(await actions.publish(t.deps, e.row, await found(draft)), { ok: false, code: "wrongState" });
  assert.equal(await actions.close(t.deps, await found(draft)), { ok: true });
  assert.equal(await actions.close(t.deps, await found(draft)), { ok: false, code: "wrongState" });
  const copy = await actions.relist(t.deps, e.row, await found(draft));
  assert.ok(copy.ok);
  if (copy.ok) assert.equal([(await postingRow(copy.id)).status, (await postingRow(copy.id)).copiedFrom], ["draft", draft]);
  const open = await addPosting(t, e.employerId);
  assert.equal(await actions.remove(t.deps, staff, await found(open), "虚假信息"), { ok: true });
  assert.equal([(await postingRow(open)).status, (await postingRow(open)).removedReason], ["removed", "虚假信息"]);
  assert.equal(await actions.remove(t.deps, staff, await found(open), "再来一次"), { ok: false, code: "wrongState" });
  assert.equal(await actions.relist(t.deps, e.row, await found(open)), { ok: false, code: "wrongState" }, "a removed posting stays removed");
  // A draft of an employer waiting for verification cannot go public by hand.
  const pending = await employerOf({ status: "pending" });
  const waiting = await addPosting(t, pending.employerId, { status: "draft" });
  assert.equal(await actions.publish(t.deps, pending.row, await found(waiting)), { ok: false, code: "notVerified" });
});

test("publish reviewed (skipLimits): the headcount limit is not asked again, every other hold is; the review's rows go in the same write", async () => {
  const e = await employerOf(); // a household (kind private)
  const big = await addPosting(t, e.employerId, { status: "draft", headcount: t.deps.config.postingLimits.householdHeadcount + 5 });
  assert.equal(await actions.publish(t.deps, e.row, await found(big)), { ok: false, code: "householdHeadcount" });
  const inside: number[] = [];
  const review = { skipLimits: true as const, alsoInside: async (_tx: unknown, now: number) => void inside.push(now) };
  assert.equal(await actions.publish(t.deps, e.row, await found(big), review), { ok: true });
  assert.equal([(await postingRow(big)).status, inside], ["open", [t.clock.now()]]);
  assert.equal(await actions.publish(t.deps, e.row, await found(big), review), { ok: false, code: "wrongState" });
  assert.is(inside.length, 1, "nothing written alongside a publish that did not happen");
  // Not verified: refused even after review.
  const pending = await employerOf({ status: "pending" });
  const held = await addPosting(t, pending.employerId, { status: "draft", headcount: 50 });
  assert.equal(await actions.publish(t.deps, pending.row, await found(held), review), { ok: false, code: "notVerified" });
  assert.is((await postingRow(held)).status, "draft");
});

test("editPosting: saved; the rules' problems; an ended posting is wrongState", async () => {
  const e = await employerOf();
  const id = await addPosting(t, e.employerId);
  assert.equal(await actions.editPosting(t.deps, await found(id), await postingForm({ title: "改过的标题" })), { ok: true });
  assert.is((await postingRow(id)).title, "改过的标题");
  const bad = await actions.editPosting(t.deps, await found(id), await postingForm({ startDate: "2026-12-05", endDate: "2026-12-01" }));
  assert.is(bad.ok ? "" : bad.code, "problems");
  await actions.close(t.deps, await found(id));
  assert.equal(await actions.editPosting(t.deps, await found(id), await postingForm()), { ok: false, code: "wrongState" });
});

test("signUp: ok once, then already; a full posting, an unknown one, a quote without a price", async () => {
  const e = await employerOf();
  const w = await addWorker(t);
  const id = await addPosting(t, e.employerId, { headcount: 1 });
  const r = await actions.signUp(t.deps, w.id, { postingId: id });
  assert.ok(r.ok);
  assert.equal(await actions.signUp(t.deps, w.id, { postingId: id }), { ok: false, code: "already" });
  assert.equal(await actions.signUp(t.deps, w.id, { postingId: 999_999 }), { ok: false, code: "notFound" });
  const quote = await addPosting(t, e.employerId, { payMode: "quote", wageFen: null, wageUnit: null, headcount: 1 });
  assert.equal(await actions.signUp(t.deps, w.id, { postingId: quote }), { ok: false, code: "quoteNeeded" });
  const full = await addPosting(t, e.employerId, { headcount: 1 });
  await t.deps.database.write((db) => db.update(jobPostings).set({ filledCount: 1, status: "filled" }).where(eq(jobPostings.id, full)));
  assert.equal(await actions.signUp(t.deps, w.id, { postingId: full }), { ok: false, code: "full" });
  const closed = await addPosting(t, e.employerId, { status: "closed" });
  assert.equal(await actions.signUp(t.deps, w.id, { postingId: closed }), { ok: false, code: "closed" });
  assert.is((await t.db.select().from(applications).where(eq(applications.workerId, w.id))).length, 1);
});

test("signUp at the desk: the staff member and market on the sign-up, the desk's own rows in the same transaction, audited for the worker", async () => {
  const e = await employerOf();
  const w = await addWorker(t);
  const id = await addPosting(t, e.employerId, { payMode: "quote", wageFen: null, wageUnit: null, headcount: 1 });
  const inside: number[] = [];
  const r = await actions.signUp(t.deps, w.id, { postingId: id, quoteFen: 18000, quoteNote: "带工具" }, {
    staff,
    marketId: market,
    onBehalfOf: w.id,
    alsoInside: async (_tx, applicationId) => inside.push(applicationId),
  });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(inside, [r.applicationId]);
  const [a] = await t.db.select().from(applications).where(eq(applications.id, r.applicationId));
  assert.equal([a.quoteFen, a.quoteNote, a.viaStaffId, a.viaMarketId], [18000, "带工具", staff.id, market]);
  const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "desk.quote"), eq(auditLog.subjectId, r.applicationId)));
  assert.equal([entry.actorId, entry.onBehalfOf], [staff.id, w.id]);
});

test("signUpCheck: notFound for a draft, notWorker for an employer, already, and ok", async () => {
  const e = await employerOf();
  const w = await addWorker(t);
  const draft = await addPosting(t, e.employerId, { status: "draft" });
  const open = await addPosting(t, e.employerId);
  const worker = await actorOf(t, w.id);
  const boss = await actorOf(t, e.id);
  assert.equal(await actions.signUpCheck(t.deps, null, draft), { ok: false, code: "notFound" });
  assert.equal(await actions.signUpCheck(t.deps, boss, open), { ok: false, code: "notWorker" });
  assert.ok((await actions.signUpCheck(t.deps, worker, open)).ok);
  assert.ok((await actions.signUpCheck(t.deps, null, open)).ok);
  await actions.signUp(t.deps, w.id, { postingId: open });
  assert.equal(await actions.signUpCheck(t.deps, worker, open), { ok: false, code: "already" });
});

test("signUpCheck: 'already' is her own sign-up for this posting only (one statement reads both)", async () => {
  const e = await employerOf();
  const [w, other] = [await addWorker(t), await addWorker(t)];
  const [a, b] = [await addPosting(t, e.employerId), await addPosting(t, e.employerId)];
  const worker = await actorOf(t, w.id);
  // Another worker on this posting, and she on another posting: neither makes her "already" here.
  await actions.signUp(t.deps, other.id, { postingId: a });
  await actions.signUp(t.deps, w.id, { postingId: b });
  const may = await actions.signUpCheck(t.deps, worker, a);
  assert.ok(may.ok);
  assert.equal(await actions.signUpCheck(t.deps, worker, b), { ok: false, code: "already" });
  // The route hands the posting it checked to signUp; one checked for another id is not used.
  const r = await actions.signUp(t.deps, w.id, { postingId: a, looked: may.ok ? { ...may.posting, id: b } : undefined });
  assert.ok(r.ok && r.postingId === a);
  const rows = await t.db.select().from(applications).where(and(eq(applications.workerId, w.id), eq(applications.postingId, a)));
  assert.is(rows.length, 1);
});

test("a signed-in sign-up hands SQLite 5 statements: data_version, BEGIN, posting and insert in one, notice, COMMIT (her session row from the memo)", async () => {
  const e = await employerOf();
  const id = await addPosting(t, e.employerId);
  // With a PIN, as the bench's workers: the employer's notice only (a worker without one is also texted).
  const b = await signedIn(t, { role: "worker", pin: "802613" });
  await b.get(paths.jobs.show(id)); // her session touched (once a minute), the form's token read
  const handed = () => statementCacheStats.prepared + statementCacheStats.reused;
  const before = handed();
  await b.post(paths.jobs.apply(id), {});
  assert.is(b.last.status, 303);
  // Before: 11 (the posting and its brand tags read twice, her earlier sign-up read apart); 7 with the session
  // query. The memo of session rows answers it since her GET of the page just before (session.ts), after one
  // PRAGMA data_version (no other connection committed since her row was read): still 7, the pragma for the query.
  // Changed 2026-12-06 (issue #20, second pass): 6, the posting's read and the insert are one statement (SIGN_UP_SQL).
  // Changed 2026-12-06 (session 21): 5, a signed-in worker's sign-up for a wage posting is tried without the
  // look before the form (signUpLook; SIGN_UP_WAGE_SQL), which runs only when nothing was inserted.
  assert.is(handed() - before, 5);
});

test("a sign-up whose session row the memo no longer holds hands SQLite 5 statements too: the last data_version reading serves (before: 8, 7, then 6)", async () => {
  const e = await employerOf();
  const id = await addPosting(t, e.employerId);
  const b = await signedIn(t, { role: "worker", pin: "802613" });
  await b.get(paths.jobs.show(id)); // touched, her token read, data_version read
  // Her row is kept for SESSION_MEMO_MS of real time: past it, the request queries the row again (the bench's
  // case — each session comes back after seconds). The data_version read just now was read before that query.
  await new Promise((r) => setTimeout(r, SESSION_MEMO_MS + 50));
  const handed = () => statementCacheStats.prepared + statementCacheStats.reused;
  const before = handed();
  await b.post(paths.jobs.apply(id), {});
  assert.is(b.last.status, 303);
  // session + user, BEGIN, posting and insert in one (SIGN_UP_WAGE_SQL; the check before it, 6, is gone; 7 when
  // the posting's read and the insert were two), notice, COMMIT; no PRAGMA data_version of its own.
  assert.is(handed() - before, 5);
});

test("signUpByPhone: a new number makes a worker; an employer's number is notWorker; a refusal leaves no account", async () => {
  const e = await employerOf();
  const open = await addPosting(t, e.employerId);
  const phone = nextPhone();
  const r = await actions.signUpByPhone(t.deps, phone, { postingId: open, name: "新来的", quoteFen: null, quoteNote: null });
  assert.ok(r.ok && r.isNew && !r.already);
  const again = await actions.signUpByPhone(t.deps, phone, { postingId: open, name: "新来的", quoteFen: null, quoteNote: null });
  assert.ok(again.ok && !again.isNew && again.already, "her own number again: not refused");
  assert.equal(await actions.signUpByPhone(t.deps, e.phone, { postingId: open, name: "老板", quoteFen: null, quoteNote: null }), { ok: false, code: "notWorker" });
  const closed = await addPosting(t, e.employerId, { status: "closed" });
  const stranger = nextPhone();
  assert.equal(await actions.signUpByPhone(t.deps, stranger, { postingId: closed, name: "来晚了", quoteFen: null, quoteNote: null }), { ok: false, code: "closed" });
  assert.is((await t.db.select().from(users).where(eq(users.phone, stranger))).length, 0, "the new account rolled back");
});

test("decide: confirm makes a hire; again is alreadyDecided; another employer's is notFound; a full posting is fullNow; decline", async () => {
  const e = await employerOf();
  const other = await employerOf();
  const [w1, w2, w3] = [await addWorker(t), await addWorker(t), await addWorker(t)];
  const id = await addPosting(t, e.employerId, { headcount: 1 });
  const a1 = await actions.signUp(t.deps, w1.id, { postingId: id });
  const a2 = await actions.signUp(t.deps, w2.id, { postingId: id });
  if (!a1.ok || !a2.ok) throw new Error("sign-ups");
  assert.equal(await actions.decide(t.deps, "confirm", other.employerId, a1.applicationId), { ok: false, code: "notFound", postingId: undefined });
  const r = await actions.decide(t.deps, "confirm", e.employerId, a1.applicationId);
  assert.ok(r.ok && r.hireId);
  assert.equal(await actions.decide(t.deps, "confirm", e.employerId, a1.applicationId), { ok: false, code: "alreadyDecided", postingId: id });
  // The headcount was 1: the other sign-up was released (not_chosen), so it is decided too.
  assert.equal(await actions.decide(t.deps, "confirm", e.employerId, a2.applicationId), { ok: false, code: "alreadyDecided", postingId: id });
  const two = await addPosting(t, e.employerId, { headcount: 2 });
  const a3 = await actions.signUp(t.deps, w3.id, { postingId: two });
  if (!a3.ok) throw new Error("sign-up");
  assert.equal(await actions.decide(t.deps, "decline", e.employerId, a3.applicationId), { ok: true, postingId: two });
  await t.deps.database.write((db) => db.update(jobPostings).set({ filledCount: 2, status: "filled" }).where(eq(jobPostings.id, two)));
  const a4 = await t.deps.database.write((db) => db.insert(applications).values({ postingId: two, workerId: w1.id, createdAt: t.clock.now() }).returning({ id: applications.id }));
  assert.equal(await actions.decide(t.deps, "confirm", e.employerId, a4[0].id), { ok: false, code: "fullNow", postingId: two });
});

test("decide at the desk: the hire carries the staff member and market, audited for the employer", async () => {
  const e = await employerOf();
  const w = await addWorker(t);
  const id = await addPosting(t, e.employerId);
  const a = await actions.signUp(t.deps, w.id, { postingId: id });
  if (!a.ok) throw new Error("sign-up");
  assert.is(await actions.signUpToDecide(t.deps, 999_999), null);
  const found = await actions.signUpToDecide(t.deps, a.applicationId);
  assert.equal(found, { id: a.applicationId, workerId: w.id, postingId: id, title: "家里打扫卫生", countyCode: YANLING, employerId: e.employerId, employerUserId: e.id });
  const r = await actions.decide(t.deps, "confirm", e.employerId, a.applicationId, { staff, marketId: market, onBehalfOf: e.id, workerId: w.id });
  assert.ok(r.ok && r.hireId);
  if (!r.ok) return;
  const [h] = await t.db.select().from(hires).where(eq(hires.id, r.hireId!));
  assert.equal([h.viaStaffId, h.viaMarketId, h.workerId], [staff.id, market, w.id]);
  const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "desk.confirm"), eq(auditLog.subjectId, h.id)));
  assert.equal([entry.actorId, entry.onBehalfOf], [staff.id, e.id]);
});

test("withdraw: ok, then cantWithdraw; someone else's is notFound", async () => {
  const e = await employerOf();
  const [w, other] = [await addWorker(t), await addWorker(t)];
  const me = await actorOf(t, w.id);
  const a = await actions.signUp(t.deps, w.id, { postingId: await addPosting(t, e.employerId) });
  if (!a.ok) throw new Error("sign-up");
  assert.equal(await actions.withdraw(t.deps, { ...me, id: other.id }, a.applicationId), { ok: false, code: "notFound" });
  assert.equal(await actions.withdraw(t.deps, me, a.applicationId), { ok: true });
  assert.equal(await actions.withdraw(t.deps, me, a.applicationId), { ok: false, code: "cantWithdraw" });
});

test("setFirstPin: a weak PIN is refused with its words; the first is set; a second is already", async () => {
  const phone = nextPhone();
  const r = await actions.signUpByPhone(t.deps, phone, { postingId: await addPosting(t, (await employerOf()).employerId), name: "没密码", quoteFen: null, quoteNote: null });
  if (!r.ok) throw new Error("sign-up");
  const me = await actorOf(t, r.workerId);
  const weak = await actions.setFirstPin(t.deps, me, "123456");
  assert.is(weak.ok ? "" : weak.code, "weak");
  assert.equal(await actions.setFirstPin(t.deps, me, "582039"), { ok: true });
  assert.equal(await actions.setFirstPin(t.deps, me, "692048"), { ok: false, code: "already" });
});

test.run();
