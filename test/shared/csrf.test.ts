// CSRF: every state-changing request needs the form token; cross-site posts
// are refused with a Chinese page, whether or not the browser sends Origin.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, signedIn, type TestApp } from "../helpers/app.ts";
import { paths } from "../../src/paths.ts";

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

test.run();
