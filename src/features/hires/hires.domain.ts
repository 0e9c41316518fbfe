// Rules about hire records (用工记录), free of HTTP and the DB.
import type { HireStatus, Role } from "../../../db/schema/constants.ts";

/** What the employer or staff may mark on a hire. */
export const hireActions = ["start", "complete", "cancel"] as const;
export type HireAction = (typeof hireActions)[number];

// confirmed → working → completed; a hire that never started may be cancelled.
const transitions: Record<HireAction, { from: HireStatus; to: HireStatus }> = {
  start: { from: "confirmed", to: "working" },
  complete: { from: "working", to: "completed" },
  cancel: { from: "confirmed", to: "cancelled" },
};

/** The status after `action`, or null when the action does not apply to `status`. */
export function nextStatus(status: HireStatus, action: HireAction): HireStatus | null {
  const t = transitions[action];
  return t.from === status ? t.to : null;
}

/** The actions offered on a hire in this status. */
export function actionsFor(status: HireStatus): HireAction[] {
  return hireActions.filter((a) => nextStatus(status, a) !== null);
}

export type HireParty = "worker" | "employer" | "staff";

/**
 * How the viewer relates to the hire, or null (then the page is a 404):
 * its worker, its employer's account, or staff whose county holds the posting.
 */
export function partyOf(
  viewer: { id: number; role: Role; scopeCounty: string | null },
  hire: { workerId: number; employerUserId: number; countyCode: string },
): HireParty | null {
  if (viewer.role === "worker") return viewer.id === hire.workerId ? "worker" : null;
  if (viewer.role === "employer") return viewer.id === hire.employerUserId ? "employer" : null;
  if (viewer.role === "city_admin") return "staff";
  if (viewer.role === "staff" || viewer.role === "county_admin") return viewer.scopeCounty === hire.countyCode ? "staff" : null;
  return null;
}

/** Only the employer and staff mark progress; the worker answers whether they were paid. */
export function canMark(party: HireParty | null): boolean {
  return party === "employer" || party === "staff";
}

/**
 * "工钱拿到了吗?" is asked once, after the last work date (or as soon as the
 * work is marked completed), and never for a cancelled hire.
 */
export function asksPaid(h: { status: HireStatus; endDate: string; paid: string | null }, today: string): boolean {
  if (h.paid !== null || h.status === "cancelled") return false;
  return h.status === "completed" || today > h.endDate;
}
