// The shared part of a page for signed-in workers and employers (issue #20).
//
// Why: the page cache (page-cache.ts) serves only visitors without a session,
// so every signed-in person's job list and job page was rendered anew — about
// 1.4 ms of CPU a page against 0.05 ms for a fixed string (2–3 % of the
// ceiling). Yet what a worker who has not signed up for a posting sees on it,
// or on a filtered list, is the same for every such worker but for the header
// (her name, her CSRF token) and the forms' one-time keys.
//
// How, and why nothing of one person's can reach another:
//  - a page is opted in by its handler (`sharedForSignedIn`), which first
//    runs its own cheap check of the personal marks (has she signed up here?
//    is this her own posting?) and opts out when there are any: the page is
//    then rendered for her alone, as before;
//  - the shared copy is rendered for a *stand-in* of her role, not for her:
//    `c.get("user")` is a user with id -1 (no row has it), her role, and
//    placeholders for name and phone; `c.get("csrfToken")` is the placeholder
//    (so forms get one-time-key placeholders too). The render never sees who
//    she is, so the stored text cannot hold anything of hers. The real user
//    and token are put back before anything else runs;
//  - it is stored only if the stand-in's name placeholder appears exactly once
//    (the header) and its phone placeholder not at all, and it is a 200 HTML
//    page that sets no cookie;
//  - staff never take this path (their pages stay rendered per person and
//    no-store), nor does a request with any cookie but the session, 大字 and the
//    anonymous CSRF seed (a flash message, a receipt), nor an htmx request;
//  - each copy sent out gets her own name (HTML-escaped), her own token and
//    fresh one-time keys; the response then passes the same middlewares as a
//    rendered one (Cache-Control: no-store for a signed-in user, compression);
//  - entries are per role, 大字 and exact URL, live `ttlMs` (PAGE_CACHE_SECONDS)
//    and are dropped with the anonymous cache's generation (every write that
//    may change a shown table: docs/architecture.md, "Invalidation").
// The session check (and its once-a-minute touch) ran before the handler, as
// for every request (from the memo of session rows when it may answer:
// session.ts). Copies are kept as UTF-8 byte parts in the store both page
// caches share (bounded-store.ts).
import { cookiesOf } from "./cookies.ts";
import { escapeToBuffer } from "hono/utils/html";
import type { Ctx, CurrentUser, Deps } from "./context.ts";
import { isStaff } from "./authz.ts";
import { anonCookieNames } from "./csrf.ts";
import { CSRF_PLACEHOLDER } from "./page-cache.ts";
import { ONCE_PLACEHOLDER, newOnceKey } from "./once.ts";
import { randomToken } from "./crypto.ts";
import { perApp } from "./memo.ts";
import { sessionCookieName } from "./session.ts";
import { applySecurityHeaders, markWhole } from "./http.ts";
import { BoundedStore, joinParts, type Stored } from "./bounded-store.ts";

/** Stands in for the signed-in person's name (and phone) while a shared page renders. */
export const NAME_PLACEHOLDER = "name-" + randomToken(16);
const PHONE_PLACEHOLDER = "phone-" + randomToken(16);

const enum Slot {
  Name,
  Token,
  Once,
}

interface Entry extends Stored {
  /**
   * The page as UTF-8 bytes cut at its placeholders: parts[0], slot[0], parts[1], … A copy is joined from
   * them around her name, token and keys: no string of the whole page per request, and none to turn into
   * bytes on the way out (a page of Chinese text is a two-byte string: that transcoding was most of
   * `writev`'s share in the profile, docs/performance.md).
   */
  parts: Buffer[];
  slots: Slot[];
  status: number;
  /** Its headers with the security headers of a signed-in page (no-store) put in once, as a plain object. */
  headers: Record<string, string>;
  at: number;
}

interface Store {
  /** Copies by key; `size` is the page's bytes. */
  entries: BoundedStore<Entry>;
  /** Keys whose shared copy could not be stored, with the generation: rendered for each person until a write. */
  refused: Map<string, number>;
  /** For tests: how many requests were served from a stored copy. */
  hits: number;
}

const MAX_ENTRIES = 300;
const MAX_BODY = 256 * 1024;
/** All copies together, in bytes (4 MB), as the anonymous cache's bound. */
const MAX_TOTAL = 4 * 1024 * 1024;

const storeOf = perApp(
  (deps: Deps): Store => ({
    entries: new BoundedStore<Entry>({ maxEntries: MAX_ENTRIES, maxTotal: MAX_TOTAL, generation: () => deps.database.generation }),
    refused: new Map(),
    hits: 0,
  }),
);

/** How many requests of this app were answered from a shared copy (tests). */
export const sharedHits = (deps: Deps) => storeOf(deps).hits;

/** The stand-in for a signed-in person: her role, nobody's id, name or phone. */
function standIn(user: CurrentUser): CurrentUser {
  return { id: -1, role: user.role, name: NAME_PLACEHOLDER, phone: PHONE_PLACEHOLDER, countyCode: null, marketId: null, scopeCounty: null, marketTier: null };
}

/** Whether this request may be answered with a shared copy at all. */
function eligible(c: Ctx): boolean {
  const user = c.get("user");
  if (!user || isStaff(user) || !c.get("sessionHash")) return false;
  if (c.req.method !== "GET" || c.req.header("hx-request") || c.req.header("authorization")) return false;
  const sid = sessionCookieName(c.get("deps"));
  const cookies = cookiesOf(c);
  for (const name in cookies) if (name !== sid && name !== "big" && !(anonCookieNames as readonly string[]).includes(name)) return false;
  return true;
}

/** Her name escaped exactly as hono/jsx escapes text (the stand-in's name went through it). */
function escapeHtml(s: string): string {
  const buffer: [string] = [""];
  escapeToBuffer(s, buffer);
  return buffer[0];
}

const count = (s: string, part: string) => s.split(part).length - 1;

/** Cuts a rendered shared page at its placeholders; null if it may not be stored. */
function cut(body: string): Pick<Entry, "parts" | "slots"> | null {
  if (count(body, NAME_PLACEHOLDER) !== 1 || body.includes(PHONE_PLACEHOLDER)) return null;
  const marks: [string, Slot][] = [
    [NAME_PLACEHOLDER, Slot.Name],
    [CSRF_PLACEHOLDER, Slot.Token],
    [ONCE_PLACEHOLDER, Slot.Once],
  ];
  const parts: Buffer[] = [];
  const slots: Slot[] = [];
  let at = 0;
  for (;;) {
    let next = -1;
    let slot = Slot.Name;
    let len = 0;
    for (const [mark, s] of marks) {
      const i = body.indexOf(mark, at);
      if (i >= 0 && (next < 0 || i < next)) [next, slot, len] = [i, s, mark.length];
    }
    if (next < 0) break;
    parts.push(Buffer.from(body.slice(at, next)));
    slots.push(slot);
    at = next + len;
  }
  parts.push(Buffer.from(body.slice(at)));
  return { parts, slots };
}

/** The stored copy with this person's name, token and fresh one-time keys. */
function fill(c: Ctx, e: Entry): Response {
  const name = escapeHtml(c.get("user")!.name);
  const token = c.get("csrfToken");
  const body = joinParts(e.parts, e.slots.map((s) => (s === Slot.Name ? name : s === Slot.Token ? token : newOnceKey())));
  // Built whole, as the anonymous cache's hits (http.ts markWhole): no Headers object to fill per request.
  const id = c.get("requestId");
  return markWhole(new Response(body, { status: e.status, headers: id ? { ...e.headers, "x-request-id": id } : e.headers }));
}

/**
 * Answers a GET page for a signed-in worker or employer from a copy shared by
 * everyone of her role, or renders it (as the stand-in) and keeps it.
 * `variant` names what else the shared page depends on besides role, 大字 and
 * URL; pass null when the handler found personal marks: the page is then
 * rendered for her alone. Anyone else (staff, visitors) is rendered as before.
 */
export async function sharedForSignedIn(c: Ctx, variant: string | null, render: () => Response | Promise<Response>): Promise<Response> {
  const deps = c.get("deps");
  const ttlMs = deps.config.pageCacheSeconds * 1000;
  if (variant === null || ttlMs <= 0 || !eligible(c)) return render();
  const store = storeOf(deps);
  const user = c.get("user")!;
  const key = `${user.role}|${variant}|${c.get("big") ? 1 : 0}|${c.req.url.slice(c.req.url.indexOf("/", 8))}`;
  const generation = deps.database.generation;
  const now = performance.now();
  const hit = store.entries.get(key);
  if (hit && hit.generation === generation && now - hit.at < ttlMs) {
    store.hits++;
    return fill(c, hit);
  }
  if (store.refused.get(key) === generation) return render();
  const token = c.get("csrfToken");
  c.set("user", standIn(user));
  c.set("csrfToken", CSRF_PLACEHOLDER);
  let res: Response;
  let body: string;
  try {
    res = await render();
    body = await res.text();
  } finally {
    c.set("user", user);
    c.set("csrfToken", token);
  }
  const cutUp = res.status === 200 && (res.headers.get("content-type") ?? "").startsWith("text/html") && !res.headers.has("set-cookie") && body.length <= MAX_BODY ? cut(body) : null;
  if (!cutUp) {
    // Not storable: rendered again for her (the stand-in's copy is never sent), and so until the next write.
    if (store.refused.size >= MAX_ENTRIES) store.refused.clear();
    store.refused.set(key, generation);
    return render();
  }
  const headers = new Headers(res.headers);
  applySecurityHeaders(headers, deps.config.https, true);
  const size = cutUp.parts.reduce((n, p) => n + p.length, 0);
  const entry: Entry = { ...cutUp, size, status: res.status, headers: Object.fromEntries(headers), at: now, generation };
  // Kept only if no write came while it rendered (the store refuses an older generation).
  store.entries.set(key, entry);
  return fill(c, entry);
}
