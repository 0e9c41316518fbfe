import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  daysString, daysList, wageProblem, placeProblem, canOpenAnotherCard, maskName, ageIn, birthYearRange, seesFullPhone, newCardCode, CARD_ALPHABET, MAX_OPEN_CARDS,
} from "../../../src/features/workers/workers.domain.ts";

test("days are stored sorted and without repeats; unknown values are dropped", () => {
  const cases: [string[], string][] = [
    [[], ""], [["1"], "1"], [["5", "1", "3"], "135"], [["7", "7", "1"], "17"], [["8", "0", "x", "2"], "2"], [["1", "2", "3", "4", "5", "6", "7"], "1234567"],
  ];
  for (const [input, stored] of cases) assert.is(daysString(input), stored, input.join(","));
  const back: [string | null | undefined, string[]][] = [[null, []], [undefined, []], ["", []], ["135", ["1", "3", "5"]], ["1234567", ["1", "2", "3", "4", "5", "6", "7"]]];
  for (const [s, list] of back) assert.equal(daysList(s), list, String(s));
});

test("a wage needs both an amount and a unit", () => {
  const cases: [number | undefined, string | undefined, ReturnType<typeof wageProblem>][] = [
    [undefined, undefined, null], [15000, "day", null], [15000, undefined, "wageUnitNeeded"], [undefined, "hour", "wageNeeded"],
  ];
  for (const [fen, unit, problem] of cases) assert.is(wageProblem(fen, unit), problem, `${fen} ${unit}`);
});

test("a township must lie in the chosen county", () => {
  const inCounty = (tw: string, c: string) => tw.startsWith(c);
  const cases: [string | undefined, string | undefined, ReturnType<typeof placeProblem>][] = [
    [undefined, undefined, null],
    ["411024", undefined, null],
    ["411024", "411024101", null],
    ["411024", "411081103", "townshipNotInCounty"],
    [undefined, "411024101", "townshipNeedsCounty"],
  ];
  for (const [county, township, problem] of cases) assert.is(placeProblem(county, township, inCounty), problem, `${county} ${township}`);
});

test("a worker keeps at most MAX_OPEN_CARDS cards open", () => {
  const cases: [number, boolean][] = [[0, true], [MAX_OPEN_CARDS - 1, true], [MAX_OPEN_CARDS, false], [MAX_OPEN_CARDS + 3, false]];
  for (const [open, ok] of cases) assert.is(canOpenAnotherCard(open), ok, String(open));
});

test("public pages show the family name only", () => {
  const cases: [string, string][] = [["王秀英", "王**"], ["李强", "李*"], ["欧阳秀英", "欧***"], ["买买提·艾力江木", "买***"], ["张", "张"], ["", ""], ["  刘  ", "刘"]];
  for (const [name, shown] of cases) assert.is(maskName(name), shown, name);
});

test("age from the birth year; unknown or implausible is null", () => {
  const cases: [number | null, number | null][] = [[1966, 60], [2010, 16], [null, null], [2020, null], [1900, null]];
  for (const [born, age] of cases) assert.is(ageIn(2026, born), age, String(born));
  assert.equal(birthYearRange(2026), { min: 1936, max: 2010 });
});

test("who sees full phone numbers on the public list", () => {
  const cases: [{ role: string } | null, boolean, boolean][] = [
    [null, false, false],
    [{ role: "worker" }, false, false],
    [{ role: "employer" }, false, false],
    [{ role: "employer" }, true, true],
    [{ role: "worker" }, true, false],
    [{ role: "staff" }, false, true],
    [{ role: "county_admin" }, false, true],
    [{ role: "city_admin" }, false, true],
  ];
  for (const [viewer, verified, full] of cases) assert.is(seesFullPhone(viewer, verified), full, `${viewer?.role} ${verified}`);
});

test("card codes use only the unmistakable alphabet", () => {
  let i = 0;
  const steps = [0, 0.04, 0.5, 0.999, 0.3, 0.7];
  const code = newCardCode(() => steps[i++ % steps.length]);
  assert.is(code.length, 6);
  for (const ch of code) assert.ok(CARD_ALPHABET.includes(ch), ch);
  assert.is(code[0], CARD_ALPHABET[0]);
  assert.is(code[3], CARD_ALPHABET[CARD_ALPHABET.length - 1]);
});

test("age boundaries: 14 and 100 are ages, 13 and 101 are not", () => {
  const cases: [number, number | null][] = [[2012, 14], [2013, null], [1926, 100], [1925, null]];
  for (const [born, age] of cases) assert.is(ageIn(2026, born), age, String(born));
});

test.run();
