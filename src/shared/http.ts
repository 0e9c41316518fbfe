// Cross-cutting HTTP middleware: security headers, compression, request logs.
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { gzipSync, brotliCompressSync, constants as z } from "node:zlib";
import { pooledToken } from "./crypto.ts";
import { requestLogger, type AppEnv } from "./context.ts";

// No inline script anywhere, so script-src needs no 'unsafe-inline'. Inline
// style attributes are not used either.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

const SECURITY_HEADERS: [string, string][] = [
  ["content-security-policy", CSP],
  ["x-content-type-options", "nosniff"],
  ["x-frame-options", "DENY"],
  ["referrer-policy", "same-origin"],
  ["cross-origin-opener-policy", "same-origin"],
  ["permissions-policy", "camera=(), microphone=(), geolocation=()"],
];

/** The headers every response gets; `signedIn`: anything shown to a signed-in user may hold personal data. */
export function applySecurityHeaders(h: Headers, https: boolean, signedIn: boolean): void {
  for (const [k, v] of SECURITY_HEADERS) h.set(k, v);
  if (https) h.set("strict-transport-security", "max-age=31536000");
  // Anything shown to a signed-in user may hold personal data: never store it.
  if (signedIn && !h.has("cache-control")) h.set("cache-control", "no-store");
  if (!h.has("cache-control") && (h.get("content-type") ?? "").startsWith("text/html")) h.set("cache-control", "no-cache");
}

/**
 * Responses built whole, with the security headers and the request id already
 * in a plain header object (the page cache's hits): securityHeaders and
 * requestLog leave their headers alone. Reading res.headers of such a response
 * makes a Headers object of it, and setting eight headers on that cost more
 * than the rest of a cached page (docs/performance.md, 2026-12-05).
 */
const wholeResponses = new WeakSet<Response>();
/** Whole responses whose body is already compressed for this request (a cached page's stored copy): compression() leaves them alone. */
const packedResponses = new WeakSet<Response>();
export const markWhole = (res: Response, packed = false): Response => {
  wholeResponses.add(res);
  if (packed) packedResponses.add(res);
  return res;
};

/** The encoding to answer a request with, by its Accept-Encoding: brotli if it takes it, else gzip, else none. */
export function chosenEncoding(accept: string | undefined): "br" | "gzip" | null {
  if (!accept) return null;
  return /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : null;
}
/** Smaller bodies are sent as they are (the headers would eat the saving). */
export const COMPRESS_MIN_BYTES = 600;

export const securityHeaders = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  await next();
  if (wholeResponses.has(c.res)) return;
  applySecurityHeaders(c.res.headers, !!c.get("deps")?.config.https, !!c.get("user"));
};

/**
 * gzip or brotli for HTML, JSON, CSV and XML. Pages are small (under 100 KB),
 * and most responses here are compressed anew (signed-in pages are rendered
 * each time; a cached page with a form carries each visitor's own token), so
 * the level is chosen by cost per page. (A cached page without a form keeps
 * copies compressed once, at the STORED_* levels, and passes by: page-cache.ts.)
 * Measured on a signed-in job list (10.4 KB of HTML, µs of CPU / bytes): brotli 5 149 / 2,932, brotli 4 123 / 3,195, brotli 2
 * 49 / 3,432, brotli 1 42 / 3,646; gzip 6 67 / 3,349, gzip 3 41 / 3,435.
 * Brotli 2 and gzip 3 cost a third and two thirds of before for 500 and 90
 * more bytes on a page (docs/performance.md).
 */
export const BROTLI_QUALITY = 2;
export const GZIP_LEVEL = 3;
/**
 * A copy kept in the page cache is compressed once and sent many times: a
 * higher level costs once and saves bytes on every weak-data phone.
 */
export const STORED_BROTLI_QUALITY = 6;
export const STORED_GZIP_LEVEL = 6;
export function compressed(raw: Uint8Array, encoding: "br" | "gzip", stored = false) {
  return encoding === "br"
    ? brotliCompressSync(raw, { params: { [z.BROTLI_PARAM_QUALITY]: stored ? STORED_BROTLI_QUALITY : BROTLI_QUALITY, [z.BROTLI_PARAM_SIZE_HINT]: raw.length } })
    : gzipSync(raw, { level: stored ? STORED_GZIP_LEVEL : GZIP_LEVEL });
}
export const compression = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  await next();
  // Cheap checks first: touching res.body makes @hono/node-server build a
  // stream for a response it would otherwise write out as a plain string.
  const encoding = chosenEncoding(c.req.header("accept-encoding"));
  if (!encoding || c.req.method === "HEAD") return;
  const res = c.res;
  if (packedResponses.has(res)) return;
  const type = res.headers.get("content-type") ?? "";
  if (!/^(text\/html|application\/json|text\/csv|application\/atom\+xml|text\/plain|image\/svg)/.test(type)) return;
  if (res.headers.has("content-encoding") || !res.body) return;
  const raw = new Uint8Array(await res.arrayBuffer());
  const headers = new Headers(res.headers);
  headers.append("vary", "Accept-Encoding");
  if (raw.length < COMPRESS_MIN_BYTES) {
    c.res = new Response(raw, { status: res.status, headers });
    return;
  }
  const packed = compressed(raw, encoding);
  headers.set("content-encoding", encoding);
  headers.delete("content-length");
  c.res = new Response(packed, { status: res.status, headers });
};

// Request ids from the pool of random bytes (crypto.ts pooledToken): randomBytes(6)
// per request was a call into C++ and a new buffer each time (2% of a cached
// page's CPU in --cpu-prof). The ids are as random as before.
const requestId = () => pooledToken(6);

/**
 * One JSON line per request: method, route, status, time. The route is the
 * pattern that matched ("/desk/workers/:id", "/card/:code"; "/*" when none
 * did), not the path, so no ids, card codes, query strings or whatever someone
 * typed into an unknown URL reach the logs.
 */
export const requestLog = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const start = performance.now();
  // A short id for this request: in its log line (and every line written while
  // it runs, through c.var.log), in the X-Request-Id header and on its
  // error page, so a clerk can find the log line of the page someone saw.
  const id = requestId();
  c.set("requestId", id);
  c.set("log", requestLogger(c.var.deps.log, id));
  await next();
  // On the response's own headers, not c.header(): after the handler, hono's
  // c.header() rebuilds the response from res.body, which turns a plain string
  // body into a stream — @hono/node-server then writes headers and body in
  // separate chunks (chunked encoding) instead of one write. That alone took a
  // cached page from about half of the ceiling to a fifth (docs/performance.md).
  if (!wholeResponses.has(c.res)) c.res.headers.set("x-request-id", id);
  const ms = Math.round((performance.now() - start) * 10) / 10;
  c.get("deps").log.info("request", { method: c.req.method, path: routePath(c, -1), status: c.res.status, ms, req: id });
};
