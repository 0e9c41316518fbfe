// The policy feature: plain-language help articles (政策帮助) by category,
// citywide or tied to a market. Its only door: other code imports from here.
import type { Feature } from "../../shared/feature.ts";
import { policyRoutes, policyMeLinks } from "./policy.routes.tsx";

/** Published articles of one market, for the market directory (citywide ones live under /policy). */
export { articlesForMarket, type MarketArticle } from "./policy.repo.ts";
/** The article markup: parse, render to escaped HTML, and find links it would refuse. */
export { renderMarkup, parseMarkup, refusedLinks, summary } from "./policy.markup.ts";
export { articleCategories, type ArticleCategory } from "../../../db/schema/index.ts";

export const feature: Feature = { name: "policy", routes: policyRoutes, meLinks: [policyMeLinks] };
