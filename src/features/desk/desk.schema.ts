// The desk's forms, built from the shared field schemas.
import * as v from "valibot";
import { text, paragraph, mobile, pin, residentId, int, moneyFen, choice, choices } from "../../shared/forms.ts";
import { QuickForm } from "../jobs/index.ts";
import { fairOrderRules, sensitiveCategories, contactOutcomes } from "../../../db/schema/desk.ts";
import { copy } from "../../../views/copy/index.ts";

const t = copy.desk;
const id = (label: string) => int(label, 1, 999_999_999);

export const LookupForm = v.object({
  q: v.optional(text(t.lookup, 40)),
  /** Picked from a name search's list. */
  workerId: v.optional(id(t.name)),
});

export const RegisterForm = v.object({
  phone: mobile(t.phone),
  name: text(t.name, 20),
  idNumber: v.optional(residentId(t.idNumber)),
  birthYear: v.optional(int(t.birthYear, 1900, 2100)),
  countyCode: v.pipe(v.string(copy.errors.choose(t.county)), v.regex(/^\d{6}$/, t.unknownCountyChoice)),
  townshipCode: v.optional(v.pipe(v.string(), v.regex(/^\d{9}$/, t.unknownTownship))),
  kinds: v.optional(v.array(v.pipe(v.string(), v.regex(/^\d{1,6}$/, t.unknownKind), v.transform(Number))), []),
  ownPhone: v.optional(choice(t.ownPhone, ["yes", "no"] as const), "yes"),
});

export type RegisterFormValue = v.InferOutput<typeof RegisterForm>;

export const PinForm = v.pipe(
  v.object({ pin: pin(t.pin), pin2: v.string(copy.errors.required(t.pinAgain)) }),
  v.forward(v.check((x) => x.pin === x.pin2, t.pinMismatch), ["pin2"]),
);

export const ConsentForm = v.object({
  categories: v.pipe(choices(t.consentPick, sensitiveCategories), v.minLength(1, t.consentNone)),
  agree: v.pipe(v.optional(v.string(), ""), v.check((s) => s === "yes", t.consentAgreeRequired)),
});

export const ContactForm = v.object({
  outcome: choice(t.outcome, contactOutcomes),
  postingId: v.optional(id(t.contactPosting)),
  note: v.optional(paragraph(t.contactNote, 200), ""),
});

export const RuleForm = v.object({ rule: choice(t.ruleLabel, fairOrderRules) });

/** Signing a worker up; on a quote posting the price they ask for the whole job (报价). */
export const SignUpForm = v.object({
  posting: id(t.postingId),
  quote: v.optional(moneyFen(t.quote, 100, 10_000_000)),
  quoteNote: v.optional(paragraph(t.quoteNote, 100)),
  back: v.optional(v.string()),
});

/** 即时快招 for an employer at the desk: the jobs feature's quick form, and whose it is. */
export const DeskPostForm = v.object({ ...QuickForm.entries, employerPhone: mobile(t.employerPhone) });
