// Small helpers the supervision pages share: the admin's
// county, today's Beijing date, a place's line. Plain functions (no HTTP).
import type { CurrentUser, Deps } from "../../shared/context.ts";
import { chinaDate } from "../../shared/clock.ts";

export const todayOf = (deps: Deps) => chinaDate(deps.clock.now());
/** The county an admin keeps; null for the city admin (all counties). */
export const adminCounty = (user: CurrentUser) => (user.role === "city_admin" ? null : user.scopeCounty);
export const isAdmin = (user: CurrentUser) => user.role === "county_admin" || user.role === "city_admin";
/** "county township" of a point, as a line. */
export const whereOf = (deps: Deps, p: { countyCode: string; townshipCode: string | null }) =>
  [deps.regions.countyName(p.countyCode), deps.regions.townshipName(p.townshipCode)].filter(Boolean).join(" ");
