// The counting rules every throttle shares (pure; the login throttle in
// throttle.ts and the hotline's lookup and report throttles build on them), so
// a window has one edge everywhere: a try exactly `windowMs` after the window
// began starts a new one.

/** Where the try at `now` falls: a new window (none yet, or the last began `windowMs` or more ago) or the current one. */
export function windowStep(prev: { windowStart: number } | undefined, now: number, windowMs: number): { fresh: boolean; windowStart: number } {
  const fresh = !prev || now - prev.windowStart >= windowMs;
  return { fresh, windowStart: fresh ? now : prev.windowStart };
}

export interface ThrottleRule {
  /** Every `limit`-th counted try locks the key for `lockMs`. */
  limit: number;
  lockMs: number;
  /** Counts start over after this long. */
  windowMs: number;
  /** At this many tries in one window, the key stays locked to the window's end. */
  hardLimit?: number;
}
export interface ThrottleRow {
  count: number;
  windowStart: number;
  lockedUntil: number | null;
}

export const isLocked = (row: { lockedUntil: number | null } | undefined, now: number) => !!row?.lockedUntil && row.lockedUntil > now;

/** The row after one more counted try at `now`. */
export function throttleStep(prev: ThrottleRow | undefined, now: number, rule: ThrottleRule): ThrottleRow {
  const { fresh, windowStart } = windowStep(prev, now, rule.windowMs);
  const count = fresh ? 1 : prev!.count + 1;
  let lockedUntil = fresh ? null : prev!.lockedUntil;
  if (rule.hardLimit && count >= rule.hardLimit) lockedUntil = windowStart + rule.windowMs;
  else if (count % rule.limit === 0) lockedUntil = now + rule.lockMs;
  return { count, windowStart, lockedUntil };
}
