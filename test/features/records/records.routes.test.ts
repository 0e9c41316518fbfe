// The records through the app: the employer's record on the job page, her
// card and her own view; the going rate on the form, the job page and in the
// API; the cache following the data; a worker's record, its print and check.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, signedIn, addMarket, type TestApp } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { addDays, chinaDate } from "../../../src/shared/clock.ts";
import { employers, hires, hotlineCases, recordPrints } from "../../../db/schema/index.ts";
import { addEmployer, addPosting, kindIds, YANLING, YUZHOU } from "../jobs/fixtures.ts";
import { addCase } from "../hotline/fixtures.ts";
import { addHires, type HireSpec } from "./fixtures.ts";
import { rateCounts } from "../../../src/features/records/records.repo.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

const today = () => chinaDate(t.clock.now());
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
const days = (n: number, o: Partial<HireSpec> = {}): HireSpec[] => Array.from({ length: n }, (_, i) => ({ wageFen: 20000, endDate: addDays(today(), -1 - i), paid: "paid", ...o }));

test("a new employer's job page says so; the record and its link sit below the key facts", async () => {
  const e = await addEmployer(t);
  const job = await addPosting(t, e.employerId);
  const b = t.client();
  await b.get(paths.jobs.show(job));
  assert.is(b.last.status, 200);
  const html = b.last.html;
  assert.ok(html.includes("新雇主,暂无记录"));
  assert.ok(html.indexOf("雇主用工记录") > html.indexOf("</dl>"), "below the facts");
  assert.ok(html.includes(`href="${paths.records.employer(e.employerId)}"`));
});

test("hires, answers and a wage case in plain words, on the job page, the card and in the API; the cache follows each change", async () => {
  const e = await addEmployer(t, { name: "张桂兰" });
  const job = await addPosting(t, e.employerId);
  const b = t.client();
  await b.get(paths.jobs.show(job)); // cached as new
  const ids = await addHires(t, e.employerId, job, [
    { wageFen: 20000, endDate: addDays(today(), -3), paid: "paid" },
    { wageFen: 20000, endDate: addDays(today(), -20), paid: "paid" },
    { wageFen: 20000, endDate: addDays(today(), -40), paid: "not_paid" },
    { wageFen: 20000, endDate: addDays(today(), -1), status: "confirmed" }, // ended, never marked, not answered
    { wageFen: 20000, endDate: addDays(today(), 3), status: "working" }, // not done yet
    { wageFen: 20000, endDate: addDays(today(), -400), paid: "paid" }, // more than a year ago
  ]);
  await b.get(paths.jobs.show(job));
  assert.ok(text(b.last.html).includes("近一年用工 4 次,2 次工人确认拿到了工钱,1 次工人说没拿到,1 次工人还没回答;欠薪投诉 0 起未结"), text(b.last.html));

  // The worker of the unanswered hire answers: the page follows.
  await t.deps.database.write((db) => db.update(hires).set({ paid: "paid", paidAnsweredAt: t.clock.now() }).where(eq(hires.id, ids[3])));
  await b.get(paths.jobs.show(job));
  assert.ok(text(b.last.html).includes("近一年用工 4 次,3 次工人确认拿到了工钱,1 次工人说没拿到;欠薪投诉 0 起未结"));

  // A wage case opens; another process's write (the raw client, no generation bump) shows within a second.
  await addCase(t, { employerId: e.employerId, hireId: ids[2] });
  await b.get(paths.jobs.show(job));
  assert.ok(text(b.last.html).includes("欠薪投诉 1 起未结(近一年共收到 1 起)"));
  await t.deps.database.client.execute({ sql: "UPDATE hotline_cases SET status = 'closed' WHERE employer_id = ?", args: [e.employerId] });
  await new Promise((r) => setTimeout(r, 1100));
  // (The API, as anonymous pages may be kept a few seconds by the page cache when the write came from elsewhere.)
  const afterClose = (await (await t.app.request(`/api/v1/jobs/${job}`)).json()) as { employerRecord: { wageCasesOpen: number } };
  assert.is(afterClose.employerRecord.wageCasesOpen, 0, "closed elsewhere, seen once the counters are read again");

  // The public card: a private employer's name is not shown.
  await b.get(paths.records.employer(e.employerId));
  assert.is(b.last.status, 200);
  assert.ok(text(b.last.html).includes("近一年用工 4 次,3 次工人确认拿到了工钱"));
  assert.not.ok(b.last.html.includes("张桂兰"));
  assert.ok(b.last.html.includes("个人雇主"));
  assert.ok(b.last.html.includes(`href="${paths.jobs.show(job)}"`));

  // The API: figures only.
  const api = (await (await t.app.request(`/api/v1/jobs/${job}`)).json()) as Record<string, unknown>;
  assert.equal(api.employerRecord, {
    from: "2025-11-29",
    to: today(),
    hiresCompleted: 4,
    paidConfirmed: 3,
    notPaid: 1,
    noAnswer: 0,
    wageCasesOpened: 1,
    wageCasesOpen: 0,
    verifiedSince: today(),
    isNew: false,
  });
  assert.is(api.goingRate, null, "6 hires: below the threshold");
  assert.not.ok(JSON.stringify(api).includes("张桂兰"));
});

test("a pending employer has no public card; an unknown one neither", async () => {
  const e = await addEmployer(t, { status: "pending" });
  const b = t.client();
  await b.get(paths.records.employer(e.employerId));
  assert.is(b.last.status, 404);
  await b.get(paths.records.employer(999999));
  assert.is(b.last.status, 404);
});

test("the employer sees her own record and which hires count", async () => {
  const e = await addEmployer(t);
  const job = await addPosting(t, e.employerId, { title: "小区保洁" });
  await addHires(t, e.employerId, job, [
    { wageFen: 20000, endDate: addDays(today(), -2), paid: "not_paid" },
    { wageFen: 20000, endDate: addDays(today(), 2), status: "working" },
  ]);
  const b = t.client();
  await b.login(e.phone, "correct horse 1");
  await b.get(paths.employers.home);
  assert.ok(b.last.html.includes(`href="${paths.records.employerMine}"`), "linked from her home");
  await b.get(paths.records.employerMine);
  assert.is(b.last.status, 200);
  const s = text(b.last.html);
  assert.ok(s.includes("近一年用工 1 次,0 次工人确认拿到了工钱,1 次工人说没拿到"));
  assert.ok(s.includes("算进记录的用工(1 次)"));
  assert.ok(s.includes("工人说没拿到"));
  assert.ok(s.includes("这些数字怎么算"));
});

test("the going rate: county from 10 hires, city fallback, nothing below; on the form, the job page (well below) and in the API", async () => {
  const kinds = await kindIds(t);
  const e = await addEmployer(t);
  const hourly = { kind: "水电安装", wageUnit: "hour" as const };
  const job = await addPosting(t, e.employerId, { ...hourly, wageFen: 2400 });
  const api = async (id: number) => ((await (await t.app.request(`/api/v1/jobs/${id}`)).json()) as { goingRate: Record<string, unknown> | null }).goingRate;
  // 9 hires in 鄢陵县: nothing yet.
  const wages = [28, 28, 29, 30, 30, 30, 31, 33, 35];
  await addHires(t, e.employerId, job, wages.map((y) => ({ wageFen: y * 100, unit: "hour", endDate: today(), status: "working" })));
  assert.is(await api(job), null);
  const b = t.client();
  await b.get(paths.jobs.show(job));
  assert.not.ok(b.last.html.includes("明显低于本地行情"));
  // The 10th.
  await addHires(t, e.employerId, job, [{ wageFen: 3600, unit: "hour", endDate: today(), status: "working" }]);
  assert.equal(await api(job), { days: 90, scope: "county", county: { code: YANLING, name: "鄢陵县" }, unit: "hour", hires: 10, medianFen: 3000, p25Fen: 2925, p75Fen: 3250 });
  // 24 元 an hour is under 85% of 30: the worker is told.
  await b.get(paths.jobs.show(job));
  assert.ok(text(b.last.html).includes("这个工钱明显低于本地行情(中位数 30 元/小时)"));
  // The employer sees the going rate on her form (her county), and on her own posting.
  const eb = t.client();
  await eb.login(e.phone, "correct horse 1");
  await eb.get(paths.jobs.new);
  assert.ok(text(eb.last.html).includes("鄢陵县 水电安装 近 90 天成交:中位数 30 元/小时,多数在 29.25–32.5 元(10 次用工)"), text(eb.last.html));
  await eb.get(paths.jobs.show(job));
  assert.ok(text(eb.last.html).includes("鄢陵县 水电安装 近 90 天成交:中位数 30 元/小时"));
  // 禹州市 has no such hires: the city's figures, said to be the city's.
  const yz = await addPosting(t, e.employerId, { ...hourly, countyCode: YUZHOU, wageFen: 3000 });
  const r = await api(yz);
  assert.is(r?.scope, "city");
  assert.is(r?.county, null);
  assert.is(r?.hires, 10);
  // Another unit: nothing. Hires older than 90 days: not counted.
  const daily = await addPosting(t, e.employerId, { kind: "水电安装", wageUnit: "day", wageFen: 20000 });
  assert.is(await api(daily), null);
  assert.ok(kinds.has("水电安装"));
  // The table is read one row per (kind, county, unit, wage) with how many hires had it, not hire by hire
  // (fewer row objects: 2,202 rows instead of 20,000 in the bench's data set).
  const grouped = (await rateCounts(t.deps.database.db, t.clock.now() - 90 * 86400_000)).filter((g) => g.kindId === kinds.get("水电安装") && g.countyCode === YANLING && g.unit === "hour");
  assert.equal(
    grouped.map((g) => [g.wageFen, g.n]).sort((x, y) => x[0] - y[0]),
    [[2800, 2], [2900, 1], [3000, 3], [3100, 1], [3300, 1], [3500, 1], [3600, 1]],
  );
});

test("hires agreed more than 90 days ago leave the going rate", async () => {
  const e = await addEmployer(t);
  const job = await addPosting(t, e.employerId, { kind: "搬运装卸", wageUnit: "piece", wageFen: 100 });
  const old = t.clock.now() - 90 * 86400_000;
  await addHires(t, e.employerId, job, Array.from({ length: 10 }, () => ({ wageFen: 100, unit: "piece" as const, endDate: today(), confirmedAt: old })));
  const g = ((await (await t.app.request(`/api/v1/jobs/${job}`)).json()) as { goingRate: unknown }).goingRate;
  assert.is(g, null);
});

test("a worker's record: listed from her menu, printed on one page with a QR code staff can check", async () => {
  const e = await addEmployer(t, { name: "鄢陵花木公司" });
  await t.deps.database.write((db) => db.update(employers).set({ kind: "company" }).where(eq(employers.id, e.employerId)));
  const job = await addPosting(t, e.employerId, { title: "花木修剪" });
  const w = await signedIn(t, { role: "worker", name: "王秀英", pin: "246810", countyCode: YANLING });
  await addHires(t, e.employerId, job, [
    { wageFen: 15000, startDate: addDays(today(), -5), endDate: addDays(today(), -4), paid: "paid", workerId: w.user.id },
  ]);
  const job2 = await addPosting(t, e.employerId, { title: "仓库卸货" });
  await addHires(t, e.employerId, job2, [{ wageFen: 18000, endDate: addDays(today(), -1), paid: "not_paid", workerId: w.user.id }]);
  await w.get(paths.accounts.me);
  assert.ok(w.last.html.includes(`href="${paths.records.mine}"`), "linked from /me");
  await w.get(paths.records.mine);
  const s = text(w.last.html);
  assert.ok(s.includes("共 2 次用工,1 次拿到了工钱,1 次没拿到"));
  assert.ok(s.includes("花木修剪") && s.includes("鄢陵花木公司") && s.includes("150 元/天") && s.includes("拿到了"));
  // Print: POST issues the code, the print page shows it; printing again the same day reuses it.
  await w.post(paths.records.minePrint, {});
  assert.is(w.last.status, 303);
  const url = w.last.location!;
  const code = new URL(url, "http://x").searchParams.get("code")!;
  assert.match(code, /^[A-Za-z0-9_-]{16}$/);
  assert.not.ok(url.includes(String(w.user.id)) || url.includes(w.user.phone));
  await w.get(url);
  assert.is(w.last.status, 200);
  assert.ok(w.last.html.includes("<svg"));
  assert.ok(w.last.html.includes(`核验码:${code}`));
  await w.get(paths.records.mine);
  await w.post(paths.records.minePrint, {});
  assert.is(new URL(w.last.location!, "http://x").searchParams.get("code"), code);
  assert.is((await t.db.select().from(recordPrints).where(eq(recordPrints.workerId, w.user.id))).length, 1);
  // Someone else's code, or none: back to her record.
  const other = await signedIn(t, { role: "worker", pin: "135790" });
  await other.get(url);
  assert.is(other.last.status, 303);
  assert.is(other.last.location, paths.records.mine);
  // The check page: staff only.
  await other.get(paths.records.check(code));
  assert.is(other.last.status, 404);
  const m = await addMarket(t, { countyCode: YUZHOU });
  const staff = await signedIn(t, { role: "staff", marketId: m });
  await staff.get(paths.records.check(code));
  assert.is(staff.last.status, 200);
  const c = text(staff.last.html);
  assert.ok(c.includes("这份记录是本平台出具的") && c.includes("王秀英") && c.includes("共 2 次用工,1 次拿到了工钱,1 次没拿到"));
  await staff.get(paths.records.check("FakeCode12345678"));
  assert.ok(text(staff.last.html).includes("查不到这个核验码"));
});

test("the desk prints a worker's record for her, from her desk page", async () => {
  const m = await addMarket(t, { countyCode: YANLING, tier: "station" });
  const staff = await signedIn(t, { role: "staff", marketId: m });
  const w = await signedIn(t, { role: "worker", name: "赵大姐", pin: "246810", countyCode: YANLING });
  await staff.get(paths.desk.worker(w.user.id));
  assert.is(staff.last.status, 200);
  assert.ok(staff.last.html.includes(`action="${paths.desk.record(w.user.id)}"`));
  await staff.post(paths.desk.record(w.user.id), {});
  assert.is(staff.last.status, 303);
  await staff.get(staff.last.location!);
  assert.is(staff.last.status, 200);
  assert.ok(staff.last.html.includes("赵大姐") && staff.last.html.includes("<svg"));
  const [p] = await t.db.select().from(recordPrints).where(eq(recordPrints.workerId, w.user.id));
  assert.is(p.issuedBy, staff.user.id);
});

test("monitoring: the median per kind of work by month, from 10 hires", async () => {
  const admin = await signedIn(t, { role: "city_admin" });
  await admin.get(paths.monitoring.home);
  assert.ok(admin.last.html.includes(`href="${paths.records.trend}"`));
  await admin.get(paths.records.trend);
  assert.is(admin.last.status, 200);
  const s = text(admin.last.html);
  // The 水电安装 hires above: 10 this month at a median of 30 元/小时.
  assert.ok(s.includes("水电安装元/小时—————30"), s);
  assert.ok(s.includes("2026-11"));
});

test.run();
