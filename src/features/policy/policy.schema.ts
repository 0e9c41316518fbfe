// The article form.
import * as v from "valibot";
import { text, paragraph, choice } from "../../shared/forms.ts";
import { articleCategories } from "../../../db/schema/index.ts";
import { copy } from "../../../views/copy/index.ts";

const t = copy.policy;

export const ArticleForm = v.object({
  category: choice(t.category, articleCategories),
  title: text(t.title, 40),
  // 6000 characters: a form body of 6000 Chinese characters (9 bytes each, URL-encoded) stays under the 64 KB limit.
  body: paragraph(t.body, 6000),
  /** Blank = the whole city (only the city admin may choose it). */
  marketId: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/, copy.errors.invalidChoice(t.market)), v.transform(Number))),
});
