// The figures on the fixed data set of fixtures.ts, worked out by hand.
// Today is 2026-11-28; the directory's window is the 30 days 2026-10-29 ..
// 2026-11-27; the monitoring period here is 2026-11-01 .. 2026-11-28 (28
// days), so the period before it is 2026-10-04 .. 2026-10-31.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { seedFixed } from "./fixtures.ts";
import { buildReport, type ResolvedScope } from "../../../src/features/monitoring/monitoring.figures.ts";
import { priorityCondition } from "../../../src/features/monitoring/monitoring.priority.ts";
import { dailyFigures } from "../../../src/features/monitoring/index.ts";
import { metrics, type Counts } from "../../../src/features/monitoring/monitoring.domain.ts";
import { paths } from "../../../src/paths.ts";

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedFixed>>;
test.before(async () => {
  t = await makeTestApp();
  ids = await seedFixed(t);
});
test.after(() => t.close());

const period = { from: "2026-11-01", to: "2026-11-28" };
const report = (r: ResolvedScope) => buildReport(t.db, r, period, "day", priorityCondition(t.deps));
const city: ResolvedScope = { scope: { kind: "city" }, filter: { kind: "city" }, county: null };
const pick = (c: Counts) => ({ seekers: c.seekers, postings: c.postings, headcount: c.headcount, signups: c.signups, hires: c.hires, complaints: c.complaints });

test("directory: daily averages over the 30 days before today, per market", async () => {
  const { byMarket, window } = await dailyFigures(t.db, "2026-11-28");
  assert.equal(window, { from: "2026-10-29", to: "2026-11-27" });
  // A (station): check-ins 11-01..11-03 × 5 workers = 15 (10-28 is before the window, 11-28 is today) → 15/30 = 0.5.
  // A's hires: h2 (sign-up made at A, hire online) + h7 + h8 (hires made at A) = 3 → 3/30 = 0.1.
  assert.equal(byMarket.get(ids.A), { seekersPerDay: 0.5, hiresPerDay: 0.1 });
  // B (county market): check-ins 11-10, 11-11, 11-12 = 3 → 0.1; hires: h3 = 1 → 1/30 = 0.033 → 0.0.
  // B does NOT also count the online hire h6 of a 禹州 posting: that belongs to the online market.
  assert.equal(byMarket.get(ids.B), { seekersPerDay: 0.1, hiresPerDay: 0 });
  // O (online): distinct online sign-up workers per county and day:
  //   鄢陵 11-01 {w1 (07:00, still 10-31 in UTC), w2, w5} = 3, 鄢陵 11-02 {w4} = 1,
  //   禹州 11-01 {w1} = 1, 禹州 11-11 {w2} = 1 → 6 → 6/30 = 0.2 (a7 on 10-20 is outside).
  // Online hires: h1 (11-02) + h6 (11-12) = 2 → 2/30 = 0.067 → 0.1 (h4 is cancelled, h5 on 10-28 is outside).
  assert.equal(byMarket.get(ids.O), { seekersPerDay: 0.2, hiresPerDay: 0.1 });
});

test("monitoring, whole city: totals and the period before", async () => {
  const r = await report(city);
  // seekers: check-ins A 11-01..03 (15) + A 11-28 (1) + B (3) = 19, online seekers 6 → 25.
  // postings: P1 (11-01), P5 (11-05), P2 (11-10) = 3 (P4 was removed; P3 was 10-01); headcount 3 + 2 + 2 = 7.
  // sign-ups: all but a7 (10-20) = 10. hires: h1, h2, h3, h6, h7, h8 = 6. complaints: 2.
  assert.equal(pick(r.totals), { seekers: 25, postings: 3, headcount: 7, signups: 10, hires: 6, complaints: 2 });
  // 10-04 .. 10-31: check-in A 10-28 (1) + online sign-up a7 on 10-20 (1) = 2 seekers; a7 = 1 sign-up; h5 = 1 hire.
  assert.equal(r.previous, { from: "2026-10-04", to: "2026-10-31" });
  assert.equal(pick(r.previousTotals), { seekers: 2, postings: 0, headcount: 0, signups: 1, hires: 1, complaints: 0 });
  assert.is(r.days, 28);
});

test("monitoring, one county: only what its markets and its online postings did", async () => {
  const r = await report({ scope: { kind: "county", county: "411024" }, filter: { kind: "county", county: "411024" }, county: "411024" });
  // seekers: A 16 + online 鄢陵 (3 + 1) = 20. postings: P1, P5 = 2, headcount 5.
  // sign-ups: a1, a2, a4, a8, a9, a10, a11 = 7 (a3, a6 are for a 禹州 posting, a5 was made at B).
  // hires: h1, h2, h7, h8 = 4. complaints: the one about A = 1.
  assert.equal(pick(r.totals), { seekers: 20, postings: 2, headcount: 5, signups: 7, hires: 4, complaints: 1 });
  // Kinds: asked 家政保洁 P1 3 + P5 2 = 5; active seekers {w1..w5}: 家政保洁 w1, w2 = 2; 搬运装卸 w2, w3 = 2; 养老护理 w4 = 1.
  assert.equal(
    r.kinds.map((k) => [k.name, k.asked, k.seekers, k.balance]),
    [["家政保洁", 5, 2, "short"], ["搬运装卸", 0, 2, "surplus"], ["养老护理", 0, 1, "surplus"]],
  );
});

test("monitoring, one market and the online market; the markets add up to the city", async () => {
  const a = await report({ scope: { kind: "market", marketId: ids.A }, filter: { kind: "market", marketId: ids.A, online: false }, county: "411024" });
  // A: seekers 16; postings P5 (headcount 2); sign-ups a4, a10, a11; hires h2, h7, h8; the complaint about A.
  assert.equal(pick(a.totals), { seekers: 16, postings: 1, headcount: 2, signups: 3, hires: 3, complaints: 1 });
  const b = await report({ scope: { kind: "market", marketId: ids.B }, filter: { kind: "market", marketId: ids.B, online: false }, county: "411081" });
  assert.equal(pick(b.totals), { seekers: 3, postings: 1, headcount: 2, signups: 1, hires: 1, complaints: 0 });
  const o = await report({ scope: { kind: "market", marketId: ids.O }, filter: { kind: "market", marketId: ids.O, online: true }, county: "411002" });
  // Online: seekers 6; P1 (headcount 3); sign-ups a1, a2, a3, a6, a8, a9; hires h1, h6; the complaint naming no market.
  assert.equal(pick(o.totals), { seekers: 6, postings: 1, headcount: 3, signups: 6, hires: 2, complaints: 1 });
  const all = (await report(city)).totals;
  for (const m of metrics) assert.is(a.totals[m] + b.totals[m] + o.totals[m], all[m], `${m} adds up`);
});

test("monitoring by week: weeks start on Monday and are cut at the period's ends", async () => {
  const r = await buildReport(t.db, city, period, "week", priorityCondition(t.deps));
  // 2026-11-01 is a Sunday: it is a week of its own here, then Monday-to-Sunday weeks, the last cut at 11-28.
  assert.equal(
    r.buckets.map((b) => [b.start, b.end]),
    [["2026-11-01", "2026-11-01"], ["2026-11-02", "2026-11-08"], ["2026-11-09", "2026-11-15"], ["2026-11-16", "2026-11-22"], ["2026-11-23", "2026-11-28"]],
  );
  // Week 11-01: check-ins 5 + online seekers (鄢陵 3 + 禹州 1) = 9. Week 11-02..08: check-ins 10 + online 鄢陵 11-02 1 = 11.
  // Week 11-09..15: B 3 + online 禹州 11-11 1 = 4. Week 11-23..28: A 11-28 1.
  assert.equal(r.buckets.map((b) => b.counts.seekers), [9, 11, 4, 0, 1]);
  // Hires: h1 11-02, h2 11-03, h7 h8 11-06 → 4 in week 2; h3 11-11, h6 11-12 → 2 in week 3.
  assert.equal(r.buckets.map((b) => b.counts.hires), [0, 4, 2, 0, 0]);
});

test("the directory page and the API show the computed figures", async () => {
  const b = t.client();
  const list = await b.get(`${paths.markets.list}?county=411024`);
  assert.is(list.status, 200);
  assert.match(list.html, "0.5 人");
  const api = await b.get(`/api/v1/markets/${ids.A}`);
  const body = JSON.parse(api.html);
  assert.is(body.market.dailyAverageSeekers, 0.5);
  assert.is(body.market.dailyAverageHires, 0.1);
});

test.run();
