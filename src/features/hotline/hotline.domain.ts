// Rules of the supervision hotline (监管热线), free of HTTP and the DB: case
// numbers, the workflow, deadlines and lateness, who sees which case, the
// lookup throttle and the export range (the CSV format is src/shared/csv.ts).
import { addDays, isRealDate, DAY_MS } from "../../shared/clock.ts";
import type { CurrentUser } from "../../shared/context.ts";
import {
  caseCategories, openCaseStatuses, upheldOutcomes,
  type CaseCategory, type CaseStatus, type CaseOutcome,
} from "../../../db/schema/hotline.ts";
import type { WageUnit } from "../../../db/schema/constants.ts";
import type { ThrottleRule } from "../../shared/throttle-rules.ts";

// --- Deadlines ---------------------------------------------------------------

/**
 * Days from intake (or reopening) to 已办结, per category. Unpaid wages are
 * the shortest because a worker without pay cannot wait; order and service
 * complaints the longest. HOTLINE_DEADLINE_DAYS may override any of them.
 */
export const defaultDeadlineDays: Record<CaseCategory, number> = {
  wage_arrears: 3,
  safety: 5,
  fraud: 7,
  forced_deal: 7,
  provocation: 7,
  discrimination: 10,
  false_ad: 10,
  order: 10,
  service: 15,
  other: 15,
};

/**
 * "wage_arrears=2,fraud=5" → overrides. Returns the first bad part when the
 * text cannot be read, so the server stops at start with a clear message.
 */
export function parseDeadlineOverrides(raw: string | undefined): { ok: true; value: Partial<Record<CaseCategory, number>> } | { ok: false; bad: string } {
  const value: Partial<Record<CaseCategory, number>> = {};
  if (!raw || !raw.trim()) return { ok: true, value };
  for (const part of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)\s*=\s*(\d{1,3})$/.exec(part);
    if (!m || !(caseCategories as readonly string[]).includes(m[1]) || Number(m[2]) < 1 || Number(m[2]) > 365) return { ok: false, bad: part };
    value[m[1] as CaseCategory] = Number(m[2]);
  }
  return { ok: true, value };
}

/** The last day to reach 已办结 for a case of `category` started on `day`. */
export function dueDateFor(day: string, category: CaseCategory, deadlines: Record<CaseCategory, number>): string {
  return addDays(day, deadlines[category]);
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + "T00:00:00Z") - Date.parse(from + "T00:00:00Z")) / DAY_MS);
}

export const isOpen = (status: CaseStatus) => (openCaseStatuses as readonly string[]).includes(status);
export const isUpheld = (outcome: CaseOutcome | null) => !!outcome && (upheldOutcomes as readonly string[]).includes(outcome);

/** Days past the deadline (0 when on time, or when the case already has its answer). */
export function lateDays(c: { status: CaseStatus; dueDate: string }, today: string): number {
  if (!isOpen(c.status)) return 0;
  return Math.max(0, daysBetween(c.dueDate, today));
}

// The overdue list (latest first, then urgent before normal, then the older case) is
// ordered by SQL only (listCases in hotline.repo.ts); hotline.twins.test.ts holds its
// cases and checks its filter against lateDays.

// --- The workflow ------------------------------------------------------------

/** 转办, 开始处理, 办结, 回访, 重新办理: the steps that change a case's status. */
export const caseActions = ["transfer", "start", "close", "callback", "reopen"] as const;
export type CaseAction = (typeof caseActions)[number];

/** Which statuses each step may start from, and where it leads. */
export const workflow: Record<CaseAction, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  // A case may be sent on to another agency while it is still open.
  transfer: { from: ["accepted", "transferred", "processing"], to: "transferred" },
  start: { from: ["transferred"], to: "processing" },
  close: { from: ["processing"], to: "closed" },
  callback: { from: ["closed"], to: "visited" },
  reopen: { from: ["closed", "visited"], to: "processing" },
};

export type Refusal = "skip" | "already" | "finished" | "notFinished";

/** The steps open to a case in this status, in the order a handler would take them. */
export function nextActions(status: CaseStatus): CaseAction[] {
  return caseActions.filter((a) => workflow[a].from.includes(status));
}

/** May `action` be taken on a case in `status`? If not, why not (for a clear message). */
export function transition(status: CaseStatus, action: CaseAction): { ok: true; to: CaseStatus } | { ok: false; why: Refusal; next: CaseAction[] } {
  const step = workflow[action];
  if (step.from.includes(status)) return { ok: true, to: step.to };
  const next = nextActions(status);
  if (action === "reopen") return { ok: false, why: "notFinished", next };
  if (status === step.to) return { ok: false, why: "already", next };
  if (!isOpen(status)) return { ok: false, why: "finished", next };
  return { ok: false, why: "skip", next };
}

// --- Case numbers ---------------------------------------------------------------

/** Pinyin initials of the cities this build knows; others set HOTLINE_CASE_PREFIX. */
const cityInitials: Record<string, string> = {
  许昌: "XC", 郑州: "ZZ", 开封: "KF", 洛阳: "LY", 平顶山: "PDS", 安阳: "AY", 鹤壁: "HB", 新乡: "XX", 焦作: "JZ",
  濮阳: "PY", 漯河: "LH", 三门峡: "SMX", 南阳: "NY", 商丘: "SQ", 信阳: "XY", 周口: "ZK", 驻马店: "ZMD", 济源: "JY",
};
export const PREFIX_PATTERN = /^[A-Z]{1,5}$/;
/** 热线 (RX): when the city is not in the table and no prefix is configured. */
export const FALLBACK_PREFIX = "RX";

/** A short letter prefix for case numbers, from the configured one or the city's name. */
export function casePrefix(cityName: string, configured?: string): string {
  if (configured && PREFIX_PATTERN.test(configured)) return configured;
  // The name as given first: "郑州" ends in 州 but is the whole name, not 郑 + a suffix.
  const bare = cityName.replace(/(市|地区|州|盟)$/, "");
  return cityInitials[cityName] ?? cityInitials[bare] ?? FALLBACK_PREFIX;
}

/** XC-20261128-0042 */
export function formatCaseNumber(prefix: string, day: string, seq: number): string {
  return `${prefix}-${day.replaceAll("-", "")}-${String(seq).padStart(4, "0")}`;
}

/**
 * The canonical number from what a caller typed ("xc 20261128 0042",
 * full-width digits, without dashes), or null when it cannot be one.
 */
export function parseCaseNumber(input: string): string | null {
  if (typeof input !== "string" || input.length > 40) return null;
  const s = input
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0D]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u2010-\u2014]/g, (ch) => (/\s/.test(ch) ? "" : "-"))
    .toUpperCase();
  const m = /^([A-Z]{1,5})-?(\d{8})-?(\d{4,6})$/.exec(s);
  if (!m) return null;
  const day = `${m[2].slice(0, 4)}-${m[2].slice(4, 6)}-${m[2].slice(6, 8)}`;
  const seq = Number(m[3]);
  if (!isRealDate(day) || seq < 1) return null;
  return formatCaseNumber(m[1], day, seq);
}

/** The next per-day sequence number, from the highest one used that day. */
export const nextSeq = (maxUsed: number | null | undefined) => (maxUsed ?? 0) + 1;

// --- Callers' phones --------------------------------------------------------------

/** A mainland mobile, or a landline with area code (0374-1234567), as digits with one dash; else null. */
export function normalizeCallerPhone(input: string, normalizeMobile: (s: string) => string | null): string | null {
  const mobile = normalizeMobile(input);
  if (mobile) return mobile;
  const s = input.replace(/[\uFF10-\uFF19\uFF0D]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/[\s()（）]/g, "");
  const m = /^(0\d{2,3})-?(\d{7,8})$/.exec(s);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** Does `typed` equal the last four digits of the caller's phone? Anonymous cases never match. */
export function lastFourMatches(callerPhone: string | null, typed: string): boolean {
  if (!callerPhone || !/^\d{4}$/.test(typed)) return false;
  return callerPhone.replace(/\D/g, "").slice(-4) === typed;
}

// --- Who sees which case --------------------------------------------------------------

export interface CaseScopeFields {
  marketId: number | null;
  countyCode: string;
  assignedTo: number | null;
  createdBy: number | null;
}

/**
 * Station staff see their market's cases, and the ones they logged or were
 * given; county admins their county's; the city admin every case.
 */
export function canSeeCase(user: Pick<CurrentUser, "id" | "role" | "marketId" | "countyCode">, c: CaseScopeFields): boolean {
  switch (user.role) {
    case "city_admin":
      return true;
    case "county_admin":
      return !!user.countyCode && user.countyCode === c.countyCode;
    case "staff":
      return (user.marketId !== null && user.marketId === c.marketId) || c.assignedTo === user.id || c.createdBy === user.id;
    default:
      return false;
  }
}

/** May `user` hand a case of `caseCounty` to someone with this role, market and county? */
export function canAssignTo(
  user: Pick<CurrentUser, "role" | "marketId">,
  caseCounty: string,
  target: { role: string; marketId: number | null; scopeCounty: string | null; disabled: boolean },
): boolean {
  if (target.disabled || target.scopeCounty !== caseCounty) return false;
  if (target.role !== "staff" && target.role !== "county_admin") return false;
  // Station staff pass a case only among their own station.
  if (user.role === "staff") return target.role === "staff" && target.marketId === user.marketId;
  return true;
}

// --- Wage cases from hires ---------------------------------------------------------------

/**
 * What a hire owes when the worker says "not paid": the day wage times the
 * days worked. Hourly, piece and monthly wages need facts the record lacks
 * (hours, pieces, part months), so staff fill those in.
 */
export function owedForHire(h: { wageFen: number; wageUnit: WageUnit; startDate: string; endDate: string }): number | null {
  if (h.wageUnit !== "day") return null;
  const days = daysBetween(h.startDate, h.endDate) + 1;
  return days >= 1 ? h.wageFen * days : null;
}

/** Does this case earn the employer the "有欠薪投诉" label? Open, or found true. */
export const flagsEmployer = (c: { category: CaseCategory; status: CaseStatus; outcome: CaseOutcome | null }) =>
  c.category === "wage_arrears" && (isOpen(c.status) || isUpheld(c.outcome));

/** Does this case stop the employer publishing new postings? Only while it waits for its answer. */
export const blocksPublishing = (c: { category: CaseCategory; status: CaseStatus }) => c.category === "wage_arrears" && isOpen(c.status);

// --- Intake rules that span fields -------------------------------------------------------

export type IntakeProblem = "amountRequired" | "phoneRequired" | "countyRequired";

/**
 * Cross-field rules of an intake: wage cases need the amount; callers who are
 * not anonymous leave a phone; a report must say where (a county, a market, or
 * something that has one). `placeKnown` is left out when the place comes from
 * the staff member's own scope.
 */
export function intakeProblems(x: { category?: string; amount?: unknown; anonymous?: boolean; phone?: unknown; placeKnown?: boolean }): Partial<Record<"amount" | "callerPhone" | "countyCode", IntakeProblem>> {
  const blank = (v: unknown) => v === undefined || v === null || v === "";
  const out: Partial<Record<"amount" | "callerPhone" | "countyCode", IntakeProblem>> = {};
  if (x.category === "wage_arrears" && blank(x.amount)) out.amount = "amountRequired";
  if (!x.anonymous && blank(x.phone)) out.callerPhone = "phoneRequired";
  if (x.placeKnown === false) out.countyCode = "countyRequired";
  return out;
}

// --- Lookup throttle ---------------------------------------------------------------------

// The counting rules are the shared ones (src/shared/throttle-rules.ts).
export { isLocked, throttleStep, type ThrottleRule, type ThrottleRow } from "../../shared/throttle-rules.ts";
export const hotlineThrottleRules = {
  /** A case number: 4 digits are 10,000 guesses, so at most 10 tries a day. */
  caseLookup: { limit: 5, lockMs: 3600_000, windowMs: 24 * 3600_000, hardLimit: 10 },
  /** One address trying many numbers. */
  ipLookup: { limit: 20, lockMs: 3600_000, windowMs: 3600_000 },
  /** Public reports from one address: enough for a family, not for a flood. */
  report: { limit: 10, lockMs: 3600_000, windowMs: 3600_000 },
} as const satisfies Record<string, ThrottleRule>;

// --- Figures and export ---------------------------------------------------------------------

/** "YYYY-MM-DD" two years after `day` (29 Feb → 28 Feb). */
export function twoYearsAfter(day: string): string {
  const y = Number(day.slice(0, 4)) + 2;
  const candidate = `${y}${day.slice(4)}`;
  return isRealDate(candidate) ? candidate : `${y}-02-28`;
}

/** Null when the range may be exported; else why not. */
export function exportRangeProblem(from: string, to: string): "order" | "tooLong" | null {
  if (to < from) return "order";
  if (to > twoYearsAfter(from)) return "tooLong";
  return null;
}

/** Average of whole-and-fractional days, to one decimal; null with nothing to average. */
export function averageDays(durationsMs: number[]): number | null {
  if (durationsMs.length === 0) return null;
  return Math.round((durationsMs.reduce((a, b) => a + b, 0) / durationsMs.length / DAY_MS) * 10) / 10;
}

/** "YYYY-MM" of the month `n` months before the month of `day` (n = 11: the start of the last 12 months). */
export function monthBefore(day: string, n: number): string {
  const m = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 - n;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
}
