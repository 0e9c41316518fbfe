/** @jsxImportSource hono/jsx */
// The app factory. Node, Deno and the tests all build the app here, from
// dependencies passed in (DB, config, clock, SMS sender), so a test runs the
// whole site through app.request() on a temp DB file with a fixed clock.
import { cookieOf } from "./shared/cookies.ts";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { setCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import { cors } from "hono/cors";
import { etag } from "hono/etag";
import { eq } from "drizzle-orm";
import type { Config } from "./config.ts";
import type { AppEnv, Ctx, Deps, Logger } from "./shared/context.ts";
import { jsonLogger, logOf, rememberErrors, safeErrorMessage, type RecentError } from "./shared/context.ts";
import { openDatabase, checkPragmas, writerPragmas, storageErrorCode, type Database } from "./shared/db.ts";
import { migrate } from "./shared/migrate.ts";
import { seedRegions, Regions } from "./shared/regions.ts";
import { systemClock, withClock, type Clock } from "./shared/clock.ts";
import type { SmsSender } from "./shared/sms.ts";
import { smsSender, smsSettings } from "./features/messages/index.ts";
import { randomToken } from "./shared/crypto.ts";
import { emptyHooks } from "./shared/hooks.ts";
import { loadSession } from "./shared/session.ts";
import { csrfProtection, csrfTokenFor, CsrfError } from "./shared/csrf.ts";
import { submissionOnce, withSubmissionClaims, DuplicateSubmission } from "./shared/once.ts";
import { pageCache } from "./shared/page-cache.ts";
import { fairShare } from "./shared/fair-share.ts";
import { sessionCookieName } from "./shared/session.ts";
import { securityHeaders, applySecurityHeaders, compression, requestLog } from "./shared/http.ts";
import { staticRoutes, asset } from "./shared/static.ts";
import { LoginRequired, NotFound, Refused } from "./shared/errors.ts";
import { settings } from "../db/schema/index.ts";
import { paths, safeNext } from "./paths.ts";
import { layout } from "../views/layout.tsx";
import { ErrorPage } from "../views/errors/error.tsx";
import { copy } from "../views/copy/index.ts";
import { features } from "./features/registry.ts";
import { checkHealth } from "./ops/health.ts";
import { appVersion } from "./ops/version.ts";
import { apiDocRoutes } from "./shared/openapi.ts";

/** Largest form body we read; anything bigger is refused before it is read whole. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface PrepareOptions {
  config: Config;
  clock?: Clock;
  log?: Logger;
  sms?: SmsSender;
  /** Called after each step of the start with its name (src/main.ts logs when each ended: where a slow start goes). */
  mark?: (step: string) => void;
}

/** Opens and migrates the DB, seeds the region data, loads the server secret. */
export async function prepare(opts: PrepareOptions): Promise<Deps> {
  const { config } = opts;
  const recentErrors: RecentError[] = [];
  const log = rememberErrors(opts.log ?? jsonLogger(), recentErrors);
  // SMS settings are checked before anything else is opened: a wrong one stops the start with a Chinese message.
  const clock = opts.clock ?? systemClock;
  const sms = opts.sms ?? smsSender(smsSettings(config.env ?? {}), () => clock.now());
  // Writes made while a keyed form is handled claim its key first (one submission, one record).
  const mark = opts.mark ?? (() => {});
  const database: Database = withSubmissionClaims(await openDatabase(config.databaseUrl));
  mark("dbOpen");
  const applied = await migrate(database.client);
  if (applied.length) log.info("migrated", { applied });
  if (config.databaseUrl.startsWith("file:")) {
    // Reads: FULL as libSQL opens them. The writer: NORMAL, its WAL synced by WalSyncer before a write is answered (db.ts).
    await checkPragmas(database.client);
    if (database.writer !== database.client) await checkPragmas(database.writer, writerPragmas);
  }
  mark("migrations");
  await seedRegions(database, config.region);
  mark("regions");
  const secret = await loadSecret(database);
  mark("secret");
  return {
    database,
    config,
    clock,
    secret,
    sms,
    log,
    regions: new Regions(config.region),
    hooks: emptyHooks(),
    recentErrors,
  };
}

/** The HMAC key lives in the DB so every app process on the same file shares it. */
async function loadSecret(database: Database): Promise<string> {
  const read = async () => (await database.db.select().from(settings).where(eq(settings.key, "secret")))[0]?.value;
  const found = await read();
  if (found) return found;
  await database.write((db) => db.insert(settings).values({ key: "secret", value: randomToken(32) }).onConflictDoNothing());
  return (await read())!;
}

/**
 * The 429 answer: a small fixed page (no layout, no DB), so turning a flood away costs almost nothing.
 * Chinese, lang="zh-CN", with Retry-After; the API gets JSON.
 */
function tooManyResponse(api: boolean, seconds: number): Response {
  const headers = { "retry-after": String(seconds), "cache-control": "no-store", "content-type": api ? "application/json" : "text/html; charset=UTF-8" };
  if (api) return new Response(JSON.stringify({ error: "too_many_requests", retryAfter: seconds }), { status: 429, headers });
  const t = copy.errors;
  const html =
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${t.tooManyTitle}</title><link rel="stylesheet" href="${asset("app.css")}"></head>` +
    `<body><main id="main"><h1>${t.tooManyTitle}</h1><p>${t.tooManyBody(seconds)}</p><p><a href="/">${t.goHome}</a></p></main></body></html>`;
  return new Response(html, { status: 429, headers });
}

/** A body's length when its Content-Length alone says it (digits, and no Transfer-Encoding beside it); else null. */
export function declaredLength(contentLength: string | undefined, transferEncoding: string | undefined): number | null {
  if (contentLength === undefined || transferEncoding !== undefined || !/^\d{1,15}$/.test(contentLength)) return null;
  return Number(contentLength);
}

const URLENCODED = "application/x-www-form-urlencoded";
/** The media type of a Content-Type, as Hono's parseBody reads it (before any `;`, trimmed, lower case). */
export const mediaTypeOf = (contentType: string | undefined) => contentType?.split(";")[0].trim().toLowerCase();

/**
 * A url-encoded form as undici's `Response#formData()` reads it (UTF-8 with a BOM kept, the URL standard's
 * parser: `+` is a space, a bad escape stays as it is), without building a Response around it (Hono's
 * bufferToFormData does: about 3 % of a job sign-up run's samples, docs/performance.md, "Sign-ups, 2026-12-06").
 */
export function urlencodedForm(body: ArrayBuffer): FormData {
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(new TextDecoder("utf-8", { ignoreBOM: true }).decode(body))) form.append(name, value);
  return form;
}

/**
 * Hands Hono's parseBody (the CSRF check, readForm, the submission key) the form read by urlencodedForm: Hono
 * takes a parsed form from `bodyCache.formData` when there is one. Read on first use only (a request refused
 * before its form is read never reads it), and not enumerable, so Hono's other body readers never take it for
 * the body itself.
 */
function readUrlencodedOnce(c: Ctx): void {
  let form: Promise<FormData> | undefined;
  Object.defineProperty(c.req.bodyCache, "formData", {
    configurable: true,
    enumerable: false,
    get: () => (form ??= c.req.arrayBuffer().then(urlencodedForm)),
  });
}

/** How long stop() waits for requests in flight and queued writes before closing anyway (systemd's TimeoutStopSec is 20 s). */
export const STOP_WAIT_MS = 15_000;

export type App = ReturnType<typeof createApp>;

/**
 * The app, with `stop()`: stops the features' timers, waits for requests in
 * flight and every queued write, folds the WAL into the DB file, closes the
 * DB. The servers call it on SIGTERM; tests use it.
 */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  const t = copy.errors;
  const timers: (() => void)[] = [];
  let inFlight = 0;
  let stopping: Promise<void> | null = null;

  app.use(async (c, next) => {
    inFlight++;
    try {
      c.set("deps", deps);
    c.set("user", null);
    c.set("sessionHash", null);
      c.set("big", cookieOf(c, "big") === "1");
      // The injected clock for checks that are not handed deps (a birth date in a form field).
      await withClock(deps.clock, next);
    } finally {
      inFlight--;
    }
  });
  app.use(requestLog());
  app.use(securityHeaders());
  app.use(compression());
  app.route("/", staticRoutes());
  app.use(
    pageCache({
      ttlMs: deps.config.pageCacheSeconds * 1000,
      generation: () => deps.database.generation,
      // What securityHeaders() adds for a visitor without a session, added once per stored page.
      hitHeaders: (h) => applySecurityHeaders(h, deps.config.https, false),
    }),
  );
  // A fair share of what is left to render, per client: anonymous requests are judged here, before any work.
  const fair = fairShare(
    deps.config.fairShare,
    (c) => cookieOf(c, sessionCookieName(deps)) !== undefined,
    (c, seconds) => tooManyResponse(c.req.path.startsWith("/api/"), seconds),
  );
  app.use(fair.early);
  app.use(layout());
  const tooLarge = (): never => {
    throw new Refused(t.tooLarge, 413);
  };
  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  // GET and HEAD bodies are never read here. bodyLimit's first look (c.req.raw.body) makes @hono/node-server
  // build a whole undici Request and an AbortController for every request: about 5 % of a signed-in shared
  // page's CPU in --cpu-prof (docs/performance.md, issue #20).
  // A body with a declared Content-Length (and no Transfer-Encoding, so Node reads exactly that many bytes) is
  // judged by the header alone, as bodyLimit itself judges it, but without that first look: the form is then
  // read by @hono/node-server's direct path (no undici Request, no web stream over the socket). That look and
  // the stream were about 8 % of a job sign-up run's samples (docs/performance.md, "Sign-ups, 2026-12-06").
  // Anything else (chunked, no length) goes through bodyLimit, which counts the bytes as they come.
  app.use((c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const declared = declaredLength(c.req.header("content-length"), c.req.header("transfer-encoding"));
    if (declared === null) return limitBody(c, next);
    if (declared > MAX_BODY_BYTES) tooLarge();
    if (mediaTypeOf(c.req.header("content-type")) === URLENCODED) readUrlencodedOnce(c);
    return next();
  });
  app.use(async (c, next) => {
    if (c.req.path.startsWith("/api/") || c.req.path === paths.healthz) return next();
    await loadSession(c);
    // Signed in: the real token now. Not signed in, pages keep the placeholder
    // that the page cache fills in per visitor, so they can be shared.
    if (c.get("sessionHash")) c.set("csrfToken", csrfTokenFor(c));
    return next();
  });
  // After the session: requests with a session cookie that are not staff (staff are never limited).
  app.use(fair.late);
  app.use(async (c, next) => {
    // The open API is read-only: any other verb is a 405 naming the ones it takes (not the CSRF check's 500).
    // (Only /api/v1: /api/sms/… takes the SMS providers' callbacks, posted by them.)
    if ((c.req.path === paths.api.root || c.req.path.startsWith(paths.api.root + "/")) && !["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
      return c.json({ error: "method_not_allowed" }, 405, { allow: "GET, HEAD, OPTIONS" });
    }
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && !c.req.path.startsWith("/api/")) {
      const type = c.req.header("content-type") ?? "";
      if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) throw new Refused(t.badType, 415);
    }
    return next();
  });
  app.use(csrfProtection());
  // After the CSRF check: only a genuine form's key is claimed.
  app.use(submissionOnce());

  app.get(paths.healthz, async (c) => {
    // 503 with a code and a Chinese reason when the server cannot do its job
    // (src/ops/health.ts); monitoring alarms on anything but "ok":true.
    const h = await checkHealth(deps, Date.now(), logOf(c));
    if (!h.ok) logOf(c).error("unhealthy", { code: h.code, problems: h.problems.map((p) => p.code) });
    c.header("cache-control", "no-store");
    return c.json(h, h.ok ? 200 : 503);
  });

  app.get(paths.textSize, (c) => {
    // A display preference in a cookie, not server state: a plain link switches it.
    const big = c.req.query("big") === "1";
    setCookie(c, "big", big ? "1" : "0", { path: "/", maxAge: 365 * 24 * 3600, sameSite: "Lax", secure: deps.config.https });
    return c.redirect(safeNext(c.req.query("back")), 303);
  });

  // The open API: read-only, no cookies, no personal data. Any site may read it
  // from a browser (CORS for GET/HEAD only, never with credentials); answers
  // carry an ETag, and a client that sends it back gets 304 when nothing changed.
  const api = new Hono<AppEnv>();
  api.use(cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], maxAge: 86_400 }));
  api.use(async (c, next) => {
    await next();
    if (!c.res.headers.has("cache-control")) c.header("cache-control", "public, max-age=60");
  });
  api.use(etag());
  const apiEndpoints = features.flatMap((f) => f.apiEndpoints ?? []);
  api.route(
    "/",
    apiDocRoutes(
      () => ({ title: copy.api.title(deps.config.region.city.name), description: copy.api.description, version: appVersion, serverUrl: `${deps.config.publicUrl}${paths.api.root}` }),
      apiEndpoints,
    ),
  );
  for (const f of features) {
    deps.hooks.meLinks.push(...(f.meLinks ?? []));
    deps.hooks.employerHomeLinks.push(...(f.employerHomeLinks ?? []));
    const stopTimer = f.install?.(deps);
    if (stopTimer) timers.push(stopTimer);
    if (f.routes) app.route("/", f.routes());
    if (f.api) api.route("/", f.api());
  }
  app.route(paths.api.root, api);

  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) return c.json({ error: "not_found" }, 404);
    c.status(404);
    return c.render(<ErrorPage title={t.notFoundTitle} body={t.notFoundBody} />, { title: t.notFoundTitle });
  });

  app.onError((err, c) => {
    // The disk is full, read-only, or the DB file is gone: not a bug in the
    // page, and nothing was saved. 503 "try again later", logged with its code.
    const storage = storageErrorCode(err);
    if (c.req.path.startsWith("/api/")) {
      const status = storage ? 503 : err instanceof NotFound ? 404 : err instanceof Refused ? err.status : 500;
      if (status >= 500) logOf(c).error("unhandled", { path: routePath(c, -1), error: safeErrorMessage(err), code: storage ?? undefined });
      return c.json({ error: status === 404 ? "not_found" : status === 500 ? "server_error" : "bad_request", message: err instanceof Refused ? err.userMessage : undefined }, status);
    }
    // A twin of a form being handled: the submissionOnce middleware answers with the first one's redirect.
    if (err instanceof DuplicateSubmission) return c.body(null, 409);
    if (err instanceof LoginRequired) {
      return c.redirect(`${paths.accounts.login}?next=${encodeURIComponent(safeNext(err.next))}`, 303);
    }
    if (err instanceof NotFound) {
      c.status(404);
      return c.render(<ErrorPage title={t.notFoundTitle} body={t.notFoundBody} />, { title: t.notFoundTitle });
    }
    if (err instanceof CsrfError) {
      c.status(403);
      return c.render(<ErrorPage title={t.csrfTitle} body={t.csrfBody} />, { title: t.csrfTitle });
    }
    if (err instanceof Refused) {
      c.status(err.status);
      return c.render(<ErrorPage title={err.userMessage} body="" />, { title: err.userMessage });
    }
    if (err instanceof HTTPException && err.status < 500) {
      c.status(err.status);
      return c.render(<ErrorPage title={t.notFoundTitle} body={t.notFoundBody} />, { title: t.notFoundTitle });
    }
    // The same id in the log line and on the page, so the clerk can find one from the other.
    const id = c.get("requestId");
    logOf(c).error("unhandled", {
      path: routePath(c, -1),
      error: safeErrorMessage(err),
      code: storage ?? undefined,
      stack: storage ? undefined : err.stack?.split("\n").slice(1, 4).join(" | "),
    });
    const title = storage ? t.storageTitle : t.serverTitle;
    c.status(storage ? 503 : 500);
    try {
      return c.render(<ErrorPage title={title} body={storage ? t.storageBody : t.serverBody} errorId={id} />, { title });
    } catch {
      return c.text(`${title} ${t.errorId(id)}`, storage ? 503 : 500);
    }
  });

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const s of timers.splice(0)) s();
      const deadline = Date.now() + STOP_WAIT_MS;
      // Requests in flight may still queue writes: wait for them, then for the queue.
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // The deadline's own timer is cleared when the queue drains first (stop leaves no timer behind).
      let giveUp: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([deps.database.drain(), new Promise((r) => (giveUp = setTimeout(r, Math.max(0, deadline - Date.now()))).unref?.())]);
      clearTimeout(giveUp);
      deps.database.close();
    })());

  return Object.assign(app, { stop });
}
