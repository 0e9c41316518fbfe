// CSRF: a token in a hidden field on every form, checked on every request that
// is not GET/HEAD. Old phone browsers do not send Origin reliably, so the token
// is the real guard; Origin and Sec-Fetch-Site, where a browser sends them, are
// checked as well.
//
// Signed in, the token is an HMAC of the session id (per session, nothing to
// store). Signed out (login, registration, sign-up without an account), it is
// an HMAC of a random cookie set on first visit: the double-submit pattern.
import { getCookie } from "hono/cookie";
import { serialize } from "hono/utils/cookie";
import type { MiddlewareHandler } from "hono";
import { hmac, pooledSignedToken, safeEqual } from "./crypto.ts";
import type { AppEnv, Ctx, Deps } from "./context.ts";
import { perApp } from "./memo.ts";

export const CSRF_FIELD = "_csrf";
export const anonCookieNames = ["csrf", "__Host-csrf"] as const;
/** Which of anonCookieNames this app uses: the `__Host-` one over HTTPS. */
const anonCookieIndex = (c: Ctx) => (c.get("deps").config.https ? 1 : 0);
/** What a visitor's token is the HMAC of, after this prefix: her seed (a signed-in token's prefix is "s:"). */
const SEED_PREFIX = "a:";

// What follows "name=seed" in a new seed's Set-Cookie line, per cookie name, made once by hono's serialize
// (which checked and built the whole line for every new visitor; a seed is base64url, which it leaves as it is).
const seedLineTails = anonCookieNames.map((name, i) => serialize(name, "", { path: "/", httpOnly: true, sameSite: "Lax", secure: i === 1 }).slice(name.length + 1));

/**
 * A visitor's token is a pure function of the secret and her seed: kept per app, so a returning visitor (a
 * seed cookie) pays no HMAC per page — one on its own cost 15–30 µs of CPU, a fifth of an anonymous job
 * page's (issue #20). A new seed's token, made in a batch, is kept too: her next page is then free as well.
 * Bounded like the session tokens below, emptied when full: a client sending made-up seeds costs memory
 * up to the bound and nothing more, and a seed not kept is signed again.
 */
const seedTokens = perApp((_deps: Deps) => new Map<string, string>());
const SEED_TOKENS_MAX = 10_000;
function keep(memo: Map<string, string>, seed: string, token: string) {
  if (memo.size >= SEED_TOKENS_MAX) memo.clear();
  memo.set(seed, token);
}
/** How many seeds' tokens an app keeps (tests). */
export const keptSeedTokens = (deps: Deps) => seedTokens(deps).size;

/** The token of a visitor who is not signed in, and the Set-Cookie line for a new seed (when they had none). */
export function anonymousCsrf(c: Ctx): { token: string; setCookie?: string } {
  const deps = c.get("deps");
  const memo = seedTokens(deps);
  const i = anonCookieIndex(c);
  const seed = getCookie(c, anonCookieNames[i]);
  if (seed && /^[\w-]{22}$/.test(seed)) {
    let token = memo.get(seed);
    if (token === undefined) keep(memo, seed, (token = hmac(deps.secret, SEED_PREFIX + seed)));
    return { token };
  }
  const fresh = pooledSignedToken(deps.secret, SEED_PREFIX);
  keep(memo, fresh.token, fresh.mac);
  return { token: fresh.mac, setCookie: anonCookieNames[i] + "=" + fresh.token + seedLineTails[i] };
}

/**
 * A signed-in token is a pure function of the secret and the session's hash: kept per app (issue #20: the
 * HMAC was a visible share of a signed-in shared page's CPU). Bounded; emptied when full.
 */
const sessionTokens = perApp((_deps: Deps) => new Map<string, string>());
const SESSION_TOKENS_MAX = 10_000;

export function csrfTokenFor(c: Ctx): string {
  const hash = c.get("sessionHash");
  if (hash) {
    const memo = sessionTokens(c.get("deps"));
    let token = memo.get(hash);
    if (token === undefined) {
      if (memo.size >= SESSION_TOKENS_MAX) memo.clear();
      memo.set(hash, (token = hmac(c.get("deps").secret, "s:" + hash)));
    }
    return token;
  }
  const { token, setCookie } = anonymousCsrf(c);
  if (setCookie) c.header("set-cookie", setCookie, { append: true });
  return token;
}

function sameOrigin(c: Ctx): boolean {
  const origin = c.req.header("origin");
  if (c.req.header("sec-fetch-site") === "cross-site") return false;
  if (!origin) return true; // not sent: the token decides
  if (origin === "null") return false;
  const host = (c.get("deps").config.trustProxy && c.req.header("x-forwarded-host")) || c.req.header("host") || new URL(c.req.url).host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export class CsrfError extends Error {}

/**
 * Checks the token and origin of a state-changing request. Runs after the
 * session is loaded; the token is read from the parsed form (or the
 * X-CSRF-Token header that our htmx config sends).
 */
export const csrfProtection = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  // OPTIONS (a CORS preflight) changes nothing and carries no form: it is not checked.
  if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
  // /api/ never loads a session (app.tsx), so a browser's cookies carry no power
  // there; its only POSTs are SMS providers' callbacks, which prove themselves
  // by the secret in their URL (src/features/messages/messages.callbacks.ts).
  if (c.req.path.startsWith("/api/")) return next();
  if (!sameOrigin(c)) throw new CsrfError("origin");
  let sent = c.req.header("x-csrf-token");
  if (!sent) {
    const type = c.req.header("content-type") ?? "";
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const v = body[CSRF_FIELD];
      sent = typeof v === "string" ? v : undefined;
    }
  }
  if (!sent || !safeEqual(sent, csrfTokenFor(c))) throw new CsrfError("token");
  return next();
};
