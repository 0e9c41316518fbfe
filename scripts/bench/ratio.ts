// The arithmetic behind the bench's "vs ceiling" columns (issue #20), kept apart from the load so a test
// can check it with figures written out by hand.
//
// Why rounds: on this shared 2-core machine the ceiling itself drifts by 2× within one run, so a page's
// 5 s run divided by a 5 s ceiling run taken just before it moved by 30 points between two quiet runs
// while the page's own req/s barely moved. Instead each page row runs short rounds — ceiling and page
// side by side, which one goes first alternating — takes the ratio within each round and reports the
// median of those ratios, with the lowest and highest: one slow second (another process waking up)
// spoils one round, not the row.

/** One round's count of answers and the seconds it ran (autocannon's `duration`, as measured). */
export interface Run {
  answers: number;
  seconds: number;
}

/** Answers per second of a run; 0 for a run that did not last (no division by zero). */
export const rate = (r: Run) => (r.seconds > 0 ? r.answers / r.seconds : 0);

/** The median: the middle value, or the mean of the two middle ones; NaN for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * A percentile by nearest rank (the smallest value with at least p % of the values at or below it),
 * as autocannon's histogram reports one; NaN for none.
 */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(rank, s.length) - 1];
}

/**
 * How many rounds a row of `duration` seconds gets, and how long each runs: at most 5, each ≥ 1 s, so the
 * row takes as long as the old single run did (5 s → 5 rounds of 1 s; 10 s → 5 of 2 s; the smoke's 1 s → 1 round).
 */
export function roundsFor(duration: number): { rounds: number; seconds: number } {
  const rounds = Math.max(1, Math.min(5, Math.floor(duration)));
  return { rounds, seconds: duration / rounds };
}

/**
 * The order of round `i`: the ceiling sits between the page and its rendered copy (each page beside a
 * ceiling run), and which page goes first alternates, so neither always gets the warmer or colder second.
 * Without a rendered copy: page then ceiling, then ceiling then page.
 */
export function roundOrder(i: number, rendered: boolean): ("page" | "ceiling" | "rendered")[] {
  if (rendered) return i % 2 === 0 ? ["page", "ceiling", "rendered"] : ["rendered", "ceiling", "page"];
  return i % 2 === 0 ? ["page", "ceiling"] : ["ceiling", "page"];
}

export interface Ratio {
  /** The median of the per-round ratios (page req/s ÷ ceiling req/s in the same round), as a fraction. */
  median: number;
  min: number;
  max: number;
  /** Every round's ratio, in the order run. */
  rounds: number[];
}

/** Per-round ratios of `pages` to `ceilings` (the same round at the same index) and their median and range. */
export function roundRatios(pages: readonly Run[], ceilings: readonly Run[]): Ratio {
  if (pages.length !== ceilings.length) throw new Error(`${pages.length} page rounds against ${ceilings.length} ceiling rounds`);
  const rounds = pages.map((p, i) => {
    const c = rate(ceilings[i]);
    return c > 0 ? rate(p) / c : Number.NaN;
  });
  const known = rounds.filter((r) => Number.isFinite(r));
  return { median: median(known), min: known.length ? Math.min(...known) : Number.NaN, max: known.length ? Math.max(...known) : Number.NaN, rounds };
}

/**
 * A write row's rate: its answers over the time from the run's start to its last answer (ms, as measured
 * by the bench). autocannon's own figure for a run of a fixed number of requests is the mean of its
 * per-second samples, and the run ends on the next whole-second tick after the last answer, so the last
 * second counts whole: 10,000 answers in 7.1 s read as 10,000 ÷ 8 = 1,250/s (every quiet bench's sign-up
 * rate was 10,000 divided by a whole number: 1,000, 909, 833, 625). 0 for a run that did not last.
 */
export const spanRate = (answers: number, startMs: number, lastAnswerMs: number) => rate({ answers, seconds: (lastAnswerMs - startMs) / 1000 });

/** A page's req/s over all its rounds: every answer over every second it ran (not a mean of the rounds' rates). */
export const pooledRate = (runs: readonly Run[]) => rate({ answers: runs.reduce((n, r) => n + r.answers, 0), seconds: runs.reduce((s, r) => s + r.seconds, 0) });

/** "61 % (55–66)": the median ratio in per cent, then the lowest and highest round; one round: just "61 %". */
export function formatRatio(r: Ratio): string {
  if (!Number.isFinite(r.median)) return "—";
  const pct = (x: number) => Math.round(x * 100);
  return r.rounds.length > 1 ? `${pct(r.median)}% (${pct(r.min)}–${pct(r.max)})` : `${pct(r.median)}%`;
}
