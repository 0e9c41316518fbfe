import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { addEmployer } from "./fixtures.ts";

export const pages: PageRecipe[] = [
  { route: paths.employers.register },
  { route: paths.employers.home, as: "employer" },
  { route: paths.employers.edit, as: "employer" },
  { route: paths.employers.queue, as: "staff" },
  { route: paths.employers.queue, as: "city_admin", url: `${paths.employers.queue}?status=pending` },
  {
    route: paths.employers.showPattern,
    as: "staff",
    url: async (w) => paths.employers.show((await addEmployer(w.t, { kind: "private", countyCode: "411024" })).employerId),
  },
];
