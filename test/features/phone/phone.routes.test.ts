// Route tests for proving a phone by code: the code page, wrong tries, expiry,
// single use, resend, and each way in (registration, sign-ups, login by code,
// PIN reset, 查报名结果).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addUser, addMarket, signedIn, nextPhone, type TestApp } from "../../helpers/app.ts";
import { users, phoneProofs, applications, auditLog } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";
import { lastCode, enterCode } from "../../helpers/phone.ts";
import { completeResidentId } from "../../../src/features/employers/index.ts";
import { addEmployer, addPosting } from "../jobs/fixtures.ts";

let t: TestApp;
test.before.each(async () => {
  t = await makeTestApp();
});
test.after.each(() => t.close());

const userOf = async (phone: string) => (await t.db.select().from(users).where(eq(users.phone, phone)))[0] ?? null;

test("worker registration: nothing exists until the code matches; then the account is made, proven and signed in", async () => {
  const b = t.client();
  const phone = nextPhone();
  await b.get(paths.workers.register);
  await b.post(paths.workers.register, { phone, name: "王芳", pin: "274913", pin2: "274913" });
  assert.is(b.last.status, 303);
  assert.match(b.last.location!, /^\/phone\/[A-Za-z0-9_-]{20,}$/);
  assert.not.match(b.last.location!, new RegExp(phone));
  assert.is(await userOf(phone), null, "no account before the code");
  const page = await b.get(b.last.location!);
  assert.is(page.status, 200);
  assert.match(page.html, /验证码已发到 139\*\*\*\*\d{4}/);
  assert.match(page.html, /没收到/);
  const [proof] = await t.db.select().from(phoneProofs);
  const code = (await lastCode(t, phone))!;
  assert.match(code, /^\d{6}$/);
  assert.not.ok(JSON.stringify(proof).includes(code), "the code is stored hashed");
  await b.post(`/phone/${"x".repeat(24)}`, { code });
  assert.is(b.last.status, 404, "an unknown token");
  await b.get(paths.workers.register);
  await b.post(paths.workers.register, { phone, name: "王芳", pin: "274913", pin2: "274913" });
  assert.is(b.last.status, 429, "one code a minute per number");
  assert.match(b.last.html, /请等 \d+ 秒再试/);
  t.clock.advance(61_000);
  await b.post(paths.workers.register, { phone, name: "王芳", pin: "274913", pin2: "274913" });
  await enterCode(t, b, phone);
  assert.is(b.last.status, 303);
  assert.is(b.last.location, paths.workers.profile);
  const u = await userOf(phone);
  assert.ok(u);
  assert.ok(u!.phoneVerifiedAt, "phone_verified_at set");
  const me = await b.get(paths.accounts.me);
  assert.is(me.status, 200);
});

test("a code is single use, five wrong tries end it, and it expires after 5 minutes", async () => {
  const b = t.client();
  const phone = nextPhone();
  await b.get(paths.phone.login);
  await addUser(t, { role: "worker", phone, pin: "274913" });
  await b.post(paths.phone.login, { phone });
  const page = b.last.location!;
  const code = (await lastCode(t, phone))!;
  const wrong = code === "000000" ? "000001" : "000000";
  for (let i = 0; i < 4; i++) {
    await b.post(page, { code: wrong });
    assert.is(b.last.status, 422);
    assert.match(b.last.html, new RegExp(`还可以再试 ${4 - i} 次`));
  }
  await b.post(page, { code: wrong });
  assert.is(b.last.status, 422);
  await b.post(page, { code });
  assert.is(b.last.status, 422, "the right code after five wrong tries is refused");
  assert.match(b.last.html, /输错太多次/);
  // A fresh step: expiry.
  t.clock.advance(61_000);
  const b2 = t.client();
  await b2.get(paths.phone.login);
  await b2.post(paths.phone.login, { phone });
  const page2 = b2.last.location!;
  const code2 = (await lastCode(t, phone))!;
  t.clock.advance(5 * 60_000 + 1000);
  await b2.post(page2, { code: code2 });
  assert.is(b2.last.status, 422);
  assert.match(b2.last.html, /已过期/);
  // Resend gives a new code; the old one no longer works, the new one does once.
  await b2.post(paths.phone.resend(page2.split("/")[2]), {});
  assert.is(b2.last.status, 303);
  const code3 = (await lastCode(t, phone))!;
  await b2.get(page2);
  await b2.post(page2, { code: code3 });
  assert.is(b2.last.status, 303, "signed in by code");
  await b2.get(paths.accounts.me);
  await b2.post(page2, { code: code3 });
  assert.is(b2.last.status, 404, "single use");
});

test("full-width digits and spaces in the code are accepted", async () => {
  const b = t.client();
  const phone = nextPhone();
  await addUser(t, { role: "worker", phone, pin: "274913" });
  await b.get(paths.phone.login);
  await b.post(paths.phone.login, { phone });
  const page = b.last.location!;
  const code = (await lastCode(t, phone))!;
  const wide = [...code].map((d) => String.fromCharCode(0xff10 + Number(d))).join(" ");
  await b.post(page, { code: wide });
  assert.is(b.last.status, 303);
});

test("login by code gets a locked-out owner in, and a number without an account is told so only after the code", async () => {
  const phone = nextPhone();
  await addUser(t, { role: "worker", phone, pin: "274913" });
  const attacker = t.client();
  await attacker.get(paths.accounts.login);
  for (let i = 0; i < 5; i++) await attacker.post(paths.accounts.login, { phone, secret: "000000" });
  const owner = t.client();
  await owner.get(paths.accounts.login);
  await owner.post(paths.accounts.login, { phone, secret: "274913" });
  assert.is(owner.last.status, 429, "locked by a stranger's tries");
  await owner.get(paths.phone.login);
  await owner.post(paths.phone.login, { phone });
  await enterCode(t, owner, phone);
  assert.is(owner.last.status, 303);
  assert.is((await owner.get(paths.accounts.me)).status, 200);
  // The lock is lifted for the PIN too.
  const again = t.client();
  await again.login(phone, "274913");

  const none = nextPhone();
  const b = t.client();
  await b.get(paths.phone.login);
  await b.post(paths.phone.login, { phone: none });
  assert.is(b.last.status, 303);
  await enterCode(t, b, none);
  assert.is(b.last.status, 200);
  assert.match(b.last.html, /还没有账号/);
});

test("staff accounts cannot sign in by code", async () => {
  const phone = nextPhone();
  await addUser(t, { role: "city_admin", phone });
  const b = t.client();
  await b.get(paths.phone.login);
  await b.post(paths.phone.login, { phone });
  await enterCode(t, b, phone);
  assert.match(b.last.html, /请用登录密码登录/);
  assert.is((await b.get(paths.accounts.me)).status, 303);
});

test("PIN reset by code: a new PIN, weak ones refused with a reason, old sessions end", async () => {
  const phone = nextPhone();
  await addUser(t, { role: "worker", phone, pin: "274913" });
  const other = t.client();
  await other.login(phone, "274913");
  const b = t.client();
  await b.get(paths.workers.forgotPin);
  await b.post(paths.workers.forgotPin, { phone });
  await enterCode(t, b, phone);
  assert.is(b.last.status, 303);
  assert.match(b.last.location!, /^\/forgot-pin\/.+$/);
  await b.get(b.last.location!);
  const pinPage = b.last.html ? b.last : null;
  assert.ok(pinPage);
  const path = (await t.db.select().from(phoneProofs))[0] && b.last.html.match(/action="(\/forgot-pin\/[^"]+)"/)![1];
  await b.post(path, { pin: "123456", pin2: "123456" });
  assert.is(b.last.status, 400);
  assert.match(b.last.html, /连着的数字/);
  await b.post(path, { pin: "888888", pin2: "888888" });
  assert.match(b.last.html, /同一个数字/);
  await b.post(path, { pin: "509137", pin2: "509137" });
  assert.is(b.last.status, 303);
  assert.is((await other.get(paths.accounts.me)).status, 303, "the other session ended");
  const fresh = t.client();
  await fresh.login(phone, "509137");
  await b.get(paths.accounts.me);
  await b.post(path, { pin: "509138", pin2: "509138" });
  assert.is(b.last.status, 404, "the step is used up");
});

test("job sign-up without an account: nothing until the code; then account + sign-up; 王阿姨 checks her result later by phone + code, no PIN", async () => {
  const { employerId } = await addEmployer(t, { status: "verified" });
  const jobId = await addPosting(t, employerId);
  const phone = nextPhone();
  const b = t.client();
  await b.get(paths.jobs.show(jobId));
  await b.post(paths.jobs.apply(jobId), { name: "王秀兰", phone });
  assert.is(b.last.status, 303);
  assert.is(await userOf(phone), null);
  assert.is((await t.db.select().from(applications)).length, 0, "no sign-up before the code");
  await enterCode(t, b, phone);
  assert.is(b.last.status, 303);
  assert.is(b.last.location, paths.jobs.applications);
  assert.is((await t.db.select().from(applications)).length, 1);
  assert.ok((await userOf(phone))!.phoneVerifiedAt);

  // Later, on another phone's browser, with no PIN ever set:
  t.clock.advance(3 * 3600_000);
  const later = t.client();
  await later.get(paths.jobs.show(jobId));
  assert.match(later.last.html, new RegExp(`href="${paths.phone.results}"`));
  await later.get(paths.phone.results);
  await later.post(paths.phone.results, { phone });
  await enterCode(t, later, phone);
  assert.is(later.last.location, paths.jobs.applications);
  const list = await later.follow();
  assert.match(list.html, /家里打扫卫生/);

  // A number without sign-ups is told so only after the code.
  const none = nextPhone();
  const c = t.client();
  await c.get(paths.phone.results);
  await c.post(paths.phone.results, { phone: none });
  await enterCode(t, c, none);
  assert.match(c.last.html, /还没有报名记录/);
});

test("at the desk: staff register without a code (vouched, audited), and can text a code to the worker's own phone; weak PINs refused there too", async () => {
  const marketA = await addMarket(t, { countyCode: "411024" });
  const staff = await signedIn(t, { role: "staff", marketId: marketA });
  const phone = nextPhone();
  await staff.get(paths.desk.register);
  await staff.post(paths.desk.register, { phone, name: "周大姐", countyCode: "411024", idNumber: completeResidentId("41102419630715234") });
  assert.is(staff.last.status, 303);
  const u = (await userOf(phone))!;
  assert.is(u.phoneVouchedBy, staff.user.id);
  assert.is(u.phoneVerifiedAt, null);
  const audit = (await t.db.select().from(auditLog).where(eq(auditLog.action, "desk.register")))[0];
  assert.match(audit.detail ?? "", /phoneVouched/);

  await staff.get(paths.desk.worker(u.id));
  await staff.post(paths.desk.pin(u.id), { pin: "630715", pin2: "630715" });
  assert.is(staff.last.status, 400);
  assert.match(staff.last.html, /出生日期/);

  await staff.get(paths.desk.worker(u.id));
  assert.match(staff.last.html, new RegExp(`action="${paths.phone.deskVerify(u.id)}`));
  await staff.post(paths.phone.deskVerify(u.id));
  await enterCode(t, staff, phone);
  assert.is(staff.last.status, 303);
  assert.match(staff.last.location!, new RegExp(`^${paths.desk.worker(u.id)}`));
  assert.ok((await userOf(phone))!.phoneVerifiedAt);
  assert.is((await t.db.select().from(auditLog).where(eq(auditLog.action, "desk.phone_verified"))).length, 1);
});

test.run();
