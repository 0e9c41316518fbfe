// Rules for training sessions, sign-ups, attendance and job fairs: pure
// functions, no HTTP, no DB. Each returns a reason key (a key of
// copy.training.refusals) or null when allowed, so handlers only translate.
import type { SignupStatus, BookingStatus } from "../../../db/schema/training.ts";
import { addDays, isRealDate } from "../../shared/clock.ts";

/** Longest course we take attendance for, in days (one checkbox column per day). */
export const MAX_SESSION_DAYS = 31;

export interface SessionFacts {
  status: "open" | "cancelled";
  startDate: string;
  endDate: string;
  signupDeadline: string;
  capacity: number;
  confirmedCount: number;
}

export type SignupRefusal = "sessionCancelled" | "deadlinePassed" | "alreadySignedUp";

/**
 * May this worker sign up today? `existing` is the status of an earlier
 * sign-up of the same worker to the same session, if any (a cancelled one may
 * sign up again, at the back of the queue).
 */
export function signupRefusal(s: SessionFacts, today: string, existing: SignupStatus | null): SignupRefusal | null {
  if (s.status === "cancelled") return "sessionCancelled";
  if (existing === "confirmed" || existing === "waiting") return "alreadySignedUp";
  if (today > s.signupDeadline) return "deadlinePassed";
  return null;
}

/** A free place means confirmed; otherwise the waiting list. */
export function placeFor(s: Pick<SessionFacts, "capacity" | "confirmedCount">): "confirmed" | "waiting" {
  return s.confirmedCount < s.capacity ? "confirmed" : "waiting";
}

export type CancelRefusal = "notActive" | "alreadyStarted";

/** A worker may cancel, or leave the waiting list, up to the first day. */
export function cancelRefusal(status: SignupStatus, s: Pick<SessionFacts, "startDate">, today: string): CancelRefusal | null {
  if (status !== "confirmed" && status !== "waiting") return "notActive";
  if (today > s.startDate) return "alreadyStarted";
  return null;
}

/**
 * How many people move up from the waiting list when a place frees up or the
 * capacity grows: as many as there are free places, never more than are waiting.
 * Nobody moves up into a cancelled session.
 */
export function promotions(s: Pick<SessionFacts, "status" | "capacity" | "confirmedCount">, waiting: number): number {
  if (s.status === "cancelled") return 0;
  return Math.max(0, Math.min(waiting, s.capacity - s.confirmedCount));
}

/** Capacity may not drop below those already confirmed (they were promised a place). */
export function capacityRefusal(newCapacity: number, confirmedCount: number): "capacityBelowConfirmed" | null {
  return newCapacity < confirmedCount ? "capacityBelowConfirmed" : null;
}

export interface SessionDates {
  startDate: string;
  endDate: string;
  signupDeadline: string;
  online: boolean;
  place: string;
}

export type SessionFormProblem =
  | "endBeforeStart"
  | "tooManyDays"
  | "deadlineAfterStart"
  | "startInPast"
  | "placeRequired";

/**
 * Problems with a session's dates and place, by form field. `isNew`: a new
 * session must not start in the past (an edit of a running course may keep its dates).
 */
export function sessionFormProblems(f: SessionDates, today: string, isNew: boolean): Partial<Record<keyof SessionDates, SessionFormProblem>> {
  const out: Partial<Record<keyof SessionDates, SessionFormProblem>> = {};
  if (f.endDate < f.startDate) out.endDate = "endBeforeStart";
  else if (sessionDays(f.startDate, f.endDate).length > MAX_SESSION_DAYS) out.endDate = "tooManyDays";
  if (f.signupDeadline > f.startDate) out.signupDeadline = "deadlineAfterStart";
  if (isNew && f.startDate < today) out.startDate = "startInPast";
  if (!f.online && f.place.trim() === "") out.place = "placeRequired";
  return out;
}

/** Every day of the course, "YYYY-MM-DD", first to last (at most MAX_SESSION_DAYS + 1 are produced). */
export function sessionDays(startDate: string, endDate: string): string[] {
  if (!isRealDate(startDate) || !isRealDate(endDate) || endDate < startDate) return [];
  const days: string[] = [];
  for (let d = startDate; d <= endDate && days.length <= MAX_SESSION_DAYS; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Attendance can be taken for days that have come, not for the future. */
export function markableDays(days: readonly string[], today: string): string[] {
  return days.filter((d) => d <= today);
}

export type AttendanceRefusal = "notStarted" | "sessionCancelled";

/** Attendance and completion are recorded once the course has begun. */
export function attendanceRefusal(s: Pick<SessionFacts, "status" | "startDate">, today: string): AttendanceRefusal | null {
  if (s.status === "cancelled") return "sessionCancelled";
  if (today < s.startDate) return "notStarted";
  return null;
}

export interface AttendanceInput {
  /** Sign-up ids listed on the form page (only these are changed). */
  ids: readonly string[];
  /** "signupId:day" for each ticked box. */
  present: readonly string[];
  /** Sign-up ids ticked as completed (结业). */
  done: readonly string[];
}

export type AttendancePlan = { ok: true; rows: { signupId: number; day: string }[]; pageIds: number[]; completed: number[] } | { ok: false };

/**
 * Checks a posted attendance form against the roster and the days that may be
 * marked. Anything that does not belong (an unknown person, a future day, a
 * mangled value) refuses the whole form, so nothing is half-saved.
 */
export function planAttendance(input: AttendanceInput, roster: ReadonlySet<number>, days: readonly string[]): AttendancePlan {
  const allowedDays = new Set(days);
  const toId = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : NaN);
  const pageIds = input.ids.map(toId);
  if (pageIds.some((id) => !roster.has(id))) return { ok: false };
  const onPage = new Set(pageIds);
  const rows: { signupId: number; day: string }[] = [];
  const seen = new Set<string>();
  for (const p of input.present) {
    const m = /^(\d{1,9}):(\d{4}-\d{2}-\d{2})$/.exec(p);
    if (!m) return { ok: false };
    const signupId = Number(m[1]);
    if (!onPage.has(signupId) || !allowedDays.has(m[2])) return { ok: false };
    if (seen.has(p)) continue;
    seen.add(p);
    rows.push({ signupId, day: m[2] });
  }
  const completed = input.done.map(toId);
  if (completed.some((id) => !onPage.has(id))) return { ok: false };
  return { ok: true, rows, pageIds, completed: [...new Set(completed)] };
}

/** The number printed on a completion certificate: 培训年份, session and sign-up, e.g. "PX2026-0012-00034". */
export function certificateNo(sessionId: number, signupId: number, startDate: string): string {
  return `PX${startDate.slice(0, 4)}-${String(sessionId).padStart(4, "0")}-${String(signupId).padStart(5, "0")}`;
}

// --- Job fairs (专场招聘会) -----------------------------------------------------

export interface FairFacts {
  status: "open" | "cancelled";
  date: string;
}

export type BookingRefusal = "notVerified" | "fairCancelled" | "fairPast" | "noSuchZone" | "alreadyBooked";

/** May this employer book a place in this zone today? Zone capacity is checked by the write itself. */
export function bookingRefusal(
  fair: FairFacts,
  today: string,
  employerStatus: string | null,
  zoneInFair: boolean,
  existing: BookingStatus | null,
): BookingRefusal | null {
  if (employerStatus !== "verified") return "notVerified";
  if (fair.status === "cancelled") return "fairCancelled";
  if (fair.date < today) return "fairPast";
  if (!zoneInFair) return "noSuchZone";
  if (existing === "booked" || existing === "no_show") return "alreadyBooked";
  return null;
}

/** An employer may give back a place until the day before the fair. */
export function bookingCancelRefusal(status: BookingStatus, fair: FairFacts, today: string): "notBooked" | "fairToday" | null {
  if (status !== "booked") return "notBooked";
  if (fair.date <= today) return "fairToday";
  return null;
}

/** A no-show is recorded on or after the fair day, for a booking that stood. */
export function noShowRefusal(status: BookingStatus, fair: FairFacts, today: string): "notBooked" | "fairNotYet" | null {
  if (status !== "booked") return "notBooked";
  if (today < fair.date) return "fairNotYet";
  return null;
}

/** A new fair is in the future (or today) and has at least one zone. */
export function fairFormProblems(date: string, today: string, zoneCount: number): { date?: "fairInPast"; zones?: "noZones" } {
  const out: { date?: "fairInPast"; zones?: "noZones" } = {};
  if (date < today) out.date = "fairInPast";
  if (zoneCount === 0) out.zones = "noZones";
  return out;
}
