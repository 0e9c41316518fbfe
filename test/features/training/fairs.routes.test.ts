// Job fairs through HTTP: what workers see by zone, employers booking (and
// every refusal, with nothing written), staff creating fairs, recording
// no-shows and cancelling.
import { test } from "uvu";
import { renderTemplate } from "../../../src/features/messages/index.ts";
const smsText = (m: { template: string; params: string }) => renderTemplate(m.template, JSON.parse(m.params));
import * as assert from "uvu/assert";
import { and, eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp, type Browser } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { jobFairs, jobFairZones, jobFairBookings, auditLog, messages, smsOutbox } from "../../../db/schema/index.ts";
import { addFair, addEmployer, addPosting, employerBrowser, kindId } from "./fixtures.ts";

let t: TestApp;
let marketA: number;
let marketB: number;
/** Another market in market A's own county: staff are scoped by market, not by county. */
let marketC: number;
let staff: Browser & { user: { id: number } };

test.before(async () => {
  t = await makeTestApp();
  marketA = await addMarket(t, { name: "鄢陵县零工驿站", countyCode: "411024" });
  marketB = await addMarket(t, { name: "禹州市零工市场", countyCode: "411081", tier: "county" });
  marketC = await addMarket(t, { name: "鄢陵县零工市场", countyCode: "411024", tier: "county" });
  staff = await signedIn(t, { role: "staff", name: "张干事", marketId: marketA });
});
test.after(() => t.close());
test.before.each(() => t.clock.set("2026-11-28T09:00:00+08:00"));

const zone = async (id: number) => (await t.db.select().from(jobFairZones).where(eq(jobFairZones.id, id)))[0];
const bookingsOf = (fairId: number) => t.db.select().from(jobFairBookings).where(eq(jobFairBookings.fairId, fairId));

test("workers see upcoming fairs, the zones by kind of work, and the open postings of the employers in each zone", async () => {
  const { fairId, zoneIds } = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 10 }, { kind: "养老护理", capacity: 5 }], { title: "冬季家政养老专场" });
  await addFair(t, marketA, [{ kind: "家政保洁", capacity: 1 }], { title: "已经过去的招聘会", date: "2026-11-20" });
  await addFair(t, marketA, [{ kind: "家政保洁", capacity: 1 }], { title: "取消了的招聘会", status: "cancelled", cancelReason: "天气" });
  const employerId = await addEmployer(t, "verified", "鄢陵县花都家政");
  await addPosting(t, employerId, "家政保洁", { title: "保洁员(白班)" });
  await addPosting(t, employerId, "家政保洁", { title: "已招满的岗位", status: "filled" });
  const otherEmployer = await addEmployer(t, "verified", "别家公司");
  await addPosting(t, otherEmployer, "家政保洁", { title: "别家的岗位" });
  await t.deps.database.write((db) => db.insert(jobFairBookings).values({ fairId, zoneId: zoneIds[0], employerId, createdAt: t.clock.now() }));

  const b = t.client();
  await b.get(paths.training.fairs);
  assert.match(b.last.html, "冬季家政养老专场");
  assert.not.match(b.last.html, "已经过去的招聘会");
  assert.not.match(b.last.html, "取消了的招聘会");
  await b.get(paths.training.fair(fairId));
  assert.match(b.last.html, "家政保洁区");
  assert.match(b.last.html, "养老护理区");
  assert.match(b.last.html, "用人单位请登录后预订展位");
  await b.get(paths.training.fairZone(fairId, zoneIds[0]));
  assert.match(b.last.html, "鄢陵县花都家政");
  assert.match(b.last.html, "保洁员(白班)");
  assert.match(b.last.html, paths.jobs.show(1).replace("1", ""));
  assert.not.match(b.last.html, "已招满的岗位");
  assert.not.match(b.last.html, "别家的岗位");
  await b.get(paths.training.fairZone(fairId, zoneIds[1]));
  assert.match(b.last.html, "还没有单位订这个展区");
  // A zone of another fair, or nonsense, is not a page.
  const other = await addFair(t, marketA, [{ kind: "搬运装卸", capacity: 3 }]);
  for (const url of [paths.training.fairZone(fairId, other.zoneIds[0]), paths.training.fairZone(fairId, "abc"), paths.training.fair("0"), paths.training.fair(999999)]) {
    assert.is((await b.get(url)).status, 404, url);
  }
});

test("a verified employer books a place in a zone; the second try is 409; giving it back frees the place", async () => {
  const { fairId, zoneIds } = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 2 }]);
  const e = await employerBrowser(t, "verified");
  await e.get(paths.training.fair(fairId));
  assert.match(e.last.html, 'name="zoneId"');
  await e.post(paths.training.fairBook(fairId), { zoneId: String(zoneIds[0]) });
  assert.is(e.last.status, 303);
  await e.follow();
  assert.match(e.last.html, "展位已订好");
  assert.match(e.last.html, "您已订展位:家政保洁区");
  assert.is((await zone(zoneIds[0])).bookedCount, 1);

  const again = await e.post(paths.training.fairBook(fairId), { zoneId: String(zoneIds[0]) });
  assert.is(again.status, 409);
  assert.match(again.html, "已经订过");
  assert.is((await zone(zoneIds[0])).bookedCount, 1);

  const [booking] = await bookingsOf(fairId);
  await e.get(paths.training.fair(fairId));
  await e.post(paths.training.fairCancelBooking(booking.id));
  assert.is(e.last.status, 303);
  assert.is((await zone(zoneIds[0])).bookedCount, 0);
  assert.is((await bookingsOf(fairId))[0].status, "cancelled");
  // Booking again reuses the same row.
  await e.get(paths.training.fair(fairId));
  await e.post(paths.training.fairBook(fairId), { zoneId: String(zoneIds[0]) });
  assert.equal((await bookingsOf(fairId)).map((b) => [b.id, b.status]), [[booking.id, "booked"]]);
});

test("booking refusals: bad zone, unverified employer, full zone, past or cancelled fair — clear message, nothing written", async () => {
  const { fairId, zoneIds } = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 1 }, { kind: "养老护理", capacity: 3 }]);
  const elsewhere = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 5 }]);
  const past = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 5 }], { date: "2026-11-27" });
  const cancelled = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 5 }], { status: "cancelled", cancelReason: "下雪" });
  const full = await addEmployer(t, "verified", "先订的公司");
  await t.deps.database.write((db) =>
    db.batch([
      db.insert(jobFairBookings).values({ fairId, zoneId: zoneIds[0], employerId: full, createdAt: t.clock.now() }),
      db.update(jobFairZones).set({ bookedCount: 1 }).where(eq(jobFairZones.id, zoneIds[0])),
    ]),
  );
  const verified = await employerBrowser(t, "verified", "后来的公司");
  const pending = await employerBrowser(t, "pending", "待审核的公司");
  const noRecord = await signedIn(t, { role: "employer", name: "没填资料的老板" });

  const cases: [string, Browser, number, Record<string, string>, number, string][] = [
    ["a zone of another fair", verified, fairId, { zoneId: String(elsewhere.zoneIds[0]) }, 422, "没有这个展区"],
    ["a zone that does not exist", verified, fairId, { zoneId: "999999" }, 422, "没有这个展区"],
    ["no zone chosen", verified, fairId, {}, 400, "请选择展区"],
    ["a zone id that is not a number", verified, fairId, { zoneId: "1 OR 1=1" }, 400, "展区的选项不对"],
    ["a full zone", verified, fairId, { zoneId: String(zoneIds[0]) }, 409, "已订满"],
    ["a pending employer", pending, fairId, { zoneId: String(zoneIds[1]) }, 422, "还没通过审核"],
    ["an employer account without a record", noRecord, fairId, { zoneId: String(zoneIds[1]) }, 422, "还没通过审核"],
    ["a past fair", verified, past.fairId, { zoneId: String(past.zoneIds[0]) }, 422, "已经结束"],
    ["a cancelled fair", verified, cancelled.fairId, { zoneId: String(cancelled.zoneIds[0]) }, 422, "已取消"],
  ];
  for (const [name, browser, fair, fields, status, message] of cases) {
    await browser.get(paths.training.fair(fair));
    const r = await browser.post(paths.training.fairBook(fair), fields);
    assert.is(r.status, status, name);
    assert.match(r.html, message, name);
  }
  assert.equal((await bookingsOf(fairId)).map((b) => b.employerId), [full]);
  assert.equal([(await zone(zoneIds[0])).bookedCount, (await zone(zoneIds[1])).bookedCount], [1, 0]);
  for (const f of [past, cancelled, elsewhere]) assert.is((await bookingsOf(f.fairId)).length, 0);

  // Not an employer at all: a worker gets 404, a visitor is sent to log in.
  const w = await signedIn(t, { role: "worker", pin: "246810" });
  await w.get(paths.training.fair(fairId));
  assert.is((await w.post(paths.training.fairBook(fairId), { zoneId: String(zoneIds[1]) })).status, 404);
  const anon = t.client();
  await anon.get(paths.training.fair(fairId));
  assert.is((await anon.post(paths.training.fairBook(fairId), { zoneId: String(zoneIds[1]) })).status, 303);
  assert.is((await bookingsOf(fairId)).length, 1);
});

test("ten employers booking a zone of three places at once: exactly three get one", async () => {
  const { fairId, zoneIds } = await addFair(t, marketA, [{ kind: "搬运装卸", capacity: 3 }]);
  const employers = await Promise.all(Array.from({ length: 10 }, (_, i) => employerBrowser(t, "verified", `搬运公司${i}`)));
  await Promise.all(employers.map((e) => e.get(paths.training.fair(fairId))));
  const results = await Promise.all(employers.map((e) => e.post(paths.training.fairBook(fairId), { zoneId: String(zoneIds[0]) })));
  assert.equal(results.map((r) => r.status).sort(), [303, 303, 303, 409, 409, 409, 409, 409, 409, 409]);
  assert.is((await bookingsOf(fairId)).length, 3);
  assert.is((await zone(zoneIds[0])).bookedCount, 3);
});

test("an employer cannot give back another's place, nor on the day", async () => {
  const { fairId, zoneIds } = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 5 }], { date: "2026-11-28" });
  const e = await employerBrowser(t, "verified", "甲公司");
  const other = await employerBrowser(t, "verified", "乙公司");
  await e.get(paths.training.fair(fairId));
  await e.post(paths.training.fairBook(fairId), { zoneId: String(zoneIds[0]) });
  const [booking] = await bookingsOf(fairId);
  await other.get(paths.training.fair(fairId));
  assert.is((await other.post(paths.training.fairCancelBooking(booking.id))).status, 404);
  await e.get(paths.training.fair(fairId));
  const r = await e.post(paths.training.fairCancelBooking(booking.id));
  assert.is(r.status, 422);
  assert.match(r.html, "当天不能在网上取消");
  assert.is((await bookingsOf(fairId))[0].status, "booked");
});

test("staff create a fair with zones by kind of work; bad input re-renders with nothing written", async () => {
  const cleaning = await kindId(t, "家政保洁");
  const care = await kindId(t, "养老护理");
  const good = { marketId: String(marketA), title: "春风行动专场招聘会", date: "2026-12-20", hours: "8:30-12:00", place: "鄢陵县人民广场", [`zone${cleaning}`]: "10", [`zone${care}`]: "6" };
  await staff.get(paths.training.staffFairNew);
  assert.match(staff.last.html, `name="zone${care}"`);
  const before = (await t.db.select().from(jobFairs)).length;
  const cases: [string, Record<string, string>, number, string][] = [
    ["no title", { title: "" }, 400, "请填写招聘会名称"],
    ["no place", { place: "" }, 400, "请填写地点"],
    ["bad date", { date: "2026-13-01" }, 400, "日期请填日期"],
    ["a date in the past", { date: "2026-11-27" }, 422, "日期不能早于今天"],
    ["no zones", { [`zone${cleaning}`]: "", [`zone${care}`]: "" }, 422, "至少设一个展区"],
    ["zone places not a number", { [`zone${care}`]: "六" }, 400, "养老护理 展位数请填数字"],
    ["zone places zero", { [`zone${care}`]: "0" }, 400, "养老护理 展位数应在 1 到 200 之间"],
    ["another county's market", { marketId: String(marketB) }, 422, "主办市场的选项不对"],
    ["another market in the same county", { marketId: String(marketC) }, 422, "主办市场的选项不对"],
  ];
  for (const [name, o, status, message] of cases) {
    const r = await staff.post(paths.training.staffFairNew, { ...good, ...o });
    assert.is(r.status, status, name);
    assert.match(r.html, message, name);
    assert.match(r.html, 'id="error-summary"', name);
  }
  assert.is((await t.db.select().from(jobFairs)).length, before);

  await staff.post(paths.training.staffFairNew, good);
  assert.is(staff.last.status, 303);
  const id = Number(staff.last.location!.split("/").pop());
  const zones = await t.db.select().from(jobFairZones).where(eq(jobFairZones.fairId, id));
  assert.equal(zones.map((z) => [z.workKindId, z.capacity]).sort(), [[cleaning, 10], [care, 6]].sort());
  assert.is((await t.db.select().from(auditLog).where(and(eq(auditLog.action, "fair.create"), eq(auditLog.subjectId, id)))).length, 1);
  await staff.follow();
  assert.match(staff.last.html, "春风行动专场招聘会");
});

test("staff record a no-show on or after the day, with an audit entry; it shows against the employer at the next fair", async () => {
  const { fairId, zoneIds } = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 5 }], { date: "2026-11-29" });
  const employerId = await addEmployer(t, "verified", "爽约公司");
  await t.deps.database.write((db) => db.insert(jobFairBookings).values({ fairId, zoneId: zoneIds[0], employerId, createdAt: t.clock.now() }));
  const [booking] = await bookingsOf(fairId);
  await staff.get(paths.training.staffFair(fairId));
  assert.not.match(staff.last.html, "爽约公司 未到场", "no button before the day");
  const early = await staff.post(paths.training.staffNoShow(booking.id));
  assert.is(early.status, 422);
  assert.match(early.html, "还没到");
  assert.is((await bookingsOf(fairId))[0].status, "booked");

  // On the day of a fair, the button is there and the record is kept.
  const today = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 5 }], { date: "2026-11-28" });
  await t.deps.database.write((db) => db.insert(jobFairBookings).values({ fairId: today.fairId, zoneId: today.zoneIds[0], employerId, createdAt: t.clock.now() }));
  const [todays] = await bookingsOf(today.fairId);
  await staff.get(paths.training.staffFair(today.fairId));
  assert.match(staff.last.html, "爽约公司 未到场");
  await staff.post(paths.training.staffNoShow(todays.id));
  assert.is(staff.last.status, 303);
  const [after] = await bookingsOf(today.fairId);
  assert.equal([after.status, after.noShowBy], ["no_show", staff.user.id]);
  assert.is((await t.db.select().from(auditLog).where(and(eq(auditLog.action, "fair.no_show"), eq(auditLog.subjectId, todays.id)))).length, 1);
  // Recording it twice is refused.
  await staff.get(paths.training.staffFair(today.fairId));
  assert.is((await staff.post(paths.training.staffNoShow(todays.id))).status, 422);

  const next = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 5 }], { date: "2026-12-20" });
  await t.deps.database.write((db) => db.insert(jobFairBookings).values({ fairId: next.fairId, zoneId: next.zoneIds[0], employerId, createdAt: t.clock.now() }));
  await staff.get(paths.training.staffFair(next.fairId));
  assert.match(staff.last.html, "以往未到场 1 次");
});

test("staff of another market, in the same county or another, get 404 on a fair's staff page and its actions", async () => {
  for (const market of [marketC, marketB]) {
    const { fairId, zoneIds } = await addFair(t, market, [{ kind: "家政保洁", capacity: 5 }], { date: "2026-11-28" });
    const employerId = await addEmployer(t, "verified");
    await t.deps.database.write((db) => db.insert(jobFairBookings).values({ fairId, zoneId: zoneIds[0], employerId, createdAt: t.clock.now() }));
    const [booking] = await bookingsOf(fairId);
    assert.is((await staff.get(paths.training.staffFair(fairId))).status, 404, `market ${market}`);
    await staff.get(paths.training.staffFairs);
    assert.not.match(staff.last.html, `href="${paths.training.staffFair(fairId)}"`, `market ${market}: not on the staff list`);
    assert.is((await staff.post(paths.training.staffNoShow(booking.id))).status, 404);
    assert.is((await staff.post(paths.training.staffFairCancel(fairId), { reason: "x" })).status, 404);
    assert.equal([(await bookingsOf(fairId))[0].status, (await t.db.select().from(jobFairs).where(eq(jobFairs.id, fairId)))[0].status], ["booked", "open"]);
  }
});

test("staff cancel a fair: the reason is required; booked employers are told in the inbox and by SMS", async () => {
  const { fairId, zoneIds } = await addFair(t, marketA, [{ kind: "家政保洁", capacity: 5 }], { title: "要取消的招聘会" });
  const e = await employerBrowser(t, "verified", "通知公司");
  await e.get(paths.training.fair(fairId));
  await e.post(paths.training.fairBook(fairId), { zoneId: String(zoneIds[0]) });
  await staff.get(paths.training.staffFair(fairId));
  const r = await staff.post(paths.training.staffFairCancel(fairId), { reason: "" });
  assert.is(r.status, 400);
  assert.match(r.html, "请填写取消原因");
  await staff.post(paths.training.staffFairCancel(fairId), { reason: "场地临时征用" });
  assert.is(staff.last.status, 303);
  assert.is((await t.db.select().from(jobFairs).where(eq(jobFairs.id, fairId)))[0].status, "cancelled");
  assert.ok((await t.db.select().from(messages).where(eq(messages.userId, e.user.id))).some((m) => m.body.includes("场地临时征用")));
  assert.ok((await t.db.select().from(smsOutbox)).some((m) => m.toPhone === "13700001111" && smsText(m).includes("要取消的招聘会")));
  await e.get(paths.training.fair(fairId));
  assert.match(e.last.html, "这场招聘会已取消");
});

test.run();
