import type { PageRecipe, World } from "../../helpers/pages.ts";
import { addUser, nextPhone } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { lastCode } from "../../helpers/phone.ts";

/** A code page for a fresh number, as a visitor reaches it. */
async function codePage(w: World, phone = nextPhone(), form: string = paths.phone.login) {
  const b = w.t.client();
  await b.get(form);
  await b.post(form, { phone });
  return { b, page: b.last.location! };
}

export const pages: PageRecipe[] = [
  { route: paths.phone.login },
  { route: paths.phone.results },
  { route: paths.workers.forgotPin },
  { route: paths.phone.codePattern, url: async (w) => (await codePage(w)).page },
  {
    route: paths.phone.newPinPattern,
    url: async (w) => {
      const { phone } = await addUser(w.t, { role: "worker", pin: "246810" });
      const { b, page } = await codePage(w, phone, paths.workers.forgotPin);
      await b.get(page);
      await b.post(page, { code: (await lastCode(w.t, phone))! });
      return b.last.location!;
    },
  },
];
