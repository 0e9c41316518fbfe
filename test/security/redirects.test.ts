// Redirects go only to this site's paths. Regression for issue #16: a TAB after
// the first slash of next=/back= sent a real browser off the site, and CR/LF
// there answered 500 (GET /text-size, GET /login signed in, POST /login).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { safeNext } from "../../src/paths.ts";
import { makeTestApp, addUser, type TestApp } from "../helpers/app.ts";

/** Where a browser would go: WHATWG URL parsing strips tabs and newlines and reads "\" as "/". */
function browserTarget(location: string): string {
  return new URL(location, "http://site.example/login").host;
}

const hostile = [
  "//evil.example/",
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/\r/evil.example/",
  "\t//evil.example",
  "/\\evil.example",
  "/\\\\evil.example",
  "\\/evil.example",
  "/%09/evil.example", // percent-encoded: harmless, but must not decode into a tab
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  "/\r\nSet-Cookie: a=b",
  "/\u0000/evil.example",
  "/\u00a0/evil.example",
  "/\u3000/evil.example",
  "/\u2028/evil.example",
  "/\ufeff/evil.example",
  "/\ud800x",
  "/" + "a".repeat(400),
  " /jobs",
  "",
];

test("safeNext: the table of hostile values stays on this site and is a valid header value", () => {
  for (const h of hostile) {
    const out = safeNext(h);
    assert.ok(out.startsWith("/") && !out.startsWith("//"), `${JSON.stringify(h)} → ${JSON.stringify(out)}`);
    assert.is(browserTarget(out), "site.example", `${JSON.stringify(h)} → ${out}`);
    assert.ok(/^[\x21-\x7e]+$/.test(out), `${JSON.stringify(h)} → ${JSON.stringify(out)} is not a plain header value`);
    new Headers({ location: out });
  }
  assert.is(safeNext("/\t/evil.example/"), "/");
  assert.is(safeNext("/\\evil.example"), "/");
  assert.is(safeNext("/%09/evil.example"), "/%09/evil.example");
});

test("safeNext: local paths people use survive, non-ASCII percent-encoded", () => {
  assert.is(safeNext("/jobs?county=411024&page=2"), "/jobs?county=411024&page=2");
  assert.is(safeNext("/desk#find"), "/desk#find");
  assert.is(safeNext("/jobs?q=木工"), "/jobs?q=%E6%9C%A8%E5%B7%A5");
  assert.is(safeNext(undefined), "/");
});

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

/** Percent-encoded; a lone surrogate goes as the bytes it would be (not UTF-8: the non-UTF-8 case). */
const enc = (s: string) => s.split(/([\ud800-\udfff])/).map((p) => (/^[\ud800-\udfff]$/.test(p) ? "%ED%A0%80" : encodeURIComponent(p))).join("");

test("GET /text-size?back= with a TAB, a backslash or CR/LF: a redirect to a local path, never a 500", async () => {
  for (const h of hostile) {
    const b = t.client();
    const r = await b.get(`/text-size?big=1&back=${enc(h)}`);
    assert.is(r.status, 303, JSON.stringify(h));
    assert.is(browserTarget(r.location!), "site.example", `${JSON.stringify(h)} → ${r.location}`);
  }
});

test("GET /login?next= signed in, and POST /login with next=: CR/LF and TABs never give a 500 or leave the site", async () => {
  const u = await addUser(t, { role: "worker", pin: "246810" });
  for (const h of hostile) {
    const b = t.client();
    await b.get(`/login?next=${enc(h)}`);
    const r = await b.post("/login", { phone: u.phone, secret: u.password, next: h });
    assert.is(r.status, 303, `POST /login next=${JSON.stringify(h)}: ${r.status}`);
    assert.is(browserTarget(r.location!), "site.example", `${JSON.stringify(h)} → ${r.location}`);
    const again = await b.get(`/login?next=${enc(h)}`);
    assert.is(again.status, 303, `GET /login signed in next=${JSON.stringify(h)}: ${again.status}`);
    assert.is(browserTarget(again.location!), "site.example", `${JSON.stringify(h)} → ${again.location}`);
  }
});

test("a flash message cut at 200 characters in the middle of an emoji does not throw", async () => {
  const { flash } = await import("../../src/shared/flash.ts");
  const headers = new Headers();
  const c = { var: { deps: { config: { https: false } } }, header: (k: string, v: string) => headers.append(k, v), res: { headers } } as never;
  // hono's setCookie calls c.header(); what matters here is that no URIError escapes.
  try {
    flash(c, "a".repeat(199) + "👷");
  } catch (e) {
    assert.not.instance(e, URIError);
  }
});

test.run();
