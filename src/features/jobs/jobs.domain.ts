// Rules about postings and sign-ups, free of HTTP and the DB. Routes map the
// codes these functions return to Chinese messages in views/copy/jobs.ts.
import type { EmploymentForm, PostingStatus, WageUnit, Role, ApplicationStatus, PayTime, PayMethod } from "../../../db/schema/constants.ts";
import { addDays, isRealDate } from "../../shared/clock.ts";

export type PayMode = "wage" | "quote";

/** What an employer fills in; the same shape for new, edit, quick and relist. */
export interface PostingDraft {
  title: string;
  kindId: number;
  form: EmploymentForm;
  headcount: number;
  payMode: PayMode;
  wageFen: number | null;
  wageUnit: WageUnit | null;
  startDate: string;
  endDate: string;
  hours: string;
  countyCode: string;
  townshipCode: string | null;
  address: string;
  duties: string;
  requirements: string;
  contactName: string;
  contactPhone: string;
  brandIds: number[];
  /** When and how the wage is paid ("" or absent = not said; the agreement leaves a line to fill in). */
  payTime?: PayTime | "";
  payMethod?: PayMethod | "";
}

/**
 * The draft's fields that the posting form, the draft and the posting row all
 * hold as they are (same name, same value): the mappers copy these and spell
 * out only what changes on the way (numbers in the form, money, missing codes).
 */
export const draftFieldsAsIs = ["title", "form", "payMode", "startDate", "endDate", "hours", "countyCode", "address", "duties", "requirements", "contactName", "contactPhone"] as const;
/** The draft's fields that are a column of the posting row with the same name and value. */
export const draftColumnFields = [...draftFieldsAsIs, "kindId", "headcount", "wageFen", "wageUnit", "townshipCode"] as const;

export type DraftProblem =
  | "wageRequired"
  | "wageUnitRequired"
  | "quoteHeadcount"
  | "endBeforeStart"
  | "endPast"
  | "gigTooLong"
  | "unknownCounty"
  | "townshipNotInCounty"
  | "unknownKind"
  | "unknownBrand"
  | "headcountBelowFilled";

export interface DraftContext {
  today: string;
  countyExists: (code: string) => boolean;
  townshipInCounty: (township: string, county: string) => boolean;
  kindExists: (id: number) => boolean;
  brandExists: (id: number) => boolean;
  /** Confirmed hires already made (editing an open posting): headcount may not go below it. */
  filledCount?: number;
}

/** "YYYY-MM-DD" plus n calendar months, clamped to the month's last day (1-31 + 6 months = 7-31). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** 零工/临时 work lasts at most six months (the employment-form definition). */
export const GIG_MAX_MONTHS = 6;

/**
 * Rules across fields, keyed by the field the message belongs to. The field
 * schemas have already checked each value on its own.
 */
export function draftProblems(p: PostingDraft, ctx: DraftContext): Partial<Record<keyof PostingDraft, DraftProblem>> {
  const out: Partial<Record<keyof PostingDraft, DraftProblem>> = {};
  if (!ctx.kindExists(p.kindId)) out.kindId = "unknownKind";
  if (p.payMode === "wage") {
    if (p.wageFen === null) out.wageFen = "wageRequired";
    if (p.wageUnit === null) out.wageUnit = "wageUnitRequired";
  } else if (p.headcount !== 1) {
    // One quote is accepted and everyone else is told "not chosen".
    out.headcount = "quoteHeadcount";
  }
  if (!out.headcount && ctx.filledCount !== undefined && p.headcount < ctx.filledCount) out.headcount = "headcountBelowFilled";
  if (isRealDate(p.startDate) && isRealDate(p.endDate)) {
    if (p.endDate < p.startDate) out.endDate = "endBeforeStart";
    else if (p.endDate < ctx.today) out.endDate = "endPast";
    else if (p.form === "gig" && p.endDate > addMonths(p.startDate, GIG_MAX_MONTHS)) out.endDate = "gigTooLong";
  }
  if (!ctx.countyExists(p.countyCode)) out.countyCode = "unknownCounty";
  else if (p.townshipCode && !ctx.townshipInCounty(p.townshipCode, p.countyCode)) out.townshipCode = "townshipNotInCounty";
  if (p.brandIds.some((id) => !ctx.brandExists(id))) out.brandIds = "unknownBrand";
  return out;
}

/** A quote posting states no wage: what a worker offers is the price. */
export function normalizeDraft(p: PostingDraft): PostingDraft {
  return p.payMode === "quote" ? { ...p, wageFen: null, wageUnit: null } : p;
}

// --- Minimum wage -------------------------------------------------------------

export interface MinWage {
  hourlyFen: number;
  monthlyFen: number;
}

/** A working day, for comparing a day wage with the hourly minimum. */
export const HOURS_PER_DAY = 8;

/**
 * The minimum for this unit, when the wage is below it (a warning, not a
 * refusal: the employer may have a reason, and staff see the warning too).
 * Piece rates cannot be compared, so they are never flagged.
 */
export function minimumShortfall(wageFen: number | null, unit: WageUnit | null, min: MinWage): number | null {
  if (wageFen === null || unit === null) return null;
  const floor = unit === "hour" ? min.hourlyFen : unit === "day" ? min.hourlyFen * HOURS_PER_DAY : unit === "month" ? min.monthlyFen : null;
  return floor !== null && wageFen < floor ? floor : null;
}

/**
 * A wage as fen per day, for the "at least X a day" filter: hours × 8, a
 * month ÷ 21.75 (the statutory working days in a month). Piece rates have none.
 * The browse query computes the same in SQL (jobs.repo.ts dayRateSql).
 */
export function dayRateFen(wageFen: number, unit: WageUnit): number | null {
  if (unit === "hour") return wageFen * HOURS_PER_DAY;
  if (unit === "day") return wageFen;
  if (unit === "month") return Math.floor((wageFen * 4) / 87);
  return null;
}

// --- Lifecycle ------------------------------------------------------------------

export type PostingAction = "edit" | "publish" | "close" | "relist" | "remove";

const allowedFrom: Record<PostingAction, readonly PostingStatus[]> = {
  edit: ["draft", "open"],
  publish: ["draft"],
  close: ["open", "filled"],
  // A copy of anything that was once public; a removed posting stays removed.
  relist: ["open", "filled", "closed", "expired"],
  remove: ["draft", "open", "filled", "closed", "expired"],
};

export function canDo(action: PostingAction, status: PostingStatus): boolean {
  return allowedFrom[action].includes(status);
}

/** An open posting past its last work date is expired, even before the sweep has run. */
export function effectiveStatus(p: { status: PostingStatus; endDate: string }, today: string): PostingStatus {
  return p.status === "open" && p.endDate < today ? "expired" : p.status;
}

/** Who may see a posting at all: the public sees what was published; drafts and removed ones only their owner and staff. */
export function isPublic(status: PostingStatus): boolean {
  return status === "open" || status === "filled" || status === "closed" || status === "expired";
}

/** Status after an edit of an open posting: reaching the headcount fills it. */
export function statusAfterEdit(status: PostingStatus, headcount: number, filledCount: number): PostingStatus {
  return status === "open" && filledCount >= headcount ? "filled" : status;
}

/**
 * Posting limits per employer (issue #16): at most `perHour` and `perDay` postings going public, and a
 * household employer (kind "private") asking for more than `householdHeadcount` people waits for staff.
 * `published` counts what already went public in the last hour and day.
 */
export function postingLimitProblem(
  p: { kind: string; headcount: number },
  published: { lastHour: number; lastDay: number },
  lim: { perHour: number; perDay: number; householdHeadcount: number },
): "perHour" | "perDay" | "householdHeadcount" | null {
  if (p.kind === "private" && p.headcount > lim.householdHeadcount) return "householdHeadcount";
  if (published.lastHour >= lim.perHour) return "perHour";
  if (published.lastDay >= lim.perDay) return "perDay";
  return null;
}

export type PublishProblem = "notVerified" | "endPast";

export function publishProblem(employerStatus: string, p: { endDate: string }, today: string): PublishProblem | null {
  if (employerStatus !== "verified") return "notVerified";
  if (p.endDate < today) return "endPast";
  return null;
}

// --- Sign-ups -------------------------------------------------------------------

export type SignUpRefusal = "notWorker" | "already" | "full" | "closed" | "expired" | "notOpen";

/** Why this viewer may not sign up now, or null. `role` is null for a visitor without an account. */
export function signUpRefusal(
  p: { status: PostingStatus; endDate: string; headcount: number; filledCount: number },
  role: Role | null,
  alreadySignedUp: boolean,
  today: string,
): SignUpRefusal | null {
  if (role !== null && role !== "worker") return "notWorker";
  if (alreadySignedUp) return "already";
  const status = effectiveStatus(p, today);
  if (status === "filled" || (status === "open" && p.filledCount >= p.headcount)) return "full";
  if (status === "closed" || status === "removed") return "closed";
  if (status === "expired") return "expired";
  if (status !== "open") return "notOpen";
  return null;
}

/** Status codes of refusals, for the page that shows them. */
export const refusalStatus: Record<SignUpRefusal, 409 | 422> = {
  notWorker: 422,
  already: 409,
  full: 422,
  closed: 422,
  expired: 422,
  notOpen: 422,
};

/** Decisions the employer takes on a sign-up: only a pending one can be decided. */
export function canDecide(status: ApplicationStatus): boolean {
  return status === "applied";
}

/** A worker may take back a sign-up that is still pending. */
export function canWithdraw(status: ApplicationStatus): boolean {
  return status === "applied";
}

/** Who sees the contact phone in full: the employer, staff of the county, and a worker hired for it. */
export function contactVisible(v: { isOwner: boolean; staffInScope: boolean; hiredHere: boolean }): boolean {
  return v.isOwner || v.staffInScope || v.hiredHere;
}

/**
 * What the hire records: a wage posting's wage; for a quote, the accepted
 * price for the whole job, stored as one piece of work.
 */
export function hireTerms(p: { payMode: PayMode; wageFen: number | null; wageUnit: WageUnit | null }, quoteFen: number | null): { wageFen: number; wageUnit: WageUnit } {
  if (p.payMode === "quote") return { wageFen: quoteFen ?? 0, wageUnit: "piece" };
  return { wageFen: p.wageFen ?? 0, wageUnit: p.wageUnit ?? "day" };
}

// --- Browsing -------------------------------------------------------------------

export const whenFilters = ["today", "week"] as const;
export type WhenFilter = (typeof whenFilters)[number];

/** Work happening on some day in [from, to]: starts by `to` and ends on or after `from`. */
export function dateWindow(when: WhenFilter, today: string): { from: string; to: string } {
  return { from: today, to: when === "today" ? today : addDays(today, 6) };
}

/** 即时快招: a same-day 零工 posting paid by the day. */
export function quickDraft(
  q: { kindId: number; headcount: number; wageFen: number; countyCode: string; address: string; contactPhone: string },
  ctx: { today: string; title: string; contactName: string },
): PostingDraft {
  return {
    title: ctx.title,
    kindId: q.kindId,
    form: "gig",
    headcount: q.headcount,
    payMode: "wage",
    wageFen: q.wageFen,
    wageUnit: "day",
    startDate: ctx.today,
    endDate: ctx.today,
    hours: "",
    countyCode: q.countyCode,
    townshipCode: null,
    address: q.address,
    duties: "",
    requirements: "",
    contactName: ctx.contactName,
    contactPhone: q.contactPhone,
    brandIds: [],
  };
}
