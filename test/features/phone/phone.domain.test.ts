// The pure rules of phone codes, as tables of cases.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { weakPin, addressKey, limitRefusal, codeState, normalizeCode, budgetState, newCode, resendWait, MAX_WRONG_TRIES, CODE_TTL_MS, PROVEN_TTL_MS, PROOF_TTL_MS, type SendCounts } from "../../../src/features/phone/phone.domain.ts";

// ID number of someone born 1963-07-15 (check digit not checked by the rule).
const ID = "411024196307152345";

test("weak PINs: same digit, runs, birth date in the ID number, the ID's last six", () => {
  const cases: [string, string | null, string | null][] = [
    ["111111", null, "sameDigit"],
    ["000000", null, "sameDigit"],
    ["123456", null, "run"],
    ["234567", null, "run"],
    ["654321", null, "run"],
    ["987654", null, "run"],
    ["012345", null, "run"],
    ["567890", null, "run"],
    ["274913", null, null],
    ["630715", ID, "birthDate"], // YYMMDD
    ["071563", ID, "birthDate"], // MMDDYY
    ["150763", ID, "birthDate"], // DDMMYY
    ["196307", ID, "birthDate"], // YYYYMM
    ["071963", ID, "birthDate"], // MMYYYY
    ["152345", ID, "idTail"],
    ["630715", null, null], // no ID known: a date-like PIN is not refused
    ["630715", "not-an-id", null],
    ["274913", ID, null],
    ["12345", null, null], // not a PIN at all: the format rule answers
    ["1234567", null, null], // seven digits are no PIN either (not a "run")
    ["630715", "41102419630715234x", "birthDate"], // the check letter typed small is still an ID number
    ["630715", "4110241963071523451", null], // 19 digits: no ID number, nothing read from it
    ["963071", "9411024196307152345", null], // nor from its last 18 (that date would be "96-30-71")
  ];
  for (const [pin, id, want] of cases) assert.is(weakPin(pin, id), want, `${pin} ${id}`);
});

test("addresses: IPv4 as is, IPv6 by /64, mapped IPv4 as IPv4", () => {
  const cases: [string, string][] = [
    ["1.2.3.4", "1.2.3.4"],
    ["::ffff:1.2.3.4", "1.2.3.4"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::99", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["[2001:db8:1:2::1]", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["local", "local"],
    [" 1.2.3.4 ", "1.2.3.4"], // spaces around, as a proxy header may carry them
    ["::FFFF:1.2.3.4", "1.2.3.4"], // mapped IPv4 in capitals
    ["LOCAL", "local"],
    ["2001:db8", "2001:db8:0:0::/64"], // fewer than four groups and no "::": filled with zeros
    ["::ffff:192.168.10.200", "192.168.10.200"], // mapped IPv4 with numbers of several digits
    ["1::ffff:1.2.3.4", "1:0:0:0::/64"], // IPv4 at the end of another IPv6 address is not mapped IPv4
    ["2001:db8::1:2:3:4:5", "2001:db8:0:1::/64"], // "::" stands for one group here: the tail reaches the fourth
  ];
  for (const [ip, want] of cases) assert.is(addressKey(ip), want, ip);
  assert.is(addressKey("2001:db8:1:2:aaaa::1"), addressKey("2001:db8:1:2:bbbb::2"), "one /64, one key");
  assert.is.not(addressKey("2001:db8:1:2::1"), addressKey("2001:db8:1:3::1"));
});

const limits = { numberGapSeconds: 60, numberPerHour: 5, numberPerDay: 10, addressPerHour: 10, addressPerDay: 30, dailyBudget: 100 };
const none: SendCounts = { numberLastAt: null, numberHour: 0, numberDay: 0, addressHour: 0, addressDay: 0, instanceToday: 0 };
const NOW = 1_000_000_000;

test("limits: the first one reached, in order budget → number → address; staff skip the address", () => {
  const cases: [Partial<SendCounts>, boolean, string | null][] = [
    [{}, false, null],
    [{ numberLastAt: NOW - 59_000 }, false, "numberWait"],
    [{ numberLastAt: NOW - 60_000 }, false, null],
    [{ numberHour: 5, numberLastAt: NOW - 120_000 }, false, "numberHour"],
    [{ numberHour: 4, numberDay: 10 }, false, "numberDay"],
    [{ addressHour: 10 }, false, "addressHour"],
    [{ addressHour: 9, addressDay: 30 }, false, "addressDay"],
    [{ addressHour: 10, addressDay: 30 }, true, null],
    [{ instanceToday: 100 }, false, "budget"],
    [{ instanceToday: 100 }, true, "budget"],
    [{ instanceToday: 99 }, false, null],
  ];
  for (const [counts, staff, want] of cases) assert.is(limitRefusal({ ...none, ...counts }, limits, NOW, staff)?.key ?? null, want, JSON.stringify(counts));
  assert.is(limitRefusal({ ...none, addressHour: 10 }, limits, NOW)?.key, "addressHour", "a request is not staff's unless said");
  const wait = limitRefusal({ ...none, numberLastAt: NOW - 15_500 }, limits, NOW);
  assert.equal(wait, { key: "numberWait", seconds: 45 });
});

test("a code's state: open, expired after 5 minutes, ended by 5 wrong tries, gone once used or after 30 minutes", () => {
  const base: { createdAt: number; codeExpiresAt: number; wrongTries: number; usedAt: number | null; provenAt: number | null } = { createdAt: NOW, codeExpiresAt: NOW + 300_000, wrongTries: 0, usedAt: null, provenAt: null };
  const cases: [Partial<typeof base>, number, string][] = [
    [{}, NOW, "open"],
    [{}, NOW + 300_000, "open"],
    [{}, NOW + 300_001, "expired"],
    [{ wrongTries: MAX_WRONG_TRIES - 1 }, NOW, "open"],
    [{ wrongTries: MAX_WRONG_TRIES }, NOW, "tooManyTries"],
    [{ usedAt: NOW }, NOW, "gone"],
    [{ provenAt: NOW }, NOW, "gone"],
    [{ codeExpiresAt: NOW + 40 * 60_000 }, NOW + 30 * 60_000, "open"], // exactly 30 minutes: still open
    [{ codeExpiresAt: NOW + 40 * 60_000 }, NOW + 30 * 60_000 + 1, "gone"],
  ];
  for (const [p, at, want] of cases) assert.is(codeState({ ...base, ...p }, at), want, JSON.stringify(p));
  // The lifetimes the actions stamp on a step (docs: a code 5 minutes, the step 30, a new PIN within 10 after the code).
  assert.equal([CODE_TTL_MS, PROOF_TTL_MS, PROVEN_TTL_MS], [300_000, 1_800_000, 600_000]);
});

test("codes as typed; new codes are 6 digits; resend wait; budget state", () => {
  const cases: [unknown, string | null][] = [
    ["123456", "123456"],
    [" 123 456 ", "123456"],
    ["１２３４５６", "123456"],
    ["123-456", "123456"],
    ["１２３\u3000４５６", "123456"], // a full-width space between
    ["12345", null],
    ["1234567", null],
    ["abcdef", null],
    [undefined, null],
  ];
  for (const [raw, want] of cases) assert.is(normalizeCode(raw), want, String(raw));
  for (let i = 0; i < 200; i++) assert.match(newCode(), /^\d{6}$/);
  assert.is(resendWait(NOW, NOW + 15_000, 60), 45);
  assert.is(resendWait(NOW, NOW + 61_000, 60), 0);
  assert.is(resendWait(NOW, NOW + 15_500, 60), 45, "44.5 seconds left: wait 45, not 44");
  assert.is(budgetState(0, 100), "ok");
  assert.is(budgetState(80, 100), "warning");
  assert.is(budgetState(100, 100), "exhausted");
});

test.run();
