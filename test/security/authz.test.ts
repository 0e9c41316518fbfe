// The authorization matrix: every route the app has (read from app.routes, so
// a new one cannot be forgotten), called as each of ten roles with ids that
// belong to someone else, against the table in access.ts. A refusal is a 404
// (or, signed out, a redirect to the login page) and changes nothing; a role
// the table allows gets through. POSTs by allowed roles run on a fresh copy of
// the world each, so one role's action cannot hide another's answer.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { access } from "./access.ts";
import type { Client } from "@libsql/client";
import {
  buildWorld, freshCopy, urlFor, appRoutes, changeCounts, changedTables, writableOnGet, auditedViews, roleKeys, roleNames, type World, type RoleKey,
} from "./world.ts";
import type { Browser } from "../helpers/app.ts";

let w: World;
test.before(async () => {
  w = await buildWorld();
});
test.after(() => w?.close());

type Seen = { status: number; location: string | null };

/** "deny" is a 404, or for a signed-out visitor the login page; anything else under 500 (and not a CSRF 403) got through. */
export function outcome(role: RoleKey, r: Seen): "ok" | "deny" | "broken" {
  if (r.status >= 500 || r.status === 403) return "broken";
  if (r.status === 404) return "deny";
  if (role === "anon" && r.status === 303 && (r.location ?? "").startsWith("/login")) return "deny";
  return "ok";
}

const describe = (r: Seen) => `${r.status}${r.location ? ` → ${r.location}` : ""}`;

test("every route of the app is in the access table, and the table names no route the app lacks", () => {
  const routes = appRoutes(w.t.app).map((r) => `${r.method} ${r.path}`);
  const missing = routes.filter((k) => !(k in access));
  const stale = Object.keys(access).filter((k) => !routes.includes(k));
  assert.equal(missing, [], `routes without an entry in test/security/access.ts: ${missing.join(", ")}`);
  assert.equal(stale, [], `entries in test/security/access.ts for routes the app no longer has: ${stale.join(", ")}`);
});

test("the outcome of a call: 404 or (signed out) the login page is a refusal; a 500 or a CSRF 403 is broken", () => {
  assert.is(outcome("sA", { status: 404, location: null }), "deny");
  assert.is(outcome("anon", { status: 303, location: "/login?next=%2Fdesk" }), "deny");
  assert.is(outcome("w1", { status: 303, location: "/login" }), "ok", "a signed-in user sent to the login page (after logout) got through");
  assert.is(outcome("w1", { status: 422, location: null }), "ok");
  assert.is(outcome("w1", { status: 500, location: null }), "broken");
  assert.is(outcome("w1", { status: 403, location: null }), "broken");
});

test("every route answers each of the ten roles as the table says; a refusal changes nothing, and a GET nothing but the documented", async () => {
  const problems: string[] = [];
  const getAudits = new Set<string>();
  let calls = 0;
  const client = () => w.t.deps.database.client;
  const routes = appRoutes(w.t.app);

  const lastAudit = async (db: Client) => Number((await db.execute("SELECT coalesce(max(id), 0) FROM audit_log")).rows[0][0]);

  const check = async (b: Browser, role: RoleKey, method: string, pattern: string, url: string, db: () => Client) => {
    const before = await changeCounts(db());
    const auditBefore = await lastAudit(db());
    const r = method === "GET" ? await b.get(url) : await b.post(url, {});
    calls++;
    const after = await changeCounts(db());
    const want = access[`${method} ${pattern}`].ok.includes(role) ? "ok" : "deny";
    const got = outcome(role, r);
    const who = `${method} ${pattern} as ${roleNames[role]}`;
    if (got !== want) problems.push(`${who}: expected ${want}, got ${describe(r)}`);
    const changed = changedTables(before, after);
    if (got === "deny" && changed.length) problems.push(`${who}: refused but wrote ${changed.join(", ")}`);
    if (method !== "GET") return;
    // No state change on GET, except the documented ones (world.ts: writableOnGet, auditedViews).
    const wrote = changedTables(before, after, writableOnGet);
    if (wrote.length) problems.push(`${who} changed ${wrote.join(", ")}`);
    const audits = (await db().execute({ sql: "SELECT action FROM audit_log WHERE id > ?", args: [auditBefore] })).rows.map((x) => String(x[0]));
    const stray = audits.filter((a) => !auditedViews.includes(a) || got !== "ok" || !["sA", "sB", "aX", "aY", "city"].includes(role));
    if (stray.length) problems.push(`${who} wrote audit entries ${stray.join(", ")}`);
    for (const a of audits) getAudits.add(`${a} (${pattern})`);
  };

  for (const { method, path } of routes) {
    const a = access[`${method} ${path}`];
    if (!a) continue; // reported by the test above
    const url = urlFor(path, w.ids);
    if (method === "GET") {
      for (const role of roleKeys) await check(w.agents[role], role, method, path, url, client);
      continue;
    }
    // The refused roles first, on one copy: none of them may change it. Then each allowed role on a copy of its own.
    const denied = roleKeys.filter((r) => !a.ok.includes(r));
    let copy = await freshCopy(w);
    for (const role of denied) await check(copy.as(role), role, method, path, url, () => copy.deps.database.client);
    for (const role of a.ok) {
      if (role !== a.ok[0]) {
        copy.close();
        copy = await freshCopy(w);
      }
      await check(copy.as(role), role, method, path, url, () => copy.deps.database.client);
    }
    copy.close();
  }
  console.log(`authorization matrix: ${routes.length} routes × ${roleKeys.length} roles = ${calls} calls; GETs that audit a staff view: ${[...getAudits].join(", ")}`);
  assert.equal(problems, [], problems.join("\n"));
});

test.run();
