// The request's cookies parsed once (src/shared/cookies.ts): the same names and
// values as hono's getCookie, one parse per request, a new parse per request.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { cookieOf, cookiesOf } from "../../src/shared/cookies.ts";
import type { AppEnv } from "../../src/shared/context.ts";

test("as getCookie; the same object within a request, a new one for the next", async () => {
  const app = new Hono<AppEnv>();
  const seen: Readonly<Record<string, string>>[] = [];
  app.get("/", (c) => {
    const all = cookiesOf(c);
    assert.is(cookiesOf(c), all, "parsed once");
    assert.equal({ ...all }, { ...getCookie(c) });
    seen.push(all);
    return c.json({ sid: cookieOf(c, "sid") ?? null, big: cookieOf(c, "big") ?? null, none: cookieOf(c, "none") ?? null });
  });
  const r1 = await (await app.request("/", { headers: { cookie: "sid=abc; big=1; flash=%E5%B7%B2" } })).json();
  assert.equal(r1, { sid: "abc", big: "1", none: null });
  const r2 = await (await app.request("/", { headers: { cookie: "sid=xyz" } })).json();
  assert.equal(r2, { sid: "xyz", big: null, none: null });
  assert.is.not(seen[0], seen[1]);
  assert.is(seen[0].flash, "已");
  const r3 = await (await app.request("/")).json();
  assert.equal(r3, { sid: null, big: null, none: null });
});

test.run();
