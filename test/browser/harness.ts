// A real browser walks the site: Debian's Chromium (never a downloaded build),
// driven by playwright-core, against the real app served in this process on
// a random port over a temp DB filled with the demo data.
//
// Every page a journey reaches is checked where it stands, as the person sees
// it (see `Session.checkPage`):
//   - axe-core, WCAG 2.0/2.1 A+AA and 2.2 AA rules: zero violations;
//   - the smallest computed font-size of visible text: 18px, 22px in 大字;
//   - every visible link, button, field, select and summary at least 44×44 px
//     (60×60 in 大字), except links inside a sentence (WCAG 2.5.8's "inline"
//     exception, see `targetProblems`);
//   - no sideways scrolling (document scrollWidth ≤ clientWidth);
//   - bytes on the wire for the page's HTML plus its stylesheets as on a first
//     visit ≤ 14 KB (CDP Network.loadingFinished encodedDataLength: compressed
//     body plus headers);
//   - and, per journey, htmx fetched from the network at most once.
//
// axe with JavaScript off: Chromium cannot run axe in a page whose scripts are
// disabled (axe waits on timers, which never fire there, and the page dies).
// So for a JS-off session the harness copies the page's DOM as it stands
// (outerHTML, scripts removed) and serves that copy at the same URL to a
// JS-enabled companion page with the same viewport (via page.route), where
// the real stylesheets load from the server and axe runs. The companion also
// re-measures the copy with class="big" on <html>: the 大字 text, target and
// scrolling checks at 240px (axe in 大字 runs in the JS-on walk of the same
// journey, which switches 大字 on with the menu link).
// In a JS-on session axe runs in the page itself, under the app's own CSP
// (DevTools' evaluate is not subject to CSP). A page whose DOM was already
// checked at the same width and text size is not checked again (axeSeen).
import { test as uvuTest } from "uvu";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import { loadConfig } from "../../src/config.ts";
import { prepare, createApp } from "../../src/app.tsx";
import { jsonLogger, type Deps } from "../../src/shared/context.ts";
import { runDemo } from "../../db/seed/demo.ts";
import type { DemoContext } from "../../db/seed/demo/context.ts";

/** Debian's Chromium; CHROMIUM_PATH may name another build of it (or, to show the CI failure, a path with nothing there). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const SKIP_LINE = `browser tests SKIPPED: ${CHROMIUM_PATH} not found (apt-get install chromium)`;
export const SKIP_NO_FONT_LINE = "browser tests SKIPPED: no Chinese font for Chromium (apt-get install fonts-wqy-microhei)";
/** Chromium's flags for this machine: no sandbox (root), and no calls out to the closed network. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const BUDGET_BYTES = 14 * 1024;
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
export const LIMITS = {
  normal: { font: 18, target: 44 },
  big: { font: 22, target: 60 },
} as const;

const ALL_MODES = {
  /** A basic phone: no JavaScript, 240×320, normal text (and 大字 re-measured on a copy). */
  basic: { js: false, width: 240, height: 320, big: false, name: "JS off 240×320" },
  /** A small smartphone with JavaScript, 360×640, in 大字 mode switched on with the menu link. */
  smart: { js: true, width: 360, height: 640, big: true, name: "JS on 360×640 大字" },
} as const;

/**
 * The two ways every journey is walked (files loop over `Object.values(MODES)`).
 * BROWSER_MODE=basic or =smart leaves only that one enumerable (both stay
 * readable by name): the test runner runs each browser file once per mode, in
 * two processes, so neither comes near the per-file time limit on a busy
 * machine. Unset (running a file by hand), both.
 */
export const MODES: typeof ALL_MODES = selectModes(process.env.BROWSER_MODE);
export type Mode = (typeof ALL_MODES)[keyof typeof ALL_MODES];

function selectModes(only: string | undefined): typeof ALL_MODES {
  if (!only) return ALL_MODES;
  if (!(only in ALL_MODES)) throw new Error(`BROWSER_MODE must be one of ${Object.keys(ALL_MODES).join(", ")}, not "${only}"`);
  const out = {} as typeof ALL_MODES;
  for (const [k, v] of Object.entries(ALL_MODES)) Object.defineProperty(out, k, { value: v, enumerable: k === only });
  return out;
}

/** Why the browser tests cannot run here, or null when they can. */
export function cannotRun(): string | null {
  if (!existsSync(CHROMIUM_PATH)) return SKIP_LINE;
  // Without a CJK font Chromium draws each Chinese character as a narrow box,
  // and every width measured would be wrong.
  let zh = "";
  try {
    zh = execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" });
  } catch {
    /* no fontconfig: no font either */
  }
  if (!zh.trim()) return SKIP_NO_FONT_LINE;
  return null;
}

/** True on a CI machine (CI=true, as CI services and .ci/run set it), where a browser test may not skip itself. */
export function inCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.CI ?? "").trim().toLowerCase();
  return v !== "" && v !== "0" && v !== "false";
}

/**
 * Call first in every browser test file. When Chromium (or a Chinese font) is
 * missing it says so and returns false; the file then registers nothing else.
 * Locally the file counts as skipped (uvu's test.skip: "Skipped: 1", which the
 * runner's last line reports as skipped, never as passed). In CI it is a
 * failure: one failing test that says what is missing, so a CI run without a
 * browser cannot go green.
 */
export function chromiumOrSkip(test = uvuTest): boolean {
  const why = cannotRun();
  if (!why) return true;
  if (inCI()) {
    const what = why.replace(/^browser tests SKIPPED: /, "");
    console.log(`browser tests FAILED: ${what}; in CI (CI=${process.env.CI}) they may not skip themselves`);
    test(`browser tests cannot run in CI: ${what}`, () => {
      throw new Error(`${what}. In CI (CI=${process.env.CI}) a missing browser or font is a failure: install them (.ci/run does).`);
    });
  } else {
    console.log(why);
    test.skip(why === SKIP_LINE ? "skipped: chromium not installed" : "skipped: no Chinese font installed");
  }
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * One browser and one server for a whole test file: started before its first
 * test (handed to `use`), closed after its last.
 */
export function shareBrowserAndServer(use: (browser: Browser, server: Server) => void, t = uvuTest): void {
  let browser: Browser | undefined;
  let server: Server | undefined;
  t.before(async () => {
    try {
      [browser, server] = await Promise.all([launchBrowser(), startServer()]);
      use(browser, server);
    } catch (e) {
      console.error("browser test setup failed:", e); // uvu would not say why
      throw e;
    }
  });
  t.after(async () => {
    await browser?.close();
    await server?.close();
  });
}

// ------------------------------------------------------------------ server

/** The real clock, plus an offset a test may move forward ("three days later"). */
export function movableClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
}

export interface Server {
  origin: string;
  deps: Deps;
  clock: ReturnType<typeof movableClock>;
  /** The demo accounts (key → phone, secret), e.g. "city_admin", "staff:411024". */
  demo: DemoContext;
  /** Error and warning log lines of the app, to show when a test fails. */
  problems: string[];
  sms: { to: string; body: string }[];
  close(): Promise<void>;
}

/**
 * Loads the demo data into a temp DB file, then serves the real app on a random port.
 * `empty`: a fresh instance with no data at all (the first-run setup link works only there).
 */
export async function startServer(opts: { empty?: boolean } = {}): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), "lingong-browser-"));
  // Every browser of a test comes from 127.0.0.1, like a station's shared line:
  // the per-address code limits are raised (test/features/phone tests them).
  // Fair share per address is off for the same reason (test/security/fairness.test.ts covers it):
  // two sessions of a journey with JavaScript on would share one address's budget.
  const env = { DATABASE_URL: `file:${join(dir, "browser.db")}`, SMS_CODE_ADDRESS_PER_HOUR: "1000", SMS_CODE_ADDRESS_PER_DAY: "10000", FAIR_SHARE: "false" };
  const demo = opts.empty ? ({ accounts: new Map() } as unknown as Awaited<ReturnType<typeof runDemo>>) : await runDemo(env, true);
  const problems: string[] = [];
  const sms: { to: string; body: string }[] = [];
  const clock = movableClock();
  const deps = await prepare({
    config: loadConfig(env),
    clock,
    log: jsonLogger((line) => problems.push(line), true),
    sms: { name: "browser-test", send: async (m) => (sms.push(m), { ok: true }) },
  });
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    deps,
    clock,
    demo,
    problems,
    sms,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      deps.database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A demo account's phone and password. */
export function account(server: Server, key: string) {
  const a = server.demo.accounts.get(key);
  if (!a) throw new Error(`no demo account "${key}" (have: ${[...server.demo.accounts.keys()].join(", ")})`);
  return a;
}

// ------------------------------------------------------------------ in-page measurements

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

/**
 * axe results by page fingerprint: the same DOM (CSRF tokens aside) at the
 * same width and text size gives the same answer, so a page seen again in a
 * later step or journey is not checked twice.
 */
const axeSeen = new Map<string, Violation[]>();

async function runAxe(page: Page, cdp?: CDPSession): Promise<Violation[]> {
  const key = await page.evaluate(
    () => `${innerWidth}|${document.documentElement.className}|${document.documentElement.outerHTML.replace(/name="_csrf" value="[^"]*"/g, "")}`,
  );
  const seen = axeSeen.get(key);
  if (seen) return seen;
  if (!(await page.evaluate(() => "axe" in window))) {
    // Through DevTools the page's CSP does not apply; CDP's evaluate is also quicker than Playwright's for 500 KB.
    if (cdp) await cdp.send("Runtime.evaluate", { expression: axeSource });
    else await page.evaluate(axeSource);
  }
  const violations: Violation[] = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: any[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({ target: n.target.join(" "), summary: String(n.failureSummary ?? "").replace(/\s+/g, " ") })),
    }));
  }, AXE_TAGS);
  axeSeen.set(key, violations);
  return violations;
}

export interface Measures {
  /** A print view (job sheet, worker card, poster): laid out for A4 paper in pt, opened on the station PC. */
  printView: boolean;
  /** Smallest font-size of visible text, with where it is. */
  smallestFont: { px: number; where: string; text: string } | null;
  /** Text smaller than the limit. */
  smallText: string[];
  /** Controls smaller than the limit (not counting inline links in sentences). */
  smallTargets: string[];
  scrollWidth: number;
  clientWidth: number;
  /** Elements reaching past the right edge, when the page scrolls sideways. */
  overflowing: string[];
}

// The measuring code runs inside the page, so it lives in a plain JS file read
// as text: tsx would otherwise add helpers (__name) the page does not have.
const measureSource = readFileSync(new URL("./measure.js", import.meta.url), "utf8");
const measure = (page: Page, limits: { font: number; target: number }): Promise<Measures> =>
  page.evaluate(`(${measureSource.trim().replace(/;$/, "")})(${JSON.stringify(limits)})`);

// ------------------------------------------------------------------ the session

export interface PageRecord {
  label: string;
  url: string;
  bytes: number;
  smallestFont: number | null;
  axeChecked: string[];
}

export interface SessionOptions {
  js: boolean;
  width: number;
  height: number;
  /** Switch 大字 on before the first page (with a cookie; journeys use the menu link instead). */
  bigText?: boolean;
  /** Skip the in-page checks (e.g. the screenshot script). */
  checks?: boolean;
}

/** One person's browser (context + one tab) on the server, checking every page it reaches. */
export class Session {
  /** What is wrong (the key) → on which pages. */
  readonly problems = new Map<string, string[]>();
  readonly pages: PageRecord[] = [];
  /** Network fetches of htmx (not answered from the cache). */
  htmxFetches = 0;
  private docBytes = 0;
  private cssBytes = new Map<string, number>();
  private pending = new Map<string, { url: string; type: string; cached: boolean }>();
  /** Page and htmx requests sent whose CDP loadingFinished (or loadingFailed) has not come yet. */
  private inflight = new Set<string>();
  private inflightWaiters: (() => void)[] = [];
  private fromCache = new Set<string>();
  /** Every network fetch of this session: path → count (for diagnosis). */
  readonly fetches = new Map<string, number>();
  private companion: Page | null = null;
  private companionContext: BrowserContext | null = null;
  private companionCdp: CDPSession | undefined;
  private snapshot = "";

  private constructor(
    readonly browser: Browser,
    readonly server: Server,
    readonly opts: SessionOptions,
    readonly context: BrowserContext,
    readonly page: Page,
    private cdp: CDPSession,
  ) {}

  static async open(browser: Browser, server: Server, opts: SessionOptions): Promise<Session> {
    const context = await browser.newContext({
      javaScriptEnabled: opts.js,
      viewport: { width: opts.width, height: opts.height },
      locale: "zh-CN",
      baseURL: server.origin,
    });
    if (opts.bigText) await context.addCookies([{ name: "big", value: "1", url: server.origin }]);
    const page = await context.newPage();
    // Generous: on a busy 2-core machine (load 40 beside two CPU hogs) a first page load took over 10 s.
    page.setDefaultTimeout(60_000);
    const cdp = await context.newCDPSession(page);
    const s = new Session(browser, server, opts, context, page, cdp);
    await s.watchNetwork();
    return s;
  }

  private async watchNetwork() {
    await this.cdp.send("Network.enable");
    const settle = (requestId: string) => {
      if (!this.inflight.delete(requestId) || this.inflight.size > 0) return;
      for (const wake of this.inflightWaiters.splice(0)) wake();
    };
    this.cdp.on("Network.requestWillBeSent", (e) => {
      if (e.type === "Document" || e.type === "XHR" || e.type === "Fetch") this.inflight.add(e.requestId);
    });
    this.cdp.on("Network.loadingFailed", (e) => {
      this.pending.delete(e.requestId);
      settle(e.requestId);
    });
    this.cdp.on("Network.responseReceived", (e) => {
      const cached = !!e.response.fromDiskCache || this.fromCache.delete(e.requestId);
      this.pending.set(e.requestId, { url: e.response.url, type: e.type, cached });
    });
    this.cdp.on("Network.requestServedFromCache", (e) => {
      this.fromCache.add(e.requestId);
    });
    this.cdp.on("Network.loadingFinished", (e) => {
      const p = this.pending.get(e.requestId);
      this.pending.delete(e.requestId);
      if (!p || p.cached) return;
      const path = new URL(p.url).pathname;
      this.fetches.set(path, (this.fetches.get(path) ?? 0) + 1);
      if (path === "/static/htmx.min.js") this.htmxFetches++;
      if (p.type === "Document" || p.type === "XHR" || p.type === "Fetch") this.docBytes += e.encodedDataLength;
      if (p.type === "Stylesheet" && !this.cssBytes.has(path)) this.cssBytes.set(path, e.encodedDataLength);
    });
    // Registered after the byte counting above, so a waiter wakes only once the bytes are counted.
    this.cdp.on("Network.loadingFinished", (e) => settle(e.requestId));
  }

  /**
   * Resolves once every page and htmx request sent so far has its CDP
   * loadingFinished: the load event comes over another channel than CDP's
   * network events and may arrive first, and a page's bytes must be counted
   * for that page, not the next. Waits on the events themselves; the limit is
   * only there to report a request that never ends.
   */
  private networkSettled(limitMs = 60_000): Promise<void> {
    if (this.inflight.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.inflightWaiters = this.inflightWaiters.filter((w) => w !== wake);
        reject(new Error(`${this.inflight.size} page/htmx request(s) still loading after ${limitMs} ms: ${[...this.inflight].join(", ")}`));
      }, limitMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.inflightWaiters.push(wake);
    });
  }

  get big(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.classList.contains("big"));
  }

  // ---- actions: each one that loads a page checks the page it lands on

  async goto(path: string, label = path) {
    await this.page.goto(path);
    await this.landed(label);
  }

  /** Clicks a link by its visible name and checks the page it leads to. */
  async follow(name: string | RegExp, label?: string) {
    await this.page.getByRole("link", { name, exact: typeof name === "string" }).first().click();
    await this.landed(label ?? `link ${name}`);
  }

  /** Clicks a button by its visible name (submitting its form) and checks the page it leads to. */
  async press(name: string | RegExp, label?: string) {
    await this.page.getByRole("button", { name, exact: typeof name === "string" }).first().click();
    await this.landed(label ?? `button ${name}`);
  }

  /**
   * A field by its label. A string matches a label that starts with it, so
   * "工钱(元)" finds "工钱(元)(选填)"; a RegExp is used as it is.
   */
  field(label: string | RegExp, kind: "text" | "choice" | "select" | "any" = "any") {
    const name = typeof label === "string" ? new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) : label;
    const only = {
      text: "input:not([type=radio]):not([type=checkbox]):not([type=hidden]), textarea",
      choice: "input[type=radio], input[type=checkbox]",
      select: "select",
      any: "*",
    }[kind];
    return this.page.getByLabel(name).and(this.page.locator(only)).first();
  }

  async fill(label: string | RegExp, value: string) {
    await this.field(label, "text").fill(value);
  }

  /** Ticks a radio button or checkbox by its label. */
  async choose(label: string | RegExp) {
    await this.field(label, "choice").check();
  }

  async select(label: string | RegExp, option: string) {
    await this.field(label, "select").selectOption({ label: option });
  }

  /** Clicks the link to this exact href (e.g. the posting just made) and checks the page. */
  async followHref(href: string, label = href) {
    await this.page.locator(`main a[href="${href}"]`).first().click();
    await this.landed(label);
  }

  /** Opens a <details> by clicking its summary (works without JavaScript). */
  async open(summary: string) {
    const details = this.page.locator("details", { has: this.page.locator("summary", { hasText: summary }) }).first();
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator("summary").first().click();
  }

  /** Fails unless the page shows this text. */
  async expectText(text: string | RegExp) {
    const found = await this.page.getByText(text).first().isVisible().catch(() => false);
    if (!found) throw new Error(`expected "${text}" on ${this.page.url()}\n--- page text ---\n${(await this.mainText()).slice(0, 600)}`);
  }

  async expectHeading(text: string | RegExp) {
    const h1 = (await this.page.locator("h1").first().textContent())?.trim() ?? "";
    const ok = typeof text === "string" ? h1.includes(text) : text.test(h1);
    if (!ok) throw new Error(`expected heading "${text}" on ${this.page.url()}, got "${h1}"\n${(await this.mainText()).slice(0, 800)}`);
  }

  async mainText(): Promise<string> {
    return ((await this.page.locator("main").first().textContent().catch(() => "")) ?? "").replace(/\s+/g, " ").trim();
  }

  path(): string {
    const u = new URL(this.page.url());
    return u.pathname + u.search;
  }

  /** Signs in through the login form. */
  async login(phone: string, secret: string) {
    await this.goto("/login");
    await this.fill("手机号", phone);
    await this.fill("密码", secret);
    await this.press("登录", "after login");
  }

  /** Switches 大字 on or off with the menu link, as a person would. */
  async toggleBigText() {
    await this.page.getByRole("link", { name: /大字|正常字/ }).first().click();
    await this.landed("大字 toggle");
  }

  // ---- checks

  /** Waits for the page (or htmx swap) a click led to, then checks it. */
  async landed(label: string) {
    await this.page.waitForLoadState("load");
    if (this.opts.js) {
      // An htmx swap is not a navigation: wait until its request is done.
      await this.page.waitForFunction(() => !document.querySelector(".htmx-request"), undefined, { timeout: 60_000 });
    }
    if (this.opts.checks !== false) await this.checkPage(label);
  }

  /** All the per-page checks, recorded as problems (reported together by `assertClean`). */
  async checkPage(label: string) {
    const url = this.path();
    const big = await this.big;
    const limits = big ? LIMITS.big : LIMITS.normal;
    const where = `[${this.opts.js ? "JS on" : "JS off"} ${this.opts.width}px${big ? " 大字" : ""}] ${label} (${url})`;
    const record: PageRecord = { label: where, url, bytes: 0, smallestFont: null, axeChecked: [] };

    // Weight: this page's HTML as transferred, plus every stylesheet as on a first visit.
    // (CDP's loadingFinished for the document may come after the load event: wait for it.)
    await this.networkSettled();
    const css = [...this.cssBytes.values()].reduce((a, b) => a + b, 0);
    record.bytes = this.docBytes + css;
    this.docBytes = 0;
    if (record.bytes > BUDGET_BYTES) this.problem(where, `${record.bytes} bytes of HTML + CSS on a first visit (limit ${BUDGET_BYTES})`);

    const m = await measure(this.page, limits);
    record.smallestFont = m.smallestFont?.px ?? null;
    this.recordMeasures(where, m);

    if (this.opts.js) {
      record.axeChecked.push(big ? "大字" : "normal");
      this.recordAxe(where, await runAxe(this.page, this.cdp));
    } else {
      await this.checkCopy(where, record);
    }
    this.pages.push(record);
  }

  /** Records a problem; the same problem on many pages is reported once, with the pages. */
  private problem(where: string, what: string) {
    this.problems.set(what, [...(this.problems.get(what) ?? []), where]);
  }

  private recordMeasures(where: string, m: Measures) {
    const mode = where.match(/^\[[^\]]*\]/)?.[0] ?? "";
    for (const t of m.smallTargets) this.problem(where, `${mode} target too small: ${t}`);
    // A print view is sized for paper (pt) and a desktop screen: its text size and width are not phone questions.
    if (m.printView) return;
    for (const t of m.smallText) this.problem(where, `${mode} text too small: ${t}`);
    if (m.scrollWidth > m.clientWidth) this.problem(where, `${mode} scrolls sideways (${m.scrollWidth} > ${m.clientWidth}): ${m.overflowing.join("; ")}`);
  }

  private recordAxe(where: string, violations: Violation[]) {
    const mode = where.match(/^\[[^\]]*\]/)?.[0] ?? "";
    for (const v of violations) {
      this.problem(where, `${mode} axe ${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 5).map((n) => `${n.target} — ${n.summary}`).join("\n      ")}`);
    }
  }

  /** JS off: axe and the 大字 measurements on a copy of this page's DOM in a JS-enabled companion tab. */
  private async checkCopy(where: string, record: PageRecord) {
    this.snapshot =
      "<!doctype html>" +
      (await this.page.evaluate(() => {
        const root = document.documentElement.cloneNode(true) as HTMLElement;
        root.querySelectorAll("script").forEach((s) => s.remove());
        return root.outerHTML;
      }));
    if (!this.companion) {
      this.companionContext = await this.browser.newContext({
        javaScriptEnabled: true,
        viewport: { width: this.opts.width, height: this.opts.height },
        locale: "zh-CN",
      });
      this.companion = await this.companionContext.newPage();
      this.companionCdp = await this.companionContext.newCDPSession(this.companion);
      await this.companion.route("**/*", (route) => {
        if (route.request().resourceType() === "document") return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: this.snapshot });
        return route.continue();
      });
    }
    await this.companion.goto(this.page.url());
    const bigAlready = await this.companion.evaluate(() => document.documentElement.classList.contains("big"));
    record.axeChecked.push(bigAlready ? "大字" : "normal");
    this.recordAxe(`${where} [copy]`, await runAxe(this.companion, this.companionCdp));
    if (!bigAlready) {
      // 大字 at 240px: text, targets and sideways scrolling. (axe in 大字 runs in the JS-on walk of the same journey.)
      await this.companion.evaluate(() => document.documentElement.classList.add("big"));
      this.recordMeasures(where.replace("px]", "px 大字 copy]"), await measure(this.companion, LIMITS.big));
    }
  }

  /** Throws with every problem found on every page of this session, and the journey-wide htmx rule. */
  assertClean() {
    const problems = [...this.problems].map(([what, pages]) => `${what}\n      on ${pages.length} page(s): ${pages.slice(0, 4).map((p) => p.replace(/^\[[^\]]*\] /, "")).join(" | ")}`);
    if (this.htmxFetches > 1) problems.push(`htmx was fetched ${this.htmxFetches} times in one journey (the cache should serve it after the first)`);
    // With JavaScript on, the first page must have loaded it, or the rule above proved nothing.
    if (this.opts.js && this.opts.checks !== false && this.pages.length > 0 && this.htmxFetches === 0) problems.push("htmx was never fetched with JavaScript on");
    const serverErrors = this.server.problems.filter((l) => /"level":"error"/.test(l));
    if (serverErrors.length) problems.push(`server logged errors:\n      ${serverErrors.slice(-5).join("\n      ")}`);
    if (problems.length) throw new Error(`${problems.length} problem(s):\n  - ${problems.join("\n  - ")}`);
  }

  heaviest(): PageRecord | null {
    return this.pages.reduce<PageRecord | null>((a, p) => (!a || p.bytes > a.bytes ? p : a), null);
  }

  async close() {
    await this.companionContext?.close();
    await this.context.close();
  }
}

/** Prints the pages a session checked: one line each, with bytes and the smallest font. */
export function summary(s: Session): string {
  const lines = s.pages.map((p) => `    ${String(p.bytes).padStart(6)} B  ${p.smallestFont ?? "-"}px  axe:${p.axeChecked.join("+")}  ${p.label}`);
  lines.push(`    htmx fetched ${s.htmxFetches} time(s) in ${s.pages.length} pages (JavaScript ${s.opts.js ? "on" : "off"})`);
  return lines.join("\n");
}
