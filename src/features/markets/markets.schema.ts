// The market record form and the checklist form.
import * as v from "valibot";
import { text, choice, choices } from "../../shared/forms.ts";
import { copy } from "../../../views/copy/index.ts";
import { marketTiers, marketNatures } from "../../../db/schema/constants.ts";
import { marketFacilities, checklistItems } from "../../../db/schema/monitoring.ts";
import { isPublicPhone } from "./markets.domain.ts";

const t = copy.markets;

const phone = (label: string) => v.pipe(text(label, 20), v.check(isPublicPhone, t.phoneInvalid(label)));
const code = (label: string, digits: number) => v.pipe(v.string(), v.regex(new RegExp(`^\\d{${digits}}$`), copy.errors.invalidChoice(label)));

/** The kinds of work are region data, so their list is passed in. */
export const marketForm = (kindNames: readonly string[]) =>
  v.object({
    name: text(t.name, 50),
    tier: choice(t.tier, marketTiers),
    nature: choice(t.nature, marketNatures),
    countyCode: v.pipe(v.string(copy.errors.choose(t.county)), v.regex(/^\d{6}$/, copy.errors.invalidChoice(t.county))),
    townshipCode: v.optional(code(t.township, 9)),
    address: text(t.address, 100),
    hours: text(t.hours, 50),
    phone: phone(t.phone),
    supervisionPhone: phone(t.supervisionPhone),
    personInCharge: text(t.personInCharge, 30),
    kinds: choices(t.kinds, kindNames as string[]),
    facilities: choices(t.facilities, marketFacilities),
  });

export const multiFields = ["kinds", "facilities"] as const;

/** The ten items as fields done_<item> ("1" when ticked) and evidence_<item>. */
export const ChecklistForm = v.object(
  Object.fromEntries(
    checklistItems.flatMap((item) => [
      [`done_${item}`, v.optional(v.literal("1", copy.errors.invalidChoice(t.items[item])))],
      [`evidence_${item}`, v.optional(text(t.evidence, 200))],
    ]),
  ) as Record<string, v.OptionalSchema<v.GenericSchema<string>, undefined>>,
);
