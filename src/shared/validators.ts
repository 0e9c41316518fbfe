// Validators and maskers for identifiers that workers and employers type into
// forms: mobile numbers, resident ID numbers (居民身份证号码) and unified social
// credit codes (统一社会信用代码). Pure functions: no I/O; the only dependency is
// the clock (the Beijing date, and the request's injected clock by default).
import { CHINA_OFFSET_MS, currentClock } from "./clock.ts";

// Anything much longer than a real identifier is junk or an attack; bail out
// before doing per-character work on it.
const MAX_INPUT_LENGTH = 64;

// Numbers typed with a Chinese IME, or pasted from a spreadsheet, often carry
// full-width characters (０-９, Ａ-Ｚ, ａ-ｚ, ＋, －, （）, ．, the ideographic
// space), which look identical to ASCII but fail an ASCII regex.
export function fullWidthToAscii(s: string): string {
  return s
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0B\uFF0D\uFF08\uFF09\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/**
 * Returns the bare 11-digit mainland mobile number, or null.
 * We store one canonical form so that duplicate accounts and SMS lookups match
 * no matter how the number was typed ("+86 138-1234-5678", "００８６…").
 */
export function normalizeMobile(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  let s = fullWidthToAscii(input).replace(/[\s\-\u2010\u2011\u2012\u2013\u2014]/g, '');
  // The country code is only stripped when exactly 11 digits follow, so a
  // number that merely happens to start with 86 is never truncated.
  const withCountryCode = /^(?:\+86|0086|86)(\d{11})$/.exec(s);
  if (withCountryCode) s = withCountryCode[1];
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}

// Mainland area codes: 010 and 020-029 have three digits, all others
// (0310-0999) four; a local number has 7 or 8 digits and never starts with 0.
const AREA_CODE = /^0(?:10|2\d|[3-9]\d{2})$/;
const LOCAL_NUMBER = /^[1-9]\d{6,7}$/;

/**
 * A landline as people write it — "0374-1234567", "0374 1234567-8",
 * "(0374)1234567", "0374-1234567转8" — as "0374-1234567" or, with an
 * extension, "0374-1234567-8". Null if it is not one. Only for numbers that
 * are called: a landline cannot receive a text-message code.
 */
export function normalizeLandline(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  const s = fullWidthToAscii(input).replace(/[\s()]/g, '').replace(/[\u2010-\u2014]/g, '-');
  const parts = s.split(/-|转|分机|ext\.?|#/i).filter((x) => x !== '');
  // No per-part digit check here: every part ends up as the area code, the
  // local number or the extension, and each of those is checked below.
  if (parts.length === 0 || parts.length > 3) return null;
  let area: string, local: string, ext: string | undefined;
  if (parts.length === 3) [area, local, ext] = parts;
  else if (parts.length === 2 && AREA_CODE.test(parts[0]) && LOCAL_NUMBER.test(parts[1])) [area, local] = parts;
  else {
    // One run of digits ("03741234567", perhaps with an extension after it):
    // split it into area code and local number by the area code's length.
    const n = /^0[12]/.test(parts[0]) ? 3 : 4;
    [area, local, ext] = [parts[0].slice(0, n), parts[0].slice(n), parts[1]];
  }
  if (!AREA_CODE.test(area) || !LOCAL_NUMBER.test(local) || (ext !== undefined && !/^\d{1,6}$/.test(ext))) return null;
  return `${area}-${local}${ext ? `-${ext}` : ''}`;
}

/** A number to call: a mobile (bare 11 digits) or a landline ("0374-1234567[-8]"). Null if neither. */
export function normalizeCalledPhone(input: string): string | null {
  return normalizeMobile(input) ?? normalizeLandline(input);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_MAP = '10X98765432';

// Compares calendar dates as YYYYMMDD integers so that time of day and the
// UTC offset of `today` cannot push a birth date across a day boundary.
function ymd(year: number, month: number, day: number): number {
  return year * 10000 + month * 100 + day;
}

/**
 * GB/T 2260 province-level codes (the first two digits of an ID number's
 * area and of a USCC's area code): 11-15 north, 21-23 north-east, 31-37 east,
 * 41-46 central-south, 50-54 south-west, 61-65 north-west, 71 Taiwan,
 * 81 Hong Kong, 82 Macao; 83 is used on residence permits of people from
 * Hong Kong, Macao and Taiwan.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

// Residence permits of people from Taiwan, Hong Kong and Macao carry the province-level code.
const RESIDENCE_PERMIT_AREAS: ReadonlySet<string> = new Set(['710000', '810000', '820000', '830000']);

/**
 * A plausible GB/T 2260 county-level area code: a real province, then a
 * prefecture 01-70 or 90 (counties governed by the province directly), or
 * 710000/810000/820000/830000 on residence permits. This
 * refuses made-up codes (000000, 999999, 123456) without a table of every
 * county, which changes every year and would refuse old cards.
 */
export function isPlausibleAreaCode(code: string): boolean {
  if (!/^\d{6}$/.test(code) || !PROVINCE_CODES.has(code.slice(0, 2))) return false;
  if (RESIDENCE_PERMIT_AREAS.has(code)) return true;
  const prefecture = Number(code.slice(2, 4));
  return (prefecture >= 1 && prefecture <= 70) || prefecture === 90;
}

function isRealBirthDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (handles leap years).
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const birth = ymd(year, month, day);
  // Today in Beijing (UTC+8, no daylight saving), whatever the server's time zone:
  // a child born today in China is born today, also at 00:30 Beijing time.
  const beijing = new Date(today.getTime() + CHINA_OFFSET_MS);
  const now = ymd(beijing.getUTCFullYear(), beijing.getUTCMonth() + 1, beijing.getUTCDate());
  return birth >= ymd(1900, 1, 1) && birth <= now;
}

/**
 * GB 11643-1999 check: a plausible area code (a real province, see
 * isPlausibleAreaCode), 17 digits + MOD 11-2 check character, and a birth
 * date that exists and is not after today (Beijing date of `today`; pass the
 * injected clock's time). The checksum catches single typos, but about 1 in
 * 11 made-up numbers pass it by chance; the area and date checks reject most
 * of those. Lower-case x is accepted because mobile keyboards often produce it.
 */
export function isValidResidentId(input: string, today: Date = new Date(currentClock().now())): boolean {
  // The anchored pattern also fixes the length at 18.
  if (typeof input !== 'string') return false;
  const id = input.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!isPlausibleAreaCode(id.slice(0, 6))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  if (ID_CHECK_MAP[sum % 11] !== id[17]) return false;
  return isRealBirthDate(id.slice(6, 14), today);
}

/**
 * Canonical stored form: no whitespace, upper-case X. Null if not valid, so
 * callers cannot accidentally persist a normalized-but-invalid number.
 */
export function normalizeResidentId(input: string, today: Date = new Date(currentClock().now())): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  const id = fullWidthToAscii(input).replace(/\s/g, '').toUpperCase();
  return isValidResidentId(id, today) ? id : null;
}

// GB 32100-2015 alphabet: digits plus upper-case letters minus I, O, Z, S, V,
// which are too easily confused with 1, 0, 2, 5 and U.
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * GB 32100-2015 registration authorities (position 1): 1 机构编制, 2 外交,
 * 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管(工商),
 * A 中央军委改革和编制办公室, N 农业农村, Y 其他. The type (position 2) is a digit 1-9
 * for all of them; it is not checked against each authority's own list, so
 * a newly added type is not refused.
 */
const USCC_AUTHORITIES = '123456789ANY';
const USCC_TYPES = '123456789';

// GB 11714-1997 organisation code (positions 9-17 of a USCC): 8 characters
// (digits and upper-case letters, A = 10 … Z = 35) and a MOD 11 check character.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
function orgCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    // A character outside 0-9 and A-Z makes the sum NaN, and so the result
    // "NaN", which never equals the one check character it is compared with.
    sum += parseInt(body8[i], 36) * ORG_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * GB 32100-2015 check: 18 characters from the 31-character alphabet with a
 * MOD 31 check character; a known registration authority and a type digit;
 * an area code (positions 3-8) with a real province (or 100000 for bodies
 * registered centrally); and, where positions 9-17 are an organisation code,
 * its GB 11714 check character. 个体工商户 (authority 9, type 2) are not held
 * to the last rule: many were given codes that are not organisation codes.
 * Lower-case is accepted since the code is case-insensitive.
 */
export function isValidUscc(input: string): boolean {
  if (typeof input !== 'string' || input.length !== 18) return false;
  const code = input.toUpperCase();
  if (!USCC_AUTHORITIES.includes(code[0]) || !USCC_TYPES.includes(code[1])) return false;
  const area = code.slice(2, 8);
  if (area !== '100000' && (/\D/.test(area) || !PROVINCE_CODES.has(area.slice(0, 2)))) return false;
  if (!(code[0] === '9' && code[1] === '2') && orgCheckChar(code.slice(8, 16)) !== code[16]) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(code[i]);
    if (value < 0) return false;
    sum += value * USCC_WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET[check === 31 ? 0 : check] === code[17];
}

/** Canonical stored form: no whitespace, upper-case. Null if not valid. */
export function normalizeUscc(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  const code = fullWidthToAscii(input).replace(/\s/g, '').toUpperCase();
  return isValidUscc(code) ? code : null;
}

// Masking works on code points so a stray emoji is never split in half.
function maskKeeping(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  // Too short to hide anything while keeping head + tail: hide it all rather
  // than return the value in clear text.
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return (
    chars.slice(0, head).join('') +
    '*'.repeat(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}

/**
 * "138****1234" for an 11-digit mobile (the form staff recognise on screen);
 * anything else shows only its last 2 characters, since we cannot tell which
 * part of an unknown format is sensitive.
 */
export function maskPhone(phone: string): string {
  if (/^\d{11}$/.test(phone)) return maskKeeping(phone, 3, 4);
  return maskKeeping(phone, 0, 2);
}

/**
 * First 3 (province/city) and last 2 visible: enough for staff to confirm a
 * card against the holder without exposing the birth date.
 */
export function maskResidentId(id: string): string {
  return maskKeeping(id, 3, 2);
}
