// 市场监管 through the pages: inspections with a rectification deadline that
// shows as overdue on the checklists and as the last inspection on the public
// page and API; incidents linked to a hotline case, counted for admins and
// never public; roadside points with counts that monitoring shows per county.
// Scope: the staff of another market in the same county see none of it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp, type Browser } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { auditLog, hotlineCases, inspectionItemResults, marketIncidents, marketInspections, roadsideCounts } from "../../../db/schema/index.ts";
import { formatCaseNumber } from "../../../src/features/hotline/index.ts";
import { addPoint } from "./fixtures.ts";

const YANLING = "411024";
const YUZHOU = "411081";
let t: TestApp;
let marketA: number; // 鄢陵县 station
let marketA2: number; // another station in the same county
let marketB: number; // 禹州市
type Agent = Browser & { user: { id: number; phone: string; password: string } };
let staffA: Agent;
let staffA2: Agent;
let adminX: Agent;
let adminY: Agent;
let city: Agent;
/** Moves the clock; staff sessions end after 15 idle minutes, so everyone signs in again (as they would). */
async function setClock(iso: string) {
  t.clock.set(iso);
  for (const b of [staffA, staffA2, adminX, adminY, city]) {
    b.cookies.clear();
    b.csrf = "";
    await b.login(b.user.phone, b.user.password);
  }
}

test.before(async () => {
  t = await makeTestApp({ now: "2026-12-05T10:00:00+08:00" });
  marketA = await addMarket(t, { name: "城关零工驿站", countyCode: YANLING, tier: "station" });
  marketA2 = await addMarket(t, { name: "马栏零工驿站", countyCode: YANLING, tier: "station" });
  marketB = await addMarket(t, { name: "禹州市零工市场", countyCode: YUZHOU, tier: "county" });
  staffA = await signedIn(t, { role: "staff", name: "张干事", marketId: marketA, countyCode: YANLING });
  staffA2 = await signedIn(t, { role: "staff", name: "孙干事", marketId: marketA2, countyCode: YANLING });
  adminX = await signedIn(t, { role: "county_admin", name: "赵科长", countyCode: YANLING });
  adminY = await signedIn(t, { role: "county_admin", name: "钱科长", countyCode: YUZHOU });
  city = await signedIn(t, { role: "city_admin", name: "刘主任" });
});
test.after(() => t.close());

const inspection = (o: Record<string, string | undefined> = {}) => ({
  date: "2026-12-05",
  inspectors: "县人社局 李科长、王干事",
  item_fire: "fail",
  note_fire: "二楼灭火器过期",
  item_shelter: "pass",
  item_electricity: "pass",
  item_order: "pass",
  item_sanitation: "pass",
  rectifyBy: "2026-12-10",
  ...o,
});

let inspectionId = 0;

test("staff are reached from /me, record an inspection; a failed item without a note or deadline is refused with the input kept", async () => {
  await staffA.get(paths.accounts.me);
  assert.ok(staffA.last.html.includes(`href="${paths.supervision.home}"`), "no link to 市场监管 on /me");
  await staffA.get(paths.supervision.home);
  assert.ok(staffA.last.html.includes(`href="${paths.supervision.market(marketA)}"`));
  assert.not.ok(staffA.last.html.includes(paths.supervision.market(marketA2)), "another station's records offered to this station's staff");
  await staffA.get(paths.supervision.market(marketA));
  assert.ok(staffA.last.html.includes(`href="${paths.supervision.newInspection(marketA)}"`));
  await staffA.get(paths.supervision.newInspection(marketA));

  await staffA.post(paths.supervision.newInspection(marketA), inspection({ note_fire: undefined, rectifyBy: undefined }));
  assert.is(staffA.last.status, 422);
  assert.match(staffA.last.html, /不合格项请写明问题/);
  assert.match(staffA.last.html, /有不合格项,请填整改期限/);
  assert.match(staffA.last.html, /县人社局 李科长、王干事/); // input kept
  await staffA.post(paths.supervision.newInspection(marketA), inspection({ rectifyBy: "2026-12-01" }));
  assert.is(staffA.last.status, 422);
  assert.match(staffA.last.html, /整改期限不能早于检查日期/);
  await staffA.post(paths.supervision.newInspection(marketA), inspection({ item_order: undefined }));
  assert.is(staffA.last.status, 400);
  assert.is((await t.db.select().from(marketInspections)).length, 0, "a refused form wrote a record");

  await staffA.post(paths.supervision.newInspection(marketA), inspection());
  assert.is(staffA.last.status, 303);
  const [row] = await t.db.select().from(marketInspections);
  inspectionId = row.id;
  assert.is(staffA.last.location, paths.supervision.inspection(row.id));
  assert.equal([row.marketId, row.date, row.rectifyBy, row.rectifiedAt], [marketA, "2026-12-05", "2026-12-10", null]);
  const items = await t.db.select().from(inspectionItemResults).where(eq(inspectionItemResults.inspectionId, row.id));
  assert.is(items.length, 5);
  assert.equal(items.filter((i) => !i.passed).map((i) => [i.item, i.note]), [["fire", "二楼灭火器过期"]]);
  const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "inspection.create"));
  assert.is(audit.length, 1);
  await staffA.follow();
  assert.match(staffA.last.html, /待整改/);
  assert.match(staffA.last.html, /二楼灭火器过期/);
});

test("the public market page and the API say when it was last inspected and that something is open — nothing more", async () => {
  const anon = t.client();
  await anon.get(paths.markets.show(marketA));
  assert.match(anon.last.html, /最近一次安全检查:2026-12-05,待整改/);
  assert.not.ok(anon.last.html.includes("灭火器"), "the finding itself is not public");
  const api = await t.app.request(`http://localhost/api/v1/markets/${marketA}`);
  const body = (await api.json()) as { lastInspection: unknown };
  assert.equal(body.lastInspection, { date: "2026-12-05", outcome: "open" });
  const never = (await (await t.app.request(`http://localhost/api/v1/markets/${marketA2}`)).json()) as { lastInspection: unknown };
  assert.is(never.lastInspection, null);
});

test("past the deadline it is overdue on the county's and the city's checklist pages, until it is put right (once)", async () => {
  await setClock("2026-12-11T09:00:00+08:00");
  await adminX.get(paths.markets.checklistCounty(YANLING));
  assert.match(adminX.last.html, /城关零工驿站:2026-12-05 检查发现问题,应在 2026-12-10 前整改,还没有整改/);
  await city.get(paths.markets.checklist);
  assert.match(city.last.html, /城关零工驿站:2026-12-05 检查发现问题/);
  await adminY.get(paths.markets.checklistCounty(YUZHOU));
  assert.not.ok(adminY.last.html.includes("城关零工驿站"), "another county's overdue list shows this county's market");
  await staffA.get(paths.supervision.home);
  assert.match(staffA.last.html, /整改超期/);

  await staffA.get(paths.supervision.inspection(inspectionId));
  await staffA.post(paths.supervision.rectified(inspectionId), { note: "" });
  assert.is(staffA.last.status, 400);
  await staffA.post(paths.supervision.rectified(inspectionId), { note: "已换新灭火器 4 具,李科长核实" });
  assert.is(staffA.last.status, 303);
  const first = (await t.db.select().from(marketInspections))[0].rectifiedAt;
  assert.ok(first);
  await staffA.post(paths.supervision.rectified(inspectionId), { note: "再点一次" });
  assert.is(staffA.last.status, 303);
  const [after] = await t.db.select().from(marketInspections);
  assert.equal([after.rectifiedAt, after.rectifiedNote], [first, "已换新灭火器 4 具,李科长核实"]);
  await adminX.get(paths.markets.checklistCounty(YANLING));
  assert.not.ok(adminX.last.html.includes("还没有整改"));
  assert.match(adminX.last.html, /没有超期未整改的检查/);
  await setClock("2026-12-05T10:00:00+08:00");
});

test("scope: another station of the same county, another county's admin and workers get 404; anonymous visitors are sent to log in", async () => {
  const urls = [paths.supervision.market(marketA), paths.supervision.newInspection(marketA), paths.supervision.inspection(inspectionId), paths.supervision.newIncident(marketA)];
  for (const b of [staffA2, adminY]) {
    for (const url of urls) {
      await b.get(url);
      assert.is(b.last.status, 404, url);
    }
    await b.post(paths.supervision.newInspection(marketA), inspection());
    assert.is(b.last.status, 404);
  }
  const worker = await signedIn(t, { role: "worker", name: "王大姐", pin: "246810" });
  await worker.get(paths.supervision.home);
  assert.is(worker.last.status, 404);
  const anon = t.client();
  await anon.get(paths.supervision.home);
  assert.is(anon.last.status, 303);
  assert.match(anon.last.location ?? "", /^\/login/);
  assert.is((await t.db.select().from(marketInspections)).length, 1);
  // The staff of the same-county station and the county admin see what belongs to them.
  await staffA2.get(paths.supervision.market(marketA2));
  assert.is(staffA2.last.status, 200);
  await adminX.get(paths.supervision.market(marketA2));
  assert.is(adminX.last.status, 200);
});

test("incidents: linked to a hotline case in scope, marked as referred to the police, counted for admins, never public", async () => {
  const now = t.clock.now();
  const mk = (county: string, marketId: number, seq: number) =>
    t.deps.database.write((db) =>
      db
        .insert(hotlineCases)
        .values({
          number: formatCaseNumber("XC", "2026-12-05", seq), day: "2026-12-05", seq, channel: "phone", category: "fraud",
          countyCode: county, marketId, description: "有人冒充老板收中介费", dueDate: "2026-12-20", createdAt: now, updatedAt: now,
        })
        .returning({ id: hotlineCases.id }),
    );
  const [mine] = await mk(YANLING, marketA, 1);
  await mk(YUZHOU, marketB, 2);
  const form = { kind: "fraud", date: "2026-12-05", time: "6:40", place: "驿站门口东侧", description: "一男子冒充雇主收取 50 元“介绍费”后离开。", police: "1" };
  await staffA.get(paths.supervision.newIncident(marketA));
  await staffA.post(paths.supervision.newIncident(marketA), { ...form, caseNumber: "XC-20261205-0002" });
  assert.is(staffA.last.status, 422, "a case of another county was linked");
  assert.match(staffA.last.html, /没有找到这个案件编号/);
  await staffA.post(paths.supervision.newIncident(marketA), { ...form, time: "25:00" });
  assert.is(staffA.last.status, 400);
  assert.is((await t.db.select().from(marketIncidents)).length, 0);
  await staffA.post(paths.supervision.newIncident(marketA), { ...form, caseNumber: "ｘｃ２０２６１２０５０００１" });
  assert.is(staffA.last.status, 303);
  const [row] = await t.db.select().from(marketIncidents);
  assert.equal([row.kind, row.time, row.hotlineCaseId, row.policeReferred, row.marketId], ["fraud", "06:40", mine.id, true, marketA]);
  await staffA.post(paths.supervision.newIncident(marketA), { ...form, kind: "traffic", police: undefined, date: "2026-11-20" });
  assert.is(staffA.last.status, 303);

  await adminX.get(paths.supervision.incidents);
  assert.is(adminX.last.status, 200);
  assert.match(adminX.last.html, /<td>2026-12<\/td><td><a href="\/staff\/supervision\/markets\/\d+">城关零工驿站<\/a><\/td><td>1<\/td><td>1<\/td>/);
  assert.match(adminX.last.html, /<td>2026-11<\/td><td><a href="\/staff\/supervision\/markets\/\d+">城关零工驿站<\/a><\/td><td>1<\/td><td>0<\/td>/);
  await adminY.get(paths.supervision.incidents);
  assert.not.ok(adminY.last.html.includes("城关零工驿站"));
  await staffA.get(paths.supervision.incidents);
  assert.is(staffA.last.status, 404, "figures are for admins");
  const anon = t.client();
  await anon.get(paths.markets.show(marketA));
  const api = await (await t.app.request(`http://localhost/api/v1/markets/${marketA}`)).text();
  for (const text of [anon.last.html, api]) assert.not.ok(text.includes("介绍费") || text.includes("驿站门口东侧"), "an incident is public");
});

test("roadside points: the county admin records a point and counts; monitoring shows points and people per month; other counties see none", async () => {
  await adminX.get(paths.supervision.home);
  assert.ok(adminX.last.html.includes(`href="${paths.supervision.roadside}"`));
  await adminX.get(paths.supervision.roadside);
  assert.ok(adminX.last.html.includes(`href="${paths.supervision.newPoint}"`));
  await adminX.get(paths.supervision.newPoint);
  await adminX.post(paths.supervision.newPoint, { countyCode: YUZHOU, place: "别县的路口" });
  assert.is(adminX.last.status, 422, "a point in another county");
  await adminX.post(paths.supervision.newPoint, { countyCode: YANLING, place: "建设路与文化路口东北角", usualHours: "每天 5:30–8:00", nearestMarketId: String(marketA) });
  assert.is(adminX.last.status, 303);
  const pointUrl = adminX.last.location!;
  await adminX.follow();
  await adminX.post(`${pointUrl}/counts`, { date: "2026-11-02", people: "40" });
  assert.is(adminX.last.status, 303);
  await adminX.post(`${pointUrl}/counts`, { date: "2026-11-28", people: "25" });
  await adminX.post(`${pointUrl}/counts`, { date: "2026-11-28", people: "22" }); // a second count that day replaces the first
  await adminX.post(`${pointUrl}/counts`, { date: "2026-12-04", people: "9" });
  await adminX.post(`${pointUrl}/counts`, { date: "2026-12-06", people: "3" });
  assert.is(adminX.last.status, 422, "a count in the future");
  assert.is((await t.db.select().from(roadsideCounts)).length, 3);
  await addPoint(t, { countyCode: YUZHOU, by: city.user!.id, place: "禹州 路口", counts: [["2026-11-10", 7]] });

  await adminX.get(`${paths.monitoring.home}?from=2026-10-01&to=2026-12-05`);
  assert.is(adminX.last.status, 200);
  assert.match(adminX.last.html, /<td>鄢陵县<\/td><td>2026-11<\/td><td>1<\/td><td>22<\/td>/);
  assert.match(adminX.last.html, /<td>鄢陵县<\/td><td>2026-12<\/td><td>1<\/td><td>9<\/td>/);
  assert.not.ok(adminX.last.html.includes("<td>禹州市</td><td>2026-11"));
  await city.get(`${paths.monitoring.home}?from=2026-10-01&to=2026-12-05`);
  assert.match(city.last.html, /<td>禹州市<\/td><td>2026-11<\/td><td>1<\/td><td>7<\/td>/);
  await adminY.get(pointUrl);
  assert.is(adminY.last.status, 404);
  await staffA.get(paths.supervision.roadside);
  assert.is(staffA.last.status, 404, "roadside points are the admins'");
});

test("after midnight in Beijing (00:30, still the previous day in UTC) today's inspection is not 'in the future'", async () => {
  await setClock("2026-12-06T00:30:00+08:00");
  await staffA.get(paths.supervision.newInspection(marketA));
  assert.match(staffA.last.html, /value="2026-12-06"/);
  await staffA.post(paths.supervision.newInspection(marketA), inspection({ date: "2026-12-06", rectifyBy: "2026-12-06" }));
  assert.is(staffA.last.status, 303);
  await staffA.post(paths.supervision.newInspection(marketA), inspection({ date: "2026-12-07", rectifyBy: "2026-12-08" }));
  assert.is(staffA.last.status, 422);
  assert.match(staffA.last.html, /检查日期不能晚于今天/);
  await setClock("2026-12-05T10:00:00+08:00");
});

test.run();
