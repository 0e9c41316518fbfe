// The authorization matrix, part 1: the route table is complete, and every
// GET route as every role (see matrix.ts; the POSTs are in
// authz.post-1.test.ts and authz.post-2.test.ts).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { access } from "./access.ts";
import { appRoutes } from "./world.ts";
import { matrix, outcome, partOf } from "./matrix.ts";

export { outcome };

const world = matrix("get");

test("every route of the app is in the access table, and the table names no route the app lacks", () => {
  const routes = appRoutes(world().t.app).map((r) => `${r.method} ${r.path}`);
  const missing = routes.filter((k) => !(k in access));
  const stale = Object.keys(access).filter((k) => !routes.includes(k));
  assert.equal(missing, [], `routes without an entry in test/security/access.ts: ${missing.join(", ")}`);
  assert.equal(stale, [], `entries in test/security/access.ts for routes the app no longer has: ${stale.join(", ")}`);
});

test("the three matrix files together call every route: the GETs here, the POSTs in two halves", () => {
  const routes = appRoutes(world().t.app);
  const parts = [...partOf(routes, "get"), ...partOf(routes, "post-1"), ...partOf(routes, "post-2")].map((r) => `${r.method} ${r.path}`);
  assert.equal(parts.sort(), routes.map((r) => `${r.method} ${r.path}`).sort());
});

test("the outcome of a call: 404 or (signed out) the login page is a refusal; a 500 or a CSRF 403 is broken", () => {
  assert.is(outcome("sA", { status: 404, location: null }), "deny");
  assert.is(outcome("anon", { status: 303, location: "/login?next=%2Fdesk" }), "deny");
  assert.is(outcome("w1", { status: 303, location: "/login" }), "ok", "a signed-in user sent to the login page (after logout) got through");
  assert.is(outcome("w1", { status: 422, location: null }), "ok");
  assert.is(outcome("w1", { status: 500, location: null }), "broken");
  assert.is(outcome("w1", { status: 403, location: null }), "broken");
});

test.run();
