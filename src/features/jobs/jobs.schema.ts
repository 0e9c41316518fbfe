// The jobs feature's forms and query strings, built from the shared field schemas.
import * as v from "valibot";
import { text, paragraph, mobile, phoneToCall, int, moneyFen, date, choice, pin, type FormInput } from "../../shared/forms.ts";
import { employmentForms, wageUnits, payModes, payTimes, payMethods } from "../../../db/schema/constants.ts";
import { copy } from "../../../views/copy/index.ts";
import { pickFields } from "../../shared/pick.ts";
import { whenFilters, draftFieldsAsIs, type WhenFilter, type PostingDraft } from "./jobs.domain.ts";
import { MAX_QUERY_CHARS } from "./jobs.search.ts";

const t = copy.jobs;
const e = copy.errors;

/** Wages and quotes: 1 to 100,000 yuan. */
export const MIN_PAY_FEN = 100;
export const MAX_PAY_FEN = 10_000_000;

const id = (label: string) =>
  v.pipe(v.string(e.choose(label)), v.regex(/^\d{1,9}$/, e.invalidChoice(label)), v.transform(Number));
const code = (label: string, digits: number) =>
  v.pipe(v.string(e.choose(label)), v.regex(new RegExp(`^\\d{${digits}}$`), e.invalidChoice(label)));

export const PostingForm = v.object({
  title: text(t.title, 40),
  kindId: id(t.kind),
  form: choice(t.form, employmentForms),
  headcount: int(t.headcount, 1, 500),
  payMode: choice(t.payMode, payModes),
  wage: v.optional(moneyFen(t.wage, MIN_PAY_FEN, MAX_PAY_FEN)),
  wageUnit: v.optional(choice(t.wageUnit, wageUnits)),
  startDate: date(t.startDate),
  endDate: date(t.endDate),
  hours: v.optional(text(t.hours, 50), ""),
  payTime: v.optional(choice(t.payTime, payTimes)),
  payMethod: v.optional(choice(t.payMethod, payMethods)),
  countyCode: code(t.county, 6),
  townshipCode: v.optional(code(t.township, 9)),
  address: text(t.address, 100),
  duties: paragraph(t.duties, 1000),
  requirements: v.optional(paragraph(t.requirements, 500), ""),
  contactName: text(t.contactName, 20),
  contactPhone: phoneToCall(t.contactPhone),
  brandIds: v.optional(v.array(id(t.brands)), []),
});

/** Checkbox groups among the posting form's fields. */
export type PostingFormValue = v.InferOutput<typeof PostingForm>;

export const postingMulti = ["brandIds"] as const;

export function draftFromForm(f: v.InferOutput<typeof PostingForm>): PostingDraft {
  return {
    ...pickFields(f, draftFieldsAsIs),
    kindId: f.kindId,
    headcount: f.headcount,
    wageFen: f.wage ?? null,
    wageUnit: f.wageUnit ?? null,
    townshipCode: f.townshipCode ?? null,
    brandIds: [...new Set(f.brandIds)],
    payTime: f.payTime ?? "",
    payMethod: f.payMethod ?? "",
  };
}

/** A stored posting as form values, for the edit page. */
export function formFromDraft(p: PostingDraft): FormInput {
  return {
    ...pickFields(p, draftFieldsAsIs),
    kindId: String(p.kindId),
    headcount: String(p.headcount),
    wage: p.wageFen === null ? undefined : String(p.wageFen / 100),
    wageUnit: p.wageUnit ?? undefined,
    townshipCode: p.townshipCode ?? undefined,
    brandIds: p.brandIds.map(String),
    payTime: p.payTime || undefined,
    payMethod: p.payMethod || undefined,
  };
}

/** 即时快招: five things to fill in (where = county + address). */
export const QuickForm = v.object({
  kindId: id(t.kind),
  headcount: int(t.headcount, 1, 500),
  wage: moneyFen(t.quickWage, MIN_PAY_FEN, MAX_PAY_FEN),
  countyCode: code(t.county, 6),
  address: text(t.address, 100),
  contactPhone: phoneToCall(t.contactPhone),
});

export type QuickFormValue = v.InferOutput<typeof QuickForm>;

function makeApplySchema(opts: { anon: boolean; quote: boolean }) {
  return v.object({
    name: opts.anon ? text(t.name, 20) : v.optional(v.string()),
    phone: opts.anon ? mobile(t.phone) : v.optional(v.string()),
    quote: opts.quote ? moneyFen(t.quote, MIN_PAY_FEN, MAX_PAY_FEN) : v.optional(v.string()),
    quoteNote: v.optional(paragraph(t.quoteNote, 200)),
  });
}

// The four made once (schemas are immutable, like QuickForm's): building one per sign-up was ~3 % of
// the bytes a sign-up allocates (docs/performance.md, sign-ups fourth pass), and under the 2 MB
// semi-space every byte brings the next scavenge nearer.
const applySchemas = [
  makeApplySchema({ anon: false, quote: false }),
  makeApplySchema({ anon: false, quote: true }),
  makeApplySchema({ anon: true, quote: false }),
  makeApplySchema({ anon: true, quote: true }),
];

/** A sign-up: a visitor without an account adds name and phone; a quote posting needs a price. */
export function applySchema(opts: { anon: boolean; quote: boolean }) {
  return applySchemas[(opts.anon ? 2 : 0) + (opts.quote ? 1 : 0)];
}

export const RemoveForm = v.object({ reason: paragraph(t.removeReason, 200) });

/** The first PIN of an account a sign-up made. */
export const FirstPinForm = v.pipe(
  v.object({ pin: pin(t.pin), pin2: v.string(e.required(t.pin2)) }),
  v.forward(v.check((x) => x.pin === x.pin2, t.pinMismatch), ["pin2"]),
);

// --- Browse filters -------------------------------------------------------------

export interface Filters {
  q?: string;
  kind?: number;
  county?: string;
  township?: string;
  form?: (typeof employmentForms)[number];
  when?: WhenFilter;
  brand?: number;
  /** Yuan per day, as typed. */
  minDay?: number;
}

const pick = <T extends string>(values: readonly T[], x: unknown): T | undefined =>
  typeof x === "string" && (values as readonly string[]).includes(x) ? (x as T) : undefined;
const positive = (x: unknown, max: number): number | undefined => {
  if (typeof x !== "string" || !/^\d{1,9}$/.test(x)) return undefined;
  const n = Number(x);
  return n >= 1 && n <= max ? n : undefined;
};

/**
 * Filters from a query string. A bookmarked link with a stale or mistyped
 * value still works: anything not understood is dropped, not an error.
 */
export function parseFilters(q: FormInput, known: { county: (c: string) => boolean; township: (t: string, c?: string) => boolean }): Filters {
  const f: Filters = {};
  if (typeof q.q === "string" && q.q.trim()) f.q = q.q.trim().slice(0, MAX_QUERY_CHARS);
  f.kind = positive(q.kind, 999_999_999);
  if (typeof q.county === "string" && known.county(q.county)) f.county = q.county;
  if (typeof q.township === "string" && known.township(q.township, f.county)) f.township = q.township;
  f.form = pick(employmentForms, q.form);
  f.when = pick(whenFilters, q.when);
  f.brand = positive(q.brand, 999_999_999);
  f.minDay = positive(q.minDay, 100_000);
  for (const k of Object.keys(f) as (keyof Filters)[]) if (f[k] === undefined) delete f[k];
  return f;
}

/** The query string of `f` (and page), for links that keep the filters. */
export function filterQuery(f: Filters, page = 1): string {
  const p = new URLSearchParams();
  for (const [k, val] of Object.entries(f)) if (val !== undefined) p.set(k, String(val));
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The JSON API's ?page= (its documented range goes to 100,000; the pages use pageParam). */
export function parsePage(x: unknown): number {
  return positive(x, 100_000) ?? 1;
}
