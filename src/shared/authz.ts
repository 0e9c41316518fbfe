// Authorization, called by each handler where it runs (never only by a mount
// prefix). A role that may not use a page, and a record outside the user's
// scope, both answer 404, so nobody learns which ids exist.
import type { Role } from "../../db/schema/constants.ts";
import type { Ctx, CurrentUser } from "./context.ts";
import { LoginRequired, NotFound } from "./errors.ts";

/** The signed-in user, or a redirect to the login page that comes back here. */
export function requireUser(c: Ctx): CurrentUser {
  const user = c.var.user;
  if (!user) throw new LoginRequired(c.req.method === "GET" ? c.req.path : "/");
  return user;
}

export function requireRole<R extends Role>(c: Ctx, ...allowed: R[]): CurrentUser & { role: R } {
  const user = requireUser(c);
  if (!(allowed as Role[]).includes(user.role)) throw new NotFound("role");
  return user as CurrentUser & { role: R };
}

export const requireStaff = (c: Ctx) => requireRole(c, "staff", "county_admin", "city_admin");
export const requireAdmin = (c: Ctx) => requireRole(c, "county_admin", "city_admin");

export const isStaff = (u: CurrentUser | null) =>
  !!u && (u.role === "staff" || u.role === "county_admin" || u.role === "city_admin");

/** May this user see records of this county? */
export function canSeeCounty(user: CurrentUser, countyCode: string | null | undefined): boolean {
  if (user.role === "city_admin") return true;
  if (user.role === "county_admin" || user.role === "staff") return !!countyCode && user.scopeCounty === countyCode;
  return false;
}

/** May this user act on this market's records? Staff: their own market only. */
export function canSeeMarket(user: CurrentUser, market: { id: number; countyCode: string }): boolean {
  if (user.role === "city_admin") return true;
  if (user.role === "county_admin") return user.countyCode === market.countyCode;
  if (user.role === "staff") return user.marketId === market.id;
  return false;
}

/**
 * Verifying employers and revealing a full ID number belong to market staff (a city, county or
 * township market, or the online one) and admins — not to the staff of a station (驿站), whose work is
 * the people who come to their own desk (issue #16). The county scope is checked as well, by the caller.
 */
export function canVerifyAndReveal(user: CurrentUser): boolean {
  if (user.role === "city_admin" || user.role === "county_admin") return true;
  return user.role === "staff" && !!user.marketTier && user.marketTier !== "station";
}

/** Throws NotFound unless `ok`: the one way handlers say "outside your scope". */
export function ensure(ok: boolean, what = "scope"): asserts ok {
  if (!ok) throw new NotFound(what);
}
