import type { PageRecipe } from "../../helpers/pages.ts";
import { paths } from "../../../src/paths.ts";

export const pages: PageRecipe[] = [
  { route: paths.markets.list },
  { route: paths.markets.list, url: `${paths.markets.list}?county=411024&tier=station` },
  { route: paths.markets.showPattern, url: async (w) => paths.markets.show(w.marketA) },
  { route: paths.markets.showPattern, as: "worker", url: async (w) => paths.markets.show(w.marketB) },
  { route: paths.markets.admin, as: "city_admin" },
  { route: paths.markets.admin, as: "county_admin" },
  { route: paths.markets.adminNew, as: "city_admin" },
  { route: paths.markets.adminNew, as: "county_admin" },
  { route: paths.markets.adminEditPattern, as: "county_admin", url: async (w) => paths.markets.adminEdit(w.marketA) },
  { route: paths.markets.checklist, as: "city_admin" },
  { route: paths.markets.checklist, as: "county_admin", status: 303 },
  { route: paths.markets.checklistCountyPattern, as: "county_admin", url: paths.markets.checklistCounty("411024") },
  { route: paths.markets.checklistCountyPattern, as: "city_admin", url: paths.markets.checklistCounty("411024") },
  { route: paths.markets.checklistMarketPattern, as: "county_admin", url: async (w) => paths.markets.checklistMarket("411024", w.marketA) },
  // The feed is XML, not a page: its content is checked in markets.feed.test.ts; here an unknown county answers 404.
  { route: paths.markets.feedPattern, url: "/feeds/jobs/999999.atom", status: 404 },
];
