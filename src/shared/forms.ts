// Reading and checking forms. Every form field is read as trimmed text with
// control characters removed and full-width digits, letters and spaces made
// half-width (what a Chinese IME types: "１５０" is 150); empty fields count as
// absent, so `v.optional` means "may be left blank" and a required field's
// message is the first one the user sees. Valibot issues become one Chinese
// message per field. Input as people type it is taken in by the field schemas
// below: `text` is one line (a newline pasted into a name or title becomes a
// space; only `paragraph` fields keep theirs), money may be "150元", a number
// that is only called may be a landline, a number a code must reach may not.
import * as v from "valibot";
import type { Ctx } from "./context.ts";
import { errors as msg } from "../../views/copy/common.ts";
import { normalizeMobile, normalizeResidentId, normalizeUscc, normalizeLandline, normalizeCalledPhone, fullWidthToAscii } from "./validators.ts";
import { isRealDate } from "./clock.ts";
import { noteQueryRead, untrackedQueries } from "./page-cache.ts";

export type FormErrors = Record<string, string>;
export type FormInput = Record<string, string | string[] | undefined>;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;
/** The one normaliser every form field goes through (see the top of this file). */
export const clean = (s: string) => fullWidthToAscii(s.replace(CONTROL, "").replace(/\r\n?/g, "\n")).trim();
/** One line: newlines (and the spaces around them) become one space. */
const oneLine = (s: string) => s.replace(/[ \t]*\n[\s]*/g, " ");

/**
 * The posted form as plain strings. Fields named in `multi` (checkbox groups)
 * come back as arrays; for any other field a repeated name keeps the first value.
 */
export async function readForm(c: Ctx, multi: readonly string[] = []): Promise<FormInput> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const out: FormInput = {};
  for (const [key, raw] of Object.entries(body)) {
    if (key === "_csrf" || key === "_once") continue;
    const list = (Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === "string").map(clean).filter((s) => s !== "");
    if (list.length === 0) continue;
    out[key] = multi.includes(key) ? list : list[0];
  }
  return out;
}

/** The query string read the same way (GET filter forms). */
export function readQuery(c: Ctx, multi: readonly string[] = []): FormInput {
  const out: FormInput = {};
  for (const [key, list] of Object.entries(untrackedQueries(c))) {
    const vals = list.map(clean).filter((s) => s !== "");
    if (vals.length === 0) continue;
    out[key] = multi.includes(key) ? vals : vals[0];
  }
  // The page cache keys a page by the parameters it reads: note each one the page looks at.
  return new Proxy(out, {
    get(target, key, receiver) {
      if (key === QUERY_TARGET) return { target, note: (names: string[]) => names.forEach((n) => noteQueryRead(c, n)) };
      if (typeof key === "string") noteQueryRead(c, key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === "string") noteQueryRead(c, key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      noteQueryRead(c, null);
      return Reflect.ownKeys(target);
    },
  });
}

const QUERY_TARGET = Symbol("readQuery target");
type Tracked = { target: FormInput; note: (names: string[]) => void };

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

/** The field names of an object schema, also when it is wrapped in a pipe. */
function fieldNames(schema: unknown): string[] {
  const s = schema as { entries?: object; pipe?: unknown[] };
  if (s.entries) return Object.keys(s.entries);
  if (s.pipe?.[0]) return fieldNames(s.pipe[0]);
  return [];
}

export function check<S extends v.GenericSchema>(schema: S, input: unknown): Checked<v.InferOutput<S>> {
  // A blank field is absent from the input; name it as undefined, so valibot
  // reports the field's own Chinese message ("请填写…") instead of a key error.
  // A query from readQuery: the schema's fields are what the page reads (not every parameter sent).
  const tracked = input && typeof input === "object" ? ((input as Record<symbol, unknown>)[QUERY_TARGET] as Tracked | undefined) : undefined;
  if (tracked) tracked.note(fieldNames(schema));
  const plain = tracked ? tracked.target : input;
  const filled =
    plain && typeof plain === "object"
      ? { ...Object.fromEntries(fieldNames(schema).map((k) => [k, undefined])), ...(plain as object) }
      : plain;
  const r = v.safeParse(schema, filled, { abortPipeEarly: true });
  if (r.success) return { ok: true, value: r.output };
  const errors: FormErrors = {};
  for (const issue of r.issues) {
    const key = issue.path?.map((p) => String(p.key)).join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

// --- Field schemas with Chinese messages -----------------------------------

/** One line of text (a name, a title, an address): a newline typed or pasted into it becomes a space. */
export const text = (label: string, max = 100) =>
  v.pipe(v.string(msg.required(label)), v.transform(oneLine), v.maxLength(max, msg.tooLong(label, max)));

/** Text of several lines (a textarea): keeps its line breaks, at most one empty line in a row. */
export const paragraph = (label: string, max = 1000) =>
  v.pipe(v.string(msg.required(label)), v.transform((s: string) => s.replace(/\n[ \t]*\n(?:[ \t]*\n)+/g, "\n\n")), v.maxLength(max, msg.tooLong(label, max)));

/**
 * A number a text-message code must reach (login, a worker's registration):
 * a mobile only; a landline is refused with its reason.
 */
export const mobile = (label = "手机号") =>
  v.pipe(
    v.string(msg.required(label)),
    v.maxLength(30, msg.mobile),
    v.check((s) => normalizeMobile(s) !== null || normalizeLandline(s) === null, msg.landlineNoSms),
    v.transform(normalizeMobile),
    v.string(msg.mobile),
  );

/** A number that is only called (an employer's contact, a hotline caller): a mobile or a landline with area code and extension. */
export const phoneToCall = (label = "联系电话") =>
  v.pipe(v.string(msg.required(label)), v.maxLength(30, msg.phoneToCall), v.transform(normalizeCalledPhone), v.string(msg.phoneToCall));

export const pin = (label = "密码") => v.pipe(v.string(msg.required(label)), v.transform((s: string) => s.replace(/\s/g, "")), v.regex(/^\d{6}$/, msg.pin));

export const password = (label = "密码") =>
  v.pipe(v.string(msg.required(label)), v.minLength(8, msg.password), v.maxLength(200, msg.tooLong(label, 200)));

export const residentId = (label = "身份证号") =>
  v.pipe(v.string(msg.required(label)), v.maxLength(30, msg.residentId), v.transform((s) => normalizeResidentId(s)), v.string(msg.residentId));

export const uscc = (label = "统一社会信用代码") =>
  v.pipe(v.string(msg.required(label)), v.maxLength(30, msg.uscc), v.transform(normalizeUscc), v.string(msg.uscc));

/** A whole number; a unit typed after it ("3人", "1965年", "30 个") is dropped. */
export const int = (label: string, min: number, max: number) =>
  v.pipe(
    v.string(msg.required(label)),
    v.transform((s: string) => s.replace(/\s+/g, "").replace(/(?<=\d)(人|个|名|位|年|岁|天|次)$/, "")),
    v.regex(/^-?\d{1,9}$/, msg.integer(label)),
    v.transform(Number),
    v.minValue(min, msg.range(label, min, max)),
    v.maxValue(max, msg.range(label, min, max)),
  );

/** Money as people write it: "¥150", "150元", "150 元", "150块", "1,500". */
export const plainYuan = (s: string) =>
  s
    .replace(/\s+/g, "")
    .replace(/^[¥￥]/, "")
    .replace(/(元|圆|块钱|块)(整)?$/, "")
    .replace(/^(\d{1,3}(?:,\d{3})+)(?=\.|$)/, (m) => m.replace(/,/g, ""));

/** Yuan as typed ("150", "25.5", "150元") → integer fen, within [minFen, maxFen]. */
export const moneyFen = (label: string, minFen: number, maxFen: number) =>
  v.pipe(
    v.string(msg.required(label)),
    v.transform(plainYuan),
    v.regex(/^\d{1,8}(\.\d{1,2})?$/, msg.money(label)),
    v.transform((s) => Math.round(Number(s) * 100)),
    v.minValue(minFen, msg.range(label, minFen / 100, maxFen / 100)),
    v.maxValue(maxFen, msg.range(label, minFen / 100, maxFen / 100)),
  );

/** "YYYY-MM-DD", a real calendar date between 2000 and 2100. */
export const date = (label: string) =>
  v.pipe(
    v.string(msg.required(label)),
    v.check((s) => isRealDate(s) && s >= "2000-01-01" && s <= "2100-12-31", msg.date(label)),
  );

export const choice = <const T extends readonly string[]>(label: string, values: T) =>
  v.picklist(values, msg.choose(label)) as v.PicklistSchema<T, string>;

/** Checkbox group: zero or more of `values`. */
export const choices = <const T extends readonly string[]>(label: string, values: T) =>
  v.optional(v.array(v.picklist(values, msg.invalidChoice(label))), []);
