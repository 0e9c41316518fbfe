// Rules for accounts, free of HTTP and the DB.
import type { Role } from "../../../db/schema/constants.ts";
import type { CurrentUser } from "../../shared/context.ts";

export type StaffRole = "staff" | "county_admin" | "city_admin";

/** The roles an admin may create: a county admin makes staff in the county; the city admin makes anyone. */
export function creatableRoles(actor: Pick<CurrentUser, "role">): StaffRole[] {
  if (actor.role === "city_admin") return ["staff", "county_admin", "city_admin"];
  if (actor.role === "county_admin") return ["staff"];
  return [];
}

/**
 * May `actor` create an account of `role` scoped to this county / market?
 * Returns the error key, or null when allowed.
 */
export function checkNewAccountScope(
  actor: Pick<CurrentUser, "role" | "countyCode">,
  role: StaffRole,
  countyCode: string | undefined,
  market: { id: number; countyCode: string } | null,
): "outOfScope" | "needCounty" | "needMarket" | null {
  if (!creatableRoles(actor).includes(role)) return "outOfScope";
  if (role === "county_admin" && !countyCode) return "needCounty";
  if (role === "staff" && !market) return "needMarket";
  if (actor.role === "county_admin") {
    if (market && market.countyCode !== actor.countyCode) return "outOfScope";
  }
  return null;
}

/** May `actor` see or disable an account with this role and county? */
export function canManageAccount(
  actor: Pick<CurrentUser, "role" | "countyCode" | "id">,
  target: { id: number; role: Role; scopeCounty: string | null },
): boolean {
  if (actor.id === target.id) return false;
  if (actor.role === "city_admin") return true;
  if (actor.role === "county_admin") return target.role === "staff" && target.scopeCounty === actor.countyCode;
  return false;
}

/** Workers sign in with a 6-digit PIN; everyone may have a password instead. */
export function secretKind(secret: string, hasPin: boolean): "pin" | "password" {
  return hasPin && /^\d{6}$/.test(secret) ? "pin" : "password";
}
