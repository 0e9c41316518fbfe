// The pure rules of monitoring: periods, weeks, trends, chart scaling,
// scopes, CSV, and the statistics file.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  dayCount, periodProblem, previousPeriod, averageWindow, defaultPeriod, perDay, weekStart, buckets, effectiveGrain, trend, formatTrend,
  balanceOf, kindBalance, niceMax, polylinePoints, yAt, xAt, barLength, parseScope, scopeParam, mayView, defaultScope,
  buildStatsFile, parseStatsFile, rowsOf, importChanges, zeroCounts, metrics, totalOf, ONLINE,
  type Counts, type Frame, type Viewer,
} from "../../../src/features/monitoring/monitoring.domain.ts";
import { csvCell, toCsv } from "../../../src/shared/csv.ts";

const counts = (o: Partial<Counts>): Counts => ({ ...zeroCounts(), ...o });

test("periods: length, order, two years at most, the period before", () => {
  const cases: [string, string, number, string | null][] = [
    ["2026-11-01", "2026-11-01", 1, null],
    ["2026-11-01", "2026-11-28", 28, null],
    ["2026-11-28", "2026-11-01", -26, "order"],
    ["2024-11-28", "2026-11-28", 731, null], // 365 + 365 days between, both ends included
    ["2024-11-27", "2026-11-28", 732, "tooLong"],
    ["2024-01-01", "2025-12-31", 731, null], // 2024 is a leap year: 366 + 365
  ];
  for (const [from, to, days, problem] of cases) {
    assert.is(dayCount({ from, to }), days, `${from}..${to}`);
    assert.is(periodProblem({ from, to }), problem, `${from}..${to}`);
  }
  assert.equal(previousPeriod({ from: "2026-11-01", to: "2026-11-28" }), { from: "2026-10-04", to: "2026-10-31" });
  assert.equal(previousPeriod({ from: "2026-03-01", to: "2026-03-01" }), { from: "2026-02-28", to: "2026-02-28" });
  assert.equal(defaultPeriod("2026-11-28"), { from: "2026-10-30", to: "2026-11-28" });
  assert.equal(averageWindow("2026-11-28"), { from: "2026-10-29", to: "2026-11-27" });
});

test("daily average: one decimal", () => {
  const cases: [number, number, number][] = [[15, 30, 0.5], [1, 30, 0], [2, 30, 0.1], [6, 30, 0.2], [100, 30, 3.3], [0, 30, 0], [5, 0, 0]];
  for (const [total, days, want] of cases) assert.is(perDay(total, days), want, `${total}/${days}`);
});

test("weeks start on Monday", () => {
  const cases: [string, string][] = [
    ["2026-11-23", "2026-11-23"], // Monday
    ["2026-11-28", "2026-11-23"], // Saturday
    ["2026-11-29", "2026-11-23"], // Sunday
    ["2026-11-01", "2026-10-26"], // Sunday, the week began in October
    ["2027-01-01", "2026-12-28"], // across the new year
  ];
  for (const [day, monday] of cases) assert.is(weekStart(day), monday, day);
});

test("buckets: zero-filled days, weeks cut at the ends, long periods by week", () => {
  const daily = new Map([
    ["2026-11-01", counts({ hires: 1 })],
    ["2026-11-03", counts({ hires: 2, seekers: 4 })],
    ["2026-10-31", counts({ hires: 9 })], // outside: ignored
  ]);
  const p = { from: "2026-11-01", to: "2026-11-03" };
  assert.equal(buckets(daily, p, "day").map((b) => [b.start, b.counts.hires]), [["2026-11-01", 1], ["2026-11-02", 0], ["2026-11-03", 2]]);
  assert.equal(buckets(daily, p, "week").map((b) => [b.start, b.end, b.counts.hires]), [["2026-11-01", "2026-11-01", 1], ["2026-11-02", "2026-11-03", 2]]);
  assert.is(effectiveGrain("day", { from: "2026-01-01", to: "2026-04-02" }), "day"); // 92 days
  assert.is(effectiveGrain("day", { from: "2026-01-01", to: "2026-04-03" }), "week"); // 93 days
  const year = buckets(new Map(), { from: "2025-11-29", to: "2026-11-28" }, "week");
  assert.is(year.length, 53);
});

test("totals: the days of the period, both ends included, nothing outside", () => {
  const daily = new Map([
    ["2026-10-31", counts({ hires: 100 })],
    ["2026-11-01", counts({ hires: 1, seekers: 2 })],
    ["2026-11-15", counts({ hires: 10 })],
    ["2026-11-30", counts({ hires: 1000, complaints: 3 })],
    ["2026-12-01", counts({ hires: 10000 })],
  ]);
  assert.equal(totalOf(daily, { from: "2026-11-01", to: "2026-11-30" }), counts({ hires: 1011, seekers: 2, complaints: 3 }));
});

test("trend: percent against the period before", () => {
  const cases: [number, number, string][] = [
    [12, 10, "+20%"],
    [5, 10, "\u221250%"],
    [10, 10, "0%"],
    [0, 0, "0%"],
    [3, 0, "—"],
    [1, 3, "\u221267%"],
  ];
  for (const [cur, prev, want] of cases) assert.is(formatTrend(trend(cur, prev)), want, `${cur} vs ${prev}`);
});

test("supply and demand by kind: shortages and surpluses first", () => {
  const cases: [number, number, string][] = [
    [10, 2, "short"],
    [2, 10, "surplus"],
    [10, 10, "even"],
    [20, 19, "even"], // within 10%
    [20, 17, "short"],
    [0, 0, "even"],
    [0, 1, "surplus"],
    [1, 0, "short"],
    [20, 18, "short"], // a gap of 2 is not within 10% of 20
    [15, 14, "even"], // 10% of the larger figure: 1.5, rounded to 2 (of the smaller, 1.4, it would be 1)
    [14, 15, "even"],
  ];
  for (const [asked, seekers, want] of cases) assert.is(balanceOf({ asked, seekers }), want, `${asked} vs ${seekers}`);
  const rows = kindBalance([
    { kindId: 1, name: "甲", asked: 5, seekers: 5 },
    { kindId: 2, name: "乙", asked: 0, seekers: 0 },
    { kindId: 3, name: "丙", asked: 1, seekers: 9 },
    { kindId: 4, name: "丁", asked: 12, seekers: 2 },
    { kindId: 6, name: "己", asked: 0, seekers: 3 }, // seekers only
    { kindId: 5, name: "戊", asked: 3, seekers: 0 }, // postings only; the same size of gap as 己: by kind
  ]);
  assert.equal(rows.map((r) => [r.name, r.gap]), [["丁", 10], ["丙", -8], ["戊", 3], ["己", -3], ["甲", 0]]);
});

test("chart scaling: round axis maxima and integer coordinates", () => {
  const cases: [number, number][] = [[0, 1], [1, 1], [3, 5], [7, 10], [11, 20], [26, 50], [99, 100], [101, 200], [0.4, 0.5]];
  for (const [max, want] of cases) assert.is(niceMax(max), want, String(max));
  const f: Frame = { width: 320, height: 170, left: 30, bottom: 16, top: 24 };
  assert.is(yAt(0, 10, f), 154);
  assert.is(yAt(10, 10, f), 24);
  assert.is(yAt(5, 10, f), 89);
  assert.is(xAt(0, 3, f), 30);
  assert.is(xAt(2, 3, f), 316);
  assert.is(xAt(0, 1, f), 173);
  const pts = polylinePoints([0, 3, 10, 7], 10, f);
  assert.is(pts, "30,154 125,115 221,24 316,63");
  assert.ok(/^[\d, ]+$/.test(pts), "integers only");
  assert.is(barLength(5, 10, 200), 100);
  assert.is(barLength(1, 3, 200), 67);
  assert.is(barLength(5, 0, 200), 0);
});

test("scopes: parsing and who may see what", () => {
  assert.equal(parseScope("city"), { kind: "city" });
  assert.equal(parseScope("c411024"), { kind: "county", county: "411024" });
  assert.equal(parseScope("m12"), { kind: "market", marketId: 12 });
  for (const bad of [undefined, "", "m0", "m-1", "c4110", "county", "m12 ", "m1234567890", "xc411024", "c4110241", "xm12"]) assert.is(parseScope(bad), null, String(bad));
  for (const s of ["city", "c411024", "m7"]) assert.is(scopeParam(parseScope(s)!), s);

  const city: Viewer = { role: "city_admin", marketId: null, scopeCounty: null };
  const county: Viewer = { role: "county_admin", marketId: null, scopeCounty: "411024" };
  const staff: Viewer = { role: "staff", marketId: 5, scopeCounty: "411024" };
  const worker: Viewer = { role: "worker", marketId: null, scopeCounty: null };
  const cases: [Viewer, string, string | null, boolean][] = [
    [city, "city", null, true],
    [city, "c411081", null, true],
    [city, "m9", "411081", true],
    [county, "city", null, false],
    [county, "c411024", null, true],
    [county, "c411081", null, false],
    [county, "m5", "411024", true],
    [county, "m9", "411081", false],
    [staff, "m5", "411024", true],
    [staff, "m6", "411024", false],
    [staff, "c411024", null, false],
    [staff, "city", null, false],
    [worker, "m5", "411024", false],
    // Fail closed: a county admin whose account names no county sees nothing; the city scope is not a county
    // admin's even if a caller passes a county with it; only staff have a market of their own.
    [{ role: "county_admin", marketId: null, scopeCounty: null }, "c411024", null, false],
    [county, "city", "411024", false],
    [{ role: "worker", marketId: 5, scopeCounty: "411024" }, "m5", "411024", false],
  ];
  for (const [v, s, mc, want] of cases) assert.is(mayView(v, parseScope(s)!, mc), want, `${v.role} ${s}`);
  assert.equal(defaultScope(city), { kind: "city" });
  assert.equal(defaultScope(county), { kind: "county", county: "411024" });
  assert.equal(defaultScope(staff), { kind: "market", marketId: 5 });
  assert.is(defaultScope(worker), null);
  assert.is(defaultScope({ role: "county_admin", marketId: null, scopeCounty: null }), null, "a county admin without a county");
  assert.is(defaultScope({ role: "staff", marketId: null, scopeCounty: "411024" }), null, "staff without a market");
  assert.is(defaultScope({ role: "worker", marketId: 5, scopeCounty: "411024" }), null, "only staff have a market of their own");
});

test("CSV: quoting, formulas defused, BOM and CRLF", () => {
  const cases: [string | number | null, string][] = [
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+1", "'=1+1"],
    ["-5", "'-5"],
    ["@cmd", "'@cmd"],
    [-5, "-5"],
    [null, ""],
    ["王大姐", "王大姐"],
  ];
  for (const [v, want] of cases) assert.is(csvCell(v), want, String(v));
  const doc = toCsv([["甲", "乙"], ["1", "x,y"]]);
  assert.is(doc, '\uFEFF甲,乙\r\n1,"x,y"\r\n');
});

const ctx = { cityCode: "411000", counties: new Set(["411024", "411081"]), today: "2026-11-28" };
const good = () => ({
  city: "411000",
  county: "411024",
  from: "2026-11-01",
  to: "2026-11-28",
  markets: [
    { key: "3", name: "鄢陵县零工市场", tier: "county", days: new Map([["2026-11-02", counts({ seekers: 5, hires: 2 })], ["2026-11-03", zeroCounts()]]) },
    { key: "online", name: "线上", tier: "online", days: new Map([["2026-11-02", counts({ signups: 4 })]]) },
  ],
});

test("statistics file: written and read back, zero days left out", () => {
  const text = buildStatsFile(good(), "2026-11-28T01:00:00.000Z");
  assert.not.match(text, "2026-11-03", "a day with no counts is not written");
  assert.not.match(text, /1[3-9]\d{9}/, "no phone numbers");
  const back = parseStatsFile(text, ctx);
  assert.ok(back.ok);
  if (!back.ok) return;
  assert.is(back.value.county, "411024");
  assert.equal(rowsOf(back.value).map((r) => [r.marketKey, r.day, r.counts.seekers, r.counts.signups]), [["3", "2026-11-02", 5, 0], ["online", "2026-11-02", 0, 4]]);
  assert.ok(parseStatsFile("\uFEFF" + text, ctx).ok, "a BOM in front is fine");
});

test("statistics file: days written in date order; the period's first and last day, a count of 1,000,000 and a padded name are fine", () => {
  const f = good();
  f.markets[0].days = new Map([
    ["2026-11-28", counts({ hires: 1 })],
    ["2026-11-02", counts({ seekers: 1_000_000 })],
    ["2026-11-01", counts({ postings: 1 })],
  ]);
  f.markets[1].name = " 线上 ";
  const back = parseStatsFile(buildStatsFile(f, "2026-11-28T01:00:00.000Z"), ctx);
  assert.ok(back.ok, JSON.stringify(back));
  if (!back.ok) return;
  assert.equal([...back.value.markets[0].days.keys()], ["2026-11-01", "2026-11-02", "2026-11-28"]);
  assert.is(back.value.markets[0].days.get("2026-11-02")!.seekers, 1_000_000);
  assert.is(back.value.markets[1].name, "线上");
  // Dates from 2000 on; a period of 731 days with a row on each day.
  const y2k = { cityCode: "411000", counties: ctx.counties, today: "2001-12-31" };
  const days = new Map<string, Counts>();
  for (let d = new Date("2000-01-01T00:00:00Z"); d <= new Date("2001-12-31T00:00:00Z"); d.setUTCDate(d.getUTCDate() + 1)) days.set(d.toISOString().slice(0, 10), counts({ hires: 1 }));
  assert.is(days.size, 731);
  const long = { city: "411000", county: "411024", from: "2000-01-01", to: "2001-12-31", markets: [{ key: "7", name: "长葛市零工市场", tier: "county", days }] };
  const longText = buildStatsFile(long, "2001-12-31T01:00:00.000Z");
  const r = parseStatsFile(longText, y2k);
  assert.ok(r.ok, JSON.stringify(r).slice(0, 200));
  if (r.ok) assert.is(r.value.markets[0].days.size, 731);
  // One row more than a period can hold (the last day twice): refused by its length before its rows are read.
  const j = JSON.parse(longText);
  j.markets[0].days.push(j.markets[0].days.at(-1));
  const r2 = parseStatsFile(JSON.stringify(j), y2k);
  assert.equal(r2.ok ? null : r2.problem, { kind: "malformed", detail: "days" });
  // 300 markets are fine, 301 are not.
  const many = (n: number) => buildStatsFile({ ...good(), markets: Array.from({ length: n }, (_, i) => ({ key: String(i + 1), name: `市场${i + 1}`, tier: "station", days: new Map() })) }, "x");
  assert.ok(parseStatsFile(many(300), ctx).ok);
  const r3 = parseStatsFile(many(301), ctx);
  assert.equal(r3.ok ? null : r3.problem, { kind: "malformed", detail: "markets" });
});

test("statistics file: the text written out, as a county clerk would see it", () => {
  const text =
    '{"format":"lingong-daily-stats","version":1,"city":"411000","county":"411024","from":"2026-11-01","to":"2026-11-28",' +
    '"generatedAt":"2026-11-28T01:00:00.000Z","fields":["day","seekers","postings","headcount","signups","hires","priorityHires","complaints"],' +
    '"markets":[{"key":"3","name":"鄢陵县零工市场","tier":"county","days":[["2026-11-02",5,0,0,0,2,0,0]]},' +
    '{"key":"online","name":"线上","tier":"online","days":[["2026-11-02",0,0,0,4,0,0,0]]}]}';
  assert.is(buildStatsFile(good(), "2026-11-28T01:00:00.000Z"), text);
  const back = parseStatsFile(text, ctx);
  assert.ok(back.ok, JSON.stringify(back));
  if (back.ok) assert.equal(back.value.markets[0].days.get("2026-11-02"), counts({ seekers: 5, hires: 2 }));
  // Days in any order are written in date order.
  const f = good();
  f.markets[0].days = new Map([["2026-11-02", counts({ hires: 2 })], ["2026-11-28", counts({ hires: 28 })], ["2026-11-01", counts({ hires: 1 })]]);
  assert.match(buildStatsFile(f, "x"), '"days":[["2026-11-01",0,0,0,0,1,0,0],["2026-11-02",0,0,0,0,2,0,0],["2026-11-28",0,0,0,0,28,0,0]]');
});

test("statistics file: the online owner's key, a one-day period and a name of 50 characters are read", () => {
  const f = { ...good(), from: "2026-11-28", to: "2026-11-28", markets: [{ key: ONLINE, name: "市".repeat(50), tier: "online", days: new Map([["2026-11-28", counts({ signups: 1 })]]) }] };
  const r = parseStatsFile(buildStatsFile(f, "2026-11-28T01:00:00.000Z"), ctx);
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.is(r.value.markets[0].key, "online");
  assert.is(r.value.markets[0].name.length, 50);
  assert.equal([...r.value.markets[0].days.keys()], ["2026-11-28"]);
});

test("statistics file: every kind of bad file is refused", () => {
  const base = JSON.parse(buildStatsFile(good(), "2026-11-28T01:00:00.000Z"));
  const edit = (f: (j: any) => void) => {
    const j = structuredClone(base);
    f(j);
    return JSON.stringify(j);
  };
  // Each case with the check that refuses it (the detail, or the code shown for wrongCity / unknownCounty): a
  // case refused by an earlier check would prove nothing about the one it is named for.
  const cases: [string, string, string, string][] = [
    ["not JSON", "{ nope", "malformed", "json"],
    ["empty", "", "malformed", "json"],
    ["a BOM after a space: only a BOM in front is dropped", " \uFEFF" + JSON.stringify(base), "malformed", "json"],
    ["an array", "[]", "malformed", "format"],
    ["null", "null", "malformed", "format"],
    ["other format", edit((j) => (j.format = "other")), "malformed", "format"],
    ["other version", edit((j) => (j.version = 2)), "malformed", "version"],
    ["city as a number", edit((j) => (j.city = 411000)), "malformed", "codes"],
    ["county as a number", edit((j) => (j.county = 411024)), "malformed", "codes"],
    ["wrong city", edit((j) => (j.city = "410100")), "wrongCity", "410100"],
    ["a long city code: 12 characters shown", edit((j) => (j.city = "4100000000000000")), "wrongCity", "410000000000"],
    ["unknown county", edit((j) => (j.county = "410102")), "unknownCounty", "410102"],
    ["a long county code: 12 characters shown", edit((j) => (j.county = "4110240000000000")), "unknownCounty", "411024000000"],
    ["fields changed", edit((j) => j.fields.reverse()), "malformed", "fields"],
    ["fields as one text", edit((j) => (j.fields = j.fields.join(","))), "malformed", "fields"],
    ["end before start", edit((j) => (j.to = "2026-10-01")), "dates", "period"],
    ["period in the future", edit((j) => (j.to = "2026-11-29")), "dates", "period"],
    ["period too long", edit((j) => (j.from = "2024-01-01")), "dates", "period"],
    ["not a date", edit((j) => (j.from = "2026-02-30")), "dates", "period"],
    ["a date as a number", edit((j) => (j.from = 20261101)), "dates", "period"],
    ["the end as a number", edit((j) => (j.to = 20261128)), "dates", "period"],
    ["before 2000", edit((j) => (j.from = "1999-12-31")), "dates", "period"],
    ["a short period that begins before 2000", edit((j) => ((j.from = "1999-12-31"), (j.to = "2000-01-05"))), "dates", "period"],
    ["markets not a list", edit((j) => (j.markets = {})), "malformed", "markets"],
    ["a market that is null", edit((j) => (j.markets[0] = null)), "malformed", "key"],
    ["a key as a number", edit((j) => (j.markets[0].key = 3)), "malformed", "key"],
    ["key 0", edit((j) => (j.markets[0].key = "0")), "malformed", "key"],
    ["a key of 10 digits", edit((j) => (j.markets[0].key = "1234567890")), "malformed", "key"],
    ["a key after online", edit((j) => (j.markets[0].key = "online2")), "malformed", "key"],
    ["name as a number", edit((j) => (j.markets[0].name = 5)), "malformed", "name"],
    ["a name of 51 characters", edit((j) => (j.markets[0].name = "市".repeat(51))), "malformed", "name"],
    ["tier in capitals", edit((j) => (j.markets[0].tier = "County")), "malformed", "tier"],
    ["tier of 13 letters", edit((j) => (j.markets[0].tier = "abcdefghijklm")), "malformed", "tier"],
    ["tier as a number", edit((j) => (j.markets[0].tier = 1)), "malformed", "tier"],
    ["tier as true (reads as the letters \"true\")", edit((j) => (j.markets[0].tier = true)), "malformed", "tier"],
    ["days not a list", edit((j) => (j.markets[0].days = {})), "malformed", "days"],
    ["a row that is not a list", edit((j) => (j.markets[0].days[0] = "2026-11-02")), "malformed", "row"],
    ["a long row", edit((j) => j.markets[0].days[0].push(1)), "malformed", "row"],
    ["day outside the period", edit((j) => (j.markets[0].days[0][0] = "2026-10-31")), "dates", "2026-10-31"],
    ["day after the period", edit((j) => ((j.to = "2026-11-27"), (j.markets[0].days[0][0] = "2026-11-28"))), "dates", "2026-11-28"],
    ["a day that is no date", edit((j) => (j.markets[0].days[0][0] = "2026-11-31")), "dates", "2026-11-31"],
    ["a day as a number, cut to 12 characters", edit((j) => (j.markets[0].days[0][0] = 20261102123456)), "dates", "202611021234"],
    ["negative count", edit((j) => (j.markets[0].days[0][2] = -1)), "negative", "2026-11-02"],
    ["fraction", edit((j) => (j.markets[0].days[0][2] = 1.5)), "malformed", "number"],
    ["count as text", edit((j) => (j.markets[0].days[0][2] = "5")), "malformed", "number"],
    ["count null", edit((j) => (j.markets[0].days[0][2] = null)), "malformed", "number"],
    ["short row", edit((j) => j.markets[0].days[0].pop()), "malformed", "row"],
    ["same day twice", edit((j) => j.markets[0].days.push([...j.markets[0].days[0]])), "malformed", "duplicate"],
    ["same market twice", edit((j) => j.markets.push({ ...j.markets[0] })), "malformed", "key"],
    ["bad key", edit((j) => (j.markets[0].key = "../x")), "malformed", "key"],
    ["empty name", edit((j) => (j.markets[0].name = " ")), "malformed", "name"],
    ["huge count", edit((j) => (j.markets[0].days[0][2] = 1e9)), "malformed", "number"],
    ["one over the largest count", edit((j) => (j.markets[0].days[0][2] = 1_000_001)), "malformed", "number"],
  ];
  for (const [what, text, kind, detail] of cases) {
    const r = parseStatsFile(text, ctx);
    assert.is(r.ok, false, what);
    if (!r.ok) assert.is(r.problem.kind, kind, what);
    if (!r.ok) assert.is("detail" in r.problem ? r.problem.detail : "city" in r.problem ? r.problem.city : r.problem.county, detail, what);
  }
});

test("import changes: the same rows again change nothing; corrections and removals count", () => {
  const rows = rowsOf(good());
  assert.is(importChanges(rows, rows), 0);
  assert.is(importChanges([], rows), rows.length);
  const corrected = rows.map((r, i) => (i === 0 ? { ...r, counts: counts({ ...r.counts, hires: 3 }) } : r));
  assert.is(importChanges(rows, corrected), 1);
  assert.is(importChanges(rows, rows.slice(1)), 1, "a day that is gone from the file");
  assert.is(importChanges(rows, rows.map((r, i) => (i === 0 ? { ...r, marketName: "鄢陵县零工市场（新）" } : r))), 1, "a market renamed");
  assert.is(importChanges(rows, rows.map((r, i) => (i === 0 ? { ...r, marketTier: "station" } : r))), 1, "a market of another tier");
  // Figures that read the same run together are still different figures.
  const a = rowsOf({ ...good(), markets: [{ key: "3", name: "甲", tier: "county", days: new Map([["2026-11-02", counts({ seekers: 1, postings: 11 })]]) }] });
  const b = rowsOf({ ...good(), markets: [{ key: "3", name: "甲", tier: "county", days: new Map([["2026-11-02", counts({ seekers: 11, postings: 1 })]]) }] });
  assert.is(importChanges(a, b), 1);
  assert.is(metrics.length, 7);
});

test.run();
