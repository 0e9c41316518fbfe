// The page cache for visitors who are not signed in: what it may share, what it
// must never share, and when a stored page stops being served.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { AppEnv } from "../../src/shared/context.ts";
import { pageCache, CSRF_PLACEHOLDER, untrackedQueries } from "../../src/shared/page-cache.ts";
import { ONCE_PLACEHOLDER } from "../../src/shared/once.ts";
import { makeTestApp, addMarket, signedIn } from "../helpers/app.ts";
import * as v from "valibot";
import { check, readQuery } from "../../src/shared/forms.ts";
import { paths } from "../../src/paths.ts";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { compressed, COMPRESS_MIN_BYTES } from "../../src/shared/http.ts";

/** A bare app around the cache, with a counter of renders and a clock the test moves. */
function harness(opts: { ttlMs?: number; maxEntries?: number; maxBody?: number; maxTotal?: number } = {}) {
  let now = 0;
  let generation = 0;
  let renders = 0;
  const cache = pageCache({ ttlMs: opts.ttlMs ?? 1000, maxEntries: opts.maxEntries, maxBody: opts.maxBody, maxTotal: opts.maxTotal, generation: () => generation, now: () => now });
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("big", c.req.header("cookie")?.includes("big=1") ?? false);
    await next();
  });
  app.use(cache);
  app.get("/page", async (c) => {
    renders++;
    await new Promise((r) => setTimeout(r, 5));
    // Reads "i" only when it is there; "q" always (through readQuery and a schema, as the filter pages do).
    const i = c.req.queries("i") ? `i=${c.req.query("i")} ` : "";
    const q = check(v.object({ q: v.optional(v.string()) }), readQuery(c));
    const qs = q.ok && q.value.q ? `q=${q.value.q} ` : "";
    return c.html(`<p>${i}${qs}render ${renders} big=${c.var.big} hx=${c.req.header("hx-request") ?? ""}</p>`);
  });
  app.get("/all", (c) => {
    renders++;
    return c.html(`<p>render ${renders} ${JSON.stringify(c.req.query())}</p>`);
  });
  app.get("/cookie", (c) => {
    renders++;
    setCookie(c, "flash", "x");
    return c.html(`<p>render ${renders}</p>`);
  });
  app.get("/missing", (c) => {
    renders++;
    return c.html("<p>none</p>", 404);
  });
  app.get("/json", (c) => {
    renders++;
    return c.json({ renders });
  });
  app.get("/header/:value", (c) => {
    renders++;
    c.header("cache-control", decodeURIComponent(c.req.param("value")));
    return c.html(`<p>render ${renders}</p>`);
  });
  app.get("/long/:n", (c) => {
    renders++;
    return c.html(`<p>${"x".repeat(Number(c.req.param("n")) - 7)}</p>`);
  });
  // A write lands while this page renders: the page is answered but not kept.
  app.get("/written", async (c) => {
    renders++;
    await new Promise((r) => setTimeout(r, 5));
    generation++;
    return c.html(`<p>render ${renders}</p>`);
  });
  // Reads every parameter when i=all, else only i.
  app.get("/mixed", (c) => {
    renders++;
    const i = c.req.query("i");
    // All of them, then one by name again (a name read after "all" changes nothing).
    const x = i === "all" ? (c.req.query(), c.req.query("x")) : "";
    return c.html(`<p>i=${i}${x} render ${renders}</p>`);
  });
  // Reads "b" only when a=deep: the path's shape grows when the first a=deep is rendered.
  app.get("/grow", (c) => {
    renders++;
    const a = c.req.query("a");
    const b = a === "deep" ? ` b=${c.req.query("b")}` : "";
    return c.html(`<p>a=${a}${b} render ${renders}</p>`);
  });
  app.post("/page", (c) => {
    renders++;
    return c.html(`<p>render ${renders}</p>`);
  });
  const get = async (path: string, headers: Record<string, string> = {}, method = "GET") => (await app.request(path, { headers, method })).text();
  return {
    get,
    cache,
    renders: () => renders,
    resetRenders: () => void (renders = 0),
    tick: (ms: number) => (now += ms),
    write: () => generation++,
  };
}

test("serves the second anonymous visit from the cache instead of rendering again", async () => {
  const h = harness();
  assert.is(await h.get("/page"), "<p>render 1 big=false hx=</p>");
  assert.is(await h.get("/page"), "<p>render 1 big=false hx=</p>");
  assert.is(h.renders(), 1);
});

test("renders again once the page is older than the time to live", async () => {
  const h = harness({ ttlMs: 1000 });
  await h.get("/page");
  h.tick(999);
  assert.is(await h.get("/page"), "<p>render 1 big=false hx=</p>");
  h.tick(1);
  assert.is(await h.get("/page"), "<p>render 2 big=false hx=</p>");
});

test("renders again after any write in this process", async () => {
  const h = harness();
  await h.get("/page");
  h.write();
  assert.is(await h.get("/page"), "<p>render 2 big=false hx=</p>");
  assert.is(h.cache.size(), 1, "the older pages were dropped, the new one kept");
});

test("keeps the 大字 page and the htmx fragment apart from the normal page", async () => {
  const h = harness();
  assert.is(await h.get("/page"), "<p>render 1 big=false hx=</p>");
  assert.is(await h.get("/page", { cookie: "big=1" }), "<p>render 2 big=true hx=</p>");
  assert.is(await h.get("/page", { "hx-request": "true" }), "<p>render 3 big=false hx=true</p>");
  assert.is(await h.get("/page", { cookie: "big=1" }), "<p>render 2 big=true hx=</p>");
  assert.is(await h.get("/page?i=1"), "<p>i=1 render 4 big=false hx=</p>", "a parameter the page reads makes another page");
});

// Issue #16: "/?x=<random>" skipped the cache on every request.
test("the key keeps only the parameters the page reads, in a fixed order: junk parameters hit the cache", async () => {
  const h = harness();
  assert.is(await h.get("/page"), "<p>render 1 big=false hx=</p>");
  for (let k = 0; k < 5; k++) assert.is(await h.get(`/page?x=${k}&utm=${k}`), "<p>render 1 big=false hx=</p>", "junk is not another page");
  assert.is(await h.get("/page?q=a"), "<p>q=a render 2 big=false hx=</p>", "readQuery's schema field is read");
  assert.is(await h.get("/page?junk=1&q=a"), "<p>q=a render 2 big=false hx=</p>");
  assert.is(await h.get("/page?q=a&i=2"), "<p>i=2 q=a render 3 big=false hx=</p>", "a name read only sometimes is learnt");
  assert.is(await h.get("/page?i=2&zzz=9&q=a"), "<p>i=2 q=a render 3 big=false hx=</p>", "any order, junk dropped");
  assert.is(await h.get("/page?i=3&q=a"), "<p>i=3 q=a render 4 big=false hx=</p>");
  assert.is(await h.get("/page?q=a&q=b"), "<p>q=a render 5 big=false hx=</p>", "repeated values are part of the key");
  // A page that reads every parameter is keyed by all of them.
  await h.get("/all?a=1");
  await h.get("/all?a=1&b=2");
  await h.get("/all?b=2&a=1");
  assert.is(h.renders(), 7);
});

test("a URL keyed before its path's shape grew is keyed by the grown shape afterwards (the kept keys follow the shape)", async () => {
  const h = harness();
  assert.is(await h.get("/grow?a=1&b=1"), "<p>a=1 render 1</p>");
  assert.is(await h.get("/grow?a=1&b=2"), "<p>a=1 render 1</p>", "shape {a}: b is junk");
  // Keyed by {a} when it arrives ("a=deep"); its render reads b, so it is stored under a=deep&b=1.
  assert.is(await h.get("/grow?a=deep&b=1"), "<p>a=deep b=1 render 2</p>");
  assert.is(await h.get("/grow?a=deep&b=1"), "<p>a=deep b=1 render 2</p>", "the same URL again is a hit: keyed by the grown shape, not by the key kept from before");
  assert.is(await h.get("/grow?a=deep&b=2"), "<p>a=deep b=2 render 3</p>", "b is part of the key now");
  assert.is(await h.get("/grow?a=1&b=2"), "<p>a=1 render 4</p>", "a URL keyed under the old shape is keyed anew (the page stored under a=1 is not under a=1&b=2)");
  assert.is(await h.get("/grow?a=1&b=2"), "<p>a=1 render 4</p>");
  assert.is(await h.get("/grow?a=1&b=1"), "<p>a=1 render 5</p>", "its first render was stored under a=1 (the shape then): keyed anew, it is another page");
  assert.is(h.renders(), 5);
});

test("many different query strings of one path (a client making up URLs) are all answered right, and the path's page stays shared", async () => {
  const h = harness({ maxEntries: 2 });
  assert.is(await h.get("/grow?a=1"), "<p>a=1 render 1</p>");
  for (let k = 0; k < 40; k++) assert.is(await h.get(`/grow?a=1&junk=${k}`), "<p>a=1 render 1</p>");
  assert.is(await h.get(`/grow?a=1&junk=${"x".repeat(600)}`), "<p>a=1 render 1</p>", "a long query string is keyed too (just not kept)");
  assert.is(await h.get("/grow?a=2"), "<p>a=2 render 2</p>");
  assert.is(h.renders(), 2);
});

const bypass: [string, Record<string, string>][] = [
  ["a session cookie", { cookie: "sid=abc" }],
  ["a flash message cookie", { cookie: "flash=%E5%A5%BD" }],
  ["any unknown cookie next to the shareable ones", { cookie: "big=1; csrf=abcdefghijklmnopqrstuv; other=1" }],
  ["an Authorization header", { authorization: "Basic eDp5" }],
];
for (const [what, headers] of bypass) {
  test(`never answers from the cache, nor stores, a request with ${what}`, async () => {
    const h = harness();
    await h.get("/page", headers);
    await h.get("/page", headers);
    assert.is(h.renders(), 2);
    assert.is(h.cache.size(), 0);
  });
}

test("shares pages between visitors who carry only the text size and the anonymous CSRF seed", async () => {
  const h = harness();
  await h.get("/page", { cookie: "csrf=aaaaaaaaaaaaaaaaaaaaaa" });
  await h.get("/page", { cookie: "csrf=bbbbbbbbbbbbbbbbbbbbbb" });
  assert.is(h.renders(), 1);
});

const notStored: [string, string][] = [
  ["sets a cookie", "/cookie"],
  ["is not a 200", "/missing"],
  ["is not HTML", "/json"],
];
for (const [what, path] of notStored) {
  test(`does not store a response that ${what}`, async () => {
    const h = harness();
    await h.get(path);
    await h.get(path);
    assert.is(h.renders(), 2);
  });
}

test("renders a page once for many visitors who ask for it at the same moment", async () => {
  const h = harness();
  const pages = await Promise.all(Array.from({ length: 20 }, () => h.get("/page")));
  assert.is(h.renders(), 1);
  assert.ok(pages.every((p) => p === "<p>render 1 big=false hx=</p>"));
});

test("keeps at most maxEntries pages, dropping the oldest", async () => {
  const h = harness({ maxEntries: 3 });
  await h.get("/page?i=x"); // the page's shape is learnt: it reads "i"
  h.cache.clear();
  h.resetRenders();
  for (let i = 0; i < 5; i++) await h.get(`/page?i=${i}`);
  assert.is(h.cache.size(), 3);
  await h.get("/page?i=4");
  assert.is(h.renders(), 5, "the newest is still there");
  await h.get("/page?i=0");
  assert.is(h.renders(), 6, "the oldest was dropped");
});

test("keeps at most maxTotal characters of pages together, dropping the oldest", async () => {
  const h = harness({ maxTotal: 100 });
  await h.get("/page?i=x"); // the page's shape is learnt: it reads "i"
  h.cache.clear();
  assert.is(h.cache.chars(), 0);
  h.resetRenders();
  const one = (await h.get("/page?i=0")).length;
  assert.ok(one > 20 && one <= 50, `a page is ${one} characters`);
  for (let i = 1; i < 6; i++) await h.get(`/page?i=${i}`);
  assert.ok(h.cache.chars() <= 100, `${h.cache.chars()} characters kept`);
  assert.is(h.cache.size(), Math.floor(100 / one));
  await h.get("/page?i=5");
  assert.is(h.renders(), 6, "the newest is still there");
  await h.get("/page?i=0");
  assert.is(h.renders(), 7, "the oldest was dropped");
});

// Through the whole app.

test("a change written through the app shows on the next anonymous visit; a direct one waits for the time to live", async () => {
  const t = await makeTestApp();
  try {
    const id = await addMarket(t, { name: "甲街道零工驿站", tier: "station" });
    const anon = t.client();
    assert.match((await anon.get(paths.markets.list)).html, "甲街道零工驿站");
    // Behind the app's back (another process, say): the cached page is served until it expires.
    await t.deps.database.client.execute({ sql: "UPDATE markets SET name = '乙街道零工驿站' WHERE id = ?", args: [id] });
    assert.match((await anon.get(paths.markets.list)).html, "甲街道零工驿站");
    const admin = await signedIn(t, { role: "city_admin" });
    assert.match((await admin.get(paths.markets.list)).html, "乙街道零工驿站", "a signed-in user never gets the cached page");
    await t.deps.database.write(async () => undefined);
    assert.match((await anon.get(paths.markets.list)).html, "乙街道零工驿站");
  } finally {
    t.close();
  }
});

test("a page served from the cache has the same headers as when it was rendered, and its own request id", async () => {
  const t = await makeTestApp();
  try {
    const first = await t.app.request(paths.markets.list);
    const hit = await t.app.request(paths.markets.list);
    const again = await t.app.request(paths.markets.list);
    const without = (r: Response) => [...r.headers].filter(([k]) => k !== "x-request-id" && k !== "content-length");
    assert.equal(without(hit), without(first));
    assert.is(hit.headers.get("content-security-policy"), first.headers.get("content-security-policy"));
    assert.ok(hit.headers.get("content-security-policy"), "security headers on a hit");
    assert.is(hit.headers.get("cache-control"), "no-cache");
    const ids = [first, hit, again].map((r) => r.headers.get("x-request-id"));
    assert.ok(ids.every((id) => id && /^[\w-]{8}$/.test(id)), ids.join(" "));
    assert.is(new Set(ids).size, 3, "a request id each");
    assert.is(await hit.text(), await first.text());
  } finally {
    t.close();
  }
});

test("every visitor gets their own CSRF token on a shared page, and it works", async () => {
  const t = await makeTestApp();
  try {
    const a = t.client();
    const b = t.client();
    const pa = await a.get(paths.accounts.login);
    const pb = await b.get(paths.accounts.login);
    assert.ok(a.csrf && b.csrf && a.csrf !== b.csrf, "different tokens");
    assert.not.match(pa.html + pb.html, CSRF_PLACEHOLDER);
    assert.ok(a.cookies.get("csrf") && b.cookies.get("csrf") && a.cookies.get("csrf") !== b.cookies.get("csrf"), "each got a seed cookie");
    // A wrong password is a form error (4xx), not a refused token (403).
    const r = await b.post(paths.accounts.login, { phone: "13900000000", secret: "wrong wrong" });
    assert.ok(r.status === 400 || r.status === 422 || r.status === 401, `status ${r.status}`);
    const stolen = await a.post(paths.accounts.login, { phone: "13900000000", secret: "wrong wrong", _csrf: b.csrf });
    assert.is(stolen.status, 403, "another visitor's token is refused");
  } finally {
    t.close();
  }
});

test("a cached page with a form is joined per visitor from its stored parts: her own seed, token and one-time key, the rest byte for byte the same; compressed for her when she asks", async () => {
  const t = await makeTestApp();
  try {
    const get = (headers: Record<string, string> = {}) => t.app.request("http://localhost" + paths.accounts.login, { headers });
    const seedOf = (r: Response) => r.headers.getSetCookie().find((l) => l.startsWith("csrf="))?.split(";")[0].slice(5);
    const fields = (html: string) => ({ csrf: html.match(/name="_csrf" value="([^"]+)"/)?.[1], once: html.match(/name="_once" value="([^"]+)"/)?.[1] });
    const blank = (html: string) => html.replace(/(name="_(csrf|once)" value=")[^"]+"/g, '$1"');
    const first = await get(); // rendered and stored
    const firstHtml = await first.text();
    const visitors = [];
    for (let i = 0; i < 3; i++) {
      const r = await get();
      const html = await r.text();
      assert.is(blank(html), blank(firstHtml), "the same page around the filled fields");
      assert.not.match(html, CSRF_PLACEHOLDER);
      visitors.push({ seed: seedOf(r), html, ...fields(html) });
    }
    for (const v of visitors) assert.ok(v.seed && v.csrf && v.once, JSON.stringify(v));
    // Each slot gets its own kind: the one-time key is a fresh key (newOnceKey: 22 characters), never her CSRF token.
    for (const v of visitors) {
      assert.is.not(v.once, v.csrf);
      assert.match(v.once!, /^[\w-]{22}$/);
    }
    for (const k of ["seed", "csrf", "once"] as const) assert.is(new Set(visitors.map((v) => v[k])).size, 3, `${k}: one each`);
    // Her seed back: no new cookie, the same token; it passes the check, another visitor's does not.
    const [a, b] = visitors;
    const back = await get({ cookie: `csrf=${a.seed}` });
    assert.is(seedOf(back), undefined);
    assert.equal(back.headers.getSetCookie(), [], "no Set-Cookie line at all (not an empty or \"undefined\" one)");
    assert.is(fields(await back.text()).csrf, a.csrf);
    const post = (seed: string, token: string) =>
      t.app.request("http://localhost" + paths.accounts.logout, { method: "POST", headers: { cookie: `csrf=${seed}`, "content-type": "application/x-www-form-urlencoded" }, body: `_csrf=${encodeURIComponent(token)}` });
    assert.is((await post(a.seed!, a.csrf!)).status, 303);
    assert.is((await post(a.seed!, b.csrf!)).status, 403);
    // Asking for brotli: the same page for her, compressed.
    const br = await get({ cookie: `csrf=${a.seed}`, "accept-encoding": "br" });
    assert.is(br.headers.get("content-encoding"), "br");
    const unpacked = brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString();
    assert.is(fields(unpacked).csrf, a.csrf);
    assert.is(blank(unpacked), blank(firstHtml));
  } finally {
    t.close();
  }
});

test("a cached page without a form keeps one compressed copy per encoding, made once: every client that asks gets the same bytes, which unpack to the page", async () => {
  const t = await makeTestApp();
  try {
    const get = (encoding?: string) => t.app.request(paths.markets.list, { headers: encoding ? { "accept-encoding": encoding } : {} });
    await get(); // rendered and stored
    const plainHit = await get();
    assert.is(plainHit.headers.get("content-encoding"), null);
    const page = await plainHit.text();
    for (const [accept, encoding, unpack] of [["gzip, deflate, br", "br", brotliDecompressSync], ["gzip", "gzip", gunzipSync]] as const) {
      const one = await get(accept);
      const two = await get(accept);
      for (const r of [one, two]) {
        assert.is(r.headers.get("content-encoding"), encoding);
        assert.match(r.headers.get("vary") ?? "", "Accept-Encoding");
        assert.ok(r.headers.get("content-security-policy"), "security headers on a compressed hit");
        assert.ok(r.headers.get("x-request-id"));
      }
      const bytes = [Buffer.from(await one.arrayBuffer()), Buffer.from(await two.arrayBuffer())];
      assert.ok(bytes[0].equals(bytes[1]), `${encoding}: the same copy`);
      assert.is(unpack(bytes[0]).toString(), page);
      // The stored copy, at the stored level (not made again at the per-request level).
      assert.is(bytes[0].length, compressed(Buffer.from(page), encoding, true).length, encoding);
    }
    // A write empties the cache and its copies: the next copy is of the new page.
    await addMarket(t, { name: "丙街道零工驿站", tier: "station" });
    await t.deps.database.write(async () => undefined);
    const after = brotliDecompressSync(Buffer.from(await (await get("br")).arrayBuffer())).toString();
    assert.match(after, "丙街道零工驿站");
    assert.is(after, await (await get()).text());
  } finally {
    t.close();
  }
});

test("does not store a page longer than maxBody characters (exactly maxBody is kept)", async () => {
  const h = harness({ maxBody: 100 });
  await h.get("/long/100");
  await h.get("/long/100");
  assert.is(h.renders(), 1, "100 characters: kept");
  assert.is((await h.get("/long/101")).length, 101);
  await h.get("/long/101");
  assert.is(h.renders(), 3, "101 characters: rendered each time");
  assert.is(h.cache.size(), 1);
});

test("does not store a page marked no-store or private (Cache-Control), but does one marked otherwise", async () => {
  const h = harness();
  for (const value of ["no-store", "private, max-age=0"]) {
    h.resetRenders();
    await h.get(`/header/${encodeURIComponent(value)}`);
    await h.get(`/header/${encodeURIComponent(value)}`);
    assert.is(h.renders(), 2, value);
  }
  h.resetRenders();
  await h.get(`/header/${encodeURIComponent("public, max-age=60")}`);
  await h.get(`/header/${encodeURIComponent("public, max-age=60")}`);
  assert.is(h.renders(), 1, "public");
});

test("a time to live of 0 stores nothing", async () => {
  const h = harness({ ttlMs: 0 });
  await h.get("/page");
  assert.is(await h.get("/page"), "<p>render 2 big=false hx=</p>");
  assert.is(h.cache.size(), 0);
});

test("a page during whose render a write landed is answered but not kept", async () => {
  const h = harness();
  assert.is(await h.get("/written"), "<p>render 1</p>");
  assert.is(await h.get("/written"), "<p>render 2</p>");
  assert.is(h.cache.size(), 0);
});

test("visitors waiting on a render that cannot be kept each get a render of their own, with the right answer", async () => {
  const h = harness();
  const pages = await Promise.all(Array.from({ length: 4 }, () => h.get("/missing")));
  assert.is(h.renders(), 4);
  assert.ok(pages.every((p) => p === "<p>none</p>"), pages.join(" | "));
  h.resetRenders();
  const res = await Promise.all(Array.from({ length: 3 }, () => h.get("/page?i=1")));
  assert.is(h.renders(), 1);
  assert.ok(res.every((p) => p === "<p>i=1 render 1 big=false hx=</p>"), res.join(" | "));
});

test("htmx fragments for different targets are different pages; a POST is never stored", async () => {
  const h = harness();
  assert.is(await h.get("/page", { "hx-request": "true", "hx-target": "a" }), "<p>render 1 big=false hx=true</p>");
  assert.is(await h.get("/page", { "hx-request": "true", "hx-target": "b" }), "<p>render 2 big=false hx=true</p>");
  assert.is(await h.get("/page", { "hx-request": "true", "hx-target": "a" }), "<p>render 1 big=false hx=true</p>");
  h.resetRenders();
  await h.get("/page", {}, "POST");
  await h.get("/page", {}, "POST");
  assert.is(h.renders(), 2);
});

test("a write drops every stored page at once, not only the one asked for next", async () => {
  const h = harness();
  await h.get("/page?i=1");
  await h.get("/page?i=2");
  await h.get("/page?i=3");
  assert.is(h.cache.size(), 3);
  h.write();
  await h.get("/page?i=1");
  assert.is(h.cache.size(), 1, "the two others are gone, not left to expire");
});

test("a path that once read every parameter stays keyed by all of them", async () => {
  const h = harness();
  assert.is(await h.get("/mixed?i=all&x=1"), "<p>i=all1 render 1</p>");
  await h.get("/mixed?i=2&x=1");
  assert.is(h.renders(), 2);
  await h.get("/mixed?i=2&x=9");
  assert.is(h.renders(), 3, "x is part of the key: the page once read it");
  await h.get("/mixed?i=2&x=9");
  assert.is(h.renders(), 3);
});

test("the shapes learnt per path are bounded (4 × maxEntries): the oldest path's is forgotten and it is keyed by every parameter again", async () => {
  const h = harness({ maxEntries: 1 });
  await h.get("/page?i=1");
  await h.get("/page?i=1&junk=1");
  assert.is(h.renders(), 1, "shape learnt: junk is ignored");
  // Four more paths are learnt (none stored: no-store), pushing /page's shape out; its page stays stored.
  for (const v of ["no-store", "no-store, a", "no-store, b", "no-store, c"]) await h.get(`/header/${encodeURIComponent(v)}`);
  assert.is(h.cache.size(), 1);
  assert.is(h.renders(), 5);
  await h.get("/page?i=1&junk=2");
  assert.is(h.renders(), 6, "keyed by every parameter until the next render teaches the shape again");
  await h.get("/page?i=1&junk=3");
  assert.is(h.renders(), 6);
});

// Added after the Stryker run on this module (docs/testing.md, "Mutation testing").
function bareApp() {
  let renders = 0;
  const cache = pageCache({ ttlMs: 1000, generation: () => 0, now: () => 0 });
  const app = new Hono<AppEnv>();
  app.use(cache);
  app.get("/h", (c) => {
    renders++;
    c.header("x-frame-options", "DENY");
    return c.html(`<p>render ${renders}</p>`);
  });
  // Reads every parameter through c.req.queries() with no name, as a page may.
  app.get("/queries", (c) => {
    renders++;
    return c.html(`<p>render ${renders} ${JSON.stringify(c.req.queries())}</p>`);
  });
  // Reads every value of "a".
  app.get("/values", (c) => {
    renders++;
    return c.html(`<p>render ${renders} ${(c.req.queries("a") ?? []).join("|")}</p>`);
  });
  return { app, cache, renders: () => renders };
}

test("a page served from the cache keeps its headers (type and the handler's own), the first answer too", async () => {
  const b = bareApp();
  for (const expected of ["<p>render 1</p>", "<p>render 1</p>"]) {
    const res = await b.app.request("/h");
    assert.is(await res.text(), expected);
    assert.is(res.headers.get("content-type"), "text/html; charset=UTF-8");
    assert.is(res.headers.get("x-frame-options"), "DENY");
  }
});

test("clear() empties the cache: the next visit renders again", async () => {
  const b = bareApp();
  await b.app.request("/h");
  assert.is(b.cache.size(), 1);
  b.cache.clear();
  assert.is(b.cache.size(), 0);
  assert.is(await (await b.app.request("/h")).text(), "<p>render 2</p>");
});

test("a page that reads c.req.queries() with no name is keyed by every parameter", async () => {
  const b = bareApp();
  assert.is(await (await b.app.request("/queries?a=1")).text(), '<p>render 1 {"a":["1"]}</p>');
  assert.is(await (await b.app.request("/queries?a=2")).text(), '<p>render 2 {"a":["2"]}</p>');
  assert.is(await (await b.app.request("/queries?b=1&a=1")).text(), '<p>render 3 {"b":["1"],"a":["1"]}</p>');
  assert.is(await (await b.app.request("/queries?a=1")).text(), '<p>render 1 {"a":["1"]}</p>');
});

test("repeated values of a parameter are kept apart in the key: a=1&a=2 is not a=12", async () => {
  const b = bareApp();
  assert.is(await (await b.app.request("/values?a=1&a=2")).text(), "<p>render 1 1|2</p>");
  assert.is(await (await b.app.request("/values?a=12")).text(), "<p>render 2 12</p>");
  assert.is(await (await b.app.request("/values?a=1&a=2")).text(), "<p>render 1 1|2</p>");
});

test("the shapes bound is exact: 4 × maxEntries paths keep every shape; a forgotten shape never serves another query's page", async () => {
  const h = harness({ maxEntries: 1 });
  await h.get("/page?i=1");
  for (const v of ["no-store", "no-store, a", "no-store, b"]) await h.get(`/header/${encodeURIComponent(v)}`);
  assert.is(h.renders(), 4);
  assert.is(await h.get("/page?i=1&junk=1"), "<p>i=1 render 1 big=false hx=</p>", "4 paths: /page's shape is still known, junk ignored");
  const g = harness({ maxEntries: 1 });
  assert.is(await g.get("/page"), "<p>render 1 big=false hx=</p>");
  for (const v of ["no-store", "no-store, a", "no-store, b", "no-store, c"]) await g.get(`/header/${encodeURIComponent(v)}`);
  assert.is(await g.get("/page?i=5"), "<p>i=5 render 6 big=false hx=</p>", "shape forgotten: keyed by every parameter, so not the page without i");
});

test("parameters stay apart in the key: a=x&ab=y is not a=xa&b=y", async () => {
  const h = harness();
  assert.is(await h.get("/all?a=x&ab=y"), '<p>render 1 {"a":"x","ab":"y"}</p>');
  assert.is(await h.get("/all?a=xa&b=y"), '<p>render 2 {"a":"xa","b":"y"}</p>');
  assert.is(await h.get("/all?a=x&ab=y"), '<p>render 1 {"a":"x","ab":"y"}</p>');
});

/**
 * The cache as app.tsx mounts it: a request id per request (http.ts) and `hitHeaders`, so a hit is built whole
 * from the stored bytes. Without `hitHeaders` (or without an id) a hit is the plain stored response.
 */
function wholeApp(opts: { hitHeaders?: boolean; maxEntries?: number } = {}) {
  let renders = 0;
  let ids = 0;
  const cache = pageCache({
    ttlMs: 1000,
    generation: () => 0,
    now: () => 0,
    maxEntries: opts.maxEntries,
    hitHeaders: opts.hitHeaders === false ? undefined : (h) => h.set("x-added", "yes"),
  });
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("requestId", `req${++ids}`);
    await next();
  });
  app.use(cache);
  // Exactly n bytes of ASCII text.
  app.get("/bytes/:n", (c) => {
    renders++;
    return c.html("x".repeat(Number(c.req.param("n"))));
  });
  // Reads "b" when the URL has it, else "a" (the choice made without noting a read, as readQuery does).
  app.get("/which", (c) => {
    renders++;
    const name = untrackedQueries(c).b ? "b" : "a";
    return c.html(`<p>${name}=${c.req.query(name)} render ${renders}</p>`);
  });
  // Reads "a" and "l"; with a=all, every parameter.
  app.get("/al", (c) => {
    renders++;
    const a = c.req.query("a");
    const rest = a === "all" ? JSON.stringify(c.req.query()) : `l=${c.req.query("l")}`;
    return c.html(`<p>a=${a} ${rest} render ${renders}</p>`);
  });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const text = async (path: string) => (await get(path)).text();
  return { get, text, cache, renders: () => renders };
}

test("a hit under COMPRESS_MIN_BYTES goes out as it is; one of exactly that size is compressed", async () => {
  const w = wholeApp();
  const gzip = { "accept-encoding": "gzip" };
  for (const [n, encoding] of [[COMPRESS_MIN_BYTES - 1, null], [COMPRESS_MIN_BYTES, "gzip"]] as const) {
    await w.get(`/bytes/${n}`); // rendered and stored
    const hit = await w.get(`/bytes/${n}`, gzip);
    assert.is(hit.headers.get("content-encoding"), encoding, `${n} bytes`);
    const body = Buffer.from(await hit.arrayBuffer());
    assert.is((encoding ? gunzipSync(body) : body).toString(), "x".repeat(n));
    assert.is(hit.headers.get("x-added"), "yes", "built from the stored hit headers");
  }
  assert.is(w.renders(), 2);
});

test("what a stored page counts against maxTotal: its characters and its bytes, then each compressed copy once, when it is made", async () => {
  const w = wholeApp();
  await w.get("/bytes/700");
  assert.is(w.cache.chars(), 700 + 700, "700 characters + 700 bytes");
  const gz = compressed(Buffer.from("x".repeat(700)), "gzip", true).length;
  for (let i = 0; i < 2; i++) {
    const hit = await w.get("/bytes/700", { "accept-encoding": "gzip" });
    assert.is(hit.headers.get("content-encoding"), "gzip");
    assert.is(w.cache.chars(), 1400 + gz, `after gzip hit ${i + 1}: the copy counted once`);
  }
  const br = compressed(Buffer.from("x".repeat(700)), "br", true).length;
  await w.get("/bytes/700", { "accept-encoding": "br" });
  assert.is(w.cache.chars(), 1400 + gz + br);
});

test("a stored page with a form counts its characters and the bytes of its parts (the placeholders cut out)", async () => {
  const cache = pageCache({ ttlMs: 1000, generation: () => 0, now: () => 0, hitHeaders: () => undefined });
  const app = new Hono<AppEnv>();
  // The visitor's token (anonymousCsrf) needs only the app's secret and whether it is served over HTTPS.
  app.use(async (c, next) => {
    c.set("deps", { secret: "test secret", config: { https: false } } as never);
    await next();
  });
  app.use(cache);
  const page = (token: string) => `<form method="post"><input name="_csrf" value="${token}"><input name="_once" value="${ONCE_PLACEHOLDER}"><p>报名</p></form>`;
  app.get("/form", (c) => c.html(page(c.get("csrfToken"))));
  await app.request("/form");
  assert.is(cache.size(), 1);
  const raw = page(CSRF_PLACEHOLDER);
  const parts = Buffer.byteLength(raw) - CSRF_PLACEHOLDER.length - ONCE_PLACEHOLDER.length;
  assert.is(cache.chars(), raw.length + parts);
});

test("without hit headers a hit is the plain stored response, also when the request has an id", async () => {
  const w = wholeApp({ hitHeaders: false });
  await w.get("/bytes/10");
  const hit = await w.get("/bytes/10");
  assert.is(w.renders(), 1);
  assert.is(await hit.text(), "x".repeat(10));
  assert.is(hit.headers.get("content-type"), "text/html; charset=UTF-8");
  assert.is(hit.headers.get("x-added"), null);
});

test("keys are kept for query strings up to 512 characters, not longer; at most 4 × maxEntries of them, the oldest dropped", async () => {
  const w = wholeApp({ maxEntries: 2 });
  const q = (n: number, c = "y") => "q=" + c.repeat(n - 2);
  await w.get(`/bytes/10?${q(512)}`);
  assert.is(w.cache.keys(), 1, "512 characters: kept");
  await w.get(`/bytes/10?${q(513)}`);
  assert.is(w.cache.keys(), 1, "513: not kept");
  for (let i = 0; i < 7; i++) await w.get(`/bytes/10?n=${i}`);
  assert.is(w.cache.keys(), 8, "exactly 4 × 2");
  await w.get(`/bytes/10?n=7`);
  assert.is(w.cache.keys(), 8, "one more: the oldest dropped");
  assert.is(w.renders(), 1, "the page reads no parameter: one render for all of them");
});

test("a render that reads a name the path's shape lacks grows the shape, even when it reads none of the known ones", async () => {
  const { text } = wholeApp();
  assert.is(await text("/which?a=1"), "<p>a=1 render 1</p>");
  assert.is(await text("/which?b=1"), "<p>b=1 render 2</p>");
  assert.is(await text("/which?b=2"), "<p>b=2 render 3</p>", "b is in the shape now: not the page of b=1");
  assert.is(await text("/which?b=1"), "<p>b=1 render 2</p>");
});

test("a render that reads every parameter makes the shape 'all', whatever names the shape held (the word is not a list of letters)", async () => {
  const { text } = wholeApp();
  assert.is(await text("/al?a=1&l=1"), "<p>a=1 l=1 render 1</p>");
  assert.is(await text("/al?a=all&x=1"), '<p>a=all {"a":"all","x":"1"} render 2</p>');
  assert.is(await text("/al?a=all&x=2"), '<p>a=all {"a":"all","x":"2"} render 3</p>', "keyed by x too now");
  assert.is(await text("/al?a=all&x=1"), '<p>a=all {"a":"all","x":"1"} render 2</p>');
});

test.run();
