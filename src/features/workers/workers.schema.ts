// The worker forms. Kinds of work come from the work_kinds table, so the
// schemas that list them are built per request from the ids that exist.
import * as v from "valibot";
import { text, paragraph, mobile, pin, int, moneyFen, choice, choices } from "../../shared/forms.ts";
import { genders, wageUnits } from "../../../db/schema/constants.ts";
import { copy } from "../../../views/copy/index.ts";
import { DAY_VALUES, birthYearRange } from "./workers.domain.ts";

const t = copy.workers;

export const RegisterForm = v.pipe(
  v.object({
    phone: mobile(t.phone),
    name: text(t.name, 20),
    pin: pin(t.pin),
    pin2: v.string(copy.errors.required(t.pin2)),
  }),
  v.forward(v.check((x) => x.pin === x.pin2, t.pinMismatch), ["pin2"]),
);

export const PinForm = v.pipe(
  v.object({
    oldPin: v.pipe(v.string(copy.errors.required(t.oldPin)), v.maxLength(20, t.oldPinWrong)),
    pin: pin(t.newPin),
    pin2: v.string(copy.errors.required(t.newPin2)),
  }),
  v.forward(v.check((x) => x.pin === x.pin2, t.pinMismatch), ["pin2"]),
);

/** The new PIN after a reset by code (no old PIN: the code proved the phone). */
export const NewPinForm = v.pipe(
  v.object({ pin: pin(t.newPin), pin2: v.string(copy.errors.required(t.newPin2)) }),
  v.forward(v.check((x) => x.pin === x.pin2, t.pinMismatch), ["pin2"]),
);

const countyCode = v.optional(v.pipe(v.string(), v.regex(/^\d{6}$/, t.countyInvalid)));
const townshipCode = v.optional(v.pipe(v.string(), v.regex(/^\d{9}$/, copy.errors.invalidChoice(t.township))));
// One yuan to one hundred thousand yuan: the upper end covers a monthly wage.
const wage = v.optional(moneyFen(t.wage, 100, 10_000_000));
const wageUnit = v.optional(choice(t.wageUnit, wageUnits));

export const profileForm = (thisYear: number, kindIds: readonly string[]) => {
  const years = birthYearRange(thisYear);
  return v.object({
    name: text(t.name, 20),
    birthYear: v.optional(int(t.birthYear, years.min, years.max)),
    gender: v.optional(choice(t.gender, genders)),
    countyCode,
    townshipCode,
    kinds: choices(t.kinds, kindIds),
    days: choices(t.days, DAY_VALUES),
    wage,
    wageUnit,
  });
};

export const cardForm = (kindIds: readonly string[]) =>
  v.object({
    kindId: v.pipe(v.picklist(kindIds, t.kindInvalid), v.transform(Number)),
    countyCode: v.pipe(v.string(copy.errors.choose(t.workCounty)), v.regex(/^\d{6}$/, t.countyInvalid)),
    townshipCode,
    days: choices(t.days, DAY_VALUES),
    wage,
    wageUnit,
    note: v.optional(paragraph(t.note, 200)),
  });
