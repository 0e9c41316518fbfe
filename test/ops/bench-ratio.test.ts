// The bench's "vs ceiling" arithmetic (scripts/bench/ratio.ts): per-round ratios, their median and range,
// pooled req/s and percentiles, the rounds' order. Figures written out by hand; no timing is measured here.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatRatio, median, percentile, pooledRate, rate, roundOrder, roundRatios, roundsFor, spanRate } from "../../scripts/bench/ratio.ts";

test("median: the middle value, the mean of the two middle ones, NaN for none; the input is not reordered", () => {
  const xs = [0.86, 0.56, 0.61, 0.58, 0.6];
  assert.is(median(xs), 0.6);
  assert.equal(xs, [0.86, 0.56, 0.61, 0.58, 0.6]);
  assert.is(median([4, 1, 3, 2]), 2.5);
  assert.is(median([7]), 7);
  assert.ok(Number.isNaN(median([])));
});

test("percentile by nearest rank, as autocannon reports one", () => {
  const ms = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]; // 1..10
  assert.is(percentile(ms, 50), 5);
  assert.is(percentile(ms, 99), 10);
  assert.is(percentile(ms, 10), 1);
  assert.is(percentile(ms, 0), 1);
  assert.is(percentile([3], 99), 3);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test("a write row's rate: its answers over the span to the last answer, not over whole seconds", () => {
  // 10,000 answers, the last 7,100 ms after the start: 1,408.5/s (autocannon's per-second mean would count 8 s: 1,250).
  assert.is(Math.round(spanRate(10_000, 1_000, 8_100) * 10) / 10, 1408.5);
  assert.is(spanRate(300, 50, 50), 0);
  assert.is(spanRate(0, 0, 2_000), 0);
});

test("rate and pooled rate: every answer over every second, not the mean of the rounds' rates", () => {
  assert.is(rate({ answers: 9000, seconds: 1.2 }), 7500);
  assert.is(rate({ answers: 10, seconds: 0 }), 0);
  // 1,000 answers in 1 s and 3,000 in 2 s: 4,000 in 3 s is 1,333.3/s (the mean of 1,000 and 1,500 would be 1,250).
  assert.is(Math.round(pooledRate([{ answers: 1000, seconds: 1 }, { answers: 3000, seconds: 2 }]) * 10) / 10, 1333.3);
  assert.is(pooledRate([]), 0);
});

test("round ratios: the page against the ceiling of the same round; the median and range of those", () => {
  // The ceiling drifts from 20,000 to 10,000 req/s while the page holds near 9,000: the old single ratio
  // would read anything from 45 % to 90 % depending on when the ceiling ran; the rounds say 60 %.
  const ceilings = [
    { answers: 15000, seconds: 1 },
    { answers: 20000, seconds: 1 },
    { answers: 10000, seconds: 1 },
    { answers: 16000, seconds: 1 },
    { answers: 12500, seconds: 1.25 },
  ];
  const pages = [
    { answers: 9000, seconds: 1 }, // 9,000 / 15,000 = 0.6
    { answers: 11000, seconds: 1 }, // 11,000 / 20,000 = 0.55
    { answers: 6500, seconds: 1 }, // 6,500 / 10,000 = 0.65
    { answers: 9920, seconds: 1 }, // 9,920 / 16,000 = 0.62
    { answers: 5800, seconds: 1 }, // 5,800 / 10,000 = 0.58
  ];
  const r = roundRatios(pages, ceilings);
  assert.equal(
    r.rounds.map((x) => Math.round(x * 100) / 100),
    [0.6, 0.55, 0.65, 0.62, 0.58],
  );
  assert.is(Math.round(r.median * 100) / 100, 0.6);
  assert.is(Math.round(r.min * 100) / 100, 0.55);
  assert.is(Math.round(r.max * 100) / 100, 0.65);
  assert.is(formatRatio(r), "60% (55–65)");
});

test("round ratios: a round whose ceiling answered nothing is left out of the median, not counted as 0 or ∞", () => {
  const r = roundRatios(
    [
      { answers: 500, seconds: 1 },
      { answers: 600, seconds: 1 },
      { answers: 700, seconds: 1 },
    ],
    [
      { answers: 10000, seconds: 1 },
      { answers: 0, seconds: 1 },
      { answers: 10000, seconds: 1 },
    ],
  );
  assert.ok(Number.isNaN(r.rounds[1]));
  assert.is(Math.round(r.median * 1e6) / 1e6, 0.06); // (0.05 + 0.07) / 2
  assert.is(formatRatio(r), "6% (5–7)");
  assert.throws(() => roundRatios([{ answers: 1, seconds: 1 }], []));
});

test("one round (the smoke's 1 s rows): just the ratio; no rounds at all: a dash", () => {
  assert.is(formatRatio(roundRatios([{ answers: 3, seconds: 1 }], [{ answers: 4, seconds: 1 }])), "75%");
  assert.is(formatRatio(roundRatios([], [])), "—");
});

test("rounds per row: at most 5, each at least 1 s, the row as long as the old single run", () => {
  assert.equal(roundsFor(5), { rounds: 5, seconds: 1 });
  assert.equal(roundsFor(10), { rounds: 5, seconds: 2 });
  assert.equal(roundsFor(1), { rounds: 1, seconds: 1 });
  assert.equal(roundsFor(3), { rounds: 3, seconds: 1 });
  assert.equal(roundsFor(0.5), { rounds: 1, seconds: 0.5 });
});

test("round order: which goes first alternates; the ceiling sits beside the page and its rendered copy", () => {
  assert.equal(roundOrder(0, false), ["page", "ceiling"]);
  assert.equal(roundOrder(1, false), ["ceiling", "page"]);
  assert.equal(roundOrder(2, false), ["page", "ceiling"]);
  assert.equal(roundOrder(0, true), ["page", "ceiling", "rendered"]);
  assert.equal(roundOrder(1, true), ["rendered", "ceiling", "page"]);
});

test.run();
