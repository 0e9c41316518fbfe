// The operations pages through HTTP: the status page (admins only) and a
// worker's "delete my data" request handled at the station.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { auditLog, employers, hires, applications, jobPostings, smsOutbox, users, workerProfiles, workKinds } from "../../../db/schema/index.ts";
import { makeTestApp, addMarket, addUser, signedIn, nextPhone, type TestApp } from "../../helpers/app.ts";
import { insertWorker } from "../../../src/features/workers/index.ts";
import { saveRecord, LAST_BACKUP } from "../../../src/ops/records.ts";
import { paths } from "../../../src/paths.ts";
import { loadMigrations } from "../../../src/shared/migrate.ts";

const YANLING = "411024";
const YUZHOU = "411081";
const version = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")).version;

let t: TestApp;
let marketA: number;
const hooked: number[][] = [];

test.before(async () => {
  t = await makeTestApp();
  marketA = await addMarket(t, { countyCode: YANLING });
  t.deps.hooks.forgetWorkers.push(async (_tx, ids) => void hooked.push(ids));
});
test.after(() => t.close());

async function worker(countyCode: string, viaMarketId: number | null = null) {
  const phone = nextPhone();
  const r = await t.deps.database.transaction((tx) =>
    insertWorker(tx, { phone, name: "王秀英", pinHash: null, countyCode, birthYear: 1962, viaMarketId }, t.clock.now()),
  );
  return { ...r, phone };
}

test("status page: city and county admins see it; staff, workers and employers get 404; visitors are sent to log in", async () => {
  for (const role of ["city_admin", "county_admin"] as const) {
    const b = await signedIn(t, { role, countyCode: YANLING });
    const r = await b.get(paths.ops.status);
    assert.is(r.status, 200, role);
    assert.is(r.headers.get("cache-control"), "no-store");
  }
  for (const role of ["staff", "worker", "employer"] as const) {
    const b = await signedIn(t, { role, marketId: role === "staff" ? marketA : null, pin: role === "worker" ? "135790" : undefined });
    assert.is((await b.get(paths.ops.status)).status, 404, role);
  }
  const anon = await t.client().get(paths.ops.status);
  assert.is(anon.status, 303);
  assert.match(anon.location!, paths.accounts.login);
});

test("status page shows the version, migrations, backup, housekeeping and pending texts", async () => {
  const b = await signedIn(t, { role: "city_admin" });
  let html = (await b.get(paths.ops.status)).html;
  assert.match(html, version);
  assert.match(html, `已升级 ${loadMigrations().length} 步`);
  assert.match(html, "还没有备份过");
  assert.match(html, "已超过两天没有备份");
  assert.match(html, "还没有运行过");
  await t.deps.database.write((db) =>
    db.batch([
      saveRecord(db, LAST_BACKUP, { at: t.clock.now() - 3600_000, file: "lingong-20261128-080000.db", bytes: 3 * 1024 * 1024 }),
      db.insert(smsOutbox).values([
        { toPhone: "13800000001", template: "legacy", params: "{}", status: "pending", createdAt: t.clock.now() },
        { toPhone: "13800000002", template: "legacy", params: "{}", status: "pending", createdAt: t.clock.now() },
        { toPhone: "13800000003", template: "legacy", params: "{}", status: "sent", createdAt: t.clock.now() },
      ]),
    ]),
  );
  html = (await b.get(paths.ops.status)).html;
  assert.match(html, "2026-11-28 08:00(lingong-20261128-080000.db,3.0 MB)");
  assert.not.match(html, "已超过两天没有备份");
  assert.match(html, "2 条");
  assert.match(html, "招工联系方式 365 天");
});

test("staff find a worker of their county by phone or card code, confirm, and the worker is anonymized with an audit entry", async () => {
  const staff = await signedIn(t, { role: "staff", marketId: marketA });
  const w = await worker(YANLING);
  await staff.get(paths.ops.forget);
  const found = await staff.post(paths.ops.forget, { who: w.phone.replace(/(\d{3})(\d{4})/, "$1 $2 ") });
  assert.is(found.status, 303);
  assert.is(found.location, paths.ops.forgetWorker(w.id));
  assert.not.match(found.location!, w.phone, "no phone in the URL");
  const byCard = await staff.post(paths.ops.forget, { who: w.cardCode.toLowerCase() });
  assert.is(byCard.location, paths.ops.forgetWorker(w.id));

  const page = await staff.get(paths.ops.forgetWorker(w.id));
  assert.is(page.status, 200);
  assert.not.match(page.html, w.phone, "the phone is masked");
  assert.match(page.html, w.phone.slice(-4));

  const unconfirmed = await staff.post(paths.ops.forgetWorker(w.id), {});
  assert.is(unconfirmed.status, 400);
  assert.match(unconfirmed.html, "请先勾选确认");
  assert.is((await t.db.select().from(users).where(eq(users.id, w.id)))[0].phone, w.phone, "nothing written");

  const done = await staff.post(paths.ops.forgetWorker(w.id), { confirm: "yes" });
  assert.is(done.status, 303);
  assert.is(done.location, paths.ops.forget);
  assert.match((await staff.follow()).html, "已注销,个人信息已删除");
  const [u] = await t.db.select().from(users).where(eq(users.id, w.id));
  assert.is(u.name, "已注销");
  assert.is(u.phone, `forgotten-${w.id}`);
  const [p] = await t.db.select().from(workerProfiles).where(eq(workerProfiles.userId, w.id));
  assert.equal([p.cardCode, p.birthYear], [null, null]);
  const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, w.id));
  assert.equal([entry.action, entry.actorId, entry.onBehalfOf, entry.marketId], ["worker.forget", staff.user.id, w.id, marketA]);
  assert.ok(hooked.some((ids) => ids.includes(w.id)), "other features' forgetWorkers hooks ran");

  const again = await staff.get(paths.ops.forgetWorker(w.id));
  assert.match(again.html, "这个账号已经注销过了");
  assert.is((await staff.post(paths.ops.forgetWorker(w.id), { confirm: "yes" })).status, 422);
  assert.is((await staff.post(paths.ops.forget, { who: w.phone })).status, 404, "the old number finds no one");
});

test("out of scope reads as not found: another county's worker, by lookup, page or POST", async () => {
  const staff = await signedIn(t, { role: "staff", marketId: marketA });
  const other = await worker(YUZHOU);
  await staff.get(paths.ops.forget);
  const lookup = await staff.post(paths.ops.forget, { who: other.phone });
  assert.is(lookup.status, 404);
  assert.match(lookup.html, "没有找到这个工人,或不在您管辖的范围内");
  assert.is((await staff.get(paths.ops.forgetWorker(other.id))).status, 404);
  assert.is((await staff.post(paths.ops.forgetWorker(other.id), { confirm: "yes" })).status, 404);
  assert.is((await t.db.select().from(users).where(eq(users.id, other.id)))[0].phone, other.phone);
  // A worker of another county registered at this station is theirs to handle.
  const walkIn = await worker(YUZHOU, marketA);
  assert.is((await staff.post(paths.ops.forget, { who: walkIn.phone })).status, 303);
  // The county admin of Yuzhou may; a worker may not even see the page.
  const yuzhouAdmin = await signedIn(t, { role: "county_admin", countyCode: YUZHOU });
  assert.is((await yuzhouAdmin.get(paths.ops.forgetWorker(other.id))).status, 200);
  const aWorker = await signedIn(t, { role: "worker", pin: "135790" });
  assert.is((await aWorker.get(paths.ops.forget)).status, 404);
  assert.is((await staff.get(paths.ops.forgetWorker(999_999))).status, 404);
  assert.is((await staff.get(paths.ops.forgetWorker(staff.user.id))).status, 404, "not a worker");
});

test("bad input re-renders the form with the input kept (400)", async () => {
  const staff = await signedIn(t, { role: "staff", marketId: marketA });
  await staff.get(paths.ops.forget);
  const cases: [Record<string, string>, string][] = [
    [{}, "请填写工人的手机号或工人卡号"],
    [{ who: "12345" }, "手机号 11 位"],
    [{ who: "<b>x</b>" }, "&lt;b&gt;x&lt;/b&gt;"],
    [{ who: "1".repeat(40) }, "不能超过 30 个字"],
  ];
  for (const [form, want] of cases) {
    const r = await staff.post(paths.ops.forget, form);
    assert.is(r.status, 400, JSON.stringify(form));
    assert.match(r.html, want);
  }
});

test("a worker with work going on cannot be forgotten yet (422)", async () => {
  const staff = await signedIn(t, { role: "staff", marketId: marketA });
  const w = await worker(YANLING);
  const boss = await addUser(t, { role: "employer" });
  const kindId = (await t.db.select().from(workKinds).limit(1))[0].id;
  const now = t.clock.now();
  const [emp] = await t.deps.database.write((db) =>
    db.insert(employers).values({ userId: boss.id, kind: "private", name: "李", contactName: "李", contactPhone: boss.phone, countyCode: YANLING, createdAt: now }).returning(),
  );
  const [post] = await t.deps.database.write((db) =>
    db.insert(jobPostings).values({ employerId: emp.id, title: "摘花生", kindId, form: "gig", headcount: 1, startDate: "2026-11-28", endDate: "2026-12-02", countyCode: YANLING, contactName: "李", contactPhone: boss.phone, createdAt: now, updatedAt: now }).returning(),
  );
  const [app] = await t.deps.database.write((db) => db.insert(applications).values({ postingId: post.id, workerId: w.id, status: "confirmed", createdAt: now }).returning());
  await t.deps.database.write((db) =>
    db.insert(hires).values({ applicationId: app.id, postingId: post.id, employerId: emp.id, workerId: w.id, wageFen: 15000, wageUnit: "day", startDate: "2026-11-28", endDate: "2026-12-02", place: "城关镇", status: "working", confirmedAt: now }),
  );
  const page = await staff.get(paths.ops.forgetWorker(w.id));
  assert.is(page.status, 200);
  assert.match(page.html, "还有没结束的用工");
  assert.not.match(page.html, "注销并删除");
  const r = await staff.post(paths.ops.forgetWorker(w.id), { confirm: "yes" });
  assert.is(r.status, 422);
  assert.is((await t.db.select().from(users).where(eq(users.id, w.id)))[0].phone, w.phone);
});

test("my account links staff to the request page, and admins to the status page too", async () => {
  const staff = await signedIn(t, { role: "staff", marketId: marketA });
  const me = (await staff.get(paths.accounts.me)).html;
  assert.match(me, paths.ops.forget);
  assert.not.match(me, paths.ops.status);
  const admin = await signedIn(t, { role: "county_admin", countyCode: YANLING });
  assert.match((await admin.get(paths.accounts.me)).html, paths.ops.status);
});

test.run();
