// Rules of the station desk, free of HTTP and the DB: what a typed lookup is,
// who counts as a priority worker (困难零工人员), the fair order of a day's
// check-ins, and the seeded draw that anyone can redo from its seed.
import type { CurrentUser } from "../../shared/context.ts";
import type { FairOrderRule, SensitiveCategory } from "../../../db/schema/desk.ts";
import { normalizeMobile } from "../../shared/validators.ts";
import { addDays } from "../../shared/clock.ts";
import { CARD_ALPHABET, ageIn, birthYearRange } from "../workers/index.ts";

// --- Looking someone up at the counter ---------------------------------------

export type Lookup = { by: "phone"; phone: string } | { by: "card"; code: string } | { by: "name"; name: string };

const cardPattern = new RegExp(`^[${CARD_ALPHABET}]{6}$`);

/**
 * What the staff member typed into the one search box: a mobile number, the
 * 6-character code on a worker card, or else part of a name. A card code is
 * read case-insensitively (people read it aloud; staff type it in lower case).
 */
export function parseLookup(raw: string): Lookup | null {
  const s = raw.trim();
  if (!s) return null;
  const phone = normalizeMobile(s);
  if (phone) return { by: "phone", phone };
  const code = s.replace(/\s/g, "").toUpperCase();
  if (cardPattern.test(code)) return { by: "card", code };
  if (/^[\d\s+-]+$/.test(s)) return null; // digits that are not a mobile number: a typo, not a name
  return { by: "name", name: s.slice(0, 20) };
}

// --- Priority workers (困难零工人员分级服务) ----------------------------------

export const priorityCategories = ["long_wait", "low_income", "disabled", "older"] as const;
export type PriorityCategory = (typeof priorityCategories)[number];

export interface PrioritySettings {
  /** 待工时间长: no hire for this many days since the first check-in (or the last hire after it). */
  longWaitDays: number;
  /** 大龄: this age or older, from the birth year. */
  olderAge: number;
}

export const defaultPrioritySettings: PrioritySettings = { longWaitDays: 30, olderAge: 50 };

export interface PriorityFacts {
  birthYear: number | null;
  /** "YYYY-MM-DD" of the first check-in anywhere, or null if never checked in. */
  firstCheckIn: string | null;
  /** "YYYY-MM-DD" of the last confirmed hire, or null. */
  lastHire: string | null;
  /** Sensitive categories the worker consented to record; empty if the viewer may not see them. */
  sensitive: readonly SensitiveCategory[];
}

/** Age this year from the birth year alone (大龄 needs no exact birthday); null when unknown or implausible. */
export function ageOn(birthYear: number | null, today: string): number | null {
  return ageIn(Number(today.slice(0, 4)), birthYear);
}

const dayNumber = (d: string) => Math.floor(Date.parse(d + "T00:00:00Z") / 86_400_000);

/**
 * Days waiting for work: from the first check-in, or from the last hire when
 * that came later. Null for a worker who never checked in (the wait is only
 * counted from a station's own record that the person came looking for work).
 */
export function waitingDays(f: Pick<PriorityFacts, "firstCheckIn" | "lastHire">, today: string): number | null {
  if (!f.firstCheckIn) return null;
  const since = f.lastHire && f.lastHire > f.firstCheckIn ? f.lastHire : f.firstCheckIn;
  return Math.max(0, dayNumber(today) - dayNumber(since));
}

/** The categories a worker falls in, in the order of `priorityCategories`. */
export function categoriesOf(f: PriorityFacts, today: string, s: PrioritySettings): PriorityCategory[] {
  const out: PriorityCategory[] = [];
  const wait = waitingDays(f, today);
  if (wait !== null && wait >= s.longWaitDays) out.push("long_wait");
  for (const c of ["low_income", "disabled"] as const) if (f.sensitive.includes(c)) out.push(c);
  // From the birth year alone, as the SQL twins ask it (born in or before the limit year):
  // a worker whose kept birth year makes her over 100 is still 大龄, not "unknown".
  if (f.birthYear !== null && f.birthYear <= olderBirthYearLimit(today, s)) out.push("older");
  return out;
}

/** The newest birth year that counts as 大龄 this year (categoriesOf, and the queue's SQL filter). */
export function olderBirthYearLimit(today: string, s: PrioritySettings): number {
  return Number(today.slice(0, 4)) - s.olderAge;
}

/** The desk queue's SQL filter thresholds (desk.repo.ts priorityQueue), from the same settings as categoriesOf. */
export function queueThresholds(today: string, s: PrioritySettings): { waitCutoff: string; olderBornBy: number } {
  return { waitCutoff: addDays(today, -s.longWaitDays), olderBornBy: olderBirthYearLimit(today, s) };
}

/**
 * Who may see and record the sensitive categories: staff and county admins
 * of the worker's own county. Not the city admin, and not other counties:
 * they have no need to know to help this person.
 */
export function canSeeSensitive(viewer: Pick<CurrentUser, "role" | "scopeCounty">, workerCounty: string | null): boolean {
  if (viewer.role !== "staff" && viewer.role !== "county_admin") return false;
  return !!workerCounty && viewer.scopeCounty === workerCounty;
}

// --- Fair order for same-day jobs (公平派工) ------------------------------------

/** mulberry32: a tiny seeded PRNG; the same seed gives the same numbers on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 抽签: shuffles the ids with a PRNG seeded by `seed` (Fisher–Yates). The ids
 * are sorted first, so the result depends only on the set of people and the
 * seed: anyone holding the stored order and seed can check it with
 * `drawOrder(order, seed)`.
 */
export function drawOrder(ids: readonly number[], seed: number): number[] {
  const out = [...new Set(ids)].sort((a, b) => a - b);
  const rand = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface ArrivedWorker {
  workerId: number;
  /** Check-in time, epoch ms. */
  at: number;
}

/**
 * Today's order in which a same-day job is offered:
 *  - checkin: first come, first offered;
 *  - priority: priority workers first (each group by arrival);
 *  - draw: the drawn order, then anyone who arrived after the draw, by arrival.
 *    Before the draw, by arrival.
 */
export function fairOrder(
  rule: FairOrderRule,
  arrived: readonly ArrivedWorker[],
  opts: { priority?: ReadonlySet<number>; drawn?: readonly number[] | null } = {},
): number[] {
  const byArrival = [...arrived].sort((a, b) => a.at - b.at || a.workerId - b.workerId).map((a) => a.workerId);
  if (rule === "priority") {
    const p = opts.priority ?? new Set<number>();
    return [...byArrival.filter((id) => p.has(id)), ...byArrival.filter((id) => !p.has(id))];
  }
  if (rule === "draw" && opts.drawn) {
    const present = new Set(byArrival);
    const drawn = opts.drawn.filter((id) => present.has(id));
    const inDraw = new Set(drawn);
    return [...drawn, ...byArrival.filter((id) => !inDraw.has(id))];
  }
  return byArrival;
}

/** A fresh 32-bit seed from a random source (crypto in the app, fixed in tests). */
export function newSeed(randomU32: () => number): number {
  return randomU32() >>> 0;
}

// --- Registration on someone's behalf ------------------------------------------

/** Birth years a walk-in may give: the same range as the worker's own profile form. */
export const birthYearBounds = (today: string) => birthYearRange(Number(today.slice(0, 4)));

/**
 * Birth year from what was typed: the ID number's year wins when both are
 * given and agree; disagreeing is a typo to correct.
 */
export function resolveBirthYear(typed: number | undefined, idNumber: string | undefined): { ok: true; year: number | null } | { ok: false } {
  const fromId = idNumber ? Number(idNumber.slice(6, 10)) : null;
  if (typed !== undefined && fromId !== null && typed !== fromId) return { ok: false };
  return { ok: true, year: fromId ?? typed ?? null };
}

/** A page number from a query value: 1 when missing or junk. */
export function pageNumber(raw: unknown): number {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}
