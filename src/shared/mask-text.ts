// Phone and ID numbers inside free text (a posting's duties, address, title…),
// found and masked for open data: the API, the Atom feed, the public job page
// and printed sheets (issue #16: an employer's own phone and ID number typed
// into the duties came out verbatim in /api/v1/jobs/:id). One function, one
// table of cases (test/shared/mask-text.test.ts): numbers with spaces or dashes,
// full-width digits, +86, landlines with an area code, bare local numbers,
// 18- and 15-digit ID numbers. Dates, prices and counts stay.
import { maskPhone, maskResidentId } from "./validators.ts";

// A digit, ASCII or full-width; a separator people type inside a number.
const D = "[0-9\uFF10-\uFF19]";
const S = "[\\s\\-\u2010-\u2015\u2212\uFF0D.\u00B7]?";
const X = "[0-9\uFF10-\uFF19Xx\uFF38\uFF58]";
const run = (n: number) => `${D}(?:${S}${D}){${n - 1}}`;

const PATTERNS: [kind: "id" | "mobile" | "landline" | "local", re: string][] = [
  // 18-digit ID (the last may be X), then the old 15-digit one.
  ["id", `${run(17)}${S}${X}`],
  // Mobile, with +86 / 0086 / 86 in front or not (before the 15-digit ID: "0086-13812345678" is 15 digits too).
  ["mobile", `(?:(?:\\+|\uFF0B|00)?86${S})?[1\uFF11][3-9\uFF13-\uFF19]${D}(?:${S}${D}){8}`],
  ["id", run(15)],
  // Landline with its area code: 0374-2961234, (0374)2961234, 0374 296 1234.
  ["landline", `[(\uFF08]?[0\uFF10]${D}{2,3}[)\uFF09]?${S}${D}(?:${S}${D}){6,7}`],
  // A bare 7- or 8-digit local number (not a date such as 20261128).
  ["local", `${D}{7,8}`],
];

const ALL = new RegExp(PATTERNS.map(([, re]) => `(?<![0-9\uFF10-\uFF19])(${re})(?![0-9\uFF10-\uFF19])`).join("|"), "g");

const ascii = (s: string) => s.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\uFF38\uFF58x]/g, "X");
const isDate = (d: string) => d.length === 8 && /^(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(d);

export type NumberKind = (typeof PATTERNS)[number][0];

/** Replaces every phone and ID number in `text`; `replace` gets the number's digits and kind (default: masked as staff see them). */
export function maskPersonalNumbers(text: string, replace?: (digits: string, kind: NumberKind) => string): string {
  if (!text) return text;
  return text.replace(ALL, (match, ...groups: unknown[]) => {
    const k = groups.slice(0, PATTERNS.length).findIndex((g) => g !== undefined);
    const kind = PATTERNS[k][0];
    const digits = ascii(match).replace(/[^0-9X]/g, "").replace(/^(0086|86)(?=1[3-9]\d{9}$)/, "");
    if (kind === "local" && isDate(digits)) return match;
    if (replace) return replace(digits, kind);
    if (kind === "id") return maskResidentId(digits);
    // A landline's digits can be 11 long like a mobile's: only the last 2 show.
    return kind === "mobile" ? maskPhone(digits) : "*".repeat(Math.max(0, digits.length - 2)) + digits.slice(-2);
  });
}

/** The free-text fields of a posting, masked for the public (not for its owner or staff in scope). */
export function maskPostingText<T extends { title?: string; duties?: string | null; requirements?: string | null; address?: string | null; hours?: string | null }>(p: T): T {
  const m = (s: string | null | undefined) => (typeof s === "string" ? maskPersonalNumbers(s) : s);
  return { ...p, title: m(p.title), duties: m(p.duties), requirements: m(p.requirements), address: m(p.address), hours: m(p.hours) } as T;
}
