// Policy and help pages through HTTP: reading by category, articles rendered
// from the markup with hostile input escaped, staff writing within their scope.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp, type Browser } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { policyArticles, auditLog } from "../../../db/schema/index.ts";
import { articlesForMarket } from "../../../src/features/policy/index.ts";
import { addArticle } from "./fixtures.ts";

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

const rows = () => t.db.select().from(policyArticles);

test("workers read by category; archived articles are gone; the article page is plain and printable", async () => {
  const legal = await addArticle(t, { category: "legal", title: "欠薪怎么办" });
  await addArticle(t, { category: "startup_loan", title: "创业担保贷款怎么申请", marketId: marketA });
  const gone = await addArticle(t, { category: "legal", title: "旧的文章", status: "archived" });
  const b = t.client();
  await b.get(paths.policy.list);
  for (const s of ["就业政策", "法律维权", "创业贷款", "欠薪怎么办", "创业担保贷款怎么申请", "鄢陵县零工驿站"]) assert.match(b.last.html, s);
  assert.not.match(b.last.html, "旧的文章");
  await b.get(`${paths.policy.list}?category=startup_loan`);
  assert.match(b.last.html, "创业担保贷款怎么申请");
  assert.not.match(b.last.html, "欠薪怎么办");
  await b.get(`${paths.policy.list}?category=<script>`);
  assert.is(b.last.status, 200, "an unknown category shows everything");

  await b.get(paths.policy.show(legal));
  assert.match(b.last.html, "<h1>欠薪怎么办</h1>");
  assert.match(b.last.html, "<h2>先留证据</h2>");
  assert.match(b.last.html, "<ul><li>工作时间</li><li>工资约定</li></ul>");
  assert.match(b.last.html, '<a href="/hotline">12333</a>');
  assert.match(b.last.html, 'media="print"', "printable with the print stylesheet");
  assert.is((await b.get(paths.policy.show(gone))).status, 404);
  assert.is((await b.get(paths.policy.show("abc"))).status, 404);
});

test("an article with hostile content is shown as text, never as HTML", async () => {
  const id = await addArticle(t, {
    title: "<script>alert('t')</script>",
    body: "<script>alert(1)</script>\n\n# <img src=x onerror=alert(2)>\n\n[点我](javascript:alert(3))\n\n- <iframe src=//evil>",
  });
  const b = t.client();
  await b.get(paths.policy.show(id));
  assert.is(b.last.status, 200);
  assert.not.match(b.last.html, /<script>alert|<img src=x|<iframe|href="javascript/);
  assert.match(b.last.html, "&lt;script&gt;alert(1)&lt;/script&gt;");
  assert.match(b.last.html, "[点我](javascript:alert(3))");
  assert.match(b.last.html, "<h1>&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;</h1>");
});

test("staff write an article for their market: published, audited, shown in the market's list", async () => {
  await staff.get(paths.policy.staffNew);
  assert.match(staff.last.html, 'name="body"');
  await staff.post(paths.policy.staffNew, {
    category: "injury_insurance",
    title: "灵活就业人员意外伤害保险",
    marketId: String(marketA),
    body: "# 保什么\n干活时受伤,可以报销医药费。\n\n详情问[驿站](/markets)。",
  });
  assert.is(staff.last.status, 303);
  const [a] = (await rows()).filter((r) => r.title === "灵活就业人员意外伤害保险");
  assert.equal([a.category, a.marketId, a.createdBy, a.status], ["injury_insurance", marketA, staff.user.id, "published"]);
  assert.is(staff.last.location, paths.policy.show(a.id));
  assert.is((await t.db.select().from(auditLog).where(eq(auditLog.action, "policy.create"))).length, 1);
  // The longest article allowed, all in Chinese, fits in one form post.
  await staff.get(paths.policy.staffNew);
  await staff.post(paths.policy.staffNew, { category: "employment", title: "长文章", marketId: String(marketA), body: "字".repeat(6000) });
  assert.is(staff.last.status, 303);
  const forMarket = await articlesForMarket(t.db, marketA);
  assert.ok(forMarket.some((m) => m.id === a.id && m.category === "injury_insurance"));
  assert.not.ok((await articlesForMarket(t.db, marketB)).some((m) => m.id === a.id));
});

test("bad input on the article form: re-rendered with the input and a summary, nothing written", async () => {
  await staff.get(paths.policy.staffNew);
  const good = { category: "legal", title: "工伤怎么认定", marketId: String(marketA), body: "第一段。" };
  const before = (await rows()).length;
  const cases: [string, Record<string, string>, number, string][] = [
    ["no title", { title: "" }, 400, "请填写标题"],
    ["title too long", { title: "长".repeat(41) }, 400, "标题不能超过 40 个字"],
    ["no body", { body: "" }, 400, "请填写正文"],
    ["body too long", { body: "a".repeat(6001) }, 400, "正文不能超过 6000 个字"],
    ["no category", { category: "" }, 400, "请选择类别"],
    ["a made-up category", { category: "gossip" }, 400, "请选择类别"],
    ["a javascript: link", { body: "点[这里](javascript:alert(1))领钱" }, 422, "这些链接不能用"],
    ["an http link", { body: "[网站](http://example.com)" }, 422, "只能以 https:// 或 / 开头"],
    ["the whole city, by station staff", { marketId: "" }, 422, "只能为自己管辖的市场写文章"],
    ["another market", { marketId: String(marketB) }, 422, "只能为自己管辖的市场写文章"],
    ["another market in the same county", { marketId: String(marketC) }, 422, "只能为自己管辖的市场写文章"],
    ["a market that does not exist", { marketId: "999999" }, 422, "适用范围的选项不对"],
    ["SQL as a market", { marketId: "1; DROP TABLE policy_articles" }, 400, "适用范围的选项不对"],
  ];
  for (const [name, o, status, message] of cases) {
    const r = await staff.post(paths.policy.staffNew, { ...good, ...o });
    assert.is(r.status, status, name);
    assert.match(r.html, message, name);
    assert.match(r.html, 'id="error-summary"', name);
  }
  assert.is((await rows()).length, before);
  // The preview shows the markup as readers will see it, escaped.
  const r = await staff.post(paths.policy.staffNew, { ...good, title: "", body: "# 小标题\n<b>不是粗体</b>" });
  assert.match(r.html, "<h2>小标题</h2>");
  assert.match(r.html, "&lt;b&gt;不是粗体&lt;/b&gt;");
});

test("the city admin writes for the whole city; staff cannot edit it or another market's article", async () => {
  const city = await signedIn(t, { role: "city_admin" });
  await city.get(paths.policy.staffNew);
  await city.post(paths.policy.staffNew, { category: "employment", title: "全市就业政策", body: "正文", marketId: "" });
  assert.is(city.last.status, 303);
  const [a] = (await rows()).filter((r) => r.title === "全市就业政策");
  assert.is(a.marketId, null);
  const other = await addArticle(t, { marketId: marketB, title: "禹州的文章" });
  const neighbour = await addArticle(t, { marketId: marketC, title: "鄢陵县零工市场的文章" });
  for (const id of [a.id, other, neighbour]) {
    assert.is((await staff.get(paths.policy.staffEdit(id))).status, 404);
    await staff.get(paths.policy.staffList);
    assert.is((await staff.post(paths.policy.staffEdit(id), { category: "legal", title: "改掉", body: "x", marketId: String(marketA) })).status, 404);
    assert.is((await staff.post(paths.policy.staffArchive(id))).status, 404);
  }
  assert.is((await rows()).filter((r) => r.title === "改掉").length, 0);
  const county = await signedIn(t, { role: "county_admin", countyCode: "411081" });
  assert.is((await county.get(paths.policy.staffEdit(other))).status, 200);
  assert.is((await county.get(paths.policy.staffEdit(a.id))).status, 404);
  const w = await signedIn(t, { role: "worker", pin: "246810" });
  assert.is((await w.get(paths.policy.staffNew)).status, 404);
});

test("staff edit and archive their own article", async () => {
  const id = await addArticle(t, { marketId: marketA, title: "培训补贴怎么领" });
  await staff.get(paths.policy.staffEdit(id));
  assert.match(staff.last.html, 'value="培训补贴怎么领"');
  await staff.post(paths.policy.staffEdit(id), { category: "training_subsidy", title: "职业技能提升补贴怎么领", body: "拿到证书后申请。", marketId: String(marketA) });
  assert.is(staff.last.status, 303);
  let [a] = await t.db.select().from(policyArticles).where(eq(policyArticles.id, id));
  assert.equal([a.title, a.category, a.updatedBy], ["职业技能提升补贴怎么领", "training_subsidy", staff.user.id]);
  await staff.get(paths.policy.staffEdit(id));
  await staff.post(paths.policy.staffArchive(id));
  assert.is(staff.last.status, 303);
  [a] = await t.db.select().from(policyArticles).where(eq(policyArticles.id, id));
  assert.is(a.status, "archived");
  assert.is((await t.client().get(paths.policy.show(id))).status, 404);
  await staff.get(paths.policy.staffList);
  assert.match(staff.last.html, "已撤下");
  assert.not.ok((await articlesForMarket(t.db, marketA)).some((m) => m.id === id));
  assert.is((await t.db.select().from(auditLog).where(eq(auditLog.action, "policy.archive"))).length, 1);
});

test.run();
