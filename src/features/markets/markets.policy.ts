// The policy articles shown on a market's page come from the policy feature.
import type { Deps } from "../../shared/context.ts";
import { paths } from "../../paths.ts";
import { articlesForMarket } from "../policy/index.ts";

/** Links to the market's own published articles; the citywide ones are one link away (/policy). */
export async function policyLinks(deps: Deps, marketId: number): Promise<{ href: string; title: string }[]> {
  return (await articlesForMarket(deps.database.db, marketId)).map((a) => ({ href: paths.policy.show(a.id), title: a.title }));
}
