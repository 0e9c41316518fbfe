// Every page a role may use is reachable by links from the home page for that
// role (house rule 10). For each of the eleven roles of the security world, a
// crawler starts at / and follows only the links the pages show (<a href> on
// the same origin, GET only, redirects followed as a browser does, GET forms
// sent as they stand), and must reach every GET route the authorization table
// (access.ts) allows that role (the list is in reachable.ts). Routes with ids
// are reached through their lists. The two print pages reached by a button
// (reachedByForm) are reached by posting that button's form, found on a page.
//
// This is the fast, route-level crawl (app.request with the role's cookie
// jar, about half a minute): it runs everywhere, browser or not. The same
// crawl in Chromium over HTTP, clicking the print buttons, is
// test/browser/reach.*.test.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildWorld, appRoutes, roleKeys, roleNames, type World, type RoleKey } from "./world.ts";
import { notLinked, reachedByForm, mustReach, patternsOf, patternOf, markedNotFollowed, PER_PATTERN, type Pattern } from "./reachable.ts";

let w: World;
test.before(async () => {
  w = await buildWorld();
});
test.after(() => w?.close());

/** Pages the crawler may open in all, per role. */
const MAX_PAGES = 600;

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

/** POST forms on a page: action and hidden fields (a button-only form is sent as a press of its button sends it). */
function postFormsOf(html: string): { action: string; fields: Record<string, string[]> }[] {
  const out: { action: string; fields: Record<string, string[]> }[] = [];
  for (const f of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (/method="get"/i.test(f[1])) continue;
    const action = unescape(f[1].match(/action="([^"]*)"/)?.[1] ?? "");
    if (!action.startsWith("/")) continue;
    const fields: Record<string, string[]> = {};
    for (const i of f[2].matchAll(/<input\b([^>]*)>/g)) {
      const name = i[1].match(/name="([^"]*)"/)?.[1];
      if (!name || !/type="hidden"/.test(i[1])) continue;
      (fields[name] ??= []).push(unescape(i[1].match(/value="([^"]*)"/)?.[1] ?? ""));
    }
    out.push({ action, fields });
  }
  return out;
}

async function crawl(role: RoleKey, patterns: Pattern[], posts: Pattern[]) {
  const b = w.agents[role];
  const reached = new Set<string>();
  const perPattern = new Map<string, number>();
  const seen = new Set<string>(["/"]);
  const queue = ["/"];
  const foundOn = new Map<string, string>([["/", "(start)"]]);
  const problems: string[] = [];
  let pages = 0;
  const pressed = new Set<string>();
  const byForm = new Map(Object.entries(reachedByForm).map(([get, post]) => [post, get]));
  while (queue.length && pages < MAX_PAGES) {
    let url = queue.shift()!;
    let r = await b.get(url);
    pages++;
    // Follow redirects (e.g. /admin/checklist → the county's own page), as a browser does.
    for (let hops = 0; r.status >= 300 && r.status < 400 && r.location && hops < 3; hops++) {
      const k = patternOf(patterns, url);
      if (k) reached.add(k);
      url = r.location;
      if (!url.startsWith("/")) break;
      r = await b.get(url);
    }
    if (r.status >= 400) {
      problems.push(`${url} (linked from ${foundOn.get(url)}) answered ${r.status}`);
      continue;
    }
    const k = patternOf(patterns, url);
    if (k) reached.add(k);
    const type = r.headers.get("content-type") ?? "";
    if (!type.includes("text/html")) continue;
    const html = r.html;
    for (const href of linksOf(html)) {
      if (seen.has(href)) continue;
      seen.add(href);
      foundOn.set(href, url);
      const hk = patternOf(patterns, href);
      if (!hk) continue; // not a GET route (e.g. a typo would show as unreachable below)
      if (markedNotFollowed.includes(hk)) {
        reached.add(hk);
        continue;
      }
      const n = perPattern.get(hk) ?? 0;
      if (n >= PER_PATTERN) continue;
      perPattern.set(hk, n + 1);
      queue.push(href);
    }
    // A print page's button, once per page kind: post its form, follow the 303 to the page.
    for (const f of postFormsOf(html)) {
      const get = byForm.get(patternOf(posts, f.action) ?? "");
      if (!get || pressed.has(get)) continue;
      pressed.add(get);
      const sent = await b.post(f.action, f.fields);
      if (sent.status !== 303 || !sent.location) {
        problems.push(`pressing the button of ${f.action} on ${url} answered ${sent.status}`);
        continue;
      }
      const page = await b.follow();
      if (page.status !== 200) problems.push(`${sent.location} (after ${f.action}) answered ${page.status}`);
      else if (patternOf(patterns, sent.location) === get) reached.add(get);
    }
  }
  return { reached, pages, problems };
}

test("each role reaches, by links from the home page alone, every page the authorization table lets it use", async () => {
  const routes = appRoutes(w.t.app);
  const patterns = patternsOf(routes, "GET");
  const posts = patternsOf(routes, "POST");
  const problems: string[] = [];
  for (const role of roleKeys) {
    const { reached, pages, problems: found } = await crawl(role, patterns, posts);
    const want = mustReach(role, routes);
    const missing = want.filter((k) => !reached.has(k));
    console.log(`${roleNames[role]}: ${pages} pages opened, ${want.length - missing.length}/${want.length} reachable pages reached`);
    if (missing.length) problems.push(`${roleNames[role]} cannot reach by links: ${missing.join(", ")}`);
    problems.push(...found.map((p) => `${roleNames[role]}: ${p}`));
  }
  assert.equal(problems, [], problems.join("\n"));
});

test("the lists of pages nobody links to and pages reached by a button name only routes the app has", () => {
  const routes = new Set(appRoutes(w.t.app).map((r) => `${r.method} ${r.path}`));
  const stale = [...Object.keys(notLinked), ...Object.entries(reachedByForm).flat()].filter((k) => !routes.has(k));
  assert.equal(stale, []);
});

test.run();
