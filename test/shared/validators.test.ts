import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  normalizeMobile,
  normalizeLandline,
  normalizeCalledPhone,
  fullWidthToAscii,
  isPlausibleAreaCode,
  PROVINCE_CODES,
  isValidResidentId,
  normalizeResidentId,
  isValidUscc,
  normalizeUscc,
  maskPhone,
  maskResidentId,
} from '../../src/shared/validators.ts';

// ---------------------------------------------------------------------------
// Independent check-character calculators. These use the ISO 7064 recursive
// (Horner) form rather than the weight tables in the implementation, and are
// themselves pinned to published sample numbers below, so a shared mistake in
// the weight tables would be caught.
// ---------------------------------------------------------------------------

function idCheckChar(body17: string): string {
  // ISO 7064 MOD 11-2: p accumulates sum(d_i * 2^(18-i)) mod 11.
  let p = 0;
  for (const ch of body17) p = ((p + Number(ch)) * 2) % 11;
  const c = (12 - p) % 11;
  return c === 10 ? 'X' : String(c);
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function usccCheckChar(body17: string): string {
  // sum(v_i * 3^i) mod 31, evaluated from the last character backwards.
  let p = 0;
  for (let i = 16; i >= 0; i--) p = (p * 3 + USCC_ALPHABET.indexOf(body17[i])) % 31;
  return USCC_ALPHABET[(31 - p) % 31];
}

function makeId(region: string, yyyymmdd: string, seq: string): string {
  const body = region + yyyymmdd + seq;
  return body + idCheckChar(body);
}

function makeUscc(body17: string): string {
  return body17 + usccCheckChar(body17);
}

// Fixed "today" so date-boundary tests do not depend on when they run.
const TODAY = new Date(2025, 5, 15, 12, 0, 0); // 2025-06-15 local time
const HUGE = '1'.repeat(50_000);

// Published samples, each re-verified with a separate script before use.
const GB11643_SAMPLE = '11010519491231002X'; // example in GB 11643-1999
const GB11643_SAMPLE_1880 = '440524188001010014'; // example in GB 11643-1999, born 1880
const USCC_SAMPLES = ['91350100M000100Y43', '911100001000079554', '914403001922038216'];

test('test helpers reproduce the check characters of published sample numbers', () => {
  assert.is(idCheckChar(GB11643_SAMPLE.slice(0, 17)), 'X');
  assert.is(idCheckChar(GB11643_SAMPLE_1880.slice(0, 17)), '4');
  for (const code of USCC_SAMPLES) {
    assert.is(usccCheckChar(code.slice(0, 17)), code[17], code);
  }
});

// ---------------------------------------------------------------------------
// normalizeMobile
// ---------------------------------------------------------------------------

const mobileAccepted: Array<[string, string, string]> = [
  ['plain 11 digits', '13812345678', '13812345678'],
  ['every allowed second digit (3)', '13012345678', '13012345678'],
  ['every allowed second digit (9)', '19912345678', '19912345678'],
  ['spaces', '138 1234 5678', '13812345678'],
  ['leading and trailing whitespace', '  13812345678\t', '13812345678'],
  ['hyphens', '138-1234-5678', '13812345678'],
  ['ideographic space', '138\u30001234\u30005678', '13812345678'],
  ['full-width digits', '１３８１２３４５６７８', '13812345678'],
  ['mixed full- and half-width digits', '138１２３４5678', '13812345678'],
  ['+86 prefix', '+8613812345678', '13812345678'],
  ['+86 prefix with spaces and hyphens', '+86 138-1234-5678', '13812345678'],
  ['full-width +86 prefix', '＋８６１３８１２３４５６７８', '13812345678'],
  ['0086 prefix', '008613812345678', '13812345678'],
  ['0086 prefix with a space', '0086 138 1234 5678', '13812345678'],
  ['bare 86 prefix', '8613812345678', '13812345678'],
];

for (const [what, input, expected] of mobileAccepted) {
  test(`normalizeMobile accepts a mobile number written with ${what}`, () => {
    assert.is(normalizeMobile(input), expected);
  });
}

const mobileRejected: Array<[string, string]> = [
  ['an empty string', ''],
  ['only whitespace', '   '],
  ['a 50,000-character string', HUGE],
  ['a Beijing landline with area code', '010-12345678'],
  ['an 11-digit landline starting with 0', '02112345678'],
  ['a Shenzhen landline with area code', '0755-12345678'],
  ['a 12-digit number', '138123456789'],
  ['a 10-digit number', '1381234567'],
  ['a second digit of 2', '12812345678'],
  ['a second digit of 0', '10012345678'],
  ['a number not starting with 1', '23812345678'],
  ['a letter inside it', '1381234567a'],
  ['+86 followed by only 10 digits', '+861381234567'],
  ['+86 followed by 12 digits', '+86138123456789'],
  ['a + sign without country code', '+13812345678'],
  ['a foreign country code', '+85213812345678'],
  ['86 prefix followed by a non-mobile 11-digit number', '8602112345678'],
  ['a decimal point', '138.1234.5678'],
];

for (const [what, input] of mobileRejected) {
  test(`normalizeMobile rejects ${what}`, () => {
    assert.is(normalizeMobile(input), null);
  });
}

// ---------------------------------------------------------------------------
// isValidResidentId / normalizeResidentId
// ---------------------------------------------------------------------------

const validIds: Array<[string, string]> = [
  ['the GB 11643-1999 sample with check X', GB11643_SAMPLE],
  ['a number born on the 1900-01-01 lower bound', makeId('110101', '19000101', '001')],
  ['a number born on 29 February of a leap year', makeId('320102', '20000229', '123')],
  ['a number born on 29 February of a year divisible by 4', makeId('440305', '19960229', '456')],
  ['a number born on the last day of a 31-day month', makeId('510104', '19851231', '789')],
  ['a number born on the last day of a 30-day month', makeId('610113', '19900430', '010')],
  ['a number born today', makeId('410102', '20250615', '002')],
];

for (const [what, id] of validIds) {
  test(`accepts ${what}`, () => {
    assert.ok(isValidResidentId(id, TODAY), id);
  });
}

test('accepts a lower-case x check character', () => {
  assert.ok(isValidResidentId(GB11643_SAMPLE.toLowerCase(), TODAY));
});

test('accepts generated numbers whose check character is each of 0-9 and X', () => {
  const seen = new Set<string>();
  for (let seq = 0; seq < 1000 && seen.size < 11; seq++) {
    const id = makeId('330106', '19880808', String(seq).padStart(3, '0'));
    seen.add(id[17]);
    assert.ok(isValidResidentId(id, TODAY), id);
  }
  assert.is(seen.size, 11);
});

test('rejects an ID number whose check digit is wrong', () => {
  for (const [, id] of validIds) {
    for (const wrong of '0123456789X') {
      if (wrong === id[17]) continue;
      const bad = id.slice(0, 17) + wrong;
      assert.not.ok(isValidResidentId(bad, TODAY), bad);
    }
  }
});

test('rejects an ID number with two adjacent digits swapped', () => {
  // Swap inside the sequence part ("002" -> "020") so the birth date stays real.
  const swapped = '11010519491231020X';
  assert.not.ok(isValidResidentId(swapped, TODAY));
});

const invalidDateIds: Array<[string, string]> = [
  ['30 February', '19990230'],
  ['29 February of a non-leap year', '19990229'],
  ['29 February 1900 (not a leap year)', '19000229'],
  ['31 April', '19900431'],
  ['month 13', '19901301'],
  ['month 00', '19900001'],
  ['day 00', '19900100'],
  ['day 32', '19900132'],
  ['a date before 1900', '18991231'],
  ['a future birth date (tomorrow)', '20250616'],
  ['a birth date next year', '20260101'],
];

for (const [what, date] of invalidDateIds) {
  test(`rejects an ID number with a correct check digit but ${what}`, () => {
    const id = makeId('110101', date, '001');
    assert.not.ok(isValidResidentId(id, TODAY), id);
  });
}

test('rejects the GB 11643-1999 sample born in 1880 although its check digit is right', () => {
  assert.is(idCheckChar(GB11643_SAMPLE_1880.slice(0, 17)), GB11643_SAMPLE_1880[17]);
  assert.not.ok(isValidResidentId(GB11643_SAMPLE_1880, TODAY));
});

test('uses the current date when no "today" is given', () => {
  assert.ok(isValidResidentId(GB11643_SAMPLE));
  assert.not.ok(isValidResidentId(makeId('110101', '20991231', '001')));
});

const malformedIds: Array<[string, string]> = [
  ['an empty string', ''],
  ['a 50,000-character string', HUGE],
  ['17 characters', GB11643_SAMPLE.slice(0, 17)],
  ['19 characters', GB11643_SAMPLE + '0'],
  ['an old 15-digit number', '110105491231002'],
  ['an X that is not in the last position', '1101051949123100X2'],
  ['a letter other than X as check character', '11010519491231002Y'],
  ['a letter in the body', '11010519A91231002X'],
  ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ'],
  ['surrounding spaces (isValid does not trim)', ' 11010519491231002X'],
];

for (const [what, input] of malformedIds) {
  test(`rejects an ID number that has ${what}`, () => {
    assert.not.ok(isValidResidentId(input, TODAY));
  });
}

test('normalizeResidentId trims, removes inner spaces and upper-cases x', () => {
  assert.is(normalizeResidentId('  110105 19491231 002x ', TODAY), GB11643_SAMPLE);
  assert.is(normalizeResidentId('11010519491231002x', TODAY), GB11643_SAMPLE);
  assert.is(normalizeResidentId(GB11643_SAMPLE, TODAY), GB11643_SAMPLE);
});

test('normalizeResidentId returns null for invalid numbers', () => {
  assert.is(normalizeResidentId('', TODAY), null);
  assert.is(normalizeResidentId(HUGE, TODAY), null);
  assert.is(normalizeResidentId('110105194912310021', TODAY), null);
  assert.is(normalizeResidentId(makeId('110101', '19990230', '001'), TODAY), null);
  assert.is(normalizeResidentId(makeId('110101', '20250616', '001'), TODAY), null);
});

// ---------------------------------------------------------------------------
// isValidUscc / normalizeUscc
// ---------------------------------------------------------------------------

const validUsccs: Array<[string, string]> = [
  ...USCC_SAMPLES.map((c): [string, string] => [`published sample ${c}`, c]),
  // Check value 31 must wrap to "0": this body's weighted sum is 0 mod 31.
  // (Bodies changed when the organisation-code check character (GB 11714) began to be checked:
  // positions 9-17 of each are now a valid organisation code.)
  ['a code whose check character wraps from 31 to 0', makeUscc('91320582MA1M00180')],
  ['a code whose check character is Y (value 30)', makeUscc('91320582MA1M00367')],
  ['a code with a letter registration authority', makeUscc('Y1110000MA1M00009')],
  ['a code of a body registered centrally (area 100000)', makeUscc('11100000000013127')],
  ['a 个体工商户 code whose positions 9-17 are not an organisation code', makeUscc('92411024L12345678')],
];

test('test fixture for the 31 -> 0 wrap really has check character 0', () => {
  assert.is(makeUscc('91320582MA1M00180')[17], '0');
  assert.is(makeUscc('91320582MA1M00367')[17], 'Y');
});

for (const [what, code] of validUsccs) {
  test(`accepts ${what}`, () => {
    assert.ok(isValidUscc(code), code);
  });
}

test('accepts a lower-case USCC', () => {
  assert.ok(isValidUscc('91350100m000100y43'));
});

test('rejects a USCC whose check character is wrong', () => {
  for (const [, code] of validUsccs) {
    for (const wrong of USCC_ALPHABET) {
      if (wrong === code[17]) continue;
      const bad = code.slice(0, 17) + wrong;
      assert.not.ok(isValidUscc(bad), bad);
    }
  }
});

test('rejects a USCC with two adjacent characters swapped', () => {
  assert.not.ok(isValidUscc('91351000M000100Y43'));
});

for (const letter of 'IOZSV') {
  test(`rejects a USCC containing the excluded letter ${letter}`, () => {
    // Each position in turn, including the authority (1st), type (2nd) and check (18th).
    for (let i = 0; i < 18; i++) {
      const base = 'Y1110000MA0012345';
      const code = makeUscc(base);
      const bad = code.slice(0, i) + letter + code.slice(i + 1);
      assert.not.ok(isValidUscc(bad), bad);
      assert.not.ok(isValidUscc(bad.toLowerCase()), bad.toLowerCase());
    }
  });
}

const malformedUsccs: Array<[string, string]> = [
  ['an empty string', ''],
  ['a 50,000-character string', HUGE],
  ['17 characters', '91350100M000100Y4'],
  ['19 characters', '91350100M000100Y430'],
  ['a hyphen', '91350100-000100Y43'],
  ['full-width characters', '９１３５０１００Ｍ０００１００Ｙ４３'],
  ['surrounding spaces (isValid does not trim)', ' 91350100M000100Y43'],
];

for (const [what, input] of malformedUsccs) {
  test(`rejects a USCC that has ${what}`, () => {
    assert.not.ok(isValidUscc(input));
  });
}

test('normalizeUscc trims, removes inner spaces and upper-cases', () => {
  assert.is(normalizeUscc(' 91350100 m000100 y43 '), '91350100M000100Y43');
  assert.is(normalizeUscc('911100001000079554'), '911100001000079554');
});

test('normalizeUscc returns null for invalid codes', () => {
  assert.is(normalizeUscc(''), null);
  assert.is(normalizeUscc(HUGE), null);
  assert.is(normalizeUscc('91350100M000100Y44'), null);
  assert.is(normalizeUscc('91350100M000100Y4'), null);
  assert.is(normalizeUscc('O1350100M000100Y43'), null);
});

// ---------------------------------------------------------------------------
// maskPhone / maskResidentId
// ---------------------------------------------------------------------------

test('maskPhone keeps the first 3 and last 4 digits of an 11-digit mobile', () => {
  assert.is(maskPhone('13812341234'), '138****1234');
  assert.is(maskPhone('19912345678'), '199****5678');
});

const maskedOther: Array<[string, string, string]> = [
  ['a landline with area code', '010-12345678', '**********78'],
  ['a 12-digit number', '138123456789', '**********89'],
  ['a +86 form', '+8613812345678', '************78'],
  ['a 3-character value', 'abc', '*bc'],
];

for (const [what, input, expected] of maskedOther) {
  test(`maskPhone shows only the last 2 characters of ${what}`, () => {
    assert.is(maskPhone(input), expected);
  });
}

test('maskPhone never returns a short value in clear text', () => {
  assert.is(maskPhone(''), '');
  assert.is(maskPhone('7'), '*');
  assert.is(maskPhone('12'), '**');
});

test('maskResidentId shows the first 3 and last 2 characters with 13 stars between', () => {
  const masked = maskResidentId('41010219900101123X');
  assert.is(masked, '410*************3X');
  assert.is(masked.length, 18);
  assert.is(masked.slice(3, 16), '*'.repeat(13));
  assert.is(maskResidentId(GB11643_SAMPLE), '110*************2X');
});

test('maskResidentId keeps head and tail of other lengths and hides very short values entirely', () => {
  assert.is(maskResidentId('110105491231002'), '110**********02');
  assert.is(maskResidentId('123456'), '123*56');
  assert.is(maskResidentId('12345'), '*****');
  assert.is(maskResidentId(''), '');
});

// ---------------------------------------------------------------------------
// Boundaries that mutation testing showed no test pinned (docs/testing.md).
// ---------------------------------------------------------------------------

test('input guards: anything but a string is refused without throwing', () => {
  for (const bad of [13812345678, null, undefined, {}, ['1', '3', '8'], { length: 18 }] as unknown[]) {
    assert.is(normalizeMobile(bad as string), null);
    assert.is(normalizeLandline(bad as string), null);
    assert.is(normalizeResidentId(bad as string), null);
    assert.is(normalizeUscc(bad as string), null);
    assert.is(isValidResidentId(bad as string, TODAY), false);
    assert.is(isValidUscc(bad as string), false);
  }
  // An array of 18 one-character strings has length 18 but is no ID number or USCC.
  const arr = Array.from('11010519491231002X');
  assert.is(isValidResidentId(arr as unknown as string, TODAY), false);
  assert.is(isValidUscc(Array.from(USCC_SAMPLES[0]) as unknown as string), false);
});

test('input guards: exactly 64 characters are read, 65 are refused unread', () => {
  const id = makeId('410102', '19800101', '123');
  const pad = (v: string, n: number) => v + ' '.repeat(n - v.length);
  for (const [name, f, value] of [
    ['mobile', normalizeMobile, '13812345678'],
    ['landline', normalizeLandline, '0374-1234567'],
    ['ID number', (v: string) => normalizeResidentId(v, TODAY), id],
    ['USCC', normalizeUscc, USCC_SAMPLES[0]],
  ] as const) {
    assert.is(f(pad(value, 64)), value, `${name}: 64 characters`);
    assert.is(f(pad(value, 65)), null, `${name}: 65 characters`);
  }
});

test('the country code is stripped only at the very start: "x86…" and "186…" are not numbers', () => {
  assert.is(normalizeMobile('x8613812345678'), null);
  assert.is(normalizeMobile('+8613812345678'), '13812345678');
  assert.is(normalizeMobile('008613812345678'), '13812345678');
  assert.is(normalizeMobile('8613812345678'), '13812345678');
  assert.is(normalizeMobile('18613812345678'), null);
  assert.is(normalizeMobile('861381234567800'), null);
});

test('an ID number with a non-digit inside that happens to satisfy the check sum is refused', () => {
  // "@" is "5" + 11 in character code: with weight 2 at position 17 the sum mod 11 is unchanged.
  const id = makeId('410102', '19800101', '125');
  const forged = id.slice(0, 16) + '@' + id[17];
  assert.ok(isValidResidentId(id, TODAY));
  assert.is(isValidResidentId(forged, TODAY), false);
  assert.is(normalizeResidentId(forged, TODAY), null);
  // A letter other than X in the last place.
  assert.is(isValidResidentId(id.slice(0, 17) + 'Y', TODAY), false);
});

test('a birth date after today is refused when only the month, or only the day, is later', () => {
  // TODAY is 2025-06-15.
  assert.ok(isValidResidentId(makeId('410102', '20250615', '001'), TODAY), 'today');
  assert.ok(isValidResidentId(makeId('410102', '20250531', '001'), TODAY), 'an earlier month with a later day');
  assert.ok(isValidResidentId(makeId('410102', '20240701', '001'), TODAY), 'an earlier year with a later month');
  assert.is(isValidResidentId(makeId('410102', '20250701', '001'), TODAY), false, 'a later month with an earlier day');
  assert.is(isValidResidentId(makeId('410102', '20250616', '001'), TODAY), false, 'tomorrow');
  assert.is(isValidResidentId(makeId('410102', '20260101', '001'), TODAY), false, 'next year');
  assert.ok(isValidResidentId(makeId('410102', '19000101', '001'), TODAY), 'the lower bound');
  assert.is(isValidResidentId(makeId('410102', '18991231', '001'), TODAY), false, 'the day before');
});

// ---------------------------------------------------------------------------
// Found by the mutation run of 2026-12-06 (docs/testing.md): the landline,
// area-code, province and USCC rules of the shared input normaliser were
// pinned only by route tests outside this module's covering files.
// ---------------------------------------------------------------------------

test('fullWidthToAscii: full-width forms become ASCII, the ideographic space an ASCII space', () => {
  assert.is(fullWidthToAscii('Ａｚ０９＋－（）．\u3000x'), 'Az09+-(). x');
  assert.is(fullWidthToAscii('元，。'), '元，。');
});

const landlines: Array<[string, string, string | null]> = [
  ['area code and number', '0374-1234567', '0374-1234567'],
  ['an 8-digit local number', '0374-12345678', '0374-12345678'],
  ['Beijing, a 3-digit area code', '010-12345678', '010-12345678'],
  ['Shanghai, a 3-digit area code', '021-12345678', '021-12345678'],
  ['spaces inside', '0374 123 4567', '0374-1234567'],
  ['brackets round the area code', '(0374)1234567', '0374-1234567'],
  ['full-width brackets and digits', '（０３７４）１２３４５６７', '0374-1234567'],
  ['one run of digits', '03741234567', '0374-1234567'],
  ['one run with 010', '01012345678', '010-12345678'],
  ['one run with 021', '02112345678', '021-12345678'],
  ['one run with "01" later in it', '03741012345', '0374-1012345'],
  ['one run of 12 digits', '037412345678', '0374-12345678'],
  ['an extension after a hyphen', '0374-1234567-8', '0374-1234567-8'],
  ['an extension after 转', '0374-1234567转8', '0374-1234567-8'],
  ['an extension after 分机', '0374-1234567分机88', '0374-1234567-88'],
  ['an extension after "ext."', '0374-1234567 ext. 8', '0374-1234567-8'],
  ['an extension after "EXT" without a dot', '0374-1234567EXT8', '0374-1234567-8'],
  ['an extension after #', '0374-1234567#8', '0374-1234567-8'],
  ['one run with an extension', '03741234567-8', '0374-1234567-8'],
  ['a six-digit extension', '0374-1234567-123456', '0374-1234567-123456'],
  ['dashes (—) for hyphens', '0374—1234567—8', '0374-1234567-8'],
  ['a doubled hyphen', '0374--1234567', '0374-1234567'],
  ['nothing', '', null],
  ['only separators', ' - 转 ', null],
  ['no area code', '1234567', null],
  ['a mobile number', '13812345678', null],
  ['four parts', '03741234567-8-9-1', null],
  ['a seven-digit extension', '0374-1234567-1234567', null],
  ['a letter in the local number', '0374-12a4567', null],
  ['a letter in the extension', '0374-1234567-8a', null],
  ['a letter before the area code', 'a0374-1234567', null],
  ['a local number starting with 0', '0374-01234567', null],
  ['a local number of 9 digits', '0374-123456789', null],
  ['a local number of 6 digits', '0374-123456', null],
  ['a digit before the area code', '10374-1234567', null],
  ['an area code one digit too long', '03741-2345678', null],
  ['area code 00', '0012-1234567', null],
];
for (const [what, input, expected] of landlines) {
  test(`normalizeLandline: ${what} (${JSON.stringify(input)}) → ${expected ?? 'refused'}`, () => {
    assert.is(normalizeLandline(input), expected);
  });
}

const calledPhones: Array<[string, string | null]> = [
  ['13812345678', '13812345678'],
  ['+86 138-1234-5678', '13812345678'],
  ['0374-1234567', '0374-1234567'],
  ['０３７４－１２３４５６７转８', '0374-1234567-8'],
  ['1234567', null],
  ['', null],
];
test('normalizeCalledPhone: a mobile as 11 digits, else a landline, else null', () => {
  for (const [input, expected] of calledPhones) assert.is(normalizeCalledPhone(input), expected, input);
});

// GB/T 2260's province-level codes, written out by region (not copied from the code).
const PROVINCES = new Set([
  ...['11', '12', '13', '14', '15'], // 华北
  ...['21', '22', '23'], // 东北
  ...['31', '32', '33', '34', '35', '36', '37'], // 华东
  ...['41', '42', '43', '44', '45', '46'], // 中南
  ...['50', '51', '52', '53', '54'], // 西南
  ...['61', '62', '63', '64', '65'], // 西北
  ...['71', '81', '82', '83'], // 台湾、香港、澳门、港澳台居民居住证
]);
const ALL_TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

test('PROVINCE_CODES holds exactly the 35 province-level codes', () => {
  assert.is(PROVINCES.size, 35);
  assert.is(PROVINCE_CODES.size, 35);
  for (const nn of ALL_TWO_DIGITS) assert.is(PROVINCE_CODES.has(nn), PROVINCES.has(nn), nn);
});

test('every one of the 100 two-digit prefixes: area code, ID number and USCC agree with the province list', () => {
  for (const nn of ALL_TWO_DIGITS) {
    const ok = PROVINCES.has(nn);
    assert.is(isPlausibleAreaCode(nn + '0101'), ok, `area ${nn}0101`);
    assert.is(isValidResidentId(makeId(nn + '0101', '19800101', '123'), TODAY), ok, `ID number in ${nn}0101`);
    assert.is(isValidUscc(makeUscc('91' + nn + '0101MA1234569')), ok, `USCC in ${nn}0101`);
  }
});

const areaCodes: Array<[string, boolean]> = [
  ['411024', true],
  ['410100', true], // prefecture 01
  ['417000', true], // prefecture 70
  ['417100', false], // 71
  ['418900', false], // 89
  ['419000', true], // 90: counties governed by the province
  ['429004', true],
  ['419100', false], // 91
  ['410000', false], // 00, and not a residence permit's code
  ['710000', true],
  ['810000', true],
  ['820000', true],
  ['830000', true],
  ['710100', true], // prefecture 01 of province 71
  ['810001', false],
  ['840000', false], // no province 84
  ['720000', false], // no province 72
  ['4110245', false],
  ['41101234', false],
  ['41102', false],
  ['41A024', false],
  [' 411024', false],
];
test('isPlausibleAreaCode: prefectures 01-70 and 90, the four residence-permit codes, six digits only', () => {
  for (const [code, ok] of areaCodes) assert.is(isPlausibleAreaCode(code), ok, code);
});

test('an ID number is exactly 18 characters: one more before or after is refused', () => {
  // Check characters X and 8: after X an extra digit could not pass as the end
  // of an ID number, after 8 it could.
  for (const id of [makeId('410102', '19800101', '123'), makeId('410102', '19800101', '124')]) {
    assert.ok(isValidResidentId(id, TODAY), id);
    assert.is(isValidResidentId(id + '1', TODAY), false, id + '1');
    assert.is(isValidResidentId('1' + id, TODAY), false, '1' + id);
    assert.is(isValidResidentId(id.slice(0, 17), TODAY), false, id.slice(0, 17));
  }
  assert.is(makeId('410102', '19800101', '123')[17], 'X');
  assert.is(makeId('410102', '19800101', '124')[17], '8');
});

// GB 11714 check character computed another way (Horner form: the weights
// 3, 7, 9, 10, 5, 8, 4, 2 are 2^8 … 2^1 mod 11), pinned to two published codes.
function orgCheck(body8: string): string {
  let p = 0;
  for (const ch of body8) p = ((p + parseInt(ch, 36)) * 2) % 11;
  return ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'][11 - p];
}
test('the test helper reproduces the organisation-code check characters of two published codes', () => {
  assert.is(orgCheck('71526726'), 'X'); // 腾讯 9144030071526726XG
  assert.is(orgCheck('79965505'), '8'); // 阿里巴巴 91330100799655058B
  assert.is(orgCheck('MA000009'), '0');
});

const usccCases: Array<[string, string, boolean]> = [
  ['an organisation-code check character X', '9144030071526726XG', true],
  ['an organisation-code check character 0', '91411024MA00000904', true],
  ['a central body (area 100000)', '11100000000013127D', true],
  ['个体工商户 (92) whose positions 9-17 are no organisation code', '92411024MA1234561W', true],
  ['the same positions under 91', '91411024MA12345610', false],
  ['the same positions under 93', '93411024MA1234561R', false],
  ['the same positions under 12 (type 2 of another authority)', '12411024MA12345615', false],
  ['letters in the area after a real province', '9141AB24MA12345691', false],
  ['area 100101 (province 10 does not exist)', '91100101MA1234569Y', false],
  ['type 0', makeUscc('90411024MA1234569'), false],
  ['an excluded letter I in a 个体工商户 code, MOD 31 right if I counted as -1', '92411024MA12I4567G', false],
  ['a character outside the alphabet in the organisation code', makeUscc('91411024MA12@4569'), false],
];
for (const [what, code, ok] of usccCases) {
  test(`isValidUscc: ${what} → ${ok ? 'accepted' : 'refused'}`, () => {
    assert.is(isValidUscc(code), ok, code);
  });
}
for (const type of '123456789') {
  test(`isValidUscc: type ${type} is accepted`, () => {
    assert.ok(isValidUscc(makeUscc(`9${type}411024MA1234569`)));
  });
}

test.run();
