// The employer forms. Which identifier is required depends on the kind chosen,
// so the form is checked in parts and every problem is reported at once.
import * as v from "valibot";
import { check, text, paragraph, mobile, password, uscc, residentId, choice, type Checked, type FormErrors, type FormInput } from "../../shared/forms.ts";
import { employerKinds, type EmployerKind } from "../../../db/schema/constants.ts";
import { copy } from "../../../views/copy/index.ts";
import { identityFor, needsPledge } from "./employers.domain.ts";

const t = copy.employers;

const Details = v.object({
  kind: choice(t.kind, employerKinds),
  name: text(t.name, 60),
  contactName: v.optional(text(t.contactName, 30)),
  countyCode: v.pipe(v.string(t.countyInvalid), v.regex(/^\d{6}$/, t.countyInvalid)),
  address: v.optional(text(t.address, 100)),
  // Read here only to cap their length; checked by kind below.
  uscc: v.optional(v.pipe(v.string(), v.maxLength(30, copy.errors.uscc))),
  idNumber: v.optional(v.pipe(v.string(), v.maxLength(30, copy.errors.residentId))),
  pledge: v.optional(v.pipe(v.string(), v.maxLength(10))),
});

const Account = v.pipe(
  v.object({
    phone: mobile(t.phone),
    password: password(t.password),
    password2: v.string(copy.errors.required(t.passwordAgain)),
  }),
  v.forward(v.check((x) => x.password === x.password2, t.passwordMismatch), ["password2"]),
);

export interface EmployerDetails {
  kind: EmployerKind;
  name: string;
  uscc: string | null;
  idNumber: string | null;
  /** True when a private employer ticked the 用工承诺书. */
  pledged: boolean;
  contactName: string;
  countyCode: string;
  address: string;
}

/** The details part (registration and correction): identifier by kind, pledge, a county of this region. */
export function checkDetails(input: FormInput, countyExists: (code: string) => boolean): Checked<EmployerDetails> {
  const errors: FormErrors = {};
  const base = check(Details, input);
  if (!base.ok) Object.assign(errors, base.errors);
  const kind = base.ok ? base.value.kind : (employerKinds as readonly string[]).includes(String(input.kind)) ? (input.kind as EmployerKind) : null;
  let code: string | null = null;
  let id: string | null = null;
  if (kind && identityFor(kind) === "uscc") {
    const r = check(v.object({ uscc: uscc(t.uscc) }), { uscc: input.uscc });
    if (r.ok) code = r.value.uscc;
    else errors.uscc = input.uscc === undefined ? t.usccRequired : r.errors.uscc;
  }
  if (kind && identityFor(kind) === "idNumber") {
    const r = check(v.object({ idNumber: residentId(t.idNumber) }), { idNumber: input.idNumber });
    if (r.ok) id = r.value.idNumber;
    else errors.idNumber = input.idNumber === undefined ? t.idNumberRequired : r.errors.idNumber;
  }
  const pledged = input.pledge === "yes";
  if (kind && needsPledge(kind) && !pledged) errors.pledge = t.pledgeRequired;
  if (base.ok && !countyExists(base.value.countyCode)) errors.countyCode = t.countyInvalid;
  if (Object.keys(errors).length || !base.ok) return { ok: false, errors };
  const b = base.value;
  return {
    ok: true,
    value: {
      kind: b.kind,
      name: b.name,
      uscc: code,
      idNumber: id,
      pledged: needsPledge(b.kind) && pledged,
      contactName: b.contactName ?? b.name,
      countyCode: b.countyCode,
      address: b.address ?? "",
    },
  };
}

export type Registration = EmployerDetails & { phone: string; password: string };

/** The whole registration form: details plus the account (phone is the login). */
export function checkRegistration(input: FormInput, countyExists: (code: string) => boolean): Checked<Registration> {
  const details = checkDetails(input, countyExists);
  const account = check(Account, input);
  if (details.ok && account.ok) return { ok: true, value: { ...details.value, phone: account.value.phone, password: account.value.password } };
  return { ok: false, errors: { ...(details.ok ? {} : details.errors), ...(account.ok ? {} : account.errors) } };
}

/** Staff's reason for a rejection: required, shown to the employer as written. */
export const RejectForm = v.object({ reason: paragraph(t.reasonLabel, 200) });
