// Input as people type it, through the real forms (app.request): every odd
// input a worker, an employer or a caller is likely to type, and what each
// form must do with it. Accepted input is stored in one canonical form;
// refused input gets a Chinese message on the same form with the input kept
// (400/422) — never a 500, and nothing written.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, nextPhone, type TestApp, type Browser } from "../helpers/app.ts";
import { paths } from "../../src/paths.ts";
import { copy } from "../../views/copy/index.ts";
import { jobPostings, hotlineCases, users, employers, workerProfiles, trainingSessions } from "../../db/schema/index.ts";
import { addEmployer, addWorker, addPosting, postingFields, YANLING } from "../features/jobs/fixtures.ts";
import { completeResidentId, completeUscc, completeOrgCode } from "../../src/features/employers/employers.domain.ts";
import { waitFor } from "../helpers/wait.ts";

const e = copy.errors;
let t: TestApp;
let employer: Browser;
let staff: Browser;
let market: number;
let employerId: number;
test.before(async () => {
  t = await makeTestApp();
  market = await addMarket(t, { name: "鄢陵县零工驿站", countyCode: YANLING });
  const emp = await addEmployer(t);
  employerId = emp.employerId;
  employer = t.client();
  await employer.login(emp.phone, emp.password);
  staff = await signedIn(t, { role: "staff", name: "张干事", marketId: market });
});
test.after(() => t.close());

/** Full-width, as a Chinese IME types it. */
const wide = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Row counts of every table a form here may write. */
async function counts() {
  const rs = await t.deps.database.client.execute(
    "SELECT (SELECT count(*) FROM job_postings), (SELECT count(*) FROM hotline_cases), (SELECT count(*) FROM users), (SELECT count(*) FROM employers), (SELECT count(*) FROM worker_profiles), (SELECT count(*) FROM training_sessions), (SELECT count(*) FROM audit_log)",
  );
  return Array.from(rs.rows[0] as unknown as ArrayLike<unknown>, Number).join(",");
}

const latestPosting = async () => (await t.db.select().from(jobPostings).orderBy(jobPostings.id)).at(-1)!;

// --- Accepted: stored in one canonical form -----------------------------------------------

type Accepted = [what: string, run: () => Promise<Browser>, stored: () => Promise<unknown>, want: unknown];

/**
 * The code is texted by the outbox in the background after the answer (sendSoon), and the outbox claims each
 * text through the writer, answered once it is on disk (the WAL sync, db.ts): so the text may go out a moment
 * after the 303. Wait for it (generous limit), never for a fixed time.
 */
const sentOrStored = <T,>(check: () => Promise<T>) => waitFor(check, "the code texted (or the record stored)").catch(() => check());

const accepted: Accepted[] = [
  ["wage 150元", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { wage: "150元" })).then(() => employer)), async () => (await latestPosting()).wageFen, 15000],
  ["wage 150 元", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { wage: "150 元" })).then(() => employer)), async () => (await latestPosting()).wageFen, 15000],
  ["wage １５０ (full-width)", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { wage: "１５０" })).then(() => employer)), async () => (await latestPosting()).wageFen, 15000],
  ["wage ¥２５.５元", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { wage: "¥２５.５元" })).then(() => employer)), async () => (await latestPosting()).wageFen, 2550],
  ["headcount ３ (full-width)", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { headcount: "３" })).then(() => employer)), async () => (await latestPosting()).headcount, 3],
  ["headcount 3人", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { headcount: "3人" })).then(() => employer)), async () => (await latestPosting()).headcount, 3],
  ["landline contact 0374-1234567", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { contactPhone: "0374-1234567" })).then(() => employer)), async () => (await latestPosting()).contactPhone, "0374-1234567"],
  ["landline contact 0374 1234567-8", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { contactPhone: "0374 1234567-8" })).then(() => employer)), async () => (await latestPosting()).contactPhone, "0374-1234567-8"],
  ["landline contact (0374)1234567", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { contactPhone: "(0374)1234567" })).then(() => employer)), async () => (await latestPosting()).contactPhone, "0374-1234567"],
  ["landline contact （０３７４）１２３４５６７ (full-width)", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { contactPhone: "（０３７４）１２３４５６７" })).then(() => employer)), async () => (await latestPosting()).contactPhone, "0374-1234567"],
  ["a newline in the title becomes a space; the duties keep theirs", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { title: "家里\r\n打扫卫生", duties: "擦窗\n拖地" })).then(() => employer)), async () => { const p = await latestPosting(); return [p.title, p.duties]; }, ["家里 打扫卫生", "擦窗\n拖地"]],
  ["full-width letters in the title", async () => (await employer.get(paths.jobs.new), employer.post(paths.jobs.new, await postingFields(t, { title: "ＡＢ超市理货" })).then(() => employer)), async () => (await latestPosting()).title, "AB超市理货"],
  ["quick hire: wage 180元 and a landline", async () => (await employer.get(paths.jobs.quick), employer.post(paths.jobs.quick, { kindId: (await postingFields(t)).kindId as string, headcount: "１", wage: "180元", countyCode: YANLING, address: "陈化店镇物流园", contactPhone: "0374-7654321" }).then(() => employer)), async () => { const p = await latestPosting(); return [p.wageFen, p.headcount, p.contactPhone]; }, [18000, 1, "0374-7654321"]],
  ["hotline caller with a landline and extension", async () => { const b = t.client(); await b.get(paths.hotline.report); await b.post(paths.hotline.report, { do: "save", category: "wage_arrears", amount: "3000元", description: "干了十天\n没给钱", callerName: "王\n大姐", callerPhone: "0374 1234567-8", countyCode: YANLING }); return b; }, async () => { const c = (await t.db.select().from(hotlineCases).orderBy(hotlineCases.id)).at(-1)!; return [c.callerPhone, c.amountOwedFen, c.callerName, c.description]; }, ["0374-1234567-8", 300000, "王 大姐", "干了十天\n没给钱"]],
  ["worker registration with full-width phone and PIN", async () => { const b = t.client(); await b.get(paths.workers.register); await b.post(paths.workers.register, { phone: wide("13912340001"), name: "李师傅", pin: "１３５７９０", pin2: "１３５７９０" }); return b; }, async () => (await sentOrStored(async () => t.sms.filter((m) => m.to === "13912340001").length > 0 || (await t.db.select().from(users).where(eq(users.phone, "13912340001"))).length === 1)), true],
  ["staff register a walk-in with a full-width ID number (X too) and birth year", async () => { await staff.get(paths.desk.register); await staff.post(paths.desk.register, { phone: "13912340002", name: "赵大娘", idNumber: wide(completeResidentId("41102419600101002").toLowerCase()), birthYear: "１９６０", countyCode: YANLING }); return staff; }, async () => { const [u] = await t.db.select().from(users).where(eq(users.phone, "13912340002")); if (!u) return null; const [p] = await t.db.select().from(workerProfiles).where(eq(workerProfiles.userId, u.id)); return [p?.idNumber, p?.birthYear]; }, [completeResidentId("41102419600101002"), 1960]],
  ["employer registration with a full-width USCC", async () => { const b = t.client(); await b.get(paths.employers.register); await b.post(paths.employers.register, { kind: "company", name: "许昌顺达保洁", uscc: wide(completeUscc("91411024" + completeOrgCode("MA7Q2K3L"))), countyCode: YANLING, phone: "13912340003", password: "shunda2026", password2: "shunda2026" }); return b; }, async () => (await sentOrStored(async () => (await t.db.select().from(employers).where(eq(employers.name, "许昌顺达保洁")))[0]?.uscc ?? (t.sms.some((m) => m.to === "13912340003") ? "code sent: every field, the USCC too, was accepted" : null))), (await Promise.resolve(0), "code sent: every field, the USCC too, was accepted")],
];

for (const [what, run, stored, want] of accepted) {
  test(`accepted: ${what}`, async () => {
    const b = await run();
    assert.is(b.last.status, 303, `${what}: ${b.last.status} ${b.last.html.match(/class="err"[^>]*>([^<]+)/)?.[1] ?? ""}`);
    assert.equal(await stored(), want);
  });
}

test("accepted: a worker signs in with her PIN typed full-width (and a full-width phone)", async () => {
  const w = await addWorker(t, { pin: "246810" });
  const b = t.client();
  await b.get(paths.accounts.login);
  const r = await b.post(paths.accounts.login, { phone: wide(w.phone), secret: "２４６８１０" });
  assert.is(r.status, 303);
  assert.ok(b.cookies.has("sid"), "signed in");
});

test("accepted: a training course's capacity typed full-width", async () => {
  await staff.get(paths.training.staffNew);
  const before = (await t.db.select().from(trainingSessions)).length;
  const fields = await staffCourseFields();
  const r = await staff.post(paths.training.staffNew, { ...fields, capacity: "３０" });
  assert.is(r.status, 303, r.html.match(/class="err"[^>]*>([^<]+)/)?.[1]);
  const rows = await t.db.select().from(trainingSessions);
  assert.is(rows.length, before + 1);
  assert.is(rows.at(-1)!.capacity, 30);
});

/** The staff's new-course form as shown, filled as a clerk would. */
async function staffCourseFields(): Promise<Record<string, string>> {
  return {
    kind: "skills",
    online: "0",
    marketId: String(market),
    title: "家政服务员培训",
    provider: "许昌市职业技能培训中心",
    place: "鄢陵县人社局三楼",
    startDate: "2026-12-07",
    endDate: "2026-12-11",
    hours: "8:30-11:30",
    capacity: "30",
    signupDeadline: "2026-12-05",
  };
}

// --- Search: traditional characters find what simplified ones find ---------------------------

test("search: 幕牆 (traditional) finds what 幕墙 finds; 高空作業 finds 高空作业", async () => {
  // Made in the DB (open): what is tested is the search, not the posting form.
  const id = await addPosting(t, employerId, { title: "幕墙清洗工", duties: "蜘蛛人高空作业" });
  const v = t.client();
  for (const q of ["幕墙", "幕牆", "高空作業", "幕牆清洗"]) {
    await v.get(`${paths.jobs.list}?q=${encodeURIComponent(q)}`);
    assert.is(v.last.status, 200);
    assert.ok(v.last.html.includes(`href="${paths.jobs.show(id)}`), `${q} finds the posting`);
  }
});

// --- Refused: a Chinese message on the same form, input kept, nothing written ---------------

type Refused = [what: string, page: string, action: string, fields: () => Promise<Record<string, string>>, field: string, message: string, kept: string, who: () => Browser];

const badId = (area: string) => completeResidentId(`${area}19750315123`);
const refused: Refused[] = [
  ["an ID number with area 000000", paths.employers.register, paths.employers.register, async () => ({ kind: "private", name: "李秀英", idNumber: badId("000000"), pledge: "yes", countyCode: YANLING, phone: nextPhone(), password: "jiazheng8", password2: "jiazheng8" }), "idNumber", e.residentId, badId("000000"), () => t.client()],
  ["an ID number with area 999999", paths.employers.register, paths.employers.register, async () => ({ kind: "private", name: "李秀英", idNumber: badId("999999"), pledge: "yes", countyCode: YANLING, phone: nextPhone(), password: "jiazheng8", password2: "jiazheng8" }), "idNumber", e.residentId, badId("999999"), () => t.client()],
  ["a USCC of zeros", paths.employers.register, paths.employers.register, async () => ({ kind: "company", name: "假公司", uscc: "000000000000000000", countyCode: YANLING, phone: nextPhone(), password: "jiazheng8", password2: "jiazheng8" }), "uscc", e.uscc, "000000000000000000", () => t.client()],
  ["a USCC with letters where the area goes", paths.employers.register, paths.employers.register, async () => ({ kind: "company", name: "假公司", uscc: completeUscc("91ABCDEF" + completeOrgCode("MA123456")), countyCode: YANLING, phone: nextPhone(), password: "jiazheng8", password2: "jiazheng8" }), "uscc", e.uscc, completeUscc("91ABCDEF" + completeOrgCode("MA123456")), () => t.client()],
  ["a landline to register a worker (a code must reach it)", paths.workers.register, paths.workers.register, async () => ({ phone: "0374-1234567", name: "李师傅", pin: "135790", pin2: "135790" }), "phone", e.landlineNoSms, "0374-1234567", () => t.client()],
  ["a landline to sign in", paths.accounts.login, paths.accounts.login, async () => ({ phone: "0374-1234567", secret: "135790" }), "phone", e.landlineNoSms, "0374-1234567", () => t.client()],
  ["a landline for the employer's account (the login)", paths.employers.register, paths.employers.register, async () => ({ kind: "private", name: "李秀英", idNumber: completeResidentId("41102419750101123"), pledge: "yes", countyCode: YANLING, phone: "0374-1234567", password: "jiazheng8", password2: "jiazheng8" }), "phone", e.landlineNoSms, "0374-1234567", () => t.client()],
  ["a contact landline without area code", paths.jobs.new, paths.jobs.new, async () => postingFields(t, { contactPhone: "1234567", title: "不该写入" }) as Promise<Record<string, string>>, "contactPhone", e.phoneToCall, "1234567", () => employer],
  ["a wage in words", paths.jobs.new, paths.jobs.new, async () => postingFields(t, { wage: "一百五", title: "不该写入" }) as Promise<Record<string, string>>, "wage", e.money(copy.jobs.wage), "一百五", () => employer],
  ["a PIN of five full-width digits", paths.workers.register, paths.workers.register, async () => ({ phone: nextPhone(), name: "李师傅", pin: "１３５７９", pin2: "１３５７９" }), "pin", e.pin, "", () => t.client()],
];

for (const [what, page, action, fields, field, message, kept, who] of refused) {
  test(`refused: ${what} — 400/422, the message by the field, the input kept, nothing written`, async () => {
    const b = who();
    await b.get(page);
    const before = await counts();
    const sent = await fields();
    const r = await b.post(action, sent);
    assert.ok(r.status === 400 || r.status === 422, `${what}: status ${r.status}`);
    assert.ok(r.html.includes(message), `${what}: "${message}"`);
    assert.ok(r.html.includes(`id="f-${field}-error"`), `${what}: the message is by ${field}`);
    if (kept) assert.ok(r.html.includes(`value="${kept.replace(/&/g, "&amp;")}"`), `${what}: the input is kept`);
    assert.is(await counts(), before, `${what}: nothing written`);
  });
}

test("the employer form says which identifier the chosen kind needs, not 选填", async () => {
  const b = t.client();
  await b.get(paths.employers.register);
  const label = (name: string) => b.last.html.match(new RegExp(`<label for="f-${name}">([\\s\\S]*?)</label>`))?.[1] ?? "";
  assert.not.match(label("uscc"), copy.common.optional);
  assert.not.match(label("idNumber"), copy.common.optional);
  assert.match(label("uscc"), copy.employers.usccMark);
  assert.match(label("idNumber"), copy.employers.idNumberMark);
  // Re-shown after a private employer left her ID number out: hers is 必填, the other 不用填.
  await b.post(paths.employers.register, { kind: "private", name: "李秀英", pledge: "yes", countyCode: YANLING, phone: nextPhone(), password: "jiazheng8", password2: "jiazheng8" });
  assert.is(b.last.status, 400);
  assert.match(label("idNumber"), copy.employers.markRequired);
  assert.match(label("uscc"), copy.employers.markNotNeeded);
});

test.run();
