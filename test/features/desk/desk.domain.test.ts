// Desk rules as tables of cases: the lookup box, priority categories, who sees
// the sensitive ones, the fair order, the seeded draw, birth years, settings.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  parseLookup, waitingDays, categoriesOf, canSeeSensitive, drawOrder, fairOrder, mulberry32,
  resolveBirthYear, olderBirthYearLimit, ageOn, pageNumber, defaultPrioritySettings, type PriorityFacts,
  queueThresholds, newSeed, birthYearBounds,
} from "../../../src/features/desk/desk.domain.ts";
import { readDeskSettings } from "../../../src/features/desk/desk.settings.ts";
import { ConfigError } from "../../../src/config.ts";
import { priorityCases, priorityToday } from "./priority.cases.ts";
import type { CurrentUser } from "../../../src/shared/context.ts";

const today = "2026-11-28";
const s = defaultPrioritySettings;

test("the lookup box tells a phone, a card code and a name apart", () => {
  const cases: [string, ReturnType<typeof parseLookup>][] = [
    ["13812345678", { by: "phone", phone: "13812345678" }],
    ["+86 138-1234-5678", { by: "phone", phone: "13812345678" }],
    ["１３８１２３４５６７８", { by: "phone", phone: "13812345678" }],
    ["K7QX3M", { by: "card", code: "K7QX3M" }],
    ["k7qx3m", { by: "card", code: "K7QX3M" }],
    [" K7Q X3M ", { by: "card", code: "K7QX3M" }],
    ["王", { by: "name", name: "王" }],
    ["王秀英", { by: "name", name: "王秀英" }],
    ["K7QX30", { by: "name", name: "K7QX30" }], // 0 is not in the card alphabet: not a code
    ["12345", null], // digits that are no mobile number are a typo, not a name
    ["", null],
    ["   ", null],
  ];
  for (const [raw, want] of cases) assert.equal(parseLookup(raw), want, raw);
});

test("waiting days count from the first check-in, or from a later hire", () => {
  const cases: [Partial<PriorityFacts>, number | null][] = [
    [{ firstCheckIn: null, lastHire: null }, null],
    [{ firstCheckIn: null, lastHire: "2026-11-01" }, null],
    [{ firstCheckIn: "2026-10-29", lastHire: null }, 30],
    [{ firstCheckIn: "2026-10-29", lastHire: "2026-10-01" }, 30], // a hire before the first check-in does not count
    [{ firstCheckIn: "2026-10-01", lastHire: "2026-11-20" }, 8],
    [{ firstCheckIn: today, lastHire: null }, 0],
  ];
  for (const [f, want] of cases) assert.is(waitingDays({ firstCheckIn: null, lastHire: null, ...f }, today), want, JSON.stringify(f));
});

test("priority categories follow the thresholds (the table the SQL twins answer too: priority.twins.test.ts)", () => {
  const none: PriorityFacts = { birthYear: null, firstCheckIn: null, lastHire: null, sensitive: [] };
  for (const [name, f, settings, want] of priorityCases) assert.equal(categoriesOf({ ...none, ...f }, priorityToday, { ...s, ...settings }), want, name);
  assert.is(olderBirthYearLimit(today, s), 1976);
  assert.is(ageOn(1976, today), 50);
  assert.is(ageOn(null, today), null);
});

test("only staff and county admins of the worker's county see the sensitive categories", () => {
  const u = (role: CurrentUser["role"], scopeCounty: string | null) => ({ role, scopeCounty });
  const cases: [ReturnType<typeof u>, string | null, boolean][] = [
    [u("staff", "411024"), "411024", true],
    [u("county_admin", "411024"), "411024", true],
    [u("staff", "411081"), "411024", false],
    [u("county_admin", "411081"), "411024", false],
    [u("city_admin", null), "411024", false],
    [u("worker", null), "411024", false],
    [u("employer", "411024"), "411024", false],
    [u("staff", "411024"), null, false],
    [u("staff", null), null, false],
  ];
  for (const [viewer, county, want] of cases) assert.is(canSeeSensitive(viewer, county), want, JSON.stringify([viewer, county]));
});

test("the seeded PRNG gives the same numbers for the same seed", () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const xs = Array.from({ length: 5 }, () => a());
  assert.equal(Array.from({ length: 5 }, () => b()), xs);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.is.not(mulberry32(43)(), mulberry32(42)());
});

test("a draw is a permutation that anyone can redo from its seed", () => {
  const ids = [31, 7, 12, 99, 4, 58, 23, 16];
  for (const seed of [0, 1, 20261128, 4294967295]) {
    const order = drawOrder(ids, seed);
    assert.equal([...order].sort((x, y) => x - y), [...ids].sort((x, y) => x - y), "same people");
    assert.equal(drawOrder([...ids].reverse(), seed), order, "the input order does not matter");
    assert.equal(drawOrder(order, seed), order, "redone from the stored order and seed");
  }
  // A fixed expectation: draws stored in the past must stay checkable, so the algorithm may never change.
  assert.equal(drawOrder([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 12345), [7, 5, 9, 1, 2, 8, 6, 4, 3, 10]);
  const seen = new Set([1, 2, 3, 4, 5, 6, 7].map((seed) => drawOrder(ids, seed).join(",")));
  assert.ok(seen.size > 1, "different seeds give different orders");
  const tampered = drawOrder(ids, 1);
  [tampered[0], tampered[1]] = [tampered[1], tampered[0]];
  assert.not.equal(drawOrder(tampered, 1), tampered, "a changed order does not follow from the seed");
  assert.equal(drawOrder([], 5), []);
  assert.equal(drawOrder([3, 3, 1], 5).sort(), [1, 3], "duplicates count once");
});

test("the fair order: by arrival, priority first, or the draw then latecomers", () => {
  const arrived = [
    { workerId: 1, at: 300 },
    { workerId: 2, at: 100 },
    { workerId: 3, at: 200 },
    { workerId: 4, at: 400 },
  ];
  const cases: [Parameters<typeof fairOrder>[0], Parameters<typeof fairOrder>[2], number[]][] = [
    ["checkin", {}, [2, 3, 1, 4]],
    ["priority", { priority: new Set([1, 4]) }, [1, 4, 2, 3]],
    ["priority", { priority: new Set() }, [2, 3, 1, 4]],
    ["draw", { drawn: null }, [2, 3, 1, 4]], // not drawn yet
    ["draw", { drawn: [3, 1, 2] }, [3, 1, 2, 4]], // 4 came after the draw
    ["draw", { drawn: [9, 3, 1, 2] }, [3, 1, 2, 4]], // 9 is not checked in (any more)
    ["checkin", { drawn: [3, 1, 2] }, [2, 3, 1, 4]], // a draw only counts under the draw rule
  ];
  for (const [rule, opts, want] of cases) assert.equal(fairOrder(rule, arrived, opts), want, `${rule} ${JSON.stringify(opts)}`);
});

test("birth year from the form and the ID number", () => {
  const id = "11010519491231002X";
  const cases: [number | undefined, string | undefined, ReturnType<typeof resolveBirthYear>][] = [
    [undefined, undefined, { ok: true, year: null }],
    [1960, undefined, { ok: true, year: 1960 }],
    [undefined, id, { ok: true, year: 1949 }],
    [1949, id, { ok: true, year: 1949 }],
    [1950, id, { ok: false }],
  ];
  for (const [typed, idNumber, want] of cases) assert.equal(resolveBirthYear(typed, idNumber), want);
});

test("page numbers from the query", () => {
  const cases: [unknown, number][] = [[undefined, 1], ["2", 2], ["0", 1], ["-1", 1], ["abc", 1], ["1.5", 1], ["99999999", 1]];
  for (const [raw, want] of cases) assert.is(pageNumber(raw), want, String(raw));
});

test("settings: defaults, overrides, and a bad value stops the start", () => {
  assert.equal(readDeskSettings({}), { longWaitDays: 30, olderAge: 50 });
  assert.equal(readDeskSettings({ DESK_LONG_WAIT_DAYS: "45", DESK_OLDER_AGE: "55" }), { longWaitDays: 45, olderAge: 55 });
  for (const env of [{ DESK_LONG_WAIT_DAYS: "0" }, { DESK_LONG_WAIT_DAYS: "abc" }, { DESK_OLDER_AGE: "101" }, { DESK_OLDER_AGE: "4.5" }]) {
    assert.throws(() => readDeskSettings(env), (e: Error) => e instanceof ConfigError && /DESK_/.test(e.message), JSON.stringify(env));
  }
});

// --- Rows added after the Stryker run of 2026-12-05 (mutation testing) -----------

test("the lookup box: spaces around a name go, long names are cut, digits only when all of it is digits", () => {
  const cases: [string, ReturnType<typeof parseLookup>][] = [
    ["  王秀英  ", { by: "name", name: "王秀英" }],
    ["12345a", { by: "name", name: "12345a" }],
    ["a12345", { by: "name", name: "a12345" }],
    ["+86 123", null],
    ["138-1234", null],
    ["欧阳娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜", { by: "name", name: "欧阳娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜" }], // 25 characters → the first 20
    ["K7QX3MA", { by: "name", name: "K7QX3MA" }],
  ];
  for (const [raw, want] of cases) assert.equal(parseLookup(raw), want, raw);
});

test("never checked in is never 待工时间长, whatever the threshold", () => {
  const f: PriorityFacts = { birthYear: null, firstCheckIn: null, lastHire: "2026-01-01", sensitive: [] };
  assert.equal(categoriesOf(f, today, { longWaitDays: 0, olderAge: 50 }), []);
  assert.equal(categoriesOf({ ...f, firstCheckIn: today }, today, { longWaitDays: 0, olderAge: 50 }), ["long_wait"]);
  assert.is(waitingDays({ firstCheckIn: "2026-11-30", lastHire: null }, today), 0, "a check-in dated after today is a wait of 0 days");
});

test("the queue's SQL thresholds come from the same settings", () => {
  assert.equal(queueThresholds(today, s), { waitCutoff: "2026-10-29", olderBornBy: 1976 });
  assert.equal(queueThresholds("2027-01-10", { longWaitDays: 45, olderAge: 55 }), { waitCutoff: "2026-11-26", olderBornBy: 1972 });
});

test("a fresh seed is the random source's number as an unsigned 32-bit integer", () => {
  const cases: [number, number][] = [[7, 7], [-1, 4294967295], [4294967296 + 5, 5], [0, 0]];
  for (const [raw, want] of cases) assert.is(newSeed(() => raw), want, String(raw));
});

test("the fair order: two check-ins in the same millisecond go by worker id", () => {
  const arrived = [
    { workerId: 5, at: 100 },
    { workerId: 3, at: 100 },
    { workerId: 9, at: 50 },
    { workerId: 4, at: 100 },
  ];
  assert.equal(fairOrder("checkin", arrived), [9, 3, 4, 5]);
  assert.equal(fairOrder("priority", arrived), [9, 3, 4, 5], "no priority set given: by arrival");
  assert.equal(fairOrder("draw", arrived, { drawn: [] }), [9, 3, 4, 5], "an empty draw: everyone came after it");
});

test("birth years a walk-in may give, and page numbers at the edges", () => {
  assert.equal(birthYearBounds("2026-11-28"), { min: 1936, max: 2010 });
  assert.equal(birthYearBounds("2030-01-01"), { min: 1940, max: 2014 });
  const pages: [unknown, number][] = [["1", 1], ["10000", 10000], ["10001", 1], [7, 7], ["1e3", 1000], [null, 1]];
  for (const [raw, want] of pages) assert.is(pageNumber(raw), want, String(raw));
  assert.equal(resolveBirthYear(1960, ""), { ok: true, year: 1960 }, "an empty ID number is none");
});

test.run();
