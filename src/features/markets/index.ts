// Markets (零工市场): the public directory (名录), market records, the 十个一
// checklist, the open-data API and the Atom feed of open postings. Its only
// door: other code imports from here.
import type { Feature } from "../../shared/feature.ts";
import { marketsRoutes } from "./markets.routes.tsx";
import { marketsApi } from "./markets.api.ts";

export { namesOf, canManageMarket } from "./markets.domain.ts";
export { findMarket, type Market } from "./markets.repo.ts";

export const feature: Feature = { name: "markets", routes: marketsRoutes, api: marketsApi };
