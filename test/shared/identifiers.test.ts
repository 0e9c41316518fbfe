// Identifiers that pass their checksum but cannot be real: an ID number's area
// must start with a real province (GB/T 2260) and name a plausible prefecture;
// a USCC needs a known registration authority, an area with a real province
// and (but for 个体工商户) a valid GB 11714 organisation-code check character.
// And "born today" is today in Beijing, by the injected clock.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as v from "valibot";
import { isValidResidentId, isValidUscc, isPlausibleAreaCode } from "../../src/shared/validators.ts";
import { check, residentId } from "../../src/shared/forms.ts";
import { withClock, fixedClock } from "../../src/shared/clock.ts";
import { completeResidentId, completeUscc, completeOrgCode } from "../../src/features/employers/employers.domain.ts";

const NOON = new Date("2026-11-28T12:00:00+08:00");
const id = (area: string, birth = "19750315", seq = "123") => completeResidentId(area + birth + seq);

const idCases: [string, string, boolean][] = [
  ["鄢陵县 411024", id("411024"), true],
  ["北京东城 110101", id("110101"), true],
  ["湖北省直辖 429004 (prefecture 90)", id("429004"), true],
  ["香港 810000", id("810000"), true],
  ["area 000000", id("000000"), false],
  ["area 999999", id("999999"), false],
  ["province 10 (none)", id("100101"), false],
  ["province 47 (none)", id("470101"), false],
  ["prefecture 00", id("410024"), false],
  ["prefecture 80", id("418024"), false],
  ["right area, wrong check digit (a digit, so only the checksum can tell)", (() => { const good = id("411024"); return good.slice(0, 17) + String((Number(good[17] === "X" ? 10 : good[17]) + 1) % 10); })(), false],
];
for (const [what, value, ok] of idCases) {
  test(`ID number: ${what} → ${ok ? "accepted" : "refused"}`, () => {
    assert.is(isValidResidentId(value, NOON), ok, value);
  });
}

const usccCases: [string, string, boolean][] = [
  ["published sample 91350100M000100Y43", "91350100M000100Y43", true],
  ["阿里巴巴(中国) 91330100799655058B", "91330100799655058B", true],
  ["腾讯 9144030071526726XG", "9144030071526726XG", true],
  ["a central body, area 100000", "11100000000013127D", true],
  ["a fixture of the tests", completeUscc("92411024" + completeOrgCode("MA123456")), true],
  ["all zeros", "000000000000000000", false],
  ["authority 0 with a correct MOD 31 check", completeUscc("01411024" + completeOrgCode("MA123456")), false],
  ["authority Z (not in GB 32100)", completeUscc("Z1411024" + completeOrgCode("MA123456")).replace(/^./, "Z"), false],
  ["type 0", completeUscc("90411024" + completeOrgCode("MA123456")), false],
  ["letters where the area goes", completeUscc("91AB1024" + completeOrgCode("MA123456")), false],
  ["area 000000", completeUscc("91000000" + completeOrgCode("MA123456")), false],
  ["area 990000", completeUscc("91990000" + completeOrgCode("MA123456")), false],
  ["a wrong organisation-code check character (MOD 31 still right)", completeUscc("91411024MA1234560".slice(0, 16) + (completeOrgCode("MA123456")[8] === "1" ? "2" : "1")), false],
];
for (const [what, value, ok] of usccCases) {
  test(`USCC: ${what} → ${ok ? "accepted" : "refused"}`, () => {
    assert.is(isValidUscc(value), ok, value);
  });
}

test("plausible area codes", () => {
  assert.ok(isPlausibleAreaCode("411024"));
  assert.not.ok(isPlausibleAreaCode("41102"));
  assert.not.ok(isPlausibleAreaCode("41A024"));
});

// 00:30 in Beijing is still the day before in UTC (16:30): a baby born "today"
// must be accepted by Beijing's date, and "tomorrow" refused.
test("the birth-date check uses the injected clock's Beijing date (at 00:30 Beijing time)", () => {
  const clock = fixedClock("2026-11-28T00:30:00+08:00");
  const bornToday = id("411024", "20261128");
  const bornTomorrow = id("411024", "20261129");
  const Form = v.object({ idNumber: residentId() });
  withClock(clock, () => {
    assert.ok(check(Form, { idNumber: bornToday }).ok, "born today (Beijing) is accepted");
    assert.not.ok(check(Form, { idNumber: bornTomorrow }).ok, "born tomorrow is refused");
  });
  // The same number checked by a clock a day earlier: not born yet.
  withClock(fixedClock("2026-11-27T23:30:00+08:00"), () => assert.not.ok(check(Form, { idNumber: bornToday }).ok));
  assert.ok(isValidResidentId(bornToday, new Date(clock.now())));
});

test.run();
