// The reachability crawl in a real browser (house rule 10: every page a role
// may use is reachable by links from the home page for that role).
//
// The security world (test/security/world.ts: two of everything, the records
// the authorization table's path parameters point at) is served over HTTP from
// its real libSQL file, in this process, to Debian's Chromium. For each role a
// Session (harness.ts) opens the home page, presses 登录, types the role's
// phone and password into the login form and presses 登录; then, from /, it
// crawls breadth-first by what the pages show:
//
//   - every link shown on the page (<a href>, visible or behind a <details>
//     summary a person can open), same origin, without a `download` attribute;
//   - every GET form as it stands, to the URL the browser builds from it
//     (FormData with the form's own submit button: what pressing it sends);
//   - never a POST form, except the buttons of the pages reached by a form
//     (reachedByForm: the two record prints), which are clicked, once each.
//
// Opening a link is a navigation of the same tab to its href (the same GET
// request a click sends; clicking would first need the page it was on again).
// A link whose answer is a file (a CSV or JSON download: Chromium starts a
// download instead of a page) is fetched through the tab's own cookies and
// must answer 200 as an attachment. The 大字 switch is not followed (it would
// change every later page); its link being shown is enough.
//
// Every page opened must answer 200 (after redirects) with <html lang="zh-CN">,
// the app must log no error, and the role must reach every GET route that
// test/security/reachable.ts's `mustReach` derives from the authorization
// table (access.ts), the same list as the route-level crawl
// (test/security/reach.test.ts). The crawl opens first a page of every kind
// linked (route pattern) not opened yet; more of one kind (up to PER_PATTERN)
// only while some route is still missing, so it stops once every route is
// reached and every kind of page linked has been opened once.
//
// Roles: one of each kind of the table's eleven (reach.*.test.ts, one or two
// roles a file, so each file stays well under the runner's time limit on a
// busy machine: about a second a page there) — a visitor and a worker at
// 240×320 with JavaScript off and on a smartphone with it (the harness's two
// modes), both kinds of employer likewise, and at the station PC (1280×800,
// JavaScript on) a station's staff, the county market's staff (who verify
// employers), a county admin and the city admin. The "another" of each pair
// (w2, e2 aside, sB, aY) has the same pages with fewer records in scope: the
// route-level crawl covers all eleven.
//
// No timing decides a result: navigations wait up to a minute.
import { test as uvuTest } from "uvu";
import * as assert from "uvu/assert";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { buildWorld, appRoutes, roleNames, P, PIN, PASSWORD, type World, type RoleKey } from "../security/world.ts";
import { mustReach, patternsOf, patternOf, reachedByForm, markedNotFollowed, PER_PATTERN, type Pattern } from "../security/reachable.ts";
import { chromiumOrSkip, launchBrowser, Session, type Server } from "./harness.ts";

/** Pages one role's crawl may open in all (a bound for a crawl that cannot find what it looks for). */
const MAX_PAGES = 400;
/** Generous: a busy 2-core machine may take seconds for a page; this only reports a page that never comes. */
const NAV_TIMEOUT_MS = 60_000;

export interface CrawlMode {
  js: boolean;
  width: number;
  height: number;
  big: boolean;
  name: string;
}

/** The station PC (staff and admins): 1280×800, JavaScript on. */
export const STATION_PC: CrawlMode = { js: true, width: 1280, height: 800, big: false, name: "JS on 1280×800" };

/** The security world, served over HTTP on a random port as a harness `Server`. */
async function serveWorld(): Promise<{ world: World; server: Server }> {
  const world = await buildWorld();
  const t = world.t;
  const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = http.address() as AddressInfo;
  const server: Server = {
    origin: `http://127.0.0.1:${port}`,
    deps: t.deps,
    // The world's clock is fixed (2026-11-28 09:00 in Beijing); nothing here moves it.
    clock: { now: () => t.clock.now(), advance: () => { throw new Error("the security world's clock is fixed"); } },
    demo: { accounts: new Map() } as unknown as Server["demo"],
    problems: t.logs,
    sms: t.sms,
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      world.close();
    },
  };
  return { world, server };
}

/** What a page offers to a crawler, read in the page (a string, so tsx adds nothing the page lacks). */
interface Offered {
  lang: string | null;
  links: string[];
  getForms: string[];
  postForms: { action: string; path: string }[];
}
const OFFERED = `(() => {
  const shown = (el) => {
    if (el.checkVisibility()) return true;
    const closed = el.parentElement && el.parentElement.closest("details:not([open])");
    const summary = closed && closed.querySelector(":scope > summary");
    return !!summary && shown(summary);
  };
  const local = (u) => {
    const url = new URL(u, location.href);
    return url.origin === location.origin ? url.pathname + url.search : null;
  };
  const links = [];
  for (const a of document.querySelectorAll("a[href]")) {
    if (a.hasAttribute("download") || !shown(a)) continue;
    const u = local(a.href);
    if (u !== null && !a.getAttribute("href").startsWith("#")) links.push(u);
  }
  const getForms = [];
  const postForms = [];
  for (const f of document.forms) {
    const buttons = [...f.elements].filter((e) => (e.type === "submit" || e.type === "image") && shown(e));
    if (!buttons.length) continue;
    if (f.method === "get") {
      for (const b of buttons) {
        const q = new URLSearchParams(new FormData(f, b)).toString();
        const action = local(f.action);
        if (action !== null) getForms.push(action.split("?")[0] + (q ? "?" + q : ""));
      }
    } else {
      const path = local(f.action);
      if (path !== null) postForms.push({ action: f.getAttribute("action"), path });
    }
  }
  return { lang: document.documentElement.getAttribute("lang"), links, getForms, postForms };
})()`;

interface Item {
  url: string;
  /** The pattern of the URL (counted per pattern). */
  kind: string;
  /** Where it was found, for a failure's message. */
  from: string;
}

export interface CrawlResult {
  reached: Set<string>;
  missing: string[];
  pages: number;
  pressed: string[];
  problems: string[];
}

/** Crawls from / in this session (already signed in as the role), as described at the top. */
export async function crawl(s: Session, want: string[], gets: Pattern[], posts: Pattern[]): Promise<CrawlResult> {
  const page = s.page;
  page.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
  page.setDefaultTimeout(NAV_TIMEOUT_MS);
  const reached = new Set<string>();
  const opened = new Map<string, number>();
  const seen = new Set<string>(["/"]);
  const queue: Item[] = [{ url: "/", kind: "GET /", from: "(start)" }];
  const problems: string[] = [];
  const pressed: string[] = [];
  const formFor = new Map(Object.entries(reachedByForm).map(([get, post]) => [post, get]));
  let pages = 0;
  const allReached = () => want.every((k) => reached.has(k));

  const next = (): Item | undefined => {
    // A kind of page not opened yet, first; more of one kind only while a route is still missing.
    let i = queue.findIndex((it) => !opened.has(it.kind));
    if (i < 0 && !allReached()) i = queue.findIndex((it) => (opened.get(it.kind) ?? 0) < PER_PATTERN);
    return i < 0 ? undefined : queue.splice(i, 1)[0];
  };

  const offer = (url: string, from: string) => {
    if (seen.has(url)) return;
    seen.add(url);
    const kind = patternOf(gets, url);
    if (!kind) problems.push(`a link to ${url} on ${from}: no page of the app has this address`);
    else if (markedNotFollowed.includes(kind)) reached.add(kind);
    else queue.push({ url, kind, from });
  };

  /** Checks the page the tab shows now (reached through `chain`), and takes what it offers. */
  const land = async (status: number, chain: string[], what: string): Promise<Offered | null> => {
    const here = s.path();
    if (status !== 200) {
      problems.push(`${what} answered ${status} (${here})`);
      return null;
    }
    for (const u of chain) {
      const k = patternOf(gets, u);
      if (k) reached.add(k);
    }
    const o = (await page.evaluate(OFFERED)) as Offered;
    if (o.lang !== "zh-CN") problems.push(`${what}: <html lang="${o.lang}">, not zh-CN (${here})`);
    for (const u of [...o.links, ...o.getForms]) offer(u, here);
    return o;
  };

  while (pages < MAX_PAGES) {
    const item = next();
    if (!item) break;
    opened.set(item.kind, (opened.get(item.kind) ?? 0) + 1);
    pages++;
    const what = `${item.url} (linked from ${item.from})`;
    let response;
    try {
      response = await page.goto(item.url);
    } catch (e) {
      if (!/Download is starting/.test(String(e))) throw e;
      // A file, not a page: fetched with the tab's own cookies; it must be a 200 attachment.
      const file = await s.context.request.get(item.url, { maxRedirects: 0 });
      const disposition = file.headers()["content-disposition"] ?? "";
      if (file.status() !== 200 || !disposition.startsWith("attachment")) problems.push(`${what}: a download answered ${file.status()} "${disposition}"`);
      else reached.add(item.kind);
      continue;
    }
    if (!response) throw new Error(`${what}: no response`);
    const chain: string[] = [];
    for (let r: ReturnType<typeof response.request> | null = response.request(); r; r = r.redirectedFrom()) chain.push(new URL(r.url()).pathname);
    const type = response.headers()["content-type"] ?? "";
    if (!type.includes("text/html")) {
      // JSON or a file shown in the tab: reached if 200, nothing to follow.
      if (response.status() === 200) chain.forEach((u) => { const k = patternOf(gets, u); if (k) reached.add(k); });
      else problems.push(`${what} answered ${response.status()}`);
      continue;
    }
    const o = await land(response.status(), chain, what);
    if (!o) continue;

    // A print page's button on this page: click it (once per print page), as the person would.
    for (const f of o.postForms) {
      const get = formFor.get(patternOf(posts, f.path) ?? "");
      if (!get || pressed.includes(get) || !want.includes(get)) continue;
      pressed.push(get);
      const from = s.path();
      const form = page.locator(`form[method="post"][action="${f.action}"]`).first();
      const done = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && !(r.status() >= 300 && r.status() < 400));
      await form.locator("button[type=submit], button:not([type]), input[type=submit]").first().click();
      const answer = await done;
      await page.waitForLoadState("load");
      pages++;
      const after = [];
      for (let r: ReturnType<typeof answer.request> | null = answer.request(); r; r = r.redirectedFrom()) after.push(new URL(r.url()).pathname);
      const landed = await land(answer.status(), after.filter((u) => patternOf(gets, u)), `the button of ${f.path} on ${from}`);
      if (landed && patternOf(gets, s.path()) !== get) problems.push(`the button of ${f.path} on ${from} led to ${s.path()}, not to ${get}`);
    }
  }
  const missing = want.filter((k) => !reached.has(k));
  return { reached, missing, pages, pressed, problems };
}

/** Signs in through the real login page, from the home page's 登录 link. */
async function signIn(s: Session, role: RoleKey) {
  await s.goto("/", "home");
  await s.follow("登录", "login");
  await s.fill("手机号", P[role as keyof typeof P]);
  await s.fill("密码", role === "w1" || role === "w2" ? PIN[role] : PASSWORD);
  await s.press("登录", "signed in");
  if (s.path().startsWith("/login")) throw new Error(`${roleNames[role]} could not sign in: ${(await s.mainText()).slice(0, 300)}`);
}

/**
 * Registers one test per (mode, role): the role signs in in its own browser
 * context and crawls; the world and Chromium are shared by the file.
 */
export function reachTests(roles: RoleKey[], modes: CrawlMode[], test = uvuTest): void {
  if (!chromiumOrSkip(test)) return;
  let browser: Browser | undefined;
  let world: World | undefined;
  let server: Server | undefined;
  test.before(async () => {
    try {
      const t0 = Date.now();
      [browser, { world, server }] = await Promise.all([launchBrowser(), serveWorld()]);
      console.log(`  world and browser ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (e) {
      console.error("browser reach test setup failed:", e);
      throw e;
    }
  });
  test.after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const mode of modes) {
    for (const role of roles) {
      test(`${mode.name}: ${roleNames[role]} reaches, by links from the home page, every page the authorization table lets it use`, async () => {
        const routes = appRoutes(world!.t.app);
        const gets = patternsOf(routes, "GET");
        const posts = patternsOf(routes, "POST");
        const want = mustReach(role, routes);
        const errorsBefore = server!.problems.length;
        const s = await Session.open(browser!, server!, { js: mode.js, width: mode.width, height: mode.height, bigText: mode.big, checks: false });
        const t0 = Date.now();
        try {
          if (role !== "anon") await signIn(s, role);
          const r = await crawl(s, want, gets, posts);
          const seconds = ((Date.now() - t0) / 1000).toFixed(1);
          console.log(`  ${mode.name} ${roleNames[role]}: ${r.pages} pages in ${seconds} s, ${want.length - r.missing.length}/${want.length} routes reached${r.pressed.length ? `, pressed: ${r.pressed.join(", ")}` : ""}`);
          const errors = server!.problems.slice(errorsBefore).filter((l) => /"level":"error"/.test(l));
          const problems = [
            ...(r.missing.length ? [`cannot reach by links: ${r.missing.join(", ")}`] : []),
            ...r.problems,
            ...(errors.length ? [`the app logged errors:\n      ${errors.slice(-5).join("\n      ")}`] : []),
          ];
          assert.equal(problems, [], `${roleNames[role]} (${mode.name}):\n  - ${problems.join("\n  - ")}`);
        } finally {
          await s.close();
        }
      });
    }
  }
}
