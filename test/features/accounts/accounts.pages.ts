import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";

export const pages: PageRecipe[] = [
  { route: paths.home },
  { route: paths.accounts.login },
  { route: paths.accounts.privacy },
  { route: paths.accounts.me, as: "worker" },
  { route: paths.accounts.me, as: "staff" },
  { route: paths.accounts.admin, as: "city_admin" },
  { route: paths.accounts.admin, as: "county_admin" },
  { route: paths.accounts.adminNew, as: "city_admin" },
  // The pages' world has a city admin, so setup is over (issue #16): the page says so. The form itself
  // is rendered by test/security/setup.test.ts and test/features/accounts/accounts.routes.test.ts.
  { route: paths.accounts.setup, url: `${paths.accounts.setup}?token=x`, status: 404 },
  { route: paths.textSize, url: `${paths.textSize}?big=1&back=/`, status: 303 },
];
