// Time, passed in as a dependency so tests can fix "now". China has one time
// zone and no daylight saving, so "today" is UTC+8 by a fixed offset.
import { AsyncLocalStorage } from "node:async_hooks";

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

// The app's clock for code deep inside a request that is not handed `deps`
// (a form field schema checking that a birth date is not in the future).
const requestClock = new AsyncLocalStorage<Clock>();
/**
 * Runs `fn` with `clock` as the clock of the request (createApp does this for every request).
 * The system clock is what `currentClock` gives outside a run anyway, so it is not stored: once any
 * AsyncLocalStorage has run, Node 20 keeps async_hooks' promise hooks on for every promise of the
 * process, a cost on every request (docs/performance.md, "The shared per-hit work: AsyncLocalStorage, 2026-12-06").
 * Only an injected clock (tests) runs the storage.
 */
export const withClock = <T>(clock: Clock, fn: () => T): T => (clock === systemClock ? fn() : requestClock.run(clock, fn));
/** The injected clock of the request being handled; the system clock outside one. */
export const currentClock = (): Clock => requestClock.getStore() ?? systemClock;
export const fixedClock = (iso: string | number): Clock & { set(t: string | number): void; advance(ms: number): void } => {
  let t = typeof iso === "number" ? iso : Date.parse(iso);
  return {
    now: () => t,
    set: (x) => void (t = typeof x === "number" ? x : Date.parse(x)),
    advance: (ms) => void (t += ms),
  };
};

export const HOUR_MS = 3600 * 1000;
export const DAY_MS = 24 * HOUR_MS;
/** China's one offset from UTC (no daylight saving): the only place the +8 h is written. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** "YYYY-MM-DD" of the given instant in China. */
export function chinaDate(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
/** Epoch ms of 00:00 China time on "YYYY-MM-DD" (or "YYYY-MM" for the month's first day). */
export function chinaMidnight(day: string): number {
  return Date.parse((day.length === 7 ? day + "-01" : day) + "T00:00:00Z") - CHINA_OFFSET_MS;
}
/** Start of the China day that contains `ms`, as epoch ms. */
export function chinaDayStart(ms: number): number {
  return chinaMidnight(chinaDate(ms));
}
/** The hour (0–23) of an instant in China. */
export const chinaHour = (ms: number): number => new Date(ms + CHINA_OFFSET_MS).getUTCHours();
/** "YYYY-MM-DD" plus n days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(date + "T00:00:00Z") + n * DAY_MS).toISOString().slice(0, 10);
}
/** "2026-11-28 09:05" in China time, for display. */
export function chinaDateTime(ms: number): string {
  return chinaIso(ms).slice(0, 16).replace("T", " ");
}
/** "2026-11-28T09:05:30.000" — the instant's ISO string in China time (without a zone). */
export const chinaIso = (ms: number): string => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 23);
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(s + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
