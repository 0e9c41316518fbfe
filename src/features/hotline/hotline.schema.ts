// The hotline's forms, built from the shared field schemas.
import * as v from "valibot";
import { text, paragraph, mobile, moneyFen, date, choice, choices, int, type FormErrors, type FormInput, check } from "../../shared/forms.ts";
import { normalizeCalledPhone } from "../../shared/validators.ts";
import {
  caseChannels, caseCategories, caseUrgencies, caseStatuses, caseAgencies, caseOutcomes, caseSatisfactions,
} from "../../../db/schema/hotline.ts";
import { copy } from "../../../views/copy/index.ts";
import { parseCaseNumber, intakeProblems } from "./hotline.domain.ts";

const t = copy.hotline;
const e = copy.errors;

/** A record id picked from a list (a select or a typed number). */
const id = (label: string) => v.pipe(v.string(), v.regex(/^\d{1,9}$/, e.invalidChoice(label)), v.transform(Number));

const callerPhone = v.pipe(
  v.string(),
  v.maxLength(30, e.tooLong(t.callerPhone, 30)),
  // Only called, never sent a code: a landline with area code and extension will do.
  v.transform(normalizeCalledPhone),
  v.string(copy.errors.phoneToCall),
);

const publicFlag = () => choices(t.public, ["1"] as const);

const intakeFields = {
  category: choice(t.category, caseCategories),
  urgency: v.optional(choice(t.urgency, caseUrgencies), "normal"),
  callerName: v.optional(text(t.callerName, 30)),
  callerPhone: v.optional(callerPhone),
  anonymous: choices(t.anonymous, ["1"] as const),
  amount: v.optional(moneyFen(t.amount, 1, 100_000_000)),
  description: paragraph(t.description, 2000),
  countyCode: v.optional(v.pipe(v.string(), v.regex(/^\d{6}$/, e.invalidChoice(t.county)))),
  marketId: v.optional(id(t.market)),
  employerId: v.optional(id(t.employer)),
  postingId: v.optional(id(t.posting)),
  hireId: v.optional(id(t.hire)),
  q: v.optional(text(t.q, 50)),
  qDone: v.optional(v.string()),
  do: v.optional(v.string()),
};

/** The staff form: a phone call or a visit. */
export const CaseIntakeForm = v.object({ channel: v.optional(choice(t.channel, caseChannels), "phone"), ...intakeFields });
/** The public form: always 网上. */
export const ReportForm = v.object(intakeFields);
export type IntakeValue = v.InferOutput<typeof ReportForm> & { channel?: (typeof caseChannels)[number] };

/** Field rules plus the rules that span fields, all reported at once. */
export function checkIntake<S extends typeof CaseIntakeForm | typeof ReportForm>(schema: S, input: FormInput, opts: { needsPlace: boolean }) {
  const r = check(schema, input);
  const anonymous = Array.isArray(input.anonymous) && input.anonymous.includes("1");
  const placeKnown = ["countyCode", "marketId", "employerId", "postingId", "hireId"].some((k) => !!input[k]);
  const cross = intakeProblems({ category: input.category as string, amount: input.amount, anonymous, phone: input.callerPhone, placeKnown: opts.needsPlace ? placeKnown : undefined });
  const extra: FormErrors = {};
  for (const [field, problem] of Object.entries(cross)) extra[field] = t[problem];
  if (r.ok && Object.keys(extra).length === 0) return r;
  return { ok: false as const, errors: { ...extra, ...(r.ok ? {} : r.errors) } };
}

export const StatusForm = v.object({
  number: v.pipe(v.string(e.required(t.number)), v.maxLength(40, t.numberFormat), v.transform(parseCaseNumber), v.string(t.numberFormat)),
  lastFour: v.pipe(v.string(e.required(t.lastFour)), v.regex(/^\d{4}$/, t.lastFourFormat)),
});

/** The second way to check: only the phone on the case (a mobile: a code is texted to it). */
export const StatusSmsForm = v.object({
  phone: mobile(t.smsPhone),
});

const note = (label: string, max = 1000) => paragraph(label, max);

/** One form per step; field names differ so several forms can share a page. */
export const StepForms = {
  transfer: v.object({ agency: choice(t.agency, caseAgencies), transferNote: note(t.note), transferPublic: publicFlag() }),
  start: v.object({ startNote: v.optional(note(t.note)), startPublic: publicFlag() }),
  close: v.object({
    outcome: choice(t.outcome, caseOutcomes),
    recovered: v.optional(moneyFen(t.recovered, 0, 100_000_000)),
    closeNote: note(t.note),
    closePublic: publicFlag(),
  }),
  callback: v.object({ satisfaction: choice(t.satisfaction, caseSatisfactions), callbackNote: v.optional(note(t.note)), callbackPublic: publicFlag() }),
  reopen: v.object({ reopenNote: note(t.note), reopenPublic: publicFlag() }),
  note: v.object({ noteText: note(t.note), notePublic: publicFlag() }),
} as const;
export const publicFields = ["transferPublic", "startPublic", "closePublic", "callbackPublic", "reopenPublic", "notePublic", "anonymous"] as const;

export const AssignForm = v.object({ assignee: id(t.assignee) });

export const CaseListQuery = v.object({
  status: v.optional(choice(t.status, caseStatuses)),
  category: v.optional(choice(t.category, caseCategories)),
  overdue: v.optional(v.literal("1")),
  page: v.optional(int(t.page, 1, 10_000), "1"),
});

export const PageQuery = v.object({ page: v.optional(int(t.page, 1, 10_000), "1") });

export const ExportQuery = v.object({ from: date(t.from), to: date(t.to) });

export const CallAnswerForm = v.object({ answer: choice(t.paid, ["paid", "not_paid"] as const) });
