// Validators and maskers for identifiers that workers and employers type into
// forms: mobile numbers, resident ID numbers (居民身份证号码) and unified social
// credit codes (统一社会信用代码). Pure functions: no I/O, no dependencies.

// Anything much longer than a real identifier is junk or an attack; bail out
// before doing per-character work on it.
const MAX_INPUT_LENGTH = 64;

// Phones pasted from Chinese IMEs or spreadsheets often carry full-width
// characters, which look identical to ASCII but fail an ASCII regex.
function fullWidthToAscii(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF0B\uFF0D]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
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

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_MAP = '10X98765432';

// Compares calendar dates as YYYYMMDD integers so that time of day and the
// UTC offset of `today` cannot push a birth date across a day boundary.
function ymd(year: number, month: number, day: number): number {
  return year * 10000 + month * 100 + day;
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
  // `today` is read in the server's local time zone; deployments run in
  // Asia/Shanghai, matching the dates printed on the cards.
  const now = ymd(today.getFullYear(), today.getMonth() + 1, today.getDate());
  return birth >= ymd(1900, 1, 1) && birth <= now;
}

/**
 * GB 11643-1999 check: 17 digits + MOD 11-2 check character, and a birth date
 * that exists. The checksum catches single typos, but about 1 in 11 made-up
 * numbers pass it by chance; the date check rejects many of those.
 * Lower-case x is accepted because mobile keyboards often produce it.
 */
export function isValidResidentId(input: string, today: Date = new Date()): boolean {
  if (typeof input !== 'string' || input.length !== 18) return false;
  const id = input.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  if (ID_CHECK_MAP[sum % 11] !== id[17]) return false;
  return isRealBirthDate(id.slice(6, 14), today);
}

/**
 * Canonical stored form: no whitespace, upper-case X. Null if not valid, so
 * callers cannot accidentally persist a normalized-but-invalid number.
 */
export function normalizeResidentId(input: string, today: Date = new Date()): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  const id = input.replace(/\s/g, '').toUpperCase();
  return isValidResidentId(id, today) ? id : null;
}

/**
 * Birth year encoded in an ID number (used for working-age checks).
 * Throws rather than returning NaN, because NaN silently fails every age
 * comparison and would hide a bad record.
 */
export function birthYearFromId(id: string): number {
  const normalized = normalizeResidentId(id);
  if (normalized === null) throw new RangeError('not a valid resident ID number');
  return Number(normalized.slice(6, 10));
}

// GB 32100-2015 alphabet: digits plus upper-case letters minus I, O, Z, S, V,
// which are too easily confused with 1, 0, 2, 5 and U.
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * GB 32100-2015 check: 18 characters from the 31-character alphabet with a
 * MOD 31 check character. Only the alphabet is enforced for the authority and
 * type characters (positions 1-2), so codes from newly added categories are
 * not rejected. Lower-case is accepted since the code is case-insensitive.
 */
export function isValidUscc(input: string): boolean {
  if (typeof input !== 'string' || input.length !== 18) return false;
  const code = input.toUpperCase();
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
  const code = input.replace(/\s/g, '').toUpperCase();
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
