// The store under both page caches: the anonymous one (page-cache.ts) and the
// shared copy for signed-in people (signed-in-cache.ts). Each cache is an
// instance with its own bounds; the bookkeeping they both need lives here once:
//  - entries belong to the DB generation they were made at: when the
//    generation changes, the next look empties the store (a write that may
//    change what a page shows; docs/architecture.md, "Invalidation");
//  - an entry made at an older generation is never stored;
//  - at most `maxEntries` entries and `maxTotal` of size together (whatever a
//    cache counts: characters, bytes of its copies), the oldest going first —
//    the newest entry is kept even if it alone is over the total, so a page
//    just rendered is not thrown away at once;
//  - `grew` counts what an entry gains after it is stored (a compressed copy).
// Freshness by time (the TTL) stays with each cache: what "fresh" means differs.

export interface Stored {
  /** What the entry counts against `maxTotal`. */
  size: number;
  /** The DB generation it was made at. */
  generation: number;
  /** In the store now (a request that waited on the render may still hold an entry that is gone). */
  stored?: boolean;
}

export interface StoreBounds {
  maxEntries: number;
  maxTotal: number;
  /** The DB's generation now. */
  generation: () => number;
}

export class BoundedStore<E extends Stored> {
  #entries = new Map<string, E>();
  #total = 0;
  #seen: number;
  constructor(private bounds: StoreBounds) {
    this.#seen = bounds.generation();
  }

  /** Empties the store if the DB's generation moved since the last look. */
  #look(): number {
    const generation = this.bounds.generation();
    if (generation !== this.#seen) {
      this.clear();
      this.#seen = generation;
    }
    return generation;
  }

  /** The entry under `key`, if it was made at the DB's generation of now. */
  get(key: string): E | undefined {
    this.#look();
    return this.#entries.get(key);
  }

  /** Stores `e` under `key` (replacing what was there) unless it was made at an older generation; drops the oldest while over the bounds. */
  set(key: string, e: E): boolean {
    if (e.generation !== this.#look()) return false;
    this.delete(key);
    this.#entries.set(key, e);
    this.#total += e.size;
    e.stored = true;
    while (this.#entries.size > this.bounds.maxEntries || (this.#total > this.bounds.maxTotal && this.#entries.size > 1)) {
      this.delete(this.#entries.keys().next().value!);
    }
    return true;
  }

  delete(key: string): void {
    const e = this.#entries.get(key);
    if (!e) return;
    this.#total -= e.size;
    e.stored = false;
    this.#entries.delete(key);
  }

  clear(): void {
    for (const e of this.#entries.values()) e.stored = false;
    this.#entries.clear();
    this.#total = 0;
  }

  /** `e` gained `bytes` after it was stored: counted while it is in the store. */
  grew(e: E, bytes: number): void {
    e.size += bytes;
    if (e.stored) this.#total += bytes;
  }

  get size(): number {
    return this.#entries.size;
  }
  get total(): number {
    return this.#total;
  }
}

// Joined pages are cut from slabs, as Buffer.allocUnsafe cuts its own 8 KB pool
// — which it does only for buffers under 4 KB, and a page is 4–30 KB: every
// visitor's copy of a page with a form was a new ArrayBuffer of its own, made
// and later swept by the GC (createUnsafeBuffer and GC time in --cpu-prof of
// the cached job page; docs/performance.md, 2026-12-06). A slab is never
// written again once cut: it is dropped when full, and lives until the last
// response cut from it is gone.
const SLAB_BYTES = 128 * 1024;
let slab = Buffer.allocUnsafeSlow(0);
let slabAt = 0;
function slabBuffer(length: number): Buffer<ArrayBuffer> {
  if (length > SLAB_BYTES / 4) return Buffer.allocUnsafe(length);
  if (slabAt + length > slab.length) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabAt = 0;
  }
  const out = slab.subarray(slabAt, slabAt + length);
  slabAt += (length + 7) & ~7; // the next one 8-byte aligned, as Buffer's own pool does
  return out;
}

/** Byte parts joined around fills: parts[0] fills[0] parts[1] … parts[n], in one buffer of its own (no string of the whole page). */
export function joinParts(parts: readonly Buffer[], fills: readonly (string | Buffer)[]): Buffer<ArrayBuffer> {
  let length = 0;
  for (const p of parts) length += p.length;
  for (const f of fills) length += typeof f === "string" ? Buffer.byteLength(f) : f.length;
  const out = slabBuffer(length);
  let at = parts[0].copy(out, 0);
  for (let i = 0; i < fills.length; i++) {
    const f = fills[i];
    at += typeof f === "string" ? out.write(f, at) : f.copy(out, at);
    at += parts[i + 1].copy(out, at);
  }
  return out;
}
