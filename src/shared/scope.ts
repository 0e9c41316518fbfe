// The query side of `canSeeMarket` (authz.ts): which market-owned rows a staff
// member's lists show. One rule, so a list and the check on its detail page
// cannot drift apart.
import { asc, eq, type Column, type SQL } from "drizzle-orm";
import { markets } from "../../db/schema/index.ts";
import type { Queryable } from "./db.ts";
import type { CurrentUser } from "./context.ts";

/**
 * Filter for a query joined to `markets`: everything for the city admin, the
 * county's markets for a county admin, otherwise the user's own market
 * (`marketId` is the owning table's market column, or `markets.id`).
 */
export function marketScope(user: CurrentUser, marketId: Column): SQL | undefined {
  if (user.role === "city_admin") return undefined;
  if (user.role === "county_admin") return eq(markets.countyCode, user.countyCode ?? "");
  return eq(marketId, user.marketId ?? -1);
}

/** Markets a staff member may act for (a form's pick list): own market; the county's; all for the city admin. */
export async function marketsInScope(db: Queryable, user: CurrentUser) {
  return db
    .select({ id: markets.id, name: markets.name, countyCode: markets.countyCode })
    .from(markets)
    .where(marketScope(user, markets.id))
    .orderBy(asc(markets.countyCode), asc(markets.id))
    .limit(500);
}
