// What "every page a role may use is reachable by links from its home page"
// (house rule 10) means, written down once for both crawls: the route-level
// one (reach.test.ts, through app.request) and the real-browser one
// (test/browser/reach.*.test.ts, Chromium over HTTP on the same world).
//
// A role must reach every GET route the authorization table (access.ts)
// allows it, except the routes below that nobody reaches by a link on
// purpose, and the pages that only send a signed-in role on. Two print pages
// are reached by a form's button (a POST that answers 303 to the page): the
// crawls press that button, so they are reached, not excused.
import { access } from "./access.ts";
import type { RoleKey } from "./world.ts";

/** GET routes nobody reaches by a link on purpose, and why. */
export const notLinked: Record<string, string> = {
  "GET /healthz": "for the server's monitor, not for people",
  "GET /static/:name": "style sheets and scripts, loaded by the pages",
  "GET /api/v1/jobs": "the open-data API, for programs (documented in the README)",
  "GET /api/v1/jobs/:id": "the open-data API",
  "GET /api/v1/markets": "the open-data API",
  "GET /api/v1/markets/:id": "the open-data API",
  "GET /feeds/jobs/:file": "a feed for feed readers, linked from <link rel=alternate>",
  "GET /setup": "the one-time setup link printed by `npm run admin`",
  "GET /staff/held-postings/:id": "linked from 待审核的招工 for each held posting; this world holds none (test/features/review/review.routes.test.ts finds the link in the list)",
  "GET /card/:code": "the QR code on a worker's printed card",
  "GET /hotline/report/done": "the answer to sending a report (after a POST)",
  "GET /me/jobs/pin": "shown when a worker signed in by SMS asks for a list that needs her PIN",
  "GET /phone/:token": "the code step after a form that asked for a phone number (the token is made by that POST)",
  "GET /forgot-pin/:token": "the new-PIN step after a reset code matched (made by a POST)",
  "GET /hotline/status/sms/:token": "a caller's cases after her SMS code matched (the token is made by a POST)",
  "GET /api/v1": "the open-data API, for programs",
  "GET /api/v1/openapi.json": "the open-data API's description, for programs",
  "GET /records/check/:code": "the QR code printed on a worker's record",
  "GET /staff/forget/:id": "opened by the lookup form on /staff/forget (a POST: phone and ID numbers stay out of URLs)",
};

/**
 * Pages reached by pressing a form's button, not by a link: the POST answers
 * 303 to the page (a print of the worker's record carries a fresh check code,
 * so each print is a write). GET route → the POST route of its form.
 */
export const reachedByForm: Record<string, string> = {
  "GET /me/record/print": "POST /me/record/print",
  "GET /desk/workers/:id/record": "POST /desk/workers/:id/record",
};

/** Pages the table allows a role only because they send it on (a signed-in user to her own page). */
const SIGNED_IN_ONLY_SENT_ON = ["GET /login", "GET /register", "GET /employers/register", "GET /login/code", "GET /results", "GET /forgot-pin"];

/** The table allows it, but for this role the page only sends it on (so no link leads there). */
export function sentOn(role: RoleKey, key: string): boolean {
  if (role !== "anon" && SIGNED_IN_ONLY_SENT_ON.includes(key)) return true;
  // e1 and e2 are verified: their details can no longer be edited (the page says so and sends them home).
  if ((role === "e1" || role === "e2") && key === "GET /employer/edit") return true;
  // A county admin's 十个一 link goes straight to the county's own page; /admin/checklist only sends them there.
  if ((role === "aX" || role === "aY") && key === "GET /admin/checklist") return true;
  // The city's statistics file is for one county: linked once the monitoring page's scope names one (a choice in its form).
  if (role === "city" && key === "GET /monitoring/stats-export") return true;
  return false;
}

/** The GET routes ("GET /path/:id") a role must reach from its home page. */
export function mustReach(role: RoleKey, routes: { method: string; path: string }[]): string[] {
  return routes
    .filter((r) => r.method === "GET")
    .map((r) => `GET ${r.path}`)
    .filter((k) => access[k]?.ok.includes(role) && !(k in notLinked) && !sentOn(role, k));
}

export interface Pattern {
  key: string;
  re: RegExp;
}

/** A route pattern ("/jobs/:id") as a regular expression for a path. */
export function matcher(pattern: string): RegExp {
  const re = pattern
    .split("/")
    .map((s) => (s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${re}$`);
}

/** The routes of one method as patterns, the most specific first (so /jobs/new is not taken for /jobs/:id). */
export function patternsOf(routes: { method: string; path: string }[], method = "GET"): Pattern[] {
  return routes
    .filter((r) => r.method === method)
    .map((r) => ({ key: `${method} ${r.path}`, re: matcher(r.path) }))
    .sort((a, b) => a.key.split(":").length - b.key.split(":").length);
}

/** Which pattern a URL ("/jobs/3?x=1") is, or undefined. */
export function patternOf(patterns: Pattern[], url: string): string | undefined {
  const path = url.split("#")[0].split("?")[0];
  return patterns.find((p) => p.re.test(path))?.key;
}

/** Links the crawls do not follow, marking the route reached: switching 大字 on would change every later page; the link is there, that is enough. */
export const markedNotFollowed = ["GET /text-size"];

/** Pages the crawls open at most this many times per route pattern (lists with query strings, pagers, one record of many). */
export const PER_PATTERN = 4;
