// Employer registration, the staff verification queue, decisions and their
// scope, duplicates and bad identifiers, through HTTP on a temp DB.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, and } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, nextPhone, type TestApp } from "../../helpers/app.ts";
import { employers, users, auditLog, messages, smsOutbox, sessions } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { duplicateField } from "../../../src/features/employers/employers.domain.ts";
import { addEmployer, nextUscc, nextResidentId } from "./fixtures.ts";
import { assertInOrder } from "../../helpers/order.ts";
import { codeIfAsked } from "../../helpers/phone.ts";

const t = copy.employers;
let app: TestApp;
let staffA: Awaited<ReturnType<typeof signedIn>>; // 鄢陵县 station
let staffB: Awaited<ReturnType<typeof signedIn>>; // 禹州市 market

test.before(async () => {
  app = await makeTestApp();
  // A market (not a station): verifying employers belongs to market staff and admins (issue #16).
  const marketA = await addMarket(app, { countyCode: "411024", name: "鄢陵县零工市场", tier: "county" });
  const marketB = await addMarket(app, { countyCode: "411081", name: "禹州市零工市场" });
  staffA = await signedIn(app, { role: "staff", name: "张干事", marketId: marketA });
  staffB = await signedIn(app, { role: "staff", name: "钱干事", marketId: marketB });
});
test.after(() => app.close());

const business = (over: Record<string, string> = {}) => ({
  kind: "company",
  name: "鄢陵县花木合作社",
  uscc: nextUscc(),
  contactName: "周经理",
  countyCode: "411024",
  address: "柏梁镇花木大道 8 号",
  phone: nextPhone(),
  password: "huamu-2026",
  password2: "huamu-2026",
  ...over,
});

const privateEmployer = (over: Record<string, string> = {}) => ({
  kind: "private",
  name: "李秀英",
  idNumber: nextResidentId(),
  pledge: "yes",
  countyCode: "411024",
  phone: nextPhone(),
  password: "jiazheng8",
  password2: "jiazheng8",
  ...over,
});

/** Registers as a visitor would: the form, then the SMS code when one is asked for. */
async function register(fields: Record<string, string>) {
  const b = app.client();
  await b.get(paths.employers.register);
  await b.post(paths.employers.register, fields);
  await codeIfAsked(app, b, fields.phone);
  return b;
}

/** Texts other than the registration's own code. */
const notCodes = <T extends { template: string }>(rows: T[]) => rows.filter((m) => m.template !== "verifyCode");

const employerByPhone = async (phone: string) =>
  (await app.db.select({ e: employers }).from(employers).innerJoin(users, eq(users.id, employers.userId)).where(eq(users.phone, phone)))[0]?.e;

test("a business registers, is signed in and sees that it waits for review", async () => {
  const f = business();
  const b = await register(f);
  assert.is(b.last.status, 303);
  assert.is(b.last.location, paths.employers.home);
  await b.follow();
  assert.is(b.last.status, 200);
  assert.ok(b.last.html.includes(t.statuses.pending));
  assert.ok(b.last.html.includes(f.uscc));
  const e = await employerByPhone(f.phone);
  assert.is(e.status, "pending");
  assert.is(e.kind, "company");
  assert.is(e.pledgeText, null);
  const [u] = await app.db.select().from(users).where(eq(users.phone, f.phone));
  assert.is(u.role, "employer");
  assert.is(u.name, "周经理");
  assert.ok(u.passwordHash?.startsWith("scrypt$"));
});

test("a private employer registers with an ID number and the pledge text and time are stored", async () => {
  const f = privateEmployer();
  const b = await register(f);
  assert.is(b.last.status, 303);
  const e = await employerByPhone(f.phone);
  assert.is(e.idNumber, f.idNumber);
  assert.is(e.uscc, null);
  assert.is(e.pledgeText, t.pledgeText);
  assert.is(e.pledgeAcceptedAt, app.clock.now());
  assert.is(e.contactName, "李秀英");
  await b.follow();
  // The owner sees their own ID number masked too: shared screens.
  assert.not.ok(b.last.html.includes(f.idNumber));
});

test("bad registrations are refused with the input kept and nothing written", async () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ["invalid USCC", business({ uscc: "91411024MA12345678" }), "uscc", copy.errors.uscc],
    ["business without USCC", business({ uscc: "" }), "uscc", t.usccRequired],
    ["invalid ID number", privateEmployer({ idNumber: "411024197501011234" }), "idNumber", copy.errors.residentId],
    ["private without ID number", privateEmployer({ idNumber: "" }), "idNumber", t.idNumberRequired],
    ["private without the pledge", privateEmployer({ pledge: "" }), "pledge", t.pledgeRequired],
    ["no kind", business({ kind: "" }), "kind", copy.errors.choose(t.kind)],
    ["unknown kind", business({ kind: "boss" }), "kind", copy.errors.choose(t.kind)],
    ["county not of this city", business({ countyCode: "110105" }), "countyCode", t.countyInvalid],
    ["password too short", business({ password: "1234567", password2: "1234567" }), "password", copy.errors.password],
    ["passwords differ", business({ password2: "other-pass" }), "password2", t.passwordMismatch],
    ["bad phone", business({ phone: "12345" }), "phone", copy.errors.mobile],
    ["name too long", business({ name: "花".repeat(61) }), "name", copy.errors.tooLong(t.name, 60)],
  ];
  for (const [label, fields, field, message] of cases) {
    const before = (await app.db.select().from(employers)).length;
    const b = await register(fields);
    assert.is(b.last.status, 400, label);
    assert.ok(b.last.html.includes(message), `${label}: message`);
    assert.ok(b.last.html.includes(`id="f-${field}-error"`), `${label}: error beside ${field}`);
    assert.ok(b.last.html.includes('id="error-summary"'), `${label}: summary`);
    assert.not.ok(b.last.html.includes(fields.password), `${label}: password not echoed`);
    assert.is((await app.db.select().from(employers)).length, before, `${label}: nothing written`);
    if (fields.phone.length === 11) assert.is(await employerByPhone(fields.phone), undefined, label);
  }
});

test("the USCC check character at the route: a valid code with only its last character changed is refused (400, nothing written); the code itself goes through", async () => {
  const good = nextUscc();
  // Every other character of the USCC alphabet in the last place: only the check character can refuse these.
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const wrong = [...alphabet].filter((c) => c !== good[17]).map((c) => good.slice(0, 17) + c);
  assert.is(wrong.length, 30);
  for (const uscc of wrong) {
    const before = (await app.db.select().from(employers)).length;
    const b = await register(business({ uscc }));
    assert.is(b.last.status, 400, uscc);
    assert.ok(b.last.html.includes('id="f-uscc-error"'), `${uscc}: the error is on the USCC`);
    assert.ok(b.last.html.includes(copy.errors.uscc), uscc);
    assert.is((await app.db.select().from(employers)).length, before, `${uscc}: nothing written`);
  }
  // The control: the same code with its right check character registers.
  const b = await register(business({ uscc: good }));
  assert.is(b.last.status, 303, good);
  assert.is((await app.db.select().from(employers).where(eq(employers.uscc, good))).length, 1);
});

// Changed with phone codes: each of these is told only after the code matched
// (test/features/phone/phone.same-answer.test.ts shows the answers before it are
// the same). A USCC or ID number registered before is refused; the proven owner
// of an employer's number is signed in to it; a worker's number is refused.
test("a USCC, ID number or phone that is already registered: told after the code, no account made", async () => {
  const first = business();
  await register(first);
  const firstPrivate = privateEmployer();
  await register(firstPrivate);
  const worker = await signedIn(app, { role: "worker", pin: "135790" });
  const cases: [string, Record<string, string>, string][] = [
    ["same USCC", business({ uscc: first.uscc.toLowerCase() }), t.usccTaken],
    ["same ID number", privateEmployer({ idNumber: firstPrivate.idNumber }), t.idNumberTaken],
    ["same phone as an employer", business({ phone: first.phone }), copy.phone.alreadyEmployer],
    ["same phone as a worker", privateEmployer({ phone: worker.user.phone }), copy.phone.otherRoleEmployer],
  ];
  app.clock.advance(61_000);
  for (const [label, fields, message] of cases) {
    const before = (await app.db.select().from(users)).length;
    const b = await register(fields);
    if (label === "same phone as an employer") {
      assert.is(b.last.status, 303, label);
      assert.is(b.last.location, paths.employers.home);
      await b.follow();
    } else assert.is(b.last.status, label === "same phone as a worker" ? 200 : 409, label);
    assert.ok(b.last.html.includes(message), label);
    assert.is((await app.db.select().from(users)).length, before, `${label}: no account made`);
  }
});

test("the database's own UNIQUE error is recognised, should two registrations race", async () => {
  const e = await addEmployer(app);
  const [row] = await app.db.select().from(employers).where(eq(employers.id, e.employerId));
  const other = await addEmployer(app);
  let text = "";
  try {
    await app.deps.database.write((db) => db.update(employers).set({ uscc: row.uscc }).where(eq(employers.id, other.employerId)));
  } catch (err) {
    for (let x = err as { message?: string; cause?: unknown } | undefined; x; x = x.cause as typeof x) text += ` ${x.message}`;
  }
  assert.is(duplicateField(text), "uscc");
});

test("HTML typed into the name is shown as text", async () => {
  const f = business({ name: '<script>alert("x")</script>花木场' });
  const b = await register(f);
  await b.follow();
  assert.not.ok(b.last.html.includes('<script>alert("x")'));
  assert.ok(b.last.html.includes("&lt;script&gt;"));
});

test("a new registration waits in the queue of its county's staff, pending first", async () => {
  await addEmployer(app, { name: "早已认证的厂", status: "verified" });
  const f = business({ name: "新来的钧瓷坊" });
  await register(f);
  await staffA.get(paths.employers.queue);
  assert.is(staffA.last.status, 200);
  const html = staffA.last.html;
  assert.ok(html.includes("新来的钧瓷坊"));
  assertInOrder(html, ["新来的钧瓷坊", "早已认证的厂"], "pending before verified");
  await staffA.get(`${paths.employers.queue}?status=verified`);
  assert.not.ok(staffA.last.html.includes("新来的钧瓷坊"));
  assert.ok(staffA.last.html.includes("早已认证的厂"));
  await staffB.get(paths.employers.queue);
  assert.not.ok(staffB.last.html.includes("新来的钧瓷坊"), "another county's staff do not see it");
});

test("staff of the county verify: audit, inbox message and SMS in one go, and the employer sees it", async () => {
  const f = business({ name: "长葛蜂业" });
  const employer = await register(f);
  const e = await employerByPhone(f.phone);
  await staffA.get(paths.employers.show(e.id));
  assert.is(staffA.last.status, 200);
  await staffA.post(paths.employers.verify(e.id));
  assert.is(staffA.last.status, 303);
  const after = await employerByPhone(f.phone);
  assert.is(after.status, "verified");
  assert.is(after.reviewedBy, staffA.user.id);
  const audit = await app.db.select().from(auditLog).where(and(eq(auditLog.subjectType, "employer"), eq(auditLog.subjectId, e.id)));
  assert.equal(audit.map((a) => [a.action, a.actorId]), [["employer.verify", staffA.user.id]]);
  const inbox = await app.db.select().from(messages).where(eq(messages.userId, e.userId));
  assert.is(inbox.length, 1);
  assert.ok(inbox[0].body.includes("通过审核"));
  const sms = notCodes(await app.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, f.phone)));
  assert.is(sms.length, 1);
  assert.is(sms[0].status, "pending");
  await employer.get(paths.employers.home);
  assert.ok(employer.last.html.includes(t.statuses.verified));
  // A second click on a stale page changes nothing.
  await staffA.post(paths.employers.verify(e.id));
  assert.is(staffA.last.status, 409);
  assert.ok(staffA.last.html.includes(t.alreadyDecided));
  assert.is((await app.db.select().from(auditLog).where(and(eq(auditLog.subjectType, "employer"), eq(auditLog.subjectId, e.id)))).length, 1);
});

test("a rejection needs a reason, the employer sees it, corrects and goes back to pending", async () => {
  const f = privateEmployer({ name: "王建国" });
  const employer = await register(f);
  const e = await employerByPhone(f.phone);
  await staffA.get(paths.employers.show(e.id));
  await staffA.post(paths.employers.reject(e.id), { reason: "" });
  assert.is(staffA.last.status, 400);
  assert.ok(staffA.last.html.includes(copy.errors.required(t.reasonLabel)));
  assert.is((await employerByPhone(f.phone)).status, "pending");
  await staffA.post(paths.employers.reject(e.id), { reason: "x".repeat(201) });
  assert.is(staffA.last.status, 400);
  await staffA.post(paths.employers.reject(e.id), { reason: "身份证照片看不清,请到驿站核对" });
  assert.is(staffA.last.status, 303);
  const rejected = await employerByPhone(f.phone);
  assert.is(rejected.status, "rejected");
  assert.is(rejected.rejectReason, "身份证照片看不清,请到驿站核对");
  assert.is(notCodes(await app.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, f.phone))).length, 1);

  await employer.get(paths.employers.home);
  assert.ok(employer.last.html.includes(t.statuses.rejected));
  assert.ok(employer.last.html.includes("身份证照片看不清,请到驿站核对"));
  await employer.get(paths.employers.edit);
  assert.is(employer.last.status, 200);
  assert.ok(employer.last.html.includes(`value="${f.idNumber}"`), "form is filled in with the current details");
  await employer.post(paths.employers.edit, { kind: "private", name: "王建国", idNumber: f.idNumber, countyCode: "411024", address: "马栏镇" });
  assert.is(employer.last.status, 400, "the pledge is needed again");
  await employer.post(paths.employers.edit, { kind: "private", name: "王建国", idNumber: f.idNumber, pledge: "yes", countyCode: "411024", address: "马栏镇" });
  assert.is(employer.last.status, 303);
  const back = await employerByPhone(f.phone);
  assert.is(back.status, "pending");
  assert.is(back.rejectReason, null);
  assert.is(back.address, "马栏镇");
});

test("a verified employer cannot edit their own details", async () => {
  const e = await addEmployer(app, { status: "verified" });
  const b = app.client();
  await b.login(e.phone, e.password);
  await b.get(paths.employers.edit);
  assert.is(b.last.status, 303);
  await b.follow();
  assert.ok(b.last.html.includes(t.notEditable));
  await b.post(paths.employers.edit, { kind: "company", name: "改名", uscc: nextUscc(), countyCode: "411024" });
  assert.is(b.last.status, 303);
  assert.is((await app.db.select().from(employers).where(eq(employers.id, e.employerId)))[0].name, "鄢陵县花木合作社");
});

test("staff of another county get 404 on the page and on every POST; nothing changes", async () => {
  const e = await addEmployer(app, { kind: "private", countyCode: "411024" });
  const attempts: [string, string][] = [
    ["GET", paths.employers.show(e.employerId)],
    ["POST", paths.employers.verify(e.employerId)],
    ["POST", paths.employers.reject(e.employerId)],
    ["POST", paths.employers.reveal(e.employerId)],
  ];
  for (const [method, url] of attempts) {
    if (method === "GET") await staffB.get(url);
    else await staffB.post(url, { reason: "越权" });
    assert.is(staffB.last.status, 404, `${method} ${url}`);
  }
  const [row] = await app.db.select().from(employers).where(eq(employers.id, e.employerId));
  assert.is(row.status, "pending");
  assert.is((await app.db.select().from(auditLog).where(and(eq(auditLog.subjectType, "employer"), eq(auditLog.subjectId, e.employerId)))).length, 0);
});

test("workers and employers cannot reach the queue; admins see their scope", async () => {
  const worker = await signedIn(app, { role: "worker", pin: "112233" });
  await worker.get(paths.employers.queue);
  assert.is(worker.last.status, 404);
  const emp = await signedIn(app, { role: "employer" });
  await emp.get(paths.employers.queue);
  assert.is(emp.last.status, 404);
  const anon = app.client();
  await anon.get(paths.employers.queue);
  assert.is(anon.last.status, 303, "anonymous visitors are sent to log in");

  const inYuzhou = await addEmployer(app, { countyCode: "411081", name: "禹州市神垕镇钧瓷坊" });
  const countyAdmin = await signedIn(app, { role: "county_admin", countyCode: "411024" });
  await countyAdmin.get(paths.employers.show(inYuzhou.employerId));
  assert.is(countyAdmin.last.status, 404);
  const cityAdmin = await signedIn(app, { role: "city_admin" });
  await cityAdmin.get(paths.employers.show(inYuzhou.employerId));
  assert.is(cityAdmin.last.status, 200);
  await cityAdmin.get(paths.employers.queue);
  assert.ok(cityAdmin.last.html.includes("禹州市神垕镇钧瓷坊"));
});

test("revealing the full ID number is logged and shown once", async () => {
  const e = await addEmployer(app, { kind: "private" });
  const [row] = await app.db.select().from(employers).where(eq(employers.id, e.employerId));
  await staffA.get(paths.employers.show(e.employerId));
  assert.not.ok(staffA.last.html.includes(row.idNumber!));
  await staffA.post(paths.employers.reveal(e.employerId));
  assert.is(staffA.last.status, 200);
  assert.ok(staffA.last.html.includes(row.idNumber!));
  assert.ok((staffA.last.headers.get("cache-control") ?? "").includes("no-store"));
  const audit = await app.db.select().from(auditLog).where(and(eq(auditLog.action, "employer.reveal_id"), eq(auditLog.subjectId, e.employerId)));
  assert.is(audit.length, 1);
  assert.is(audit[0].actorId, staffA.user.id);
  await staffA.get(paths.employers.show(e.employerId));
  assert.not.ok(staffA.last.html.includes(row.idNumber!), "masked again on the next visit");
  // A business has no ID number to reveal.
  const biz = await addEmployer(app);
  await staffA.get(paths.employers.show(biz.employerId));
  await staffA.post(paths.employers.reveal(biz.employerId));
  assert.is(staffA.last.status, 404);
});

test("staff can revoke a verified employer with a reason", async () => {
  const e = await addEmployer(app, { status: "verified" });
  await staffA.get(paths.employers.show(e.employerId));
  assert.ok(staffA.last.html.includes(t.revoke));
  await staffA.post(paths.employers.reject(e.employerId), { reason: "多名工人投诉欠薪,经查属实" });
  assert.is(staffA.last.status, 303);
  const [row] = await app.db.select().from(employers).where(eq(employers.id, e.employerId));
  assert.is(row.status, "rejected");
  const [msg] = await app.db.select().from(messages).where(eq(messages.userId, e.id));
  assert.ok(msg.body.includes("取消"));
});

test("flags that other features raise (e.g. wage complaints) show in the queue and on the record", async () => {
  const e = await addEmployer(app, { name: "被投诉的装修队" });
  app.deps.hooks.employerFlags.push(async (_deps, ids) => new Map(ids.filter((id) => id === e.employerId).map((id) => [id, ["有欠薪投诉 2 起"]])));
  await staffA.get(paths.employers.queue);
  assert.ok(staffA.last.html.includes("有欠薪投诉 2 起"));
  await staffA.get(paths.employers.show(e.employerId));
  assert.ok(staffA.last.html.includes("有欠薪投诉 2 起"));
  app.deps.hooks.employerFlags.pop();
});

test("registration starts a session for the new account", async () => {
  const f = business();
  const b = await register(f);
  const [u] = await app.db.select().from(users).where(eq(users.phone, f.phone));
  assert.is((await app.db.select().from(sessions).where(eq(sessions.userId, u.id))).length, 1);
  await b.get(paths.employers.register);
  assert.is(b.last.status, 303, "a signed-in employer is sent home");
});

test("an employer account made without details can fill them in", async () => {
  const b = await signedIn(app, { role: "employer", countyCode: "411025" });
  await b.get(paths.employers.home);
  assert.ok(b.last.html.includes(t.noDetails));
  await b.get(paths.employers.edit);
  const uscc = nextUscc("411025");
  await b.post(paths.employers.edit, { kind: "sole_trader", name: "襄城县拉面馆", uscc, countyCode: "411025" });
  assert.is(b.last.status, 303);
  const [row] = await app.db.select().from(employers).where(eq(employers.userId, b.user.id));
  assert.is(row.status, "pending");
  assert.is(row.uscc, uscc);
  assert.is(row.contactPhone, b.user.phone);
});

test("my account links an employer to their home, and staff to the queue with how many wait", async () => {
  const employer = await register(business());
  await employer.get(paths.accounts.me);
  assert.ok(employer.last.html.includes(`href="${paths.employers.home}"`));
  const fresh = await makeTestApp();
  try {
    const market = await addMarket(fresh, { countyCode: "411082" });
    const staff = await signedIn(fresh, { role: "staff", marketId: market });
    await addEmployer(fresh, { countyCode: "411082" });
    await addEmployer(fresh, { countyCode: "411082" });
    await addEmployer(fresh, { countyCode: "411082", status: "verified" });
    await addEmployer(fresh, { countyCode: "411024" });
    await staff.get(paths.accounts.me);
    assert.ok(staff.last.html.includes(t.meLinkQueue(2)));
  } finally {
    fresh.close();
  }
});

test.run();
