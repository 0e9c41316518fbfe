// Markets (零工市场): the public directory (名录), market records, the 十个一
// checklist, the open-data API and the Atom feed of open postings. Its only
// door: other code imports from here.
import type { Feature } from "../../shared/feature.ts";
import { marketsRoutes } from "./markets.routes.tsx";
import { marketsApi, marketsApiEndpoints } from "./markets.api.ts";
import { paths } from "../../paths.ts";
import { copy } from "../../../views/copy/index.ts";
import type { LinkProvider } from "../../shared/hooks.ts";

export { namesOf, canManageMarket } from "./markets.domain.ts";
export { findMarket, type Market } from "./markets.repo.ts";

// Admins reach market records and the 十个一 checklist from "my account".
const meLinks: LinkProvider = ((c) => {
  const role = c.var.user?.role;
  if (role !== "county_admin" && role !== "city_admin") return [];
  return [
    [paths.markets.admin, copy.markets.adminTitle],
    [role === "city_admin" ? paths.markets.checklist : paths.markets.checklistCounty(c.var.user!.scopeCounty!), copy.markets.checklistTitle],
  ];
});

export const feature: Feature = { name: "markets", meLinks: [meLinks], routes: marketsRoutes, api: marketsApi, apiEndpoints: marketsApiEndpoints };
