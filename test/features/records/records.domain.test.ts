// The definitions of docs/records.zh-CN.md, worked by hand: an employer's
// record, the percentiles and the going rate with its threshold and city
// fallback, and a worker's printed summary.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  employerRecord, isDone, yearWindowStart, wholeMonths, percentile, rateFigures, rateTable, goingRate, goingRatesFor,
  wellBelow, printSummary, GOING_RATE_MIN_HIRES, type HireFacts, type RateSample,
} from "../../../src/features/records/records.domain.ts";
import { lastMonths, trendRows } from "../../../src/features/records/records.trend.ts";

const today = "2026-12-05";
const hire = (endDate: string, paid: HireFacts["paid"] = null, status: HireFacts["status"] = "completed"): HireFacts => ({ status, endDate, paid });

test("the 12 months end today and start the day after the same date last year", () => {
  assert.is(yearWindowStart("2026-12-05"), "2025-12-06");
  assert.is(yearWindowStart("2026-01-01"), "2025-01-02");
  // 29 February: a year back there is no 29th, so from 28 February 2027 on: 2027-03-01 … 2028-02-29.
  assert.is(yearWindowStart("2028-02-29"), "2027-03-01");
  assert.is(yearWindowStart("2027-03-01"), "2026-03-02");
  // The 31st of a month that has one (only February is cut to the 28th).
  assert.is(yearWindowStart("2026-12-31"), "2026-01-01");
});

test("a hire counts once completed, or once its last day has passed; never when cancelled", () => {
  assert.ok(isDone({ status: "completed", endDate: "2026-12-10" }, today), "completed early");
  assert.ok(isDone({ status: "confirmed", endDate: "2026-12-04" }, today), "ended yesterday, never marked");
  assert.ok(isDone({ status: "working", endDate: "2026-12-04" }, today));
  assert.not.ok(isDone({ status: "working", endDate: today }, today), "still its last day");
  assert.not.ok(isDone({ status: "cancelled", endDate: "2026-11-01" }, today));
});

test("no hires, no cases: a new employer", () => {
  const r = employerRecord({ today, verifiedOn: "2026-11-20", hires: [], wageCases: [] });
  assert.equal(r, {
    from: "2025-12-06", to: today, hires: 0, paid: 0, notPaid: 0, unanswered: 0,
    wageCasesOpened: 0, wageCasesOpen: 0, verifiedOn: "2026-11-20", verifiedMonths: 0, isNew: true,
  });
});

test("only work in progress or cancelled: still new", () => {
  const r = employerRecord({ today, verifiedOn: null, hires: [hire("2026-12-08", null, "working"), hire("2026-11-01", null, "cancelled")], wageCases: [] });
  assert.is(r.hires, 0);
  assert.ok(r.isNew);
  assert.is(r.verifiedMonths, null);
});

test("one unpaid answer among four hires; one too old to count", () => {
  const r = employerRecord({
    today,
    verifiedOn: "2024-09-05",
    hires: [
      hire("2026-12-01", "paid"),
      hire("2026-10-15", "paid"),
      hire("2026-06-30", "not_paid"),
      hire("2026-12-04", null, "confirmed"), // ended yesterday, not answered yet
      hire("2025-12-05", "paid"), // last day a year ago: outside
    ],
    wageCases: [],
  });
  assert.is(r.hires, 4);
  assert.is(r.paid, 2);
  assert.is(r.notPaid, 1);
  assert.is(r.unanswered, 1);
  assert.is(r.verifiedMonths, 27);
  assert.not.ok(r.isNew);
});

test("three paid, one not: each answer counted as itself", () => {
  const r = employerRecord({ today, verifiedOn: null, hires: [hire("2026-12-01", "paid"), hire("2026-11-01", "paid"), hire("2026-10-01", "paid"), hire("2026-09-01", "not_paid")], wageCases: [] });
  assert.equal([r.hires, r.paid, r.notPaid, r.unanswered], [4, 3, 1, 0]);
});

test("the first day of the window counts", () => {
  assert.is(employerRecord({ today, verifiedOn: null, hires: [hire("2025-12-06", "paid")], wageCases: [] }).hires, 1);
});

test("an open case: counted as open whenever taken in; opened only within the window", () => {
  const r = employerRecord({
    today,
    verifiedOn: "2026-01-10",
    hires: [hire("2026-11-20", "not_paid")],
    wageCases: [
      { day: "2026-11-22", status: "processing" }, // this year, open
      { day: "2026-03-01", status: "closed" }, // this year, closed
      { day: "2025-06-01", status: "transferred" }, // older, still open
      { day: "2025-05-01", status: "visited" }, // older, closed: not shown
    ],
  });
  assert.is(r.wageCasesOpened, 2);
  assert.is(r.wageCasesOpen, 2);
  assert.is(r.verifiedMonths, 10);
});

test("a wage case alone is a record, not a new employer", () => {
  const r = employerRecord({ today, verifiedOn: null, hires: [], wageCases: [{ day: "2026-12-01", status: "accepted" }] });
  assert.not.ok(r.isNew);
  assert.is(r.wageCasesOpen, 1);
  // Closed, but taken in this year: still a record.
  const closed = employerRecord({ today, verifiedOn: null, hires: [], wageCases: [{ day: "2026-06-01", status: "closed" }] });
  assert.equal([closed.wageCasesOpened, closed.wageCasesOpen, closed.isNew], [1, 0, false]);
  // Taken in long ago, still open: a record too.
  const old = employerRecord({ today, verifiedOn: null, hires: [], wageCases: [{ day: "2024-06-01", status: "processing" }] });
  assert.equal([old.wageCasesOpened, old.wageCasesOpen, old.isNew], [0, 1, false]);
});

test("wage cases taken in on the window's first day and today count; the day before it does not", () => {
  const r = employerRecord({
    today,
    verifiedOn: null,
    hires: [],
    wageCases: [
      { day: "2025-12-06", status: "closed" },
      { day: today, status: "closed" },
      { day: "2025-12-05", status: "closed" },
      { day: "2026-12-06", status: "closed" }, // dated after today (a clock set back): not in the window
    ],
  });
  assert.is(r.wageCasesOpened, 2);
});

test("whole months", () => {
  assert.is(wholeMonths("2026-01-31", "2026-02-28"), 0);
  assert.is(wholeMonths("2026-01-31", "2026-03-01"), 1);
  assert.is(wholeMonths("2024-12-05", "2026-12-05"), 24);
  assert.is(wholeMonths("2024-12-06", "2026-12-05"), 23);
  assert.is(wholeMonths("2026-12-06", "2026-12-05"), 0);
});

test("percentiles by linear interpolation, worked by hand", () => {
  // 10 wages: positions 0…9. p25 at 2.25: 28 + 0.25 × (28 − 28) = 28; median at 4.5: (30 + 30) / 2; p75 at 6.75: 32 + 0.75 × (35 − 32) = 34.25.
  const wages = [25, 26, 28, 28, 30, 30, 32, 35, 36, 40].map((y) => y * 100);
  assert.equal(rateFigures(wages), { n: 10, p25: 2800, median: 3000, p75: 3425 });
  assert.is(percentile([100], 0.5), 100);
  assert.is(percentile([100, 200], 0.5), 150);
  assert.is(percentile([100, 200, 400], 0.25), 150); // position 0.5
  assert.is(percentile([1000, 2000, 3000, 4000], 0.75), 3250); // position 2.25
  assert.throws(() => percentile([], 0.5), /percentile of nothing/);
  // Order of input does not matter.
  assert.equal(rateFigures([4000, 1000, 3000, 2000]), rateFigures([1000, 2000, 3000, 4000]));
});

const YANLING = "411024";
const YUZHOU = "411081";
const samples = (kindId: number, county: string, unit: RateSample["unit"], yuan: number[]): RateSample[] =>
  yuan.map((y) => ({ kindId, countyCode: county, unit, wageFen: y * 100 }));

test("the threshold: 9 hires in the county and city are not enough; the 10th is", () => {
  const nine = samples(1, YANLING, "hour", [28, 28, 29, 30, 30, 30, 31, 33, 35]);
  assert.is(goingRate(rateTable(nine), 1, YANLING, "hour"), null);
  const ten = [...nine, ...samples(1, YANLING, "hour", [36])];
  const r = goingRate(rateTable(ten), 1, YANLING, "hour")!;
  assert.is(GOING_RATE_MIN_HIRES, 10);
  // sorted: 28 28 29 30 30 30 31 33 35 36 → p25 at 2.25: 29 + 0.25 × 1; median at 4.5: 30; p75 at 6.75: 31 + 0.75 × 2.
  assert.equal(r, { n: 10, p25: 2925, median: 3000, p75: 3250, kindId: 1, unit: "hour", scope: "county", countyCode: YANLING });
});

test("hires read together (a wage and how many had it) make the same table as hires read one by one", () => {
  const one = [...samples(1, YANLING, "hour", [28, 28, 29, 30, 30, 30, 31, 33, 35, 36]), ...samples(1, YUZHOU, "hour", [40, 40])];
  const counted: RateSample[] = [
    { kindId: 1, countyCode: YANLING, unit: "hour", wageFen: 2800, n: 2 },
    { kindId: 1, countyCode: YANLING, unit: "hour", wageFen: 2900, n: 1 },
    { kindId: 1, countyCode: YANLING, unit: "hour", wageFen: 3000, n: 3 },
    ...samples(1, YANLING, "hour", [31, 33, 35, 36]),
    { kindId: 1, countyCode: YUZHOU, unit: "hour", wageFen: 4000, n: 2 },
  ];
  assert.equal(rateTable(counted), rateTable(one));
  assert.equal(goingRate(rateTable(counted), 1, YANLING, "hour"), { n: 10, p25: 2925, median: 3000, p75: 3250, kindId: 1, unit: "hour", scope: "county", countyCode: YANLING });
  assert.is(rateTable(counted).get("1|*|hour")?.n, 12);
});

test("city fallback: too few in the county, enough across the city", () => {
  const t = rateTable([...samples(1, YANLING, "day", [150, 160, 170]), ...samples(1, YUZHOU, "day", [140, 150, 150, 160, 160, 180, 200])]);
  const r = goingRate(t, 1, YANLING, "day")!;
  assert.is(r.scope, "city");
  assert.is(r.n, 10);
  // sorted: 140 150 150 150 160 160 160 170 180 200 → median (160 + 160) / 2; p25 at 2.25 → 150; p75 at 6.75 → 160 + 0.75 × 10.
  assert.equal([r.p25, r.median, r.p75], [15000, 16000, 16750]);
  // Other kind, other unit: nothing.
  assert.is(goingRate(t, 2, YANLING, "day"), null);
  assert.is(goingRate(t, 1, YANLING, "hour"), null);
  assert.is(goingRate(t, 1, YANLING, "month"), null);
  assert.is(goingRate(t, 1, YANLING, null), null);
  // Monthly wages are no going rate, even when a table holds enough of them.
  const monthly = rateTable(samples(1, YANLING, "month" as unknown as RateSample["unit"], Array(12).fill(3000)));
  assert.is(goingRate(monthly, 1, YANLING, "month"), null);
});

test("units are never mixed", () => {
  const t = rateTable([...samples(1, YANLING, "day", [150, 150, 150, 150, 150]), ...samples(1, YANLING, "hour", [20, 20, 20, 20, 20])]);
  assert.is(goingRate(t, 1, YANLING, "day"), null);
});

test("every rate a county can show, for the posting form", () => {
  const t = rateTable([...samples(2, YANLING, "hour", Array(10).fill(30)), ...samples(1, YUZHOU, "day", Array(12).fill(150)), ...samples(4, YANLING, "day", [100, 120])]);
  const rs = goingRatesFor(t, YANLING); // kind 4: two hires, nothing to show
  assert.equal(rs.map((r) => [r.kindId, r.unit, r.scope]), [[1, "day", "city"], [2, "hour", "county"]]);
  // One kind in several units: in the order day, hour, piece, whatever the order of the hires.
  const units = rateTable([...samples(3, YANLING, "piece", Array(10).fill(5)), ...samples(3, YANLING, "hour", Array(10).fill(30)), ...samples(3, YANLING, "day", Array(10).fill(150))]);
  assert.equal(goingRatesFor(units, YANLING).map((r) => [r.kindId, r.unit]), [[3, "day"], [3, "hour"], [3, "piece"]]);
});

test("well below: under 85% of the median", () => {
  const r = goingRate(rateTable(samples(1, YANLING, "hour", Array(10).fill(30))), 1, YANLING, "hour");
  assert.ok(wellBelow(2549, r));
  assert.not.ok(wellBelow(2550, r));
  assert.not.ok(wellBelow(null, r));
  assert.not.ok(wellBelow(100, null));
});

test("a worker's printed summary: hires done, their answers, first and last dates", () => {
  const s = printSummary(
    [
      { ...hire("2026-11-30", "not_paid", "confirmed"), startDate: "2026-11-28" },
      { ...hire("2026-03-02", "paid"), startDate: "2026-03-01" },
      { ...hire("2026-12-09", null, "working"), startDate: "2026-12-01" }, // not done
      { ...hire("2026-07-01", null, "cancelled"), startDate: "2026-07-01" },
      { ...hire("2026-08-10"), startDate: "2026-08-08" },
    ],
    today,
  );
  assert.equal(s, { hires: 3, paid: 1, notPaid: 1, unanswered: 1, from: "2026-03-01", to: "2026-11-30" });
  assert.equal(printSummary([], today), { hires: 0, paid: 0, notPaid: 0, unanswered: 0, from: null, to: null });
});

test("the monitoring trend: the last six months, a median only where a month has 10 hires", () => {
  assert.equal(lastMonths("2026-12-05", 6), ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]);
  assert.equal(lastMonths("2026-02-01", 3), ["2025-12", "2026-01", "2026-02"]);
  const month = (m: string, yuan: number[], kindId = 1, unit: "hour" | "day" = "hour") => yuan.map((y) => ({ kindId, unit, wageFen: y * 100, month: m }));
  const rows = trendRows(
    [...month("2026-11", [20, 22, 24, 25, 25, 26, 28, 30, 30, 32]), ...month("2026-12", [30, 30, 30]), ...month("2026-11", [150], 2, "day"), ...month("2025-01", Array(20).fill(1))],
    ["2026-11", "2026-12"],
    (id) => (id === 1 ? "家政保洁" : "搬运装卸"),
  );
  // November: 10 wages, positions 4 and 5 are 25 and 26 → 25.5; December: 3 hires, not shown; kind 2: never 10, left out.
  assert.equal(rows, [{ kind: "家政保洁", unit: "hour", medians: [2550, null] }]);
});

test.run();
