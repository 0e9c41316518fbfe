// Who may write which articles: pure rules, no HTTP, no DB.
import type { CurrentUser } from "../../shared/context.ts";

/**
 * May this staff member write or edit an article for this market (null = the
 * whole city)? Station staff: their own market; a county admin: the county's
 * markets; only the city admin writes for the whole city.
 */
export function canWriteFor(user: Pick<CurrentUser, "role" | "marketId" | "countyCode">, market: { id: number; countyCode: string } | null): boolean {
  if (user.role === "city_admin") return true;
  if (!market) return false;
  if (user.role === "county_admin") return user.countyCode === market.countyCode;
  if (user.role === "staff") return user.marketId === market.id;
  return false;
}
