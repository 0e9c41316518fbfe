// The policy articles shown on a market's page come from the policy feature.
import type { Deps } from "../../shared/context.ts";

// TODO(policy): use articlesForMarket from the policy feature's index once it exists.
export async function policyLinks(_deps: Deps, _marketId: number): Promise<{ href: string; title: string }[]> {
  return [];
}
