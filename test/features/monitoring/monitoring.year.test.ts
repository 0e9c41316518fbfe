// A year of data (the demo's history step on a temp DB): the monitoring page,
// by week for a year and by day for 92 days, and the directory stay within
// the page budget the page-budget test uses (HTML + CSS ≤ 14 KB gzipped) and
// keep its house rules. The budget test itself runs on an almost empty world.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gzipSync } from "node:zlib";
import { makeTestApp, addMarket, signedIn, type TestApp } from "../../helpers/app.ts";
import { assetSize } from "../../helpers/assets.ts";
import { seedHistory, HISTORY_DAYS } from "../../../db/seed/demo/history.ts";
import { seeded } from "../../../db/seed/demo/context.ts";
import { paths } from "../../../src/paths.ts";

/** The same limit and weighing as test/pages/budget.test.ts (which cannot be imported: it runs its tests). */
const BUDGET_BYTES = 14 * 1024;
const weight = (html: string) => gzipSync(html).length + assetSize("app.css").gzip + assetSize("print.css").gzip;
function problems(html: string): string[] {
  const out: string[] = [];
  if (!/<html[^>]*\slang="zh-CN"/.test(html)) out.push("lang");
  if (!/<title>[^<]+<\/title>/.test(html)) out.push("title");
  if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) out.push("inline script");
  if (/\sstyle="/.test(html)) out.push("inline style");
  if (/\son[a-z]+="/.test(html)) out.push("inline handler");
  return out;
}

let t: TestApp;
const markets: number[] = [];
test.before(async () => {
  t = await makeTestApp();
  markets.push(await addMarket(t, { name: "许昌市零工市场", countyCode: "411002", tier: "city" }));
  for (const county of t.deps.config.region.counties) {
    markets.push(await addMarket(t, { name: `${county.name}零工市场`, countyCode: county.code, tier: "county" }));
    markets.push(await addMarket(t, { name: `${county.name}第一零工驿站`, countyCode: county.code, tier: "station" }));
    markets.push(await addMarket(t, { name: `${county.name}第二零工驿站`, countyCode: county.code, tier: "station" }));
  }
  markets.push(await addMarket(t, { name: "零工超市(线上)", countyCode: "411002", tier: "online" }));
  const rand = seeded(7);
  await seedHistory({ deps: t.deps, rand, pick: (xs) => xs[Math.floor(rand() * xs.length)], markets: new Map(), accounts: new Map(), ids: {} });
});
test.after(() => t.close());

const count = async (sql: string) => Number((await t.deps.database.client.execute(sql)).rows[0][0]);

test("the history step fills the year before today with every kind of record", async () => {
  assert.is(await count("SELECT count(DISTINCT day) FROM check_ins"), HISTORY_DAYS);
  const first = (await t.deps.database.client.execute("SELECT min(day), max(day) FROM check_ins")).rows[0];
  assert.equal([first[0], first[1]], ["2025-11-28", "2026-11-27"]);
  assert.ok((await count("SELECT count(*) FROM job_postings")) > 1000);
  assert.ok((await count("SELECT count(*) FROM hires")) > 1000);
  assert.is(await count("SELECT count(*) FROM job_postings WHERE status = 'open'"), 0, "the history is over: nothing open");
  assert.is(await count("SELECT count(*) FROM job_postings WHERE end_date >= '2026-11-28'"), 0);
  const total = await count("SELECT (SELECT count(*) FROM check_ins) + (SELECT count(*) FROM job_postings) + (SELECT count(*) FROM applications) + (SELECT count(*) FROM hires)");
  assert.ok(total < 60_000, `a few tens of thousands of rows, not ${total}`);
});

test("monitoring over a year of data stays within 14 KB and keeps the house rules", async () => {
  const city = await signedIn(t, { role: "city_admin" });
  const county = await signedIn(t, { role: "county_admin", countyCode: "411024" });
  const staff = await signedIn(t, { role: "staff", marketId: markets[1] });
  const cases: [string, typeof city, string][] = [
    ["city, a year by week", city, "?scope=city&from=2025-11-29&to=2026-11-28&by=week"],
    ["city, two years by week", city, "?scope=city&from=2024-11-29&to=2026-11-28&by=week"],
    ["city, a year asked by day (shown by week)", city, "?scope=city&from=2025-11-29&to=2026-11-28&by=day"],
    ["city, 92 days by day", city, "?scope=city&from=2026-08-29&to=2026-11-28&by=day"],
    ["county, a year by week", county, "?from=2025-11-29&to=2026-11-28&by=week"],
    ["staff, a year by week", staff, "?from=2025-11-29&to=2026-11-28&by=week"],
  ];
  for (const [what, b, q] of cases) {
    const r = await b.get(`${paths.monitoring.home}${q}`);
    assert.is(r.status, 200, what);
    const bytes = weight(r.html);
    assert.ok(bytes <= BUDGET_BYTES, `${what}: ${bytes} bytes gzipped with CSS`);
    assert.equal(problems(r.html), [], what);
    assert.ok(/<td>[1-9]\d*<\/td>/.test(r.html), `${what}: real figures`);
  }
  const byDay = await city.get(`${paths.monitoring.home}?scope=city&from=2025-11-29&to=2026-11-28&by=day`);
  assert.match(byDay.html, "已改为按周显示");
  assert.ok(!/points="[^"]*\.\d/.test(byDay.html), "integer coordinates only");
});

test("the directory with a year of data: real daily figures, within 14 KB", async () => {
  const r = await t.client().get(paths.markets.list);
  assert.is(r.status, 200);
  assert.ok(weight(r.html) <= BUDGET_BYTES);
  assert.equal(problems(r.html), []);
  assert.ok(/日均求职人数: <strong>[1-9]/.test(r.html), "a market with real seekers a day");
  const one = await t.client().get(paths.markets.show(markets[1]));
  assert.ok(weight(one.html) <= BUDGET_BYTES);
});

test.run();
