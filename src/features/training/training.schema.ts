// The forms of the training feature, built from the shared field schemas.
import * as v from "valibot";
import { text, paragraph, mobile, residentId, int, moneyFen, date, choice } from "../../shared/forms.ts";
import { trainingKinds } from "../../../db/schema/index.ts";
import { copy } from "../../../views/copy/index.ts";

const t = copy.training;
const idField = (label: string) => v.pipe(v.string(copy.errors.choose(label)), v.regex(/^\d{1,9}$/, copy.errors.invalidChoice(label)), v.transform(Number));

export const SessionForm = v.object({
  marketId: idField(t.market),
  kind: choice(t.kind, trainingKinds),
  title: text(t.title, 60),
  workKindId: v.optional(idField(t.workKind)),
  provider: text(t.provider, 60),
  online: choice(t.way, ["0", "1"] as const),
  place: v.optional(text(t.place, 100), ""),
  startDate: date(t.startDate),
  endDate: date(t.endDate),
  hours: v.optional(text(t.hours, 60), ""),
  capacity: int(t.capacity, 1, 500),
  signupDeadline: date(t.deadline),
  cost: v.optional(moneyFen(t.cost, 0, 1_000_000), "0"),
  subsidyRule: v.optional(paragraph(t.subsidyRule, 300), ""),
  allowanceRule: v.optional(paragraph(t.allowanceRule, 300), ""),
  description: v.optional(paragraph(t.description, 1000), ""),
});
export type SessionFormValue = v.InferOutput<typeof SessionForm>;

/** Sign-up without an account: name and phone only. */
export const AnonSignupForm = v.object({
  name: text(t.name, 20),
  phone: mobile(t.phone),
});

/** A walk-in sign-up by staff; the ID number is kept only when a new account is made. */
export const WalkInForm = v.object({
  name: text(t.name, 20),
  phone: mobile(t.phone),
  idNumber: v.optional(residentId(t.idNumber)),
});

export const CancelSessionForm = v.object({
  reason: paragraph(t.cancelReason, 100),
});

export const FairForm = v.object({
  marketId: idField(t.market),
  title: text(t.fairTitle, 60),
  date: date(t.fairDate),
  hours: v.optional(text(t.fairHours, 40), ""),
  place: text(t.fairPlace, 100),
  description: v.optional(paragraph(t.fairDescription, 500), ""),
});

/** One optional booth count per kind of work; field names are `zone<kindId>`. */
export const zonesForm = (kinds: readonly { id: number; name: string }[]) =>
  v.object(Object.fromEntries(kinds.map((k) => [`zone${k.id}`, v.optional(int(t.zoneCapacity(k.name), 1, 200))])));

export const BookingForm = v.object({
  zoneId: idField(t.zone),
});
