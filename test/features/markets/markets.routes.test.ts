// Markets through HTTP: market records kept by admins, the public directory
// and a market's page, the 十个一 checklist, the open-data API and the feed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, signedIn, addMarket, type TestApp, type Browser } from "../../helpers/app.ts";
import { addEmployer, addPosting, kindId } from "../monitoring/fixtures.ts";
import { paths } from "../../../src/paths.ts";
import { wellFormed } from "./xml.ts";
import { policyArticles } from "../../../db/schema/index.ts";

let t: TestApp;
let A: number;
let B: number;
let countyAdmin: Browser;
let otherAdmin: Browser;
let cityAdmin: Browser;
let staff: Browser;
test.before(async () => {
  t = await makeTestApp();
  A = await addMarket(t, { name: "鄢陵县零工市场", countyCode: "411024", tier: "county" });
  B = await addMarket(t, { name: "禹州市零工市场", countyCode: "411081", tier: "county" });
  countyAdmin = await signedIn(t, { role: "county_admin", countyCode: "411024" });
  otherAdmin = await signedIn(t, { role: "county_admin", countyCode: "411081" });
  cityAdmin = await signedIn(t, { role: "city_admin" });
  staff = await signedIn(t, { role: "staff", marketId: A });
});
test.after(() => t.close());

const count = async (sql: string) => Number((await t.deps.database.client.execute(sql)).rows[0][0]);

const station = {
  name: "马栏镇零工驿站",
  tier: "station",
  nature: "public",
  countyCode: "411024",
  townshipCode: "411024101",
  address: "马栏镇便民服务中心一楼",
  hours: "周一至周六 7:00-12:00",
  phone: "0374-7123456",
  supervisionPhone: "12333",
  personInCharge: "周站长",
  kinds: ["家政保洁", "花木养护"],
  facilities: ["遮风避雨", "饮水", "无障碍"],
};

test("a county admin adds a station to the directory; an audit entry goes with it", async () => {
  await countyAdmin.get(paths.markets.adminNew);
  const r = await countyAdmin.post(paths.markets.adminNew, station);
  assert.is(r.status, 303);
  const id = Number(r.location!.split("/").pop());
  const page = await t.client().get(paths.markets.show(id));
  assert.is(page.status, 200);
  for (const text of ["马栏镇零工驿站", "零工驿站", "公益性", "鄢陵县 马栏镇 马栏镇便民服务中心一楼", "周一至周六 7:00-12:00", 'href="tel:03747123456"', "家政保洁、花木养护", "遮风避雨、饮水、无障碍", 'href="tel:12333"', `href="${paths.hotline.home}"`]) {
    assert.match(page.html, text);
  }
  assert.is(await count(`SELECT count(*) FROM audit_log WHERE action = 'market.create' AND subject_id = ${id}`), 1);
});

test("bad market records: the form again with the input kept and a clear message, nothing saved", async () => {
  const before = await count("SELECT count(*) FROM markets");
  const cases: [string, Record<string, string | string[]>, number, string][] = [
    ["no name", { ...station, name: "" }, 400, "请填写名称"],
    ["a phone with letters", { ...station, phone: "call me" }, 400, "电话只能写数字和 -"],
    ["an unknown kind of work", { ...station, kinds: ["炼金术"] }, 400, "主要工种的选项不对"],
    ["an unknown facility", { ...station, facilities: ["游泳池"] }, 400, "便民设施的选项不对"],
    ["an unknown tier", { ...station, tier: "galaxy" }, 400, "请选择类型"],
    ["a township of another county", { ...station, townshipCode: "411081001" }, 422, "这个乡镇不在所选的县"],
    ["a township market without its township", { ...station, tier: "township", townshipCode: "" }, 422, "乡镇零工市场要选所在的乡镇"],
    ["another county", { ...station, countyCode: "411081", townshipCode: "" }, 422, "只能管理本县"],
    ["a city market by a county admin", { ...station, tier: "city" }, 422, "县级管理员不能建市级零工市场"],
    ["a very long address", { ...station, address: "长".repeat(101) }, 400, "地址不能超过 100 个字"],
  ];
  for (const [what, fields, status, message] of cases) {
    const r = await countyAdmin.post(paths.markets.adminNew, fields);
    assert.is(r.status, status, what);
    assert.match(r.html, message, what);
    assert.match(r.html, 'id="error-summary"', what);
  }
  const kept = await countyAdmin.post(paths.markets.adminNew, { ...station, name: "<b>驿站</b>", phone: "x" });
  assert.match(kept.html, 'value="&lt;b&gt;驿站&lt;/b&gt;"', "input kept, as text");
  assert.is(await count("SELECT count(*) FROM markets"), before);
});

test("editing: a county admin their county's markets, the city admin all; others 404", async () => {
  const edit = { ...station, name: "鄢陵县零工市场(新址)", tier: "county", townshipCode: "" };
  const cases: [string, Browser, number, number][] = [
    ["county admin, own county", countyAdmin, A, 303],
    ["county admin, another county", countyAdmin, B, 404],
    ["staff", staff, A, 404],
    ["city admin, anywhere", cityAdmin, B, 303],
  ];
  for (const [what, b, id, status] of cases) {
    await b.get(paths.markets.list); // a page with the session's form token
    const r = await b.post(paths.markets.adminEdit(id), { ...edit, countyCode: id === B ? "411081" : "411024" });
    assert.is(r.status, status, what);
  }
  assert.is((await otherAdmin.get(paths.markets.adminEdit(A))).status, 404);
  assert.is(await count("SELECT count(*) FROM audit_log WHERE action = 'market.update'"), 2);
  const list = await countyAdmin.get(paths.markets.admin);
  assert.match(list.html, "鄢陵县零工市场(新址)");
  assert.not.match(list.html, "禹州", "a county admin lists their own markets");
  const me = (await countyAdmin.get(paths.accounts.me)).html;
  for (const link of [paths.markets.admin, paths.markets.checklistCounty("411024"), paths.monitoring.home]) assert.match(me, `href="${link}"`, link);
  assert.not.match((await staff.get(paths.accounts.me)).html, `href="${paths.markets.admin}"`);
});

test("the directory: filter by county and tier; figures computed, not typed", async () => {
  const all = await t.client().get(paths.markets.list);
  assert.is(all.status, 200);
  // Market B (renamed by the editing test above, still in 禹州市) by its link and its card's county line,
  // not by "禹州" alone: the county filter lists 禹州市 on every directory page.
  assert.match(all.html, `href="${paths.markets.show(B)}"`);
  assert.match(all.html, "县级零工市场 · 公益性 · 禹州市</p>");
  assert.match(all.html, "马栏镇零工驿站");
  const yl = await t.client().get(`${paths.markets.list}?county=411024&tier=station`);
  assert.match(yl.html, "马栏镇零工驿站");
  assert.not.match(yl.html, `href="${paths.markets.show(B)}"`, "禹州's market is not in 鄢陵县's stations");
  assert.not.match(yl.html, "· 禹州市</p>");
  // The county filter alone (B is a county-tier market, so the tier filter above would hide it anyway).
  const ylAll = await t.client().get(`${paths.markets.list}?county=411024`);
  assert.match(ylAll.html, `href="${paths.markets.show(A)}"`);
  assert.not.match(ylAll.html, `href="${paths.markets.show(B)}"`, "the county filter leaves out 禹州's market");
  const yz = await t.client().get(`${paths.markets.list}?county=411081`);
  assert.match(yz.html, `href="${paths.markets.show(B)}"`);
  assert.not.match(yz.html, `href="${paths.markets.show(A)}"`);
  assert.match(yl.html, "日均求职人数: <strong>0 人</strong>");
  assert.is((await t.client().get(paths.markets.show(999999))).status, 404);
  assert.is((await t.client().get("/markets/abc")).status, 404);
});

test("a market's page lists today's open work in its county, and links to the rest", async () => {
  const e = await addEmployer(t);
  const k = await kindId(t, "家政保洁");
  await addPosting(t, { employerId: e, kindId: k, county: "411024", headcount: 2, published: "2026-11-27", start: "2026-11-27", end: "2026-11-29", title: "今天的保洁" });
  await addPosting(t, { employerId: e, kindId: k, county: "411024", headcount: 1, published: "2026-11-27", start: "2026-11-30", end: "2026-12-02", title: "下周的活" });
  await addPosting(t, { employerId: e, kindId: k, county: "411081", headcount: 1, published: "2026-11-27", start: "2026-11-28", end: "2026-11-28", title: "禹州的活" });
  await addPosting(t, { employerId: e, kindId: k, county: "411024", headcount: 1, published: "2026-11-20", start: "2026-11-20", end: "2026-11-28", title: "招满了", status: "filled" });
  const page = await t.client().get(paths.markets.show(A));
  assert.match(page.html, "今天的保洁");
  for (const not of ["下周的活", "禹州的活", "招满了"]) assert.not.match(page.html, not);
  assert.match(page.html, `href="${paths.jobs.list}?county=411024&amp;when=today"`);
});

test("a market's page shows its own published policy articles", async () => {
  const now = t.clock.now();
  await t.deps.database.write((db) =>
    db.insert(policyArticles).values([
      { category: "legal", title: "本站维权指南", body: "遇到欠薪打 12333。", marketId: A, status: "published", createdAt: now, updatedAt: now },
      { category: "legal", title: "旧的指南", body: "作废", marketId: A, status: "archived", createdAt: now, updatedAt: now },
      { category: "employment", title: "禹州的政策", body: "别处", marketId: B, status: "published", createdAt: now, updatedAt: now },
    ]),
  );
  const page = await t.client().get(paths.markets.show(A));
  assert.match(page.html, "本站维权指南");
  assert.not.match(page.html, "旧的指南");
  assert.not.match(page.html, "禹州的政策");
  assert.match(page.html, `href="${paths.policy.list}"`);
});

test("the 十个一 checklist: evidence required, saved with an audit entry, scoped per county", async () => {
  const url = paths.markets.checklistCounty("411024");
  await countyAdmin.get(url);
  const missing = await countyAdmin.post(url, { done_person: "1", evidence_person: "", done_plan: "1", evidence_plan: "方案已印发" });
  assert.is(missing.status, 400);
  assert.match(missing.html, "「一个负责人」标了已完成,请写上证明");
  assert.match(missing.html, 'value="方案已印发"', "input kept");
  assert.is(await count("SELECT count(*) FROM market_checklist"), 0, "nothing saved");

  const ok = await countyAdmin.post(url, { done_person: "1", evidence_person: "王科长(就业科)", done_plan: "1", evidence_plan: "https://rsj.example.gov.cn/plan.pdf" });
  assert.is(ok.status, 303);
  assert.is(await count("SELECT count(*) FROM market_checklist WHERE county_code = '411024' AND market_id = 0 AND done = 1"), 2);
  assert.is(await count("SELECT count(*) FROM audit_log WHERE action = 'checklist.update'"), 1);
  const same = await countyAdmin.post(url, { done_person: "1", evidence_person: "王科长(就业科)", done_plan: "1", evidence_plan: "https://rsj.example.gov.cn/plan.pdf" });
  assert.is(same.status, 303);
  assert.match((await countyAdmin.follow()).html, "没有改动");
  assert.is(await count("SELECT count(*) FROM audit_log WHERE action = 'checklist.update'"), 1, "no entry for no change");

  const m = paths.markets.checklistMarket("411024", A);
  await countyAdmin.get(m);
  assert.is((await countyAdmin.post(m, { done_hotline: "1", evidence_hotline: "12333 已公示" })).status, 303);

  // The city admin sees every county on one page, and reads a county's items.
  const overview = await cityAdmin.get(paths.markets.checklist);
  assert.match(overview.html, "<td>2/10</td>");
  const read = await cityAdmin.get(url);
  assert.match(read.html, "只有本县(市、区)的管理员可以修改");
  assert.match(read.html, 'href="https://rsj.example.gov.cn/plan.pdf"');
  assert.match(read.html, "1/10", "the market's progress");

  const cases: [string, Browser, string, "get" | "post", number][] = [
    ["another county's admin reads", otherAdmin, url, "get", 404],
    ["another county's admin saves", otherAdmin, url, "post", 404],
    ["the city admin saves", cityAdmin, url, "post", 404],
    ["staff", staff, url, "get", 404],
    ["a market under the wrong county", countyAdmin, paths.markets.checklistMarket("411024", B), "get", 404],
    ["an unknown county", cityAdmin, paths.markets.checklistCounty("999999"), "get", 404],
  ];
  for (const [what, b, u, method, status] of cases) {
    await b.get(paths.markets.list);
    const r = method === "get" ? await b.get(u) : await b.post(u, { done_monitoring: "1", evidence_monitoring: "x" });
    assert.is(r.status, status, what);
  }
  assert.is((await countyAdmin.get(paths.markets.checklist)).location, url, "a county admin's overview is their county");
});

test("the API: directory fields and the two figures, no personal data", async () => {
  const r = await t.client().get("/api/v1/markets?county=411024");
  assert.is(r.status, 200);
  const body = JSON.parse(r.html);
  assert.ok(body.markets.length >= 2);
  const keys = Object.keys(body.markets[0]).sort();
  assert.equal(keys, ["address", "county", "dailyAverageHires", "dailyAverageSeekers", "facilities", "hours", "id", "kinds", "name", "nature", "phone", "supervisionPhone", "tier", "township", "url"].sort());
  assert.not.match(r.html, "周站长", "not the person in charge");
  assert.not.match(r.html, /1[3-9]\d{9}/, "no mobile numbers");
  assert.ok(body.markets.every((m: { county: { code: string } }) => m.county.code === "411024"));
  const one = await t.client().get(`/api/v1/markets/${A}`);
  assert.is(JSON.parse(one.html).market.id, A);
  assert.is((await t.client().get("/api/v1/markets/999999")).status, 404);
  assert.is((await t.client().get("/api/v1/markets?county=999999")).status, 404);
});

test("the Atom feed: well-formed, the county's open postings, no phone numbers", async () => {
  const e = await addEmployer(t);
  const k = await kindId(t, "搬运装卸");
  await addPosting(t, { employerId: e, kindId: k, county: "411024", headcount: 3, published: "2026-11-26", start: "2026-11-29", end: "2026-12-05", title: "搬家 & 装车 <急> 电话13912345678" });
  await addPosting(t, { employerId: e, kindId: k, county: "411024", headcount: 1, published: "2026-11-01", start: "2026-11-01", end: "2026-11-20", title: "已结束的活" });
  const r = await t.client().get(paths.markets.feed("411024"));
  assert.is(r.status, 200);
  assert.match(r.headers.get("content-type") ?? "", "application/atom+xml");
  assert.equal(wellFormed(r.html), []);
  assert.match(r.html, '<feed xmlns="http://www.w3.org/2005/Atom"');
  assert.match(r.html, "搬家 &amp; 装车 &lt;急&gt;");
  assert.match(r.html, "今天的保洁");
  assert.not.match(r.html, "已结束的活");
  assert.not.match(r.html, "禹州的活");
  assert.not.match(r.html, /1[3-9]\d{9}/, "no mobile numbers, not the contact's nor one typed in a title");
  assert.not.match(r.html, "13700001111");
  assert.is((await t.client().get("/feeds/jobs/999999.atom")).status, 404);
  assert.is((await t.client().get("/feeds/jobs/411024.xml")).status, 404);
});

test.run();
