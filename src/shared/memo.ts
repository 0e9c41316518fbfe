// Small reference lists (kinds of work, brands) read on almost every page:
// kept in memory until this process writes anything, and at most `ttlMs`
// (for changes made by another process on the same DB).
import type { Database } from "./db.ts";

export function memoized<T>(database: Database, ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  let generation = -1;
  let at = 0;
  return () => {
    const now = performance.now();
    if (!value || generation !== database.generation || now - at >= ttlMs) {
      generation = database.generation;
      at = now;
      const loading = load();
      value = loading;
      // A failed load is not kept.
      loading.catch(() => {
        if (value === loading) value = null;
      });
    }
    return value;
  };
}

/** One `make(deps)` per app: the caches above belong to an app, and tests build many apps in one process. */
export function perApp<D extends object, T>(make: (deps: D) => T): (deps: D) => T {
  const made = new WeakMap<D, T>();
  return (deps) => {
    if (!made.has(deps)) made.set(deps, make(deps));
    return made.get(deps)!;
  };
}
