// The desk through HTTP: walk-in registration that finds existing people,
// check-in and its counts, scope between markets and counties, ID reveals,
// unlock and PIN reset, priority data and its consent, the fair-order draw,
// the worker card's public page, and what staff pages send to the browser.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, and } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, addUser, nextPhone, type TestApp } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { auditLog, checkIns, users, workerProfiles, workerKinds, priorityConsents, contactLogs, fairDraws, loginThrottle, employers } from "../../../db/schema/index.ts";
import { checkInCounts } from "../../../src/features/desk/index.ts";
import { accountKey } from "../../../src/shared/throttle.ts";
import { addDays, chinaDate } from "../../../src/shared/clock.ts";
import { addWorker, addEmployer, addPosting, addCheckIn, addHire } from "./fixtures.ts";
import { forgetWorkers } from "../../../src/features/ops/index.ts";
import { assetSize } from "../../helpers/assets.ts";
import { gzipSync } from "node:zlib";
import { assertInOrder } from "../../helpers/order.ts";

const YANLING = "411024";
const YUZHOU = "411081";
const ID = "11010519491231002X"; // a valid test ID number (born 1949)

let t: TestApp;
let marketA: number;
let marketA2: number;
let marketB: number;
let staffA: Awaited<ReturnType<typeof signedIn>>;
let staffB: Awaited<ReturnType<typeof signedIn>>;

test.before(async () => {
  t = await makeTestApp();
  marketA = await addMarket(t, { name: "鄢陵县零工驿站", countyCode: YANLING });
  marketA2 = await addMarket(t, { name: "鄢陵县第二驿站", countyCode: YANLING });
  marketB = await addMarket(t, { name: "禹州市零工市场", countyCode: YUZHOU, tier: "county" });
  staffA = await signedIn(t, { role: "staff", name: "张干事", marketId: marketA });
  staffB = await signedIn(t, { role: "staff", name: "钱干事", marketId: marketB });
});
test.after(() => t.close());

const today = () => chinaDate(t.clock.now());
const audits = async (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action));
const countOf = async (table: string) => Number((await t.deps.database.client.execute(`SELECT count(*) FROM ${table}`)).rows[0][0]);

/** A valid ID number with this birth date (computes the check character). */
function idFor(birth: string, seq = "001"): string {
  const body = "110105" + birth.replaceAll("-", "") + seq;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((a, ch, i) => a + Number(ch) * w[i], 0);
  return body + "10X98765432"[sum % 11];
}

// --- Walk-in registration ----------------------------------------------------------

test("registering a walk-in: phone and name are enough; stored with the staff member and market, audited for the person", async () => {
  const phone = nextPhone();
  await staffA.get(paths.desk.register);
  const r = await staffA.post(paths.desk.register, { phone, name: "周大姐", ownPhone: "no", countyCode: YANLING });
  assert.is(r.status, 303, r.html.slice(0, 500));
  const [u] = await t.db.select().from(users).where(eq(users.phone, phone));
  assert.is(u.role, "worker");
  assert.is(u.pinHash, null, "no PIN until the worker chooses one at the desk");
  const [p] = await t.db.select().from(workerProfiles).where(eq(workerProfiles.userId, u.id));
  assert.is(p.viaStaffId, staffA.user.id);
  assert.is(p.viaMarketId, marketA);
  assert.is(p.ownPhone, false);
  assert.ok(p.cardCode && /^[A-Z0-9]{6}$/.test(p.cardCode));
  assert.is(r.location, paths.desk.worker(u.id));
  const page = await staffA.follow();
  assert.match(page.html, p.cardCode!);
  const [a] = (await audits("desk.register")).filter((x) => x.subjectId === u.id);
  assert.is(a.actorId, staffA.user.id);
  assert.is(a.onBehalfOf, u.id);
  assert.is(a.marketId, marketA);
  // Issue 17: she is at the desk, so registering her also checks her in for today.
  const arrived = await t.db.select().from(checkIns).where(and(eq(checkIns.workerId, u.id), eq(checkIns.day, today())));
  assert.equal(arrived.map((x) => x.marketId), [marketA]);
});

test("registering someone already there by phone shows 已有此人 with a link, and creates nobody", async () => {
  const existing = await addWorker(t, { name: "吴师傅", countyCode: YANLING });
  const before = await countOf("users");
  await staffA.get(paths.desk.register);
  const r = await staffA.post(paths.desk.register, { phone: existing.phone, name: "吴师傅", countyCode: YANLING });
  assert.is(r.status, 409);
  assert.match(r.html, "已有此人");
  assert.match(r.html, `href="${paths.desk.worker(existing.id)}"`);
  assert.is(await countOf("users"), before);
});

test("registering someone already there by ID number under a new phone finds them too", async () => {
  const id = idFor("1962-03-04");
  const existing = await addWorker(t, { name: "郑大哥", idNumber: id, countyCode: YANLING });
  const before = await countOf("users");
  await staffA.get(paths.desk.register);
  const r = await staffA.post(paths.desk.register, { phone: nextPhone(), name: "郑大哥", idNumber: id.toLowerCase(), countyCode: YANLING });
  assert.is(r.status, 409);
  assert.match(r.html, `href="${paths.desk.worker(existing.id)}"`);
  assert.is(await countOf("users"), before);
  // A person registered in another county: the desk says so, without a link it could not open.
  const elsewhere = await addWorker(t, { name: "冯大哥", idNumber: idFor("1963-05-06"), countyCode: YUZHOU });
  const r2 = await staffA.post(paths.desk.register, { phone: nextPhone(), name: "冯大哥", idNumber: idFor("1963-05-06"), countyCode: YANLING });
  assert.is(r2.status, 409);
  assert.not.match(r2.html, paths.desk.worker(elsewhere.id));
});

test("bad registration input: the form again with a Chinese message, the input kept, nothing stored", async () => {
  const employer = await addUser(t, { role: "employer" });
  const before = await countOf("users");
  await staffA.get(paths.desk.register);
  const cases: [Record<string, string>, number, string][] = [
    [{ phone: "123", name: "王" }, 400, "11 位手机号"],
    [{ phone: nextPhone(), name: "" }, 400, "请填写姓名"],
    [{ phone: nextPhone(), name: "王", idNumber: "110105194912310021" }, 400, "身份证号不对"],
    [{ phone: nextPhone(), name: "王", idNumber: ID, birthYear: "1950" }, 400, "出生年份和身份证号上的不一样"],
    [{ phone: nextPhone(), name: "王", birthYear: "2020" }, 400, "出生年份应在"],
    [{ phone: nextPhone(), name: "王", townshipCode: "411081001" }, 400, "乡镇不在所选的县里"],
    [{ phone: nextPhone(), name: "王", kinds: "99999" }, 400, "工种的选项不对"],
    [{ phone: employer.phone, name: "王" }, 400, "已被雇主或工作人员账号使用"],
    [{ phone: nextPhone(), name: "<script>alert(1)</script>".repeat(3) }, 400, "不能超过 20 个字"],
  ];
  for (const [fields, status, message] of cases) {
    const r = await staffA.post(paths.desk.register, { countyCode: YANLING, ...fields });
    assert.is(r.status, status, JSON.stringify(fields));
    assert.match(r.html, message, JSON.stringify(fields));
    assert.not.match(r.html, "<script>alert");
    if (fields.name) assert.match(r.html, "value=", "input kept");
  }
  assert.is(await countOf("users"), before);
});

test("kinds of work and the ID number are stored; the ID shows masked until a logged reveal", async () => {
  const phone = nextPhone();
  const id = idFor("1958-07-08");
  await staffA.get(paths.desk.register);
  const kinds = (await t.db.select().from((await import("../../../db/schema/index.ts")).workKinds)).slice(0, 2).map((k) => String(k.id));
  const r = await staffA.post(paths.desk.register, { phone, name: "陈师傅", idNumber: id, countyCode: YANLING, kinds });
  assert.is(r.status, 303);
  const [u] = await t.db.select().from(users).where(eq(users.phone, phone));
  assert.is((await t.db.select().from(workerKinds).where(eq(workerKinds.userId, u.id))).length, 2);
  const [p] = await t.db.select().from(workerProfiles).where(eq(workerProfiles.userId, u.id));
  assert.is(p.birthYear, 1958, "from the ID number");
  const page = await staffA.get(paths.desk.worker(u.id));
  assert.not.match(page.html, id);
  assert.match(page.html, id.slice(0, 3) + "*".repeat(13) + id.slice(-2));
  assert.is(page.headers.get("cache-control"), "no-store");
  // Issue #16: a full ID number belongs to market staff and admins; station staff get no button and a 404.
  assert.not.match(page.html, paths.desk.reveal(u.id), "no reveal button for station staff");
  assert.is((await staffA.post(paths.desk.reveal(u.id))).status, 404);
  assert.is((await audits("reveal.id_number")).filter((x) => x.subjectId === u.id).length, 0);
  const admin = await signedIn(t, { role: "county_admin", countyCode: YANLING });
  await admin.get(paths.desk.worker(u.id) + `?market=${marketA}`);
  const revealed = await admin.post(paths.desk.reveal(u.id) + `?market=${marketA}`);
  assert.is(revealed.status, 200);
  assert.match(revealed.html, id);
  assert.is(revealed.headers.get("cache-control"), "no-store");
  const [a] = (await audits("reveal.id_number")).filter((x) => x.subjectId === u.id);
  assert.is(a.actorId, admin.user.id);
  // Staff of another county may not reveal it: 404, and no audit entry.
  await staffB.get(paths.desk.home);
  const other = await staffB.post(paths.desk.reveal(u.id));
  assert.is(other.status, 404);
  assert.is((await audits("reveal.id_number")).filter((x) => x.subjectId === u.id).length, 1);
});

test("check-in's 为他登记 carries the phone to the form by POST, never in a URL", async () => {
  const phone = nextPhone();
  await staffA.get(paths.desk.checkin);
  const r = await staffA.post(paths.desk.checkin, { q: phone });
  assert.is(r.status, 422);
  assert.match(r.html, "没有找到这个手机号");
  assert.not.match(r.html, `?phone=`);
  const form = await staffA.post(paths.desk.register, { phone, prefill: "1" });
  assert.is(form.status, 200);
  assert.match(form.html, `value="${phone}"`);
  assert.not.match(form.html, "请填写姓名", "no errors on the prefilled form");
});

// --- Check-in ---------------------------------------------------------------------------

test("check-in by phone, by card code and by name; one per worker, market and day; counts by day", async () => {
  const w1 = await addWorker(t, { name: "签到甲", countyCode: YANLING });
  const w2 = await addWorker(t, { name: "签到乙", countyCode: YANLING });
  const w3 = await addWorker(t, { name: "签到丙", countyCode: YANLING });
  // Walk-ins registered earlier in this file were checked in as they registered (issue 17).
  const earlier = (await checkInCounts(t.db, { marketIds: [marketA], from: today(), to: today() }))[0]?.count ?? 0;
  await staffA.get(paths.desk.checkin);
  const byPhone = await staffA.post(paths.desk.checkin, { q: w1.phone });
  assert.is(byPhone.status, 303);
  assert.is(byPhone.location, paths.desk.checkin);
  const byCode = await staffA.post(paths.desk.checkin, { q: w2.cardCode.toLowerCase() });
  assert.is(byCode.status, 303);
  const search = await staffA.post(paths.desk.checkin, { q: "签到丙" });
  assert.is(search.status, 200);
  assert.match(search.html, w3.phone.slice(0, 3) + "****" + w3.phone.slice(-4), "masked phone to pick from");
  assert.not.match(search.html, w3.phone);
  const picked = await staffA.post(paths.desk.checkin, { workerId: w3.id });
  assert.is(picked.status, 303);

  const again = await staffA.post(paths.desk.checkin, { q: w1.phone });
  assert.is(again.status, 409);
  assert.match(again.html, "今天已经在本站签过到了");
  const mine = await t.db.select().from(checkIns).where(and(eq(checkIns.workerId, w1.id), eq(checkIns.day, today())));
  assert.is(mine.length, 1, "nothing changed");
  assert.is(mine[0].viaStaffId, staffA.user.id);

  const counts = await checkInCounts(t.db, { marketIds: [marketA], from: today(), to: today() });
  assert.equal(counts, [{ marketId: marketA, day: today(), count: earlier + 3 }]);
  // Another market in the county may check the same person in the same day.
  await addCheckIn(t, marketA2, w1.id, today());
  await addCheckIn(t, marketA, w1.id, addDays(today(), -1));
  const all = await checkInCounts(t.db, { from: addDays(today(), -1), to: today() });
  assert.equal(
    all.filter((r) => r.marketId === marketA || r.marketId === marketA2),
    [
      { marketId: marketA, day: addDays(today(), -1), count: 1 },
      { marketId: marketA, day: today(), count: earlier + 3 },
      { marketId: marketA2, day: today(), count: 1 },
    ],
  );
  assert.equal(await checkInCounts(t.db, { marketIds: [], from: today(), to: today() }), []);
  const home = await staffA.get(paths.desk.home);
  assert.match(home.html, new RegExp(`今日签到</dt><dd>${earlier + 3}<`));
  const [a] = (await audits("desk.checkin")).filter((x) => x.onBehalfOf === w3.id);
  assert.is(a.actorId, staffA.user.id);
});

test("a worker account without a profile (an older sign-up) can still be checked in and opened", async () => {
  const bare = await addUser(t, { role: "worker", name: "老账号", countyCode: YANLING });
  await staffA.get(paths.desk.checkin);
  const r = await staffA.post(paths.desk.checkin, { q: bare.phone });
  assert.is(r.status, 303);
  const page = await staffA.get(paths.desk.worker(bare.id));
  assert.is(page.status, 200);
  assert.match(page.html, "老账号");
});

test("check-in refusals: unknown phone or code, junk, another account, nothing written", async () => {
  const employer = await addUser(t, { role: "employer" });
  const before = await countOf("check_ins");
  await staffA.get(paths.desk.checkin);
  const cases: [Record<string, string>, number, string][] = [
    [{ q: nextPhone() }, 422, "没有找到这个手机号"],
    [{ q: "KKKKKK" }, 422, "没有找到这个卡号"],
    [{ q: "12345" }, 400, "请输入 11 位手机号"],
    [{ q: "" }, 400, "请输入 11 位手机号"],
    [{ q: "没有这个人" }, 422, "本县没有找到"],
    [{ q: employer.phone }, 422, "别的账号"],
  ];
  for (const [fields, status, message] of cases) {
    const r = await staffA.post(paths.desk.checkin, fields);
    assert.is(r.status, status, JSON.stringify(fields));
    assert.match(r.html, message, JSON.stringify(fields));
  }
  assert.is(await countOf("check_ins"), before);
});

// --- Scope ------------------------------------------------------------------------------

test("staff of market A cannot open market B's desk, nor B's workers' pages, nor act for them", async () => {
  const bWorker = await addWorker(t, { name: "禹州工人", countyCode: YUZHOU, viaMarketId: marketB });
  const cases: [string, number][] = [
    [`${paths.desk.home}?market=${marketB}`, 404],
    [`${paths.desk.checkin}?market=${marketB}`, 404],
    [`${paths.desk.printJobs}?market=${marketB}`, 404],
    [`${paths.desk.home}?market=${marketA2}`, 404], // even a market of the same county
    [`${paths.desk.home}?market=abc`, 404],
    [paths.desk.worker(bWorker.id), 404],
    [paths.desk.card(bWorker.id), 404],
    [paths.desk.home, 200],
  ];
  for (const [url, status] of cases) assert.is((await staffA.get(url)).status, status, url);
  await staffA.get(paths.desk.home);
  for (const url of [paths.desk.unlock(bWorker.id), paths.desk.pin(bWorker.id), paths.desk.consent(bWorker.id), paths.desk.contact(bWorker.id), paths.desk.reveal(bWorker.id)]) {
    assert.is((await staffA.post(url, { pin: "123456", pin2: "123456", outcome: "called", categories: "disabled", agree: "yes" })).status, 404, url);
  }
  // Picking B's worker by id at A's check-in is refused too.
  assert.is((await staffA.post(paths.desk.checkin, { workerId: bWorker.id })).status, 404);
  // Workers and employers have no desk.
  const worker = await signedIn(t, { role: "worker", pin: "246810" });
  assert.is((await worker.get(paths.desk.home)).status, 404);
  const employer = await signedIn(t, { role: "employer" });
  assert.is((await employer.get(paths.desk.priority)).status, 404);
  const anon = t.client();
  assert.is((await anon.get(paths.desk.home)).status, 303, "sent to log in");
});

test("a county admin picks a market of the county; the city admin any; out of scope is 404", async () => {
  const county = await signedIn(t, { role: "county_admin", countyCode: YANLING });
  const home = await county.get(paths.desk.home);
  assert.is(home.status, 200);
  assert.match(home.html, 'name="market"');
  assert.is((await county.get(`${paths.desk.home}?market=${marketA2}`)).status, 200);
  assert.is((await county.get(`${paths.desk.home}?market=${marketB}`)).status, 404);
  const city = await signedIn(t, { role: "city_admin" });
  assert.is((await city.get(`${paths.desk.home}?market=${marketB}`)).status, 200);
  assert.is((await city.get(`${paths.desk.home}?market=999999`)).status, 404);
});

// --- Login help --------------------------------------------------------------------------

test("unlock and PIN reset: staff clear the lock, the worker types a new PIN, both audited", async () => {
  const w = await addWorker(t, { name: "锁住的人", countyCode: YANLING, pin: "135790" });
  await t.deps.database.write((db) =>
    db.insert(loginThrottle).values({ key: accountKey(w.phone), failures: 20, windowStart: t.clock.now(), lockedUntil: Number.MAX_SAFE_INTEGER }),
  );
  const worker = t.client();
  await worker.get(paths.accounts.login);
  const locked = await worker.post(paths.accounts.login, { phone: w.phone, secret: "135790" });
  assert.is(locked.status, 429);
  const page = await staffA.get(paths.desk.worker(w.id));
  assert.match(page.html, "要工作人员解锁");
  const unlocked = await staffA.post(paths.desk.unlock(w.id));
  assert.is(unlocked.status, 303);
  assert.is((await t.db.select().from(loginThrottle).where(eq(loginThrottle.key, accountKey(w.phone)))).length, 0);
  await worker.login(w.phone, "135790");
  assert.is((await audits("desk.unlock")).filter((a) => a.onBehalfOf === w.id).length, 1);

  // The worker forgot the PIN: a new one, typed twice; mismatches are refused.
  await staffA.get(paths.desk.worker(w.id));
  const bad = await staffA.post(paths.desk.pin(w.id), { pin: "111222", pin2: "111223" });
  assert.is(bad.status, 400);
  assert.match(bad.html, "两次输入的密码不一样");
  const short = await staffA.post(paths.desk.pin(w.id), { pin: "12345", pin2: "12345" });
  assert.is(short.status, 400);
  assert.match(short.html, "6 位数字");
  const ok = await staffA.post(paths.desk.pin(w.id), { pin: "864209", pin2: "864209" });
  assert.is(ok.status, 303);
  assert.is((await worker.get(paths.accounts.me)).status, 303, "the old session ended");
  const fresh = t.client();
  await fresh.get(paths.accounts.login);
  assert.is((await fresh.post(paths.accounts.login, { phone: w.phone, secret: "135790" })).status, 401, "old PIN no longer works");
  await fresh.login(w.phone, "864209");
  const [a] = (await audits("desk.pin_reset")).filter((x) => x.onBehalfOf === w.id);
  assert.is(a.actorId, staffA.user.id);
  assert.not.match(JSON.stringify(a), "864209");
});

// --- Priority -------------------------------------------------------------------------------

test("sensitive categories need the worker's consent, are seen only by the worker's county, and are deleted on request", async () => {
  const w = await addWorker(t, { name: "低保户老李", countyCode: YANLING, birthYear: 1990 });
  await staffA.get(paths.desk.worker(w.id));
  const noConsent = await staffA.post(paths.desk.consent(w.id), { categories: "low_income" });
  assert.is(noConsent.status, 400);
  assert.match(noConsent.html, "本人同意后再勾选");
  const nothing = await staffA.post(paths.desk.consent(w.id), { agree: "yes" });
  assert.is(nothing.status, 400);
  assert.is((await t.db.select().from(priorityConsents).where(eq(priorityConsents.workerId, w.id))).length, 0, "nothing stored without consent");
  let queue = await staffA.get(`${paths.desk.priority}?category=low_income`);
  assert.not.match(queue.html, "低保户老李");

  const ok = await staffA.post(paths.desk.consent(w.id), { categories: ["low_income", "disabled"], agree: "yes" });
  assert.is(ok.status, 303);
  const rows = await t.db.select().from(priorityConsents).where(eq(priorityConsents.workerId, w.id));
  assert.is(rows.length, 2);
  assert.ok(rows.every((r) => r.consentedAt === t.clock.now() && r.consentText.includes("本人同意") && r.recordedBy === staffA.user.id));
  queue = await staffA.get(`${paths.desk.priority}?category=low_income`);
  assert.match(queue.html, "低保户老李");
  const page = await staffA.get(paths.desk.worker(w.id));
  assert.match(page.html, "低收入家庭(");

  // Another county's staff cannot open the page; the city admin sees the person but not the categories.
  assert.is((await staffB.get(paths.desk.worker(w.id))).status, 404);
  const city = await signedIn(t, { role: "city_admin" });
  const cityPage = await city.get(`${paths.desk.worker(w.id)}?market=${marketA}`);
  assert.is(cityPage.status, 200);
  assert.not.match(cityPage.html, /<li class="badge warn">(低收入家庭|残疾)</);
  assert.not.match(cityPage.html, "本人同意)");
  const cityQueue = await city.get(`${paths.desk.priority}?market=${marketA}&category=low_income`);
  assert.not.match(cityQueue.html, "低保户老李");
  assert.is((await city.post(`${paths.desk.consentRemove(w.id)}?market=${marketA}`)).status, 404);
  // A county admin of another county cannot see them at all.
  const yuzhouAdmin = await signedIn(t, { role: "county_admin", countyCode: YUZHOU });
  assert.is((await yuzhouAdmin.get(paths.desk.worker(w.id))).status, 404);

  const removed = await staffA.post(paths.desk.consentRemove(w.id));
  assert.is(removed.status, 303);
  assert.is((await t.db.select().from(priorityConsents).where(eq(priorityConsents.workerId, w.id))).length, 0, "the data is gone");
  const trail = (await audits("desk.priority_consent_removed")).filter((a) => a.onBehalfOf === w.id);
  assert.is(trail.length, 1, "an audit entry remains");
  assert.not.match(JSON.stringify(trail) + JSON.stringify(await audits("desk.priority_consent")), /low_income|disabled|低收入|残疾/, "the audit log keeps no category");
  queue = await staffA.get(`${paths.desk.priority}?category=low_income`);
  assert.not.match(queue.html, "低保户老李");
});

test("the help queue: long waits first, older workers, not those recently hired; jobs that fit are suggested", async () => {
  const t2 = await makeTestApp();
  try {
    const m = await addMarket(t2, { name: "帮扶驿站", countyCode: YANLING });
    const staff = await signedIn(t2, { role: "staff", marketId: m });
    const d = chinaDate(t2.clock.now());
    const longest = await addWorker(t2, { name: "等最久", birthYear: 1990, kinds: ["搬运装卸"] });
    const long = await addWorker(t2, { name: "等得久", birthYear: 1990 });
    const hired = await addWorker(t2, { name: "刚上岗", birthYear: 1990 });
    const fresh = await addWorker(t2, { name: "刚来的", birthYear: 1990 });
    const older = await addWorker(t2, { name: "老师傅", birthYear: 1960 });
    const elsewhere = await addWorker(t2, { name: "外县人", birthYear: 1950, countyCode: YUZHOU });
    await addCheckIn(t2, m, longest.id, addDays(d, -60));
    await addCheckIn(t2, m, long.id, addDays(d, -35));
    await addCheckIn(t2, m, hired.id, addDays(d, -60));
    await addCheckIn(t2, m, fresh.id, addDays(d, -3));
    const e = await addEmployer(t2, YANLING);
    const fits = await addPosting(t2, { employerId: e.employerId, kind: "搬运装卸", title: "仓库搬货" });
    await addPosting(t2, { employerId: e.employerId, kind: "家政保洁", title: "打扫卫生" });
    await addPosting(t2, { employerId: e.employerId, kind: "搬运装卸", title: "外县搬货", countyCode: YUZHOU });
    const other = await addPosting(t2, { employerId: e.employerId, kind: "建筑小工" });
    await addHire(t2, other, hired.id, addDays(d, -5));
    const page = await staff.get(paths.desk.priority);
    assert.is(page.status, 200);
    const html = page.html;
    const at = (name: string) => html.indexOf(name);
    assert.ok(at("等最久") > 0 && at("等得久") > at("等最久") && at("老师傅") > at("等得久"), "longest wait first, never-checked-in last");
    assert.match(html, "已等 60 天");
    for (const name of ["刚上岗", "刚来的", "外县人"]) assert.not.match(html, name);
    assert.match(html, `#${fits} 仓库搬货`);
    assert.not.match(html, "打扫卫生", "not their kind of work");
    assert.not.match(html, "外县搬货", "not in this county");
    const olderOnly = await staff.get(`${paths.desk.priority}?category=older`);
    assert.match(olderOnly.html, "老师傅");
    assert.not.match(olderOnly.html, "等最久");
    // A contact attempt is logged with the staff member and market; a posting number must exist in the county.
    await staff.get(paths.desk.worker(longest.id));
    const bad = await staff.post(paths.desk.contact(longest.id), { outcome: "referred", postingId: "999999" });
    assert.is(bad.status, 422);
    assert.match(bad.html, "没有这个岗位编号");
    const ok = await staff.post(paths.desk.contact(longest.id), { outcome: "referred", postingId: String(fits), note: "明早八点去" });
    assert.is(ok.status, 303);
    const [log] = await t2.db.select().from(contactLogs).where(eq(contactLogs.workerId, longest.id));
    assert.equal([log.outcome, log.postingId, log.staffId, log.marketId, log.note], ["referred", fits, staff.user.id, m, "明早八点去"]);
    const after = await staff.get(paths.desk.priority);
    assert.match(after.html, `上次联系 ${d}`);
  } finally {
    t2.close();
  }
});

// --- Fair order ------------------------------------------------------------------------------------

/**
 * The draw as the public notice describes it, written out independently of
 * desk.domain.ts: sort the ids, then Fisher–Yates from the last place down with
 * mulberry32(seed) (constants 0x6D2B79F5, shifts 15/7/14, multipliers t|1, t|61).
 */
function redoDraw(ids: readonly number[], seed: number): number[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
  const out = [...ids].sort((a, b) => a - b);
  for (let i = out.length - 1; i >= 1; i--) {
    const j = Math.floor(next() * (i + 1));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

test("the written-out draw agrees with the domain's fixed expectation, so it is a real second copy", () => {
  assert.equal(redoDraw([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 12345), [7, 5, 9, 1, 2, 8, 6, 4, 3, 10]);
});

test("the draw is stored with its seed, can be redone from it, happens once a day, and is shown publicly without personal data", async () => {
  const t3 = await makeTestApp();
  try {
    const m = await addMarket(t3, { name: "抽签驿站", countyCode: YANLING });
    const staff = await signedIn(t3, { role: "staff", marketId: m });
    const d = chinaDate(t3.clock.now());
    const ws: Awaited<ReturnType<typeof addWorker>>[] = [];
    for (let i = 0; i < 6; i++) {
      const w = await addWorker(t3, { name: `抽签${"甲乙丙丁戊己"[i]}某`, birthYear: 1990 });
      await addCheckIn(t3, m, w.id, d, t3.clock.now() - (10 - i) * 60_000);
      ws.push(w);
    }
    await staff.get(paths.desk.order);
    assert.is((await staff.post(paths.desk.draw)).status, 422, "not the station's rule yet");
    assert.is((await staff.post(paths.desk.order, { rule: "lottery" })).status, 400);
    assert.is((await staff.post(paths.desk.order, { rule: "draw" })).status, 303);
    const drawn = await staff.post(paths.desk.draw);
    assert.is(drawn.status, 303);
    const [row] = await t3.db.select().from(fairDraws).where(eq(fairDraws.marketId, m));
    const order = JSON.parse(row.workerIds) as number[];
    // Checked as an outsider would, with the published method written out here (not the app's drawOrder).
    assert.equal(redoDraw(order, row.seed), order, "reproducible from the stored seed");
    assert.equal([...order].sort((a, b) => a - b), ws.map((w) => w.id).sort((a, b) => a - b));
    const again = await staff.post(paths.desk.draw);
    assert.is(again.status, 409);
    assert.match(again.html, "今天已经抽过签了");
    assert.is((await t3.db.select().from(fairDraws)).length, 1);
    const [a] = await t3.db.select().from(auditLog).where(eq(auditLog.action, "desk.draw"));
    assert.equal(JSON.parse(a.detail!), { seed: row.seed, count: 6 });

    const pub = await t3.client().get(paths.desk.stationOrder(m));
    assert.is(pub.status, 200);
    assert.match(pub.html, `抽签种子 ${row.seed}`);
    // Issue #16: queue numbers only (the order of arrival), no name fragment, no phone digits.
    for (const [i, w] of ws.entries()) {
      assert.not.match(pub.html, w.phone.slice(-4), "no phone digits");
      assert.not.match(pub.html, `抽签${"甲乙丙丁戊己"[i]}`, "no name fragment");
    }
    assert.not.match(pub.html, "某", "no given name");
    assert.not.match(pub.html, "*", "no masked fragments either");
    const positions = order.map((id) => pub.html.indexOf(`>${ws.findIndex((w) => w.id === id) + 1} 号<`));
    assert.ok(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1])), "the page shows the drawn order");
    assert.is((await t3.client().get(paths.desk.stationOrder(999999))).status, 404);
  } finally {
    t3.close();
  }
});

test("priority first: the station's priority workers are offered same-day work before the others", async () => {
  const t4 = await makeTestApp();
  try {
    const m = await addMarket(t4, { name: "优先驿站", countyCode: YANLING });
    const staff = await signedIn(t4, { role: "staff", marketId: m });
    const d = chinaDate(t4.clock.now());
    const early = await addWorker(t4, { name: "早来的", birthYear: 1995 });
    const older = await addWorker(t4, { name: "晚来的", birthYear: 1955 });
    await addCheckIn(t4, m, early.id, d, t4.clock.now() - 3600_000);
    await addCheckIn(t4, m, older.id, d, t4.clock.now() - 60_000);
    const byArrival = await staff.get(paths.desk.order);
    assertInOrder(byArrival.html, ["早来的", "晚来的"], "by arrival");
    await staff.post(paths.desk.order, { rule: "priority" });
    const byPriority = await staff.get(paths.desk.order);
    assertInOrder(byPriority.html, ["晚来的", "早来的"], "by priority");
  } finally {
    t4.close();
  }
});

// --- Cards and printing -------------------------------------------------------------------------------

test("the worker card prints a QR code to /card/:code; that page shows no personal data and sends staff and the worker on", async () => {
  const w = await addWorker(t, { name: "卡片王", countyCode: YANLING, pin: "975310" });
  const card = await staffA.get(paths.desk.card(w.id));
  assert.is(card.status, 200);
  assert.match(card.html, "<svg");
  assert.match(card.html, w.cardCode);
  assert.match(card.html, "卡片王");
  assert.not.match(card.html, "<header", "bare print layout");
  const anon = await t.client().get(paths.desk.cardCode(w.cardCode));
  assert.is(anon.status, 200);
  assert.not.match(anon.html, "卡片王");
  assert.not.match(anon.html, w.phone.slice(-4));
  const unknown = await t.client().get(paths.desk.cardCode("KKKKKK"));
  const same = (html: string) => html.replace(/back=[^"]+/g, "");
  assert.is(same(unknown.html), same(anon.html), "unknown codes look the same");
  const staff = await staffA.get(paths.desk.cardCode(w.cardCode.toLowerCase()));
  assert.is(staff.status, 303);
  assert.is(staff.location, paths.desk.worker(w.id));
  const otherStaff = await staffB.get(paths.desk.cardCode(w.cardCode));
  assert.is(otherStaff.status, 200, "out of scope: the public page");
  const worker = t.client();
  await worker.login(w.phone, "975310");
  const own = await worker.get(paths.desk.cardCode(w.cardCode));
  assert.is(own.location, paths.accounts.me);
});

test("the job sheet lists this week's open postings of the county with codes and QR codes; the poster has the hotline", async () => {
  const e = await addEmployer(t, YANLING);
  const d = today();
  const soon = await addPosting(t, { employerId: e.employerId, title: "本周的活", start: addDays(d, 3), end: addDays(d, 4) });
  const later = await addPosting(t, { employerId: e.employerId, title: "下个月的活", start: addDays(d, 30), end: addDays(d, 31) });
  const yuzhou = await addEmployer(t, YUZHOU);
  await addPosting(t, { employerId: yuzhou.employerId, countyCode: YUZHOU, title: "禹州的活" });
  const sheet = await staffA.get(paths.desk.printJobs);
  assert.is(sheet.status, 200);
  assert.match(sheet.html, `#${soon}`);
  assert.match(sheet.html, "本周的活");
  assert.not.match(sheet.html, "下个月的活");
  assert.not.match(sheet.html, `#${later}<`);
  assert.not.match(sheet.html, "禹州的活");
  assert.match(sheet.html, "<svg");
  assert.not.match(sheet.html, e.phone, "no contact phones on the notice board");
  const poster = await staffA.get(paths.desk.printPoster);
  assert.is(poster.status, 200);
  assert.match(poster.html, t.deps.config.hotline);
  assert.match(poster.html, "<svg");
});

test("staff pages are never cached; a staff session ends after the idle limit", async () => {
  const s = await signedIn(t, { role: "staff", marketId: marketA });
  for (const url of [paths.desk.home, paths.desk.checkin, paths.desk.register, paths.desk.priority, paths.desk.order, paths.desk.printJobs, paths.desk.printPoster]) {
    const r = await s.get(url);
    assert.is(r.status, 200, url);
    assert.is(r.headers.get("cache-control"), "no-store", url);
  }
  t.clock.advance((t.deps.config.idleMinutes.staff + 1) * 60_000);
  assert.is((await s.get(paths.desk.home)).status, 303, "signed out after the idle limit");
  await staffA.login(staffA.user.phone, staffA.user.password);
  await staffB.login(staffB.user.phone, staffB.user.password);
});

test("the employers' verification refuses an employer of another county", async () => {
  const u = await addUser(t, { role: "employer" });
  const [row] = await t.deps.database.write(async (db) => {
    return db.insert(employers).values({ userId: u.id, kind: "company", name: "禹州公司", contactName: "x", contactPhone: u.phone, countyCode: YUZHOU, createdAt: t.clock.now() }).returning({ id: employers.id });
  });
  await staffA.get(paths.desk.home);
  const r = await staffA.post(paths.employers.verify(row.id));
  assert.is(r.status, 404);
  const [e] = await t.db.select().from(employers).where(eq(employers.id, row.id));
  assert.is(e.status, "pending", "nothing changed");
});

test("forgetting a worker deletes their priority categories and blanks staff notes, and keeps check-ins", async () => {
  const w = await addWorker(t, { name: "要注销的人", countyCode: YANLING });
  await addCheckIn(t, marketA, w.id, addDays(today(), -3));
  await staffA.get(paths.desk.worker(w.id));
  await staffA.post(paths.desk.consent(w.id), { categories: "disabled", agree: "yes" });
  await staffA.post(paths.desk.contact(w.id), { outcome: "called", note: "他说腿脚不好" });
  const now = t.clock.now();
  await t.deps.database.transaction((tx) => forgetWorkers(tx, [w.id], now, t.deps.hooks));
  assert.is((await t.db.select().from(priorityConsents).where(eq(priorityConsents.workerId, w.id))).length, 0);
  const logs = await t.db.select().from(contactLogs).where(eq(contactLogs.workerId, w.id));
  assert.equal(logs.map((l) => [l.outcome, l.note]), [["called", ""]]);
  assert.is((await t.db.select().from(checkIns).where(eq(checkIns.workerId, w.id))).length, 1, "counts stay");
});

test("a full page of the help queue, twenty people with three jobs each, stays within 14 KB", async () => {
  const t5 = await makeTestApp();
  try {
    const m = await addMarket(t5, { name: "满页驿站", countyCode: YANLING });
    const staff = await signedIn(t5, { role: "staff", marketId: m });
    const e = await addEmployer(t5, YANLING);
    for (let i = 0; i < 3; i++) await addPosting(t5, { employerId: e.employerId, kind: "搬运装卸", title: `仓库搬货装车卸车第 ${i + 1} 批,要力气大的` });
    for (let i = 0; i < 25; i++) {
      const w = await addWorker(t5, { name: `帮扶对象${i}号`, birthYear: 1955 + i, kinds: ["搬运装卸"] });
      await addCheckIn(t5, m, w.id, addDays(chinaDate(t5.clock.now()), -40 - i));
    }
    const page = await staff.get(paths.desk.priority);
    assert.is(page.status, 200);
    assert.is((page.html.match(/<li class="card">/g) ?? []).length, 20, "twenty to a page");
    assert.match(page.html, "第 1 页,共 2 页");
    const bytes = gzipSync(page.html).length + assetSize("app.css").gzip + assetSize("print.css").gzip;
    assert.ok(bytes <= 14 * 1024, `${bytes} bytes`);
  } finally {
    t5.close();
  }
});

test.run();
