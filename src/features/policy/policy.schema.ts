// The article form.
import * as v from "valibot";
import { text, choice } from "../../shared/forms.ts";
import { articleCategories } from "../../../db/schema/index.ts";
import { copy } from "../../../views/copy/index.ts";

const t = copy.policy;

export const ArticleForm = v.object({
  category: choice(t.category, articleCategories),
  title: text(t.title, 40),
  body: text(t.body, 10000),
  /** Blank = the whole city (only the city admin may choose it). */
  marketId: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/, copy.errors.invalidChoice(t.market)), v.transform(Number))),
});
