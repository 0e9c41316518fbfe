// The app shell: headers, error pages, static files, compression, large text,
// body limits, and /healthz.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { makeTestApp, signedIn, addMarket, Browser, type TestApp } from "../helpers/app.ts";
import { declaredLength, MAX_BODY_BYTES, urlencodedForm, mediaTypeOf } from "../../src/app.tsx";
import { paths } from "../../src/paths.ts";
import { asset } from "../../src/shared/static.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
  // A route that fails, to see what a user gets from an unexpected error.
  t.app.get("/__boom", () => {
    throw new Error("secret internals at /srv/app.ts:42");
  });
});
test.after(() => t.close());

test("every page has the security headers: CSP without inline script, no framing, nosniff, referrer policy", async () => {
  const r = await t.app.request("/");
  const csp = r.headers.get("content-security-policy") ?? "";
  assert.match(csp, "script-src 'self'");
  assert.not.match(csp, "unsafe-inline");
  assert.match(csp, "frame-ancestors 'none'");
  assert.is(r.headers.get("x-content-type-options"), "nosniff");
  assert.is(r.headers.get("referrer-policy"), "same-origin");
});

test("the page shell: lang, viewport, skip link, numbered menu with access keys, hotline as a tel: link", async () => {
  const html = await (await t.app.request("/")).text();
  assert.match(html, '<html lang="zh-CN"');
  assert.match(html, 'name="viewport"');
  assert.match(html, 'href="#main"');
  for (let k = 1; k <= 9; k++) assert.match(html, `accesskey="${k}"`);
  assert.match(html, `href="tel:${t.deps.config.hotline}"`);
  assert.match(html, /<script src="\/static\/htmx\.min\.js\?v=[\w-]+" defer/);
});

test("我要招工 in the menu and on the home page leads where this person can post: visitors and employers to the posting form, staff to the desk's 代雇主招工, a worker (who cannot post) to her own sign-ups", async () => {
  const marketId = await addMarket(t);
  const who = {
    visitor: t.client(),
    employer: await signedIn(t, { role: "employer" }),
    worker: await signedIn(t, { role: "worker", pin: "246810" }),
    staff: await signedIn(t, { role: "staff", marketId }),
    admin: await signedIn(t, { role: "city_admin" }),
  };
  const post = [paths.jobs.new, "我要招工"];
  const desk = [paths.desk.postJob, "代雇主招工"];
  const want = { visitor: post, employer: post, worker: [paths.jobs.applications, "我报名的活"], staff: desk, admin: desk };
  for (const [role, b] of Object.entries(who)) {
    const html = (await b.get("/")).html;
    const item2 = html.match(/<a href="([^"]*)" accesskey="2"><span class="k" aria-hidden="true">2<\/span>([^<]*)<\/a>/);
    assert.is(item2?.[1], want[role as keyof typeof want][0], `${role}: menu item 2`);
    assert.is(item2?.[2], want[role as keyof typeof want][1], `${role}: menu item 2's words`);
    // Every link on the home page opens for this person (no "页面不存在" at the end of one).
    for (const href of new Set([...html.matchAll(/<a\b[^>]*?\shref="(\/[^"#]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&")))) {
      if (href.startsWith(paths.textSize)) continue;
      const r = await b.get(href);
      assert.ok(r.status < 400, `${role}: ${href} answered ${r.status}`);
    }
  }
  assert.not.match((await who.worker.get("/")).html, `href="${paths.jobs.quick}"`);
});

test("an unknown page gets a Chinese 404 page", async () => {
  const r = await t.app.request("/no/such/page");
  assert.is(r.status, 404);
  assert.match(await r.text(), "没有找到这个页面");
});

test("an unexpected error gets a Chinese 500 page with no stack trace, and a structured log line", async () => {
  const r = await t.app.request("/__boom");
  assert.is(r.status, 500);
  const html = await r.text();
  assert.match(html, "系统出了点问题");
  assert.not.match(html, "secret internals");
  assert.not.match(html, "/srv/app.ts");
  const line = t.logs.map((l) => JSON.parse(l)).find((l) => l.msg === "unhandled");
  assert.ok(line, "an error log line");
  assert.is(line.level, "error");
});

test("static files: hashed URLs are cached for a year, and served compressed", async () => {
  const url = asset("app.css");
  const r = await t.app.request(url, { headers: { "accept-encoding": "gzip, br" } });
  assert.is(r.status, 200);
  assert.match(r.headers.get("cache-control")!, "immutable");
  assert.is(r.headers.get("content-encoding"), "br");
  const css = brotliDecompressSync(Buffer.from(await r.arrayBuffer())).toString();
  assert.match(css, "font-size:18px");
  const htmx = await t.app.request(asset("htmx.min.js"));
  assert.is(htmx.status, 200);
  assert.match(htmx.headers.get("content-type")!, "javascript");
  const stale = await t.app.request("/static/app.css?v=old");
  assert.not.match(stale.headers.get("cache-control")!, "immutable");
  assert.is((await t.app.request("/static/../package.json")).status, 404);
});

test("HTML is gzip- or brotli-compressed when the browser accepts it", async () => {
  const gz = await t.app.request("/", { headers: { "accept-encoding": "gzip" } });
  assert.is(gz.headers.get("content-encoding"), "gzip");
  assert.match(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), "<html");
  const br = await t.app.request("/", { headers: { "accept-encoding": "gzip, deflate, br" } });
  assert.is(br.headers.get("content-encoding"), "br");
  const plain = await t.app.request("/");
  assert.is(plain.headers.get("content-encoding"), null);
});

test("大字 mode is a plain link that sets a cookie and comes back; no JavaScript needed", async () => {
  const b = t.client();
  const r = await b.get(`${paths.textSize}?big=1&back=${encodeURIComponent(paths.accounts.login)}`);
  assert.is(r.status, 303);
  assert.is(r.location, paths.accounts.login);
  const page = await b.get(paths.accounts.login);
  assert.match(page.html, '<html lang="zh-CN" class="big"');
  assert.match(page.html, "正常字");
  const off = await b.get(`${paths.textSize}?big=0&back=/`);
  assert.is(off.location, "/");
  assert.not.match((await b.get("/")).html, 'class="big"');
});

test("the text-size link never redirects off the site", async () => {
  for (const back of ["//evil.example", "https://evil.example", "/\\evil.example"]) {
    const r = await t.app.request(`${paths.textSize}?big=1&back=${encodeURIComponent(back)}`);
    assert.is(r.headers.get("location"), "/");
  }
});

test("a body over the limit is refused with 413 and a Chinese message", async () => {
  const b = t.client();
  await b.get(paths.accounts.login);
  const r = await b.post(paths.accounts.login, { phone: "13812345678", secret: "x".repeat(200_000) });
  assert.is(r.status, 413);
  assert.match(r.html, "内容太多");
});

test("a form with a Content-Length is read without a look at the request's body stream, and judged by that length", async () => {
  // On the Node server that look (bodyLimit's `c.req.raw.body`) builds a whole undici Request and a web
  // stream over the socket for every POST (docs/performance.md, "Sign-ups, 2026-12-06"). Counted here on a
  // Request whose body getter tells when it is used; the length is sent as a browser sends it.
  let looks = 0;
  class Watched extends Request {
    override get body() {
      looks++;
      return super.body;
    }
  }
  const withLength = (chunked: boolean) => ({
    request: (input: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (typeof init.body === "string") headers.set(chunked ? "transfer-encoding" : "content-length", chunked ? "chunked" : String(Buffer.byteLength(init.body)));
      return t.app.fetch(new Watched(input, { ...init, headers }));
    },
  });
  const b = new Browser(withLength(false));
  await b.get(paths.accounts.login);
  const wrong = await b.post(paths.accounts.login, { phone: "13812345678", secret: "wrong-secret-1" });
  assert.is(wrong.status, 401, "the form was read: CSRF token and fields");
  assert.is(looks, 0);
  const big = await b.post(paths.accounts.login, { phone: "13812345678", secret: "x".repeat(MAX_BODY_BYTES) });
  assert.is(big.status, 413);
  assert.match(big.html, "内容太多");
  assert.is(looks, 0);
  // Without a length it can trust (chunked): bodyLimit counts the bytes, through the stream.
  const c = new Browser(withLength(true));
  await c.get(paths.accounts.login);
  assert.is((await c.post(paths.accounts.login, { phone: "13812345678", secret: "x".repeat(MAX_BODY_BYTES) })).status, 413);
  assert.ok(looks > 0);
});

test("urlencodedForm reads every body as undici's Response#formData() reads it", async () => {
  const enc = new TextEncoder();
  const bodies: (string | Uint8Array)[] = [
    "",
    "_csrf=abc&name=%E7%8E%8B%E7%A7%80%E8%8B%B1",
    "a=1&a=2&b=&=x&c",
    "q=%E4%BF%9D%E6%B4%81+%E5%AE%B6%E5%BA%AD&plus=1%2B1",
    "bad=%zz%E4%&half=%E4%BF&amp;=&&&",
    "\uFEFFbom=1",
    "line=a%0D%0Ab\r\nnext=2",
    "王秀英=是&full=１５０元",
    new Uint8Array([0x61, 0x3d, 0xff, 0xfe, 0x26, 0x62, 0x3d, 0xc3]), // bytes that are not UTF-8
    "x=" + "y".repeat(10_000),
  ];
  for (const body of bodies) {
    const bytes = typeof body === "string" ? enc.encode(body) : body;
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const theirs = await new Response(buf, { headers: { "content-type": "application/x-www-form-urlencoded" } }).formData();
    assert.equal([...urlencodedForm(buf)], [...theirs], JSON.stringify(typeof body === "string" ? body.slice(0, 40) : [...body]));
  }
  assert.is(mediaTypeOf("Application/X-WWW-Form-Urlencoded ; charset=UTF-8"), "application/x-www-form-urlencoded");
  assert.is(mediaTypeOf(undefined), undefined);
});

test("a url-encoded form is read without a Response built around it, once for the CSRF check, the key and the handler", async () => {
  let built = 0;
  const formData = Response.prototype.formData;
  Response.prototype.formData = function (this: Response) {
    built++;
    return formData.call(this);
  };
  try {
    const withLength = {
      request: (input: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        if (typeof init.body === "string") headers.set("content-length", String(Buffer.byteLength(init.body)));
        return t.app.fetch(new Request(input, { ...init, headers }));
      },
    };
    const b = new Browser(withLength);
    await b.get(paths.accounts.login);
    const wrong = await b.post(paths.accounts.login, { phone: "13812345679", secret: "wrong-secret-2" });
    assert.is(wrong.status, 401, "the CSRF token and the fields were read");
    assert.match(wrong.html, 'value="13812345679"', "the phone typed is kept on the form");
    assert.is(built, 0);
  } finally {
    Response.prototype.formData = formData;
  }
});

test("declaredLength: only digits, and never beside a Transfer-Encoding", () => {
  assert.is(declaredLength("0", undefined), 0);
  assert.is(declaredLength("65536", undefined), 65536);
  assert.is(declaredLength(undefined, undefined), null);
  assert.is(declaredLength("10", "chunked"), null);
  assert.is(declaredLength("-1", undefined), null);
  assert.is(declaredLength("1e6", undefined), null);
  assert.is(declaredLength(" 5", undefined), null);
  assert.is(declaredLength("1".repeat(16), undefined), null);
});

test("a POST that is not a form is refused with 415 and a Chinese message", async () => {
  const b = t.client();
  await b.get(paths.accounts.login);
  const r = await b.request("POST", paths.accounts.login, JSON.stringify({ phone: "1" }), "application/json");
  assert.is(r.status, 415);
  assert.match(r.html, "格式不对");
});

test("/healthz answers JSON with the DB checked", async () => {
  const r = await t.app.request(paths.healthz);
  assert.is(r.status, 200);
  const body = await r.json();
  assert.is(body.ok, true);
  assert.is(body.db, "ok");
});

test("the JSON API answers 404 as JSON", async () => {
  const r = await t.app.request("/api/v1/nothing-here");
  assert.is(r.status, 404);
  assert.equal(await r.json(), { error: "not_found" });
});

test("request logs are JSON lines without query strings", async () => {
  await t.app.request("/login?next=%2Fme&phone=13812345678");
  const line = t.logs.map((l) => JSON.parse(l)).reverse().find((l) => l.msg === "request");
  assert.is(line.path, "/login");
  assert.not.ok(t.logs.some((l) => l.includes("13812345678")));
});

test.run();
