// Static files, read once at start and kept in memory with their gzip and
// brotli forms: the stylesheets and htmx are a few KB, and a cheap county box
// should not compress them on every request. URLs carry a content hash
// (?v=…), so browsers may cache them for a year.
import { readFileSync, readdirSync } from "node:fs";
import { fromRoot } from "./root.ts";
import { createRequire } from "node:module";
import { gzipSync, brotliCompressSync, constants as z } from "node:zlib";
import { Hono } from "hono";
import { sha256 } from "./crypto.ts";

interface Asset {
  body: Uint8Array;
  gzip: Uint8Array;
  br: Uint8Array;
  type: string;
  hash: string;
}

const types: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
  ico: "image/x-icon",
  txt: "text/plain; charset=utf-8",
};

export const staticDir = fromRoot("static") + "/";

function load(): Map<string, Asset> {
  const files = new Map<string, Uint8Array>();
  for (const name of readdirSync(staticDir)) {
    if (/^[\w.-]+\.(css|js|svg|ico|txt)$/.test(name)) files.set(name, readFileSync(staticDir + name));
  }
  // htmx comes from its npm package, so it is never a copy that drifts.
  const require = createRequire(import.meta.url);
  files.set("htmx.min.js", readFileSync(require.resolve("htmx.org/dist/htmx.min.js")));
  const out = new Map<string, Asset>();
  for (const [name, body] of files) {
    out.set(name, {
      body,
      gzip: gzipSync(body, { level: 9 }),
      br: brotliCompressSync(body, { params: { [z.BROTLI_PARAM_QUALITY]: 11 } }),
      type: types[name.split(".").pop()!] ?? "application/octet-stream",
      hash: sha256(Buffer.from(body).toString("latin1")).slice(0, 10),
    });
  }
  return out;
}

let assets: Map<string, Asset> | null = null;
const all = () => (assets ??= load());

/** "/static/app.css?v=abc123": the URL to put in pages. */
export function asset(name: string): string {
  const a = all().get(name);
  if (!a) throw new Error(`no static file ${name}`);
  return `/static/${name}?v=${a.hash}`;
}

export function staticRoutes() {
  const app = new Hono();
  app.get("/static/:name", (c) => {
    const a = all().get(c.req.param("name"));
    if (!a) return c.notFound();
    const accept = c.req.header("accept-encoding") ?? "";
    const headers: Record<string, string> = {
      "content-type": a.type,
      "cache-control": c.req.query("v") === a.hash ? "public, max-age=31536000, immutable" : "public, max-age=300",
      etag: `"${a.hash}"`,
      vary: "Accept-Encoding",
    };
    if (c.req.header("if-none-match") === `"${a.hash}"`) return c.body(null, 304, headers);
    if (/\bbr\b/.test(accept)) return c.body(a.br as Uint8Array<ArrayBuffer>, 200, { ...headers, "content-encoding": "br" });
    if (/\bgzip\b/.test(accept)) return c.body(a.gzip as Uint8Array<ArrayBuffer>, 200, { ...headers, "content-encoding": "gzip" });
    return c.body(a.body as Uint8Array<ArrayBuffer>, 200, headers);
  });
  return app;
}
