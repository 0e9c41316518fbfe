// A short-lived cache of whole pages for visitors who are not signed in, and
// the per-visitor CSRF token that makes such pages shareable.
//
// Why a cache: the public pages (home, job list, a search, a posting, the
// directory) are the same for every anonymous visitor, and a burst of them (a
// fair is announced, a posting is shared in a WeChat group) would otherwise
// render the same page hundreds of times a second on a one-core county box.
// Why it is safe:
//  - only requests that carry no cookie but the text size and the anonymous
//    CSRF seed are served from it, so nothing a signed-in user sees (nor a
//    flash message, nor a hotline receipt) is ever stored or shared;
//  - a page for an anonymous visitor is rendered with a placeholder where the
//    CSRF token goes, and each visitor's own token is put in on the way out,
//    so forms on a shared page still carry a per-visitor token;
//  - responses that set a cookie, or are not a 200 HTML page, are not stored;
//  - every write through this process's writer queue empties it (a page never
//    outlives a change made here), and `ttlMs` bounds how stale a page can be
//    when the change came from another process or from the clock.
// Concurrent misses for the same page wait for one render instead of each
// rendering it.
//
// The key keeps only the query parameters the page reads, in a fixed order
// (issue #16: one client asking for "/?x=<random>" skipped the cache on every
// request and slowed everyone 100×). While a page renders, the names it reads
// (c.req.query(name), c.req.queries(name), readQuery's fields) are recorded;
// per path the cache keeps the union of the names ever read, and keys by those
// alone. A deterministic handler that read only names N gives the same page for
// any URL that agrees on N, so a page keyed by a superset of N is never wrong.
// A page that reads every parameter (c.req.query() with no name) is keyed by
// all of them, sorted.
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Ctx } from "./context.ts";
import { anonymousCsrf, anonCookieNames } from "./csrf.ts";
import { randomToken } from "./crypto.ts";
import { fillOnceKeys, newOnceKey, ONCE_PLACEHOLDER } from "./once.ts";
import { markWhole, chosenEncoding, compressed, COMPRESS_MIN_BYTES } from "./http.ts";
import { BoundedStore, joinParts } from "./bounded-store.ts";
import { cookiesOf } from "./cookies.ts";

/** Stands in for an anonymous visitor's CSRF token while a page renders. */
export const CSRF_PLACEHOLDER = "csrf-" + randomToken(16);

interface Entry {
  body: string;
  /** Whether the body holds the placeholder (a page with a POST form). */
  needsToken: boolean;
  status: number;
  headers: [string, string][];
  at: number;
  generation: number;
  /** The headers a hit is served with, as a plain object (security headers in): see `hitHeaders`. */
  hit?: Record<string, string>;
  /**
   * What a hit sends, made once when the page is stored (with `hit`): a page
   * without a form as UTF-8 bytes — turning the string into bytes for every
   * hit was the largest part of a hit's own work (a page of Chinese text is a
   * two-byte string) — and its compressed copies, each made on the first hit
   * that asks for it; a page with a form as bytes cut at its placeholders,
   * joined around each visitor's token and keys (no search of the page's text
   * per visitor).
   */
  bytes?: Bytes;
  packed?: { br?: Bytes; gzip?: Bytes };
  cut?: Cut;
  /** What the entry counts against `maxTotal`: its characters, and the bytes of its copies. */
  size: number;
  /** In the cache now (a visitor who waited on the render may still hold an entry that is gone). */
  stored?: boolean;
}

/** A page's bytes between its placeholders: parts[0] slots[0] parts[1] … parts[n]. */
type Bytes = Buffer<ArrayBuffer>;

interface Cut {
  parts: Bytes[];
  slots: ("csrf" | "once")[];
}

const placeholders = new RegExp(`${CSRF_PLACEHOLDER}|${ONCE_PLACEHOLDER}`, "g");

function cutPage(page: string): Cut {
  const parts: Bytes[] = [];
  const slots: Cut["slots"] = [];
  let at = 0;
  for (const m of page.matchAll(placeholders)) {
    parts.push(Buffer.from(page.slice(at, m.index)));
    slots.push(m[0] === CSRF_PLACEHOLDER ? "csrf" : "once");
    at = m.index + m[0].length;
  }
  parts.push(Buffer.from(page.slice(at)));
  return { parts, slots };
}

/** The cut page with this visitor's token and fresh one-time keys. */
function joinCut(cut: Cut, token: string): Bytes {
  return joinParts(cut.parts, cut.slots.map((s) => (s === "csrf" ? token : newOnceKey())));
}

export interface PageCacheOptions {
  /** 0: never store a page (the placeholder is still filled in). */
  ttlMs: number;
  maxEntries?: number;
  /** Largest page kept, in characters. */
  maxBody?: number;
  /** All pages kept together, in characters (the oldest go first): memory bounded whatever the pages' sizes. */
  maxTotal?: number;
  /** Changes whenever this process writes to the DB. */
  generation: () => number;
  now?: () => number;
  /**
   * Adds what the outer middlewares would add (the security headers) to a
   * stored page's headers, once when it is stored. With it, a hit is built with
   * a plain header object and the request id, and marked whole, so the outer
   * middlewares pass it by (http.ts markWhole): no Headers object per hit.
   */
  hitHeaders?: (headers: Headers) => void;
}

/** Query strings longer than this are keyed afresh on every request rather than kept (keyOf). */
const MAX_KEPT_QUERY = 512;

const SHAREABLE_COOKIES = new Set<string>(["big", ...anonCookieNames]);

/** The query parameter names a page read while it rendered ("all": it asked for every one). */
type Reads = Set<string> | "all";
const readsOf = new WeakMap<Request, Reads>();

/** Records that the page being rendered for this request reads query parameter `name` (or all of them). */
export function noteQueryRead(c: Ctx, name: string | null): void {
  const r = readsOf.get(c.req.raw);
  if (r === undefined || r === "all") return;
  if (name === null) readsOf.set(c.req.raw, "all");
  else r.add(name);
}

const originalQueries = new WeakMap<Request, () => Record<string, string[]>>();

/** Every query parameter without noting a read (readQuery notes the ones the page looks at). */
export function untrackedQueries(c: Ctx): Record<string, string[]> {
  return originalQueries.get(c.req.raw)?.() ?? c.req.queries();
}

/** Watches c.req.query / c.req.queries of this request (hono's own accessors, wrapped for this request only). */
function watchQuery(c: Ctx): void {
  readsOf.set(c.req.raw, new Set());
  const req = c.req as unknown as { query: (k?: string) => unknown; queries: (k?: string) => unknown };
  const query = req.query.bind(req);
  const queries = req.queries.bind(req);
  originalQueries.set(c.req.raw, () => queries() as Record<string, string[]>);
  req.query = (k?: string) => (noteQueryRead(c, typeof k === "string" ? k : null), query(k));
  req.queries = (k?: string) => (noteQueryRead(c, typeof k === "string" ? k : null), queries(k));
}

/** Base of the key: text size, htmx fragment, path (no query). Null: this request is not served from the cache. */
function baseKey(c: Ctx): string | null {
  if (c.req.method !== "GET") return null;
  const cookies = cookiesOf(c);
  for (const name in cookies) if (!SHAREABLE_COOKIES.has(name)) return null;
  if (c.req.header("authorization")) return null;
  // htmx asks for fragments of the same URL: they are different responses.
  const hx = c.req.header("hx-request") ? `hx:${c.req.header("hx-target") ?? ""}` : "";
  return `${c.get("big") ? 1 : 0}|${hx}|${c.req.path}`;
}

/** The raw query string of the request ("" if none). */
function rawQuery(c: Ctx): string {
  const url = c.req.url;
  const i = url.indexOf("?");
  if (i < 0) return "";
  const h = url.indexOf("#", i);
  return url.slice(i + 1, h < 0 ? undefined : h);
}

/** The query part of the key: the parameters in `names` (or all), sorted by name, each with all its values in order. */
function queryKey(query: string, names: Reads): string {
  if (!query) return "";
  const params = new URLSearchParams(query);
  const keep = names === "all" ? [...new Set(params.keys())] : [...names].filter((n) => params.has(n));
  return keep
    .sort()
    .map((n) => `${encodeURIComponent(n)}=${params.getAll(n).map(encodeURIComponent).join(",")}`)
    .join("&");
}

const isHtml = (res: Response) => (res.headers.get("content-type") ?? "").startsWith("text/html");

/** The page with this visitor's token in place of the placeholder, and the Set-Cookie line for a new seed. */
function forVisitor(c: Ctx, page: string): { body: string; setCookie?: string } {
  const { token, setCookie } = anonymousCsrf(c);
  // Fresh one-time submission keys too: two visitors of a shared page must not share a key.
  return { body: fillOnceKeys(page.replaceAll(CSRF_PLACEHOLDER, token)), setCookie };
}

/** The visitor's own token in place of the placeholder (with the anonymous seed cookie if it is new). */
function fill(c: Ctx, e: Pick<Entry, "body" | "needsToken" | "status" | "headers">): Response {
  // A plain string body and header list: @hono/node-server writes these out without building a stream.
  if (!e.needsToken) return new Response(e.body, { status: e.status, headers: e.headers });
  const { body, setCookie } = forVisitor(c, e.body);
  return new Response(body, { status: e.status, headers: setCookie ? [...e.headers, ["set-cookie", setCookie]] : e.headers });
}

/** A hit, built whole (see `hitHeaders`); the plain way when there is no request id to put in. `grew`: a compressed copy was added. */
function fillHit(c: Ctx, e: Entry, grew: (e: Entry, bytes: number) => void): Response {
  const id = c.get("requestId");
  if (!e.hit || !id) return fill(c, e);
  const headers: Record<string, string> = { ...e.hit, "x-request-id": id };
  if (e.cut) {
    const { token, setCookie } = anonymousCsrf(c);
    if (setCookie) headers["set-cookie"] = setCookie;
    return markWhole(new Response(joinCut(e.cut, token), { status: e.status, headers }));
  }
  // A stored entry with `hit` has `cut` (a page with a form) or `bytes` (without): render() makes them together.
  const bytes = e.bytes!;
  // The stored compressed copy for a client that takes one (as compression() would choose; it passes these by).
  const encoding = bytes.length >= COMPRESS_MIN_BYTES ? chosenEncoding(c.req.header("accept-encoding")) : null;
  if (!encoding) return markWhole(new Response(bytes, { status: e.status, headers }));
  const packed = (e.packed ??= {});
  let body = packed[encoding];
  if (!body) {
    body = packed[encoding] = compressed(bytes, encoding, true);
    grew(e, body.length);
  }
  headers["content-encoding"] = encoding;
  headers.vary = "Accept-Encoding";
  return markWhole(new Response(body, { status: e.status, headers }), true);
}

/**
 * Must run before the session is loaded: it decides from the cookies alone.
 * The session middleware replaces the placeholder by the real token for a
 * signed-in user before anything renders.
 */
export function pageCache(opts: PageCacheOptions): MiddlewareHandler<AppEnv> & { size: () => number; clear: () => void; chars: () => number; keys: () => number } {
  const rendering = new Map<string, Promise<Entry | null>>();
  /** Per base key (path): the union of the query names its renders read. */
  const shapes = new Map<string, Reads>();
  const maxEntries = opts.maxEntries ?? 300;
  const maxBody = opts.maxBody ?? 256 * 1024;
  // 2 M characters: at most 4 MB of page text (a JS string of Chinese text is 2 bytes a character; the
  // bytes a hit sends, about 1.5 a character, and compressed copies count 1 each), where
  // 300 pages of up to 256 K characters could otherwise hold 150 MB. Public pages are 5–30 K characters.
  const maxTotal = opts.maxTotal ?? 2 * 1024 * 1024;
  // Emptied when the generation moves, bounded, oldest first (bounded-store.ts, shared with signed-in-cache.ts).
  const store = new BoundedStore<Entry>({ maxEntries, maxTotal, generation: opts.generation });
  // A compressed copy made by a hit counts too, while its entry is in the cache.
  const grew = (e: Entry, bytes: number) => store.grew(e, bytes);
  const now = opts.now ?? (() => performance.now());

  const fresh = (e: Entry | undefined): e is Entry => !!e && e.generation === opts.generation() && now() - e.at < opts.ttlMs;

  /** Renders the page, fills in the token for this visitor, and returns what may be stored (or null). */
  async function render(c: Ctx, next: () => Promise<void>, gen: number): Promise<Entry | null> {
    await next();
    // Signed in: the session middleware put the real token in; nothing to fill or store.
    if (c.get("csrfToken") !== CSRF_PLACEHOLDER) return null;
    const res = c.res;
    if (!isHtml(res) || !res.body) return null;
    const raw = await res.text();
    const entry: Entry = { body: raw, needsToken: raw.includes(CSRF_PLACEHOLDER), status: res.status, headers: [...res.headers], at: now(), generation: gen, size: raw.length };
    const storable = res.status === 200 && !res.headers.has("set-cookie") && !/no-store|private/.test(res.headers.get("cache-control") ?? "");
    c.res = undefined; // the handler's response is read: start afresh, keeping the status and headers in `entry`
    c.res = fill(c, entry);
    if (storable && opts.hitHeaders) {
      const h = new Headers(entry.headers);
      opts.hitHeaders(h);
      entry.hit = Object.fromEntries(h);
      if (entry.needsToken) entry.cut = cutPage(raw);
      else entry.bytes = Buffer.from(raw);
      entry.size += entry.cut ? entry.cut.parts.reduce((n, p) => n + p.length, 0) : entry.bytes!.length;
    }
    return storable ? entry : null;
  }

  /**
   * The key of a URL by its path's shape as it is now, kept per raw URL: a hit
   * then parses no query string. Parsing, percent-decoding (a search's Chinese
   * word), sorting and encoding the parameters again was 5–8 µs of a 110–130 µs
   * hit (docs/performance.md, "Anonymous page 50 and search"). A kept key is
   * used only while the path's shape is the very object it was made with: a
   * shape that grows is a new object, and every URL of the path is keyed anew.
   * Bounded like the shapes (the oldest go first), and long query strings are
   * not kept, so random URLs cannot make it hold much.
   */
  const keys = new Map<string, { shape: Reads | undefined; key: string }>();
  function keyOf(base: string, query: string): string {
    const shape = shapes.get(base);
    const raw = `${base}?${query}`;
    const kept = keys.get(raw);
    if (kept && kept.shape === shape) return kept.key;
    const key = `${base}?${queryKey(query, shape ?? "all")}`;
    if (query.length <= MAX_KEPT_QUERY) {
      keys.delete(raw);
      keys.set(raw, { shape, key });
      if (keys.size > maxEntries * 4) keys.delete(keys.keys().next().value!);
    }
    return key;
  }

  /** After a render: the path's shape grows by the names this render read (the same object if it did not grow: see `keyOf`). */
  function learn(base: string, c: Ctx): void {
    const read = readsOf.get(c.req.raw) ?? "all";
    const known = shapes.get(base);
    if (known === "all") return;
    const grows = read === "all" || known === undefined || [...read].some((n) => !known.has(n));
    const union: Reads = !grows ? known! : read === "all" ? "all" : new Set([...(known ?? []), ...read]);
    shapes.delete(base);
    shapes.set(base, union);
    if (shapes.size > maxEntries * 4) shapes.delete(shapes.keys().next().value!);
  }

  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set("csrfToken", CSRF_PLACEHOLDER);
    const base = opts.ttlMs > 0 ? baseKey(c) : null;
    if (base === null) {
      await render(c, next, 0);
      return;
    }
    const query = rawQuery(c);
    // A path whose shape is not known yet is keyed by every parameter until its first render tells.
    const key = keyOf(base, query);
    const gen = opts.generation();
    const hit = store.get(key);
    if (fresh(hit)) {
      c.res = fillHit(c, hit, grew);
      return;
    }
    // Not served from the cache: the render notes the query names it reads (a hit needs none of this).
    watchQuery(c);
    const pending = rendering.get(key);
    if (pending) {
      const e = await pending;
      if (e) {
        c.res = fillHit(c, e, grew);
        return;
      }
      await render(c, next, gen);
      return;
    }
    let settle!: (e: Entry | null) => void;
    rendering.set(key, new Promise((r) => (settle = r)));
    let stored: Entry | null = null;
    try {
      const e = await render(c, next, gen);
      learn(base, c);
      // Stored under the key by the path's shape as it is now (a superset of what this render read).
      const storeKey = `${base}?${queryKey(query, shapes.get(base) ?? "all")}`;
      if (e && e.body.length <= maxBody && store.set(storeKey, e)) stored = e;
    } finally {
      rendering.delete(key);
      settle(stored);
    }
  };
  // keys(): how many raw query strings have their key kept (tests pin its bounds; nothing else reads it).
  return Object.assign(mw, { size: () => store.size, clear: () => store.clear(), chars: () => store.total, keys: () => keys.size });
}
