import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";
import { newSetupLink } from "../../../src/features/accounts/index.ts";

export const pages: PageRecipe[] = [
  { route: paths.home },
  { route: paths.accounts.login },
  { route: paths.accounts.privacy },
  { route: paths.accounts.me, as: "worker" },
  { route: paths.accounts.me, as: "staff" },
  { route: paths.accounts.admin, as: "city_admin" },
  { route: paths.accounts.admin, as: "county_admin" },
  { route: paths.accounts.adminNew, as: "city_admin" },
  {
    route: paths.accounts.setup,
    url: async (w) => {
      const link = new URL(await newSetupLink(w.t.deps));
      return link.pathname + link.search;
    },
  },
  { route: paths.textSize, url: `${paths.textSize}?big=1&back=/`, status: 303 },
];
