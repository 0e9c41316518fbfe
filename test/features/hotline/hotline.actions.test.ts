// The hotline's use cases without HTTP: each action's success and each
// refusal code, and that a refusal writes nothing it should not.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addMarket, type TestApp } from "../../helpers/app.ts";
import { actorFor } from "../../helpers/actor.ts";
import { hotlineCases, caseEvents, auditLog, smsOutbox } from "../../../db/schema/index.ts";
import * as actions from "../../../src/features/hotline/hotline.actions.ts";
import { findCase } from "../../../src/features/hotline/hotline.repo.ts";
import type { IntakeValue } from "../../../src/features/hotline/hotline.schema.ts";
import type { CurrentUser } from "../../../src/shared/context.ts";
import { addEmployer, addPosting, addWorker, addHire, addCase, hireRow } from "./fixtures.ts";

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

const intake = (o: Partial<IntakeValue> = {}): IntakeValue => ({
  category: "wage_arrears",
  urgency: "normal",
  callerName: "张大爷",
  callerPhone: "13812345678",
  anonymous: [],
  amount: 150000,
  description: "干了三天活,老板一直不给钱。",
  countyCode: "411024",
  ...o,
});
const count = async (table: typeof hotlineCases | typeof auditLog | typeof smsOutbox) => (await t.db.select().from(table)).length;

test("fileReport: a visitor's report gets a number; a device over its limit is refused (locked) with nothing written", async () => {
  const r = await actions.fileReport(t.deps, null, intake(), "report:10.0.0.1");
  assert.ok(r.ok && /\d/.test(r.number) && r.anonymous === false);
  for (let i = 0; i < 10; i++) assert.ok((await actions.fileReport(t.deps, null, intake(), "report:10.0.0.2")).ok);
  const before = await count(hotlineCases);
  assert.equal(await actions.fileReport(t.deps, null, intake(), "report:10.0.0.2"), { ok: false, code: "locked" });
  assert.is(await count(hotlineCases), before);
});

test("fileReport: what it concerns gives codes by field (notFound, invalidCounty, countyRequired)", async () => {
  const pending = await addEmployer(t, { status: "pending" });
  const r1 = await actions.fileReport(t.deps, null, intake({ employerId: pending }), "report:10.0.1.1");
  assert.equal(r1.ok ? null : r1, { ok: false, code: "concern", problems: { employerId: "notFound" } });
  const r2 = await actions.fileReport(t.deps, null, intake({ countyCode: "999999" }), "report:10.0.1.1");
  assert.equal(r2.ok ? null : r2, { ok: false, code: "concern", problems: { countyCode: "invalidCounty" } });
  const r3 = await actions.fileReport(t.deps, null, intake({ countyCode: undefined }), "report:10.0.1.1");
  assert.equal(r3.ok ? null : r3, { ok: false, code: "concern", problems: { countyCode: "countyRequired" } });
  // A worker may name only her own hire.
  const employerId = await addEmployer(t);
  const postingId = await addPosting(t, { employerId });
  const w = await addWorker(t);
  const hireId = await addHire(t, { postingId, employerId, workerId: w.id });
  const stranger = await actorFor(t, { role: "worker" });
  const r4 = await actions.fileReport(t.deps, stranger, intake({ hireId }), "report:10.0.1.1");
  assert.equal(r4.ok ? null : r4, { ok: false, code: "concern", problems: { hireId: "notFound" } });
});

test("lookUpStatus: the right last four show the case; a wrong one is notFound, then locked", async () => {
  const made = await addCase(t, { callerPhone: "13812349876" });
  const ok = await actions.lookUpStatus(t.deps, { number: made.number, lastFour: "9876" }, "b1");
  assert.ok(ok.ok && ok.found.number === made.number);
  for (let i = 0; i < 5; i++) assert.equal(await actions.lookUpStatus(t.deps, { number: made.number, lastFour: "0000" }, "b2"), { ok: false, code: "notFound" });
  assert.equal(await actions.lookUpStatus(t.deps, { number: made.number, lastFour: "9876" }, "b2"), { ok: false, code: "locked" });
  // Another address checking the same case is not held back.
  assert.ok((await actions.lookUpStatus(t.deps, { number: made.number, lastFour: "9876" }, "b3")).ok);
});

test("fileCase: staff intake is audited; a market out of the county is notFound", async () => {
  const before = await count(auditLog);
  const r = await actions.fileCase(t.deps, staff, { ...intake(), channel: "visit", marketId: marketA });
  assert.ok(r.ok);
  assert.is(await count(auditLog), before + 1);
  const no = await actions.fileCase(t.deps, staff, { ...intake(), marketId: marketB });
  assert.equal(no.ok ? null : no.problems, { marketId: "notFound" });
});

test("addNote and takeStep: a step moves the case and texts the caller; a skipped step is refused; a stale page is a conflict", async () => {
  // Taken down by staff, so the number is one to text.
  const made = await addCase(t, { createdBy: staff.id });
  const row = (await findCase(t.db, made.id))!;
  await actions.addNote(t.deps, staff, row, { text: "已联系老板", public: false });
  assert.is((await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, made.id))).filter((e) => e.kind === "note").length, 1);

  const skip = await actions.takeStep(t.deps, staff, row, "close", { outcome: "resolved", closeNote: "x", closePublic: [] });
  assert.ok(!skip.ok && skip.code === "skip" && !skip.conflict);
  assert.equal(actions.stepRefusal(row, "close")?.code, "skip");
  assert.is(actions.stepRefusal(row, "transfer"), null);

  const texts = await count(smsOutbox);
  const moved = await actions.takeStep(t.deps, staff, row, "transfer", { agency: "labour_inspection", transferNote: "转监察", transferPublic: ["1"] });
  assert.equal(moved, { ok: true, texted: true });
  assert.is((await findCase(t.db, made.id))!.status, "transferred");
  assert.is(await count(smsOutbox), texts + 1);

  const transferred = (await findCase(t.db, made.id))!;
  assert.ok((await actions.takeStep(t.deps, staff, transferred, "start", { startPublic: [] })).ok);
  const stale = await actions.takeStep(t.deps, staff, transferred, "start", { startPublic: [] });
  assert.ok(!stale.ok && stale.conflict && stale.caseStatus === "processing");
});

test("assign: to staff of the case's own station; anyone else is assigneeInvalid", async () => {
  const made = await addCase(t);
  const row = (await findCase(t.db, made.id))!;
  const colleague = await actorFor(t, { role: "staff", name: "李干事", marketId: marketA });
  assert.equal(await actions.assign(t.deps, staff, row, colleague.id), { ok: true, name: "李干事" });
  assert.is((await findCase(t.db, made.id))!.assignedTo, colleague.id);
  const far = await actorFor(t, { role: "staff", name: "王干事", marketId: marketB });
  assert.equal(await actions.assign(t.deps, staff, row, far.id), { ok: false, code: "assigneeInvalid" });
  const before = await count(auditLog);
  await actions.revealPhone(t.deps, staff, row);
  assert.is(await count(auditLog), before + 1);
});

test("answerCall: notInScope off the list; paid once, then answeredAlready; not_paid opens the wage case", async () => {
  const employerId = await addEmployer(t);
  const postingId = await addPosting(t, { employerId });
  const w = await addWorker(t, { ownPhone: false, marketId: marketA });
  const paidHire = await addHire(t, { postingId, employerId, workerId: w.id, marketId: marketA });
  const unpaidHire = await addHire(t, { postingId, employerId, workerId: (await addWorker(t, { ownPhone: false, marketId: marketA })).id, marketId: marketA });
  const otherHire = await addHire(t, { postingId, employerId, workerId: (await addWorker(t, { ownPhone: false, marketId: marketB })).id, marketId: marketB });

  assert.equal(await actions.answerCall(t.deps, staff, otherHire, "paid"), { ok: false, code: "notInScope" });
  assert.is((await hireRow(t, otherHire)).paid, null);
  assert.equal(await actions.answerCall(t.deps, staff, paidHire, "paid"), { ok: true, answer: "paid", number: "" });
  assert.equal(await actions.answerCall(t.deps, staff, paidHire, "not_paid"), { ok: false, code: "answeredAlready" });
  assert.is((await hireRow(t, paidHire)).paid, "paid");

  const r = await actions.answerCall(t.deps, staff, unpaidHire, "not_paid");
  assert.ok(r.ok && r.number !== "");
  const [wageCase] = await t.db.select().from(hotlineCases).where(eq(hotlineCases.hireId, unpaidHire));
  assert.is(wageCase.category, "wage_arrears");
});

test("exportCases: the rows in scope, with an audit entry", async () => {
  const before = await count(auditLog);
  const rows = await actions.exportCases(t.deps, staff, "2026-11-01", "2026-11-30");
  assert.ok(rows.length > 0 && rows.every((r) => r.countyCode === "411024"));
  assert.is(await count(auditLog), before + 1);
});

test.run();
