// CSRF: every state-changing request needs the form token; cross-site posts
// are refused with a Chinese page, whether or not the browser sends Origin.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, signedIn, addUser, type TestApp } from "../helpers/app.ts";
import { paths } from "../../src/paths.ts";
import { createHash, createHmac } from "node:crypto";
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import { csrfTokenFor, keptSeedTokens } from "../../src/shared/csrf.ts";
import type { AppEnv } from "../../src/shared/context.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

const cases: [string, (token: string) => Record<string, string | null>, Record<string, string>][] = [
  ["no token", () => ({ _csrf: null }), {}],
  ["an empty token", () => ({ _csrf: "" }), {}],
  ["a token from another browser", () => ({ _csrf: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }), {}],
  ["the right token but a foreign Origin", (tok) => ({ _csrf: tok }), { origin: "https://evil.example" }],
  ["the right token but Sec-Fetch-Site cross-site", (tok) => ({ _csrf: tok }), { "sec-fetch-site": "cross-site" }],
  ["the right token but Origin null", (tok) => ({ _csrf: tok }), { origin: "null" }],
];

for (const [name, fields, headers] of cases) {
  test(`a signed-in POST with ${name} gets 403 and changes nothing`, async () => {
    const b = await signedIn(t, { role: "worker", pin: "112233" });
    await b.get(paths.accounts.me);
    const token = b.csrf;
    const r = await b.post(paths.accounts.logout, fields(token), { headers });
    assert.is(r.status, 403);
    assert.match(r.html, "页面已过期");
    assert.match(r.html, 'lang="zh-CN"');
    // Still signed in: the logout did not happen.
    assert.is((await b.get(paths.accounts.me)).status, 200);
  });
}

test("the same POST with the page's token and a same-site Origin works", async () => {
  const b = await signedIn(t, { role: "worker", pin: "112233" });
  await b.get(paths.accounts.me);
  const r = await b.post(paths.accounts.logout, {}, { headers: { origin: "http://localhost" } });
  assert.is(r.status, 303);
  assert.is((await b.get(paths.accounts.me)).status, 303, "logged out: /me redirects to login");
});

test("an anonymous form (login) also needs its token: without it 403", async () => {
  const b = t.client();
  await b.get(paths.accounts.login);
  const r = await b.post(paths.accounts.login, { _csrf: null, phone: "13800000000", secret: "123456" });
  assert.is(r.status, 403);
});

test("the token is bound to the session: after login the old anonymous token no longer works", async () => {
  const b = await signedIn(t, { role: "worker", pin: "112233" });
  const anon = t.client();
  await anon.get(paths.accounts.login);
  const r = await b.post(paths.accounts.logout, { _csrf: anon.csrf });
  assert.is(r.status, 403);
});

const seedOf = (setCookies: string[], name = "csrf") => setCookies.find((l) => l.startsWith(`${name}=`));
const tokenIn = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)![1];

/** A visitor who is not signed in, with her seed and token: POST /logout answers 303 when the CSRF check passes, 403 when it fails. */
async function anon(app: TestApp = t) {
  const b = app.client();
  await b.get(paths.accounts.login);
  return b;
}

/** The app in HTTPS mode behind a trusted proxy (one extra app for the tests that need either). */
let proxied: TestApp;
test.before(async () => {
  proxied = await makeTestApp({ env: { HTTPS: "true", TRUST_PROXY: "true" } });
});
test.after(() => proxied?.close());

test("the anonymous seed: a 22-character random cookie, HttpOnly, SameSite=Lax, Path=/, not Secure over plain HTTP; kept while it is well formed, replaced when it is not", async () => {
  const first = await t.app.request("http://localhost" + paths.accounts.login);
  const line = seedOf(first.headers.getSetCookie());
  assert.ok(line, "a first visit gets a seed");
  const seed = line!.split(";")[0].slice("csrf=".length);
  assert.match(seed, /^[\w-]{22}$/);
  assert.match(line!, /HttpOnly/);
  assert.match(line!, /SameSite=Lax/);
  assert.match(line!, /Path=\//);
  assert.not.match(line!, /Secure/);
  const token = tokenIn(await first.text());
  // The same seed: no new cookie, the same token, and the token works with it.
  const again = await t.app.request("http://localhost" + paths.accounts.login, { headers: { cookie: `csrf=${seed}` } });
  assert.is(seedOf(again.headers.getSetCookie()), undefined, "a good seed is kept");
  assert.is(tokenIn(await again.text()), token);
  const post = await t.app.request("http://localhost" + paths.accounts.logout, {
    method: "POST",
    headers: { cookie: `csrf=${seed}`, "content-type": "application/x-www-form-urlencoded" },
    body: `_csrf=${encodeURIComponent(token)}`,
  });
  assert.is(post.status, 303, "the seed's token is accepted");
  // Malformed seeds are not trusted: too short, too long, a character outside [A-Za-z0-9_-], junk before a good one.
  for (const bad of [seed.slice(1), seed + "A", seed.slice(1) + "!", "!" + seed, seed + "\n" + seed]) {
    const r = await t.app.request("http://localhost" + paths.accounts.login, { headers: { cookie: `csrf=${encodeURIComponent(bad)}` } });
    assert.ok(seedOf(r.headers.getSetCookie()), `seed ${JSON.stringify(bad)} is replaced`);
    assert.is.not(tokenIn(await r.text()), token);
  }
});

test("over HTTPS the seed is __Host-csrf and Secure, and a plain csrf cookie is not used", async () => {
  const r = await proxied.app.request("https://localhost" + paths.accounts.login);
  const line = seedOf(r.headers.getSetCookie(), "__Host-csrf");
  assert.ok(line, r.headers.getSetCookie().join(" | "));
  assert.match(line!, /Secure/);
  assert.match(line!, /HttpOnly/);
  const seed = line!.split(";")[0].slice("__Host-csrf=".length);
  const kept = await proxied.app.request("https://localhost" + paths.accounts.login, { headers: { cookie: `__Host-csrf=${seed}` } });
  assert.is(seedOf(kept.headers.getSetCookie(), "__Host-csrf"), undefined);
  const plain = await proxied.app.request("https://localhost" + paths.accounts.login, { headers: { cookie: `csrf=${seed}` } });
  assert.ok(seedOf(plain.headers.getSetCookie(), "__Host-csrf"), "the non-__Host- name is ignored over HTTPS");
});

test("the token may come in the X-CSRF-Token header (htmx): a right header passes without a field; a wrong header fails even beside a right field", async () => {
  const b = await anon();
  const token = b.csrf;
  assert.is((await b.post(paths.accounts.logout, { _csrf: "x".repeat(43) }, { headers: { "x-csrf-token": "y".repeat(43) } })).status, 403);
  assert.is((await b.post(paths.accounts.logout, { _csrf: token }, { headers: { "x-csrf-token": "y".repeat(43) } })).status, 403);
  assert.is((await b.post(paths.accounts.logout, { _csrf: null }, { headers: { "x-csrf-token": token } })).status, 303);
});

test("form bodies: url-encoded with a charset and multipart carry the token; JSON, or a file named _csrf, do not", async () => {
  const b = await anon();
  const post = async (contentType: string, body: string) => (await b.request("POST", paths.accounts.logout, body.replaceAll("TOKEN", b.csrf), contentType)).status;
  assert.is(await post("application/x-www-form-urlencoded; charset=UTF-8", "_csrf=TOKEN"), 303);
  const mp = (part: string) => `--XyZ\r\n${part}\r\n--XyZ--\r\n`;
  assert.is(await post("multipart/form-data; boundary=XyZ", mp('Content-Disposition: form-data; name="_csrf"\r\n\r\nTOKEN')), 303);
  assert.is(
    await post("multipart/form-data; boundary=XyZ", mp('Content-Disposition: form-data; name="_csrf"; filename="t.txt"\r\nContent-Type: text/plain\r\n\r\nTOKEN')),
    403,
    "a file is not a token",
  );
  // Refused either by the body-type check in front (415) or here (403).
  for (const [type, body] of [["application/json", '{"_csrf":"TOKEN"}'], ["text/plain", "_csrf=TOKEN"]]) {
    const status = await post(type, body);
    assert.ok(status === 403 || status === 415, `${type}: ${status}`);
  }
});

test("Origin: the same host passes (Host header, or X-Forwarded-Host only behind a trusted proxy); an Origin that is not a URL fails", async () => {
  const tryWith = async (headers: Record<string, string>, app = t) => (await (await anon(app)).post(paths.accounts.logout, {}, { headers })).status;
  assert.is(await tryWith({ origin: "http://market.example", host: "market.example" }), 303, "Origin matches the Host header");
  assert.is(await tryWith({ origin: "http://localhost", host: "market.example" }), 403, "the Host header, not the URL, decides when it is sent");
  assert.is(await tryWith({ origin: "not a url" }), 403);
  assert.is(await tryWith({ origin: "https://market.example", "x-forwarded-host": "market.example" }), 403, "X-Forwarded-Host is ignored without TRUST_PROXY");
  assert.is(await tryWith({ "sec-fetch-site": "same-origin" }), 303);
  assert.is(await tryWith({ origin: "https://market.example", "x-forwarded-host": "market.example" }, proxied), 303, "behind a trusted proxy");
  assert.is(await tryWith({ origin: "https://evil.example", "x-forwarded-host": "market.example" }, proxied), 403);
  assert.is(await tryWith({ origin: "http://localhost" }, proxied), 303, "no X-Forwarded-Host: the request's own host");
});

test("not checked: OPTIONS (a preflight changes nothing) and the API's POSTs (no session there; SMS callbacks prove themselves by their secret)", async () => {
  const b = await signedIn(t, { role: "worker", pin: "556677" });
  await b.get(paths.accounts.me);
  const opt = await b.request("OPTIONS", paths.accounts.logout);
  assert.is.not(opt.status, 403);
  assert.not.match(opt.html, "页面已过期");
  // With a form's body type it gets past the body-type check in front (415) to this one, which lets it by.
  const optForm = await b.request("OPTIONS", paths.accounts.logout, "", "application/x-www-form-urlencoded");
  assert.is.not(optForm.status, 403);
  assert.is.not(optForm.status, 415);
  const api = await t.client().request("POST", "/api/sms/not-the-secret/tencent/report", "{}", "application/json");
  assert.is(api.status, 404, "no token, no secret: 404, not the CSRF page");
  assert.is((await b.get(paths.accounts.me)).status, 200);
});

test("a visitor with no seed at all who posts is refused, and the refusal gives her a seed, so the next form works", async () => {
  const r = await t.app.request("http://localhost" + paths.accounts.logout, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "_csrf=x" });
  assert.is(r.status, 403);
  const line = seedOf(r.headers.getSetCookie());
  assert.ok(line, "a seed comes with the refusal");
  const seed = line!.split(";")[0].slice("csrf=".length);
  assert.match(seed, /^[\w-]{22}$/);
  assert.match(line!, /HttpOnly/);
  // The seed is kept by the next page, whose token then passes.
  const page = await t.app.request("http://localhost" + paths.accounts.login, { headers: { cookie: `csrf=${seed}` } });
  assert.is(seedOf(page.headers.getSetCookie()), undefined);
  const ok = await t.app.request("http://localhost" + paths.accounts.logout, {
    method: "POST",
    headers: { cookie: `csrf=${seed}`, "content-type": "application/x-www-form-urlencoded" },
    body: `_csrf=${encodeURIComponent(tokenIn(await page.text()))}`,
  });
  assert.is(ok.status, 303);
});

test("after login the same browser's anonymous token (from the login page) no longer works: the token is the session's now", async () => {
  const u = await addUser(t, { role: "worker", pin: "667788" });
  const b = t.client();
  await b.get(paths.accounts.login);
  const anonToken = b.csrf;
  await b.post(paths.accounts.login, { phone: u.phone, secret: u.password });
  assert.ok(b.cookies.has("sid"), "signed in");
  assert.is((await b.post(paths.accounts.logout, { _csrf: anonToken })).status, 403);
  assert.is((await b.get(paths.accounts.me)).status, 200, "still signed in");
  assert.is.not(b.csrf, anonToken);
  assert.is((await b.post(paths.accounts.logout, {})).status, 303);
});

test("HEAD is not checked, like GET; a body that cannot be parsed is a refusal (403), not a 500", async () => {
  const head = await t.app.request("http://localhost" + paths.accounts.login, { method: "HEAD" });
  assert.is(head.status, 200);
  const b = await anon();
  const broken = await b.request("POST", paths.accounts.logout, "--nope\r\nno headers here", "multipart/form-data; boundary=XyZ");
  assert.is(broken.status, 403);
});

// Written out with node:crypto, not with the app's helpers: HMAC-SHA256 of the
// secret, base64url; a session hash is the SHA-256 of the session id, base64url.
const hmacOf = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("base64url");
const sha256Of = (text: string) => createHash("sha256").update(text).digest("base64url");

test("the two kinds of token are kept apart: signed in HMAC(secret, \"s:\" + session hash), signed out HMAC(secret, \"a:\" + seed)", async () => {
  const b = await signedIn(t, { role: "worker", pin: "445566" });
  await b.get(paths.accounts.me);
  assert.is(b.csrf, hmacOf(t.deps.secret, "s:" + sha256Of(b.cookies.get("sid")!)));
  const a = await anon();
  assert.is(a.csrf, hmacOf(t.deps.secret, "a:" + a.cookies.get("csrf")!));
});

test("csrfTokenFor keeps the cookies the response already sets: a new seed is added beside them, a kept seed removes none", async () => {
  // No route of the app sets a cookie before the token is made today; a
  // handler that sets a flash (or any cookie) and then asks for the token must
  // not lose it.
  const secret = "x".repeat(32);
  const mini = new Hono<AppEnv>();
  mini.use(async (c, next) => {
    c.set("deps", { secret, config: { https: false } } as unknown as AppEnv["Variables"]["deps"]);
    c.set("sessionHash", null);
    await next();
  });
  mini.get("/", (c) => {
    setCookie(c, "flash", "hi", { path: "/" });
    return c.text(csrfTokenFor(c));
  });
  const fresh = await mini.request("/");
  const lines = fresh.headers.getSetCookie();
  assert.is(lines.length, 2, lines.join(" | "));
  assert.is(lines[0], "flash=hi; Path=/");
  const seed = seedOf(lines)!.split(";")[0].slice("csrf=".length);
  assert.is(await fresh.text(), hmacOf(secret, "a:" + seed));
  const kept = await mini.request("/", { headers: { cookie: `csrf=${seed}` } });
  assert.equal(kept.headers.getSetCookie(), ["flash=hi; Path=/"]);
  assert.is(await kept.text(), hmacOf(secret, "a:" + seed));
});

// An app whose deps the test holds, to see which tokens are kept: a secret never changes in an app's life,
// so changing it here shows whether a token was signed again or served from the memo.
function seedApp() {
  const deps = { secret: "k".repeat(32), config: { https: false } } as unknown as AppEnv["Variables"]["deps"];
  const mini = new Hono<AppEnv>();
  mini.use(async (c, next) => {
    c.set("deps", deps);
    c.set("sessionHash", null);
    await next();
  });
  mini.get("/", (c) => c.text(csrfTokenFor(c)));
  const get = async (seed?: string) => {
    const res = await mini.request("/", seed ? { headers: { cookie: `csrf=${seed}` } } : {});
    const line = seedOf(res.headers.getSetCookie());
    return { token: await res.text(), seed: line?.split(";")[0].slice("csrf=".length) };
  };
  return { deps, get };
}

test("a returning visitor's token is kept per seed (issue #20: no HMAC per page): exactly HMAC(secret, \"a:\" + seed), signed once", async () => {
  const { deps, get } = seedApp();
  const first = deps.secret;
  const seed = "A".repeat(22);
  const kept = await get(seed);
  assert.is(kept.seed, undefined, "a well-formed seed is kept, no new cookie");
  assert.is(kept.token, hmacOf(first, "a:" + seed));
  assert.is(keptSeedTokens(deps), 1);
  (deps as { secret: string }).secret = "j".repeat(32);
  assert.is((await get(seed)).token, hmacOf(first, "a:" + seed), "served from the memo, not signed again");
  assert.is(keptSeedTokens(deps), 1, "one entry per seed");
  const other = "B".repeat(22);
  assert.is((await get(other)).token, hmacOf(deps.secret, "a:" + other), "another seed is signed (with the app's secret)");
  assert.is(keptSeedTokens(deps), 2);
});

test("a new seed's token is kept as it is handed out: her next page signs nothing; a malformed seed is not kept", async () => {
  const { deps, get } = seedApp();
  const first = deps.secret;
  const fresh = await get();
  assert.ok(fresh.seed && /^[\w-]{22}$/.test(fresh.seed));
  assert.is(fresh.token, hmacOf(first, "a:" + fresh.seed));
  assert.is(keptSeedTokens(deps), 1);
  (deps as { secret: string }).secret = "j".repeat(32);
  const next = await get(fresh.seed);
  assert.is(next.seed, undefined);
  assert.is(next.token, fresh.token);
  const bad = await get("short");
  assert.ok(bad.seed && bad.seed !== "short", "a malformed seed is replaced");
  assert.is(keptSeedTokens(deps), 2, "the replacement is kept, the malformed one is not");
});

test("the kept seed tokens are bounded: 10,000, emptied when full (made-up seeds cost memory up to the bound)", async () => {
  const { deps, get } = seedApp();
  const seedN = (n: number) => n.toString(36).padStart(22, "0");
  for (let n = 0; n < 10_000; n++) await get(seedN(n));
  assert.is(keptSeedTokens(deps), 10_000);
  await get(seedN(0));
  assert.is(keptSeedTokens(deps), 10_000, "a kept seed adds nothing");
  const last = await get(seedN(10_000));
  assert.is(keptSeedTokens(deps), 1, "full: emptied, then the new one kept");
  assert.is(last.token, hmacOf(deps.secret, "a:" + seedN(10_000)));
  await get();
  assert.is(keptSeedTokens(deps), 2);
});

test.run();
