// The forms of the operations pages.
import * as v from "valibot";
import { text } from "../../shared/forms.ts";
import { copy } from "../../../views/copy/index.ts";

const t = copy.ops;

export const LookupForm = v.object({ who: text(t.forgetLookup, 30) });

export const ForgetForm = v.object({ confirm: v.literal("yes", t.forgetMustCheck) });
