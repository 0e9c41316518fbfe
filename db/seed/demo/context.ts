// What the demo seeds share: the app's deps, a seeded random generator (the
// same data every run), and the ids each step created for the next.
import type { Deps } from "../../../src/shared/context.ts";

export interface DemoContext {
  deps: Deps;
  rand: () => number;
  pick: <T>(xs: readonly T[]) => T;
  /** Markets by county code (the first is the county's own market). */
  markets: Map<string, number[]>;
  /** Demo accounts by key, e.g. "city_admin", "staff:411024", "worker:1". */
  accounts: Map<string, { id: number; phone: string; secret: string; label: string }>;
  /** Anything a later step needs from an earlier one. */
  ids: Record<string, number[]>;
}

/** mulberry32: small, fast, seeded. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
