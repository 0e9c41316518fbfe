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
