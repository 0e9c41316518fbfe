// The employers use cases without HTTP: an account made for a proven number,
// an employer's own details, and staff showing an ID number and deciding —
// success and each refusal code.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, addMarket, addUser, nextPhone, type TestApp } from "../../helpers/app.ts";
import { actorFor, actorOf } from "../../helpers/actor.ts";
import type { CurrentUser } from "../../../src/shared/context.ts";
import * as act from "../../../src/features/employers/employers.actions.ts";
import { addEmployer, nextUscc, nextResidentId } from "./fixtures.ts";

let t: TestApp;
let verifier: CurrentUser;
let stationStaff: CurrentUser;


test.before(async () => {
  t = await makeTestApp();
  const station = await addMarket(t, { countyCode: "411024", tier: "station" });
  verifier = await actorFor(t, { role: "county_admin", countyCode: "411024" });
  stationStaff = await actorFor(t, { role: "staff", marketId: station });
});
test.after(() => t.close());

const count = async (sql: string) => Number((await t.deps.database.client.execute(sql)).rows[0][0]);
const details = (over: Record<string, unknown> = {}) => ({
  kind: "company" as const,
  name: "鄢陵县花木合作社",
  uscc: nextUscc(),
  idNumber: null,
  contactName: "周经理",
  countyCode: "411024",
  address: "柏梁镇花木大道 8 号",
  ...over,
});

test("registerProven: made once; the same number again signs in; another role's number, a taken USCC", async () => {
  const phone = nextPhone();
  const d = details();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const first = await act.registerProven(t.deps, { phone, details: d as any, passwordHash: "x" });
  assert.ok(first.ok && !first.existing);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const again = await act.registerProven(t.deps, { phone, details: d as any, passwordHash: "x" });
  assert.ok(again.ok && again.existing && first.ok && again.userId === first.userId);
  const worker = await addUser(t, { role: "worker" });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  assert.equal(await act.registerProven(t.deps, { phone: worker.phone, details: details() as any, passwordHash: "x" }), { ok: false, code: "otherRole" });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  assert.equal(await act.registerProven(t.deps, { phone: nextPhone(), details: details({ uscc: d.uscc }) as any, passwordHash: "x" }), { ok: false, code: "clash", field: "uscc" });
  assert.is(await count(`SELECT count(*) FROM employers WHERE uscc = '${d.uscc}'`), 1);
});

test("saveOwnDetails: saved, resubmitted after a rejection, invalid, clash, locked once verified", async () => {
  const u = await addUser(t, { role: "employer", countyCode: "411024" });
  const me = await actorOf(t, u.id);
  const form = { kind: "private", name: "李秀英", idNumber: nextResidentId(), pledge: "yes", countyCode: "411024" };
  const bad = await act.saveOwnDetails(t.deps, me, { ...form, idNumber: "411024197501011234" });
  assert.is(!bad.ok && bad.code, "invalid");
  assert.equal(await act.saveOwnDetails(t.deps, me, form), { ok: true, code: "saved" });
  const other = await addEmployer(t, { kind: "private" });
  const otherId = (await t.deps.database.client.execute(`SELECT id_number FROM employers WHERE id = ${other.employerId}`)).rows[0][0] as string;
  assert.equal(await act.saveOwnDetails(t.deps, me, { ...form, idNumber: otherId }), { ok: false, code: "clash", field: "idNumber" });
  await t.deps.database.client.execute(`UPDATE employers SET status = 'rejected' WHERE user_id = ${me.id}`);
  assert.equal(await act.saveOwnDetails(t.deps, me, { ...form, name: "李秀英家" }), { ok: true, code: "resubmitted" });
  await t.deps.database.client.execute(`UPDATE employers SET status = 'verified' WHERE user_id = ${me.id}`);
  assert.equal(await act.saveOwnDetails(t.deps, me, form), { ok: false, code: "locked" });
});

test("employerInScope and revealIdNumber: another county's record is null; station staff may not; no ID number", async () => {
  const far = await addEmployer(t, { countyCode: "411081" });
  assert.is(await act.employerInScope(t.deps, verifier, far.employerId), null);
  assert.is(await act.employerInScope(t.deps, verifier, -1), null);
  const person = await addEmployer(t, { kind: "private" });
  const rec = (await act.employerInScope(t.deps, verifier, person.employerId))!;
  assert.ok(rec);
  assert.equal(await act.revealIdNumber(t.deps, stationStaff, rec), { ok: false, code: "notAllowed" });
  const r = await act.revealIdNumber(t.deps, verifier, rec);
  assert.ok(r.ok && r.idNumber === rec.employer.idNumber);
  assert.is(await count(`SELECT count(*) FROM audit_log WHERE action = 'employer.reveal_id' AND subject_id = ${person.employerId}`), 1);
  const firm = (await act.employerInScope(t.deps, verifier, (await addEmployer(t)).employerId))!;
  assert.equal(await act.revealIdNumber(t.deps, verifier, firm), { ok: false, code: "noIdNumber" });
});

test("decideEmployer: verified with a notice; then alreadyDecided; a rejection needs a reason; station staff may not", async () => {
  const e = await addEmployer(t);
  const rec = (await act.employerInScope(t.deps, verifier, e.employerId))!;
  assert.equal(await act.decideEmployer(t.deps, stationStaff, rec, "verify"), { ok: false, code: "notAllowed" });
  const noReason = await act.decideEmployer(t.deps, verifier, rec, "reject", {});
  assert.is(!noReason.ok && noReason.code, "invalid");
  assert.equal(await act.decideEmployer(t.deps, verifier, rec, "verify"), { ok: true, to: "verified" });
  assert.ok((await count(`SELECT count(*) FROM messages WHERE user_id = ${e.id}`)) >= 1);
  // The page was read while pending: a second decision from it finds the record changed.
  const late = await act.decideEmployer(t.deps, verifier, rec, "verify");
  assert.ok(!late.ok && late.code === "alreadyDecided" && late.rec.employer.status === "verified");
  const fresh = (await act.employerInScope(t.deps, verifier, e.employerId))!;
  assert.equal(await act.decideEmployer(t.deps, verifier, fresh, "reject", { reason: "营业执照已注销" }), { ok: true, to: "rejected" });
  assert.is(await count(`SELECT count(*) FROM audit_log WHERE subject_type = 'employer' AND subject_id = ${e.employerId} AND action IN ('employer.verify', 'employer.reject')`), 2);
});

test.run();
