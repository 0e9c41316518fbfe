// The one catalog of SMS templates. Chinese providers send only templates
// approved in advance, with the instance's signature (签名) in front, so a
// text is a template key plus its parameters; the wording lives in the copy
// catalog (views/copy/sms.ts), the parameters and their limits here.
// Pure: no HTTP, no DB.
import { copy } from "../../../views/copy/index.ts";

/**
 * Each template's parameters, in order (Tencent numbers them {1}, {2}, … in
 * this order) with the most characters each may carry. Limits keep a text in
 * one 70-character segment with typical values and within what providers
 * accept for a variable. `exempt`: still sent to a number that replied TD (a
 * code the person asked for herself). `secret`: blanked once the text is sent.
 */
export const templateSpecs = {
  verifyCode: { params: { code: 6 }, exempt: true, secret: true },
  hired: { params: { job: 12, date: 12, time: 10, place: 20, phone: 13 } },
  signupReceived: { params: { job: 12, date: 6 } },
  trainingConfirmed: { params: { course: 12, date: 12, time: 10, place: 20 } },
  trainingWaiting: { params: { course: 12, no: 4 } },
  trainingPromoted: { params: { course: 12, date: 12, time: 10, place: 20 } },
  trainingCancelled: { params: { course: 12, date: 6, reason: 20 } },
  fairCancelled: { params: { fair: 12, date: 6, reason: 20 } },
  employerVerified: { params: {} },
  employerRejected: { params: { reason: 20 } },
  employerRevoked: { params: { reason: 20 } },
  caseOpened: { params: { case: 16, hotline: 16 } },
  caseStatus: { params: { case: 16, status: 8, hotline: 16 } },
  jobAlert: { params: { jobs: 35 } },
  alertSubscribed: { params: { what: 16 } },
  replySignedUp: { params: { job: 12, no: 8 } },
  replyRefused: { params: { no: 8, reason: 16 } },
  stopped: { params: {}, exempt: true },
} as const satisfies Record<string, { params: Record<string, number>; exempt?: boolean; secret?: boolean }>;

export type TemplateKey = keyof typeof templateSpecs;
export const templateKeys = Object.keys(templateSpecs) as TemplateKey[];
export type TemplateParams<K extends TemplateKey> = Record<keyof (typeof templateSpecs)[K]["params"] & string, string>;

export const isTemplateKey = (k: string): k is TemplateKey => Object.hasOwn(templateSpecs, k);
export const paramNames = (k: TemplateKey): string[] => Object.keys(templateSpecs[k].params);
export const isExempt = (k: string) => isTemplateKey(k) && "exempt" in templateSpecs[k] && templateSpecs[k].exempt === true;
export const isSecret = (k: string) => isTemplateKey(k) && "secret" in templateSpecs[k] && templateSpecs[k].secret === true;

/** The wording as applied for at Aliyun: ${name} placeholders. */
export const aliyunWording = (k: TemplateKey): string => copy.sms.templates[k];
/** The same wording as applied for at Tencent: {1}, {2}, … in parameter order. */
export const tencentWording = (k: TemplateKey): string => {
  const names = paramNames(k);
  return copy.sms.templates[k].replace(/\$\{(\w+)\}/g, (_, n: string) => `{${names.indexOf(n) + 1}}`);
};

/** An ID number (18 digits, last may be X) or a bank-card-like run: never in a text. */
const ID_LIKE = /\d{17}[\dXx]|\d{15,}/g;

/**
 * One parameter as it may go out: one line, no ID number, at most `max`
 * characters (cut with …). Providers refuse some symbols in variables (【】 look
 * like a signature), so those are replaced.
 */
export function cleanParam(value: string, max: number): string {
  let s = String(value ?? "").replace(/[\r\n\t]+/g, " ").replace(ID_LIKE, "***").replace(/[【】]/g, "").trim();
  if ([...s].length > max) s = [...s].slice(0, Math.max(1, max - 1)).join("") + "…";
  return s;
}

/** The parameters a template needs, each cleaned; a missing one is an empty string. */
export function cleanParams(k: TemplateKey, params: Record<string, string>): Record<string, string> {
  const spec = templateSpecs[k].params as Record<string, number>;
  const out: Record<string, string> = {};
  for (const [name, max] of Object.entries(spec)) out[name] = cleanParam(params[name] ?? "", max);
  return out;
}

/** The text the person reads (without the signature the provider adds). Unknown keys (legacy rows) show their text param. */
export function renderTemplate(k: string, params: Record<string, string>): string {
  if (!isTemplateKey(k)) return params.text ?? "";
  return copy.sms.templates[k].replace(/\$\{(\w+)\}/g, (_, n: string) => params[n] ?? "");
}

/** Characters the person's phone counts, with the signature 【签名】. One segment holds 70; longer ones 67 each. */
export function segments(text: string, signName: string): number {
  const n = [...`【${signName}】${text}`].length;
  return n <= 70 ? 1 : Math.ceil(n / 67);
}

/** "2026-12-06" → "12月6日" (a text has no room for the year). */
export function shortDate(iso: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(iso);
  return m ? copy.sms.words.monthDay(Number(m[1]), Number(m[2])) : iso;
}
/** A date range for a text: one day, or "12月6日至12月8日". */
export const shortDates = (from: string, to: string) => copy.sms.words.dateRange(shortDate(from), shortDate(to));
