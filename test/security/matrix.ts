// The authorization matrix, shared by the files that run it (authz.test.ts:
// the route table and every GET; authz.post-1/-2.test.ts: the POSTs, split in
// two halves so each file keeps ample headroom under the runner's per-file
// timeout on a busy machine). Every route the app has (read from app.routes,
// so a new one cannot be forgotten) is called as each role with ids that
// belong to someone else, against the table in access.ts. A refusal is a 404
// (or, signed out, a redirect to the login page) and changes nothing; a role
// the table allows gets through. POSTs by allowed roles run on a fresh copy of
// the world each, so one role's action cannot hide another's answer.
import { test as uvuTest } from "uvu";
import * as assert from "uvu/assert";
import type { Client } from "@libsql/client";
import { access } from "./access.ts";
import {
  buildWorld, freshCopy, urlFor, appRoutes, changeCounts, changedTables, writableOnGet, auditedViews, roleKeys, roleNames, type World, type RoleKey,
} from "./world.ts";
import type { Browser } from "../helpers/app.ts";

type Seen = { status: number; location: string | null };

/** "deny" is a 404, or for a signed-out visitor the login page; anything else under 500 (and not a CSRF 403) got through. */
export function outcome(role: RoleKey, r: Seen): "ok" | "deny" | "broken" {
  if (r.status >= 500 || r.status === 403) return "broken";
  if (r.status === 404) return "deny";
  if (role === "anon" && r.status === 303 && (r.location ?? "").startsWith("/login")) return "deny";
  return "ok";
}

const describe = (r: Seen) => `${r.status}${r.location ? ` → ${r.location}` : ""}`;
const STAFF_ROLES: RoleKey[] = ["sA", "sB", "sC", "aX", "aY", "city"];

/** Which routes a file runs: the GETs, or one of the two halves of the POSTs (by position in app.routes). */
export type Part = "get" | "post-1" | "post-2";

export function partOf(routes: { method: string; path: string }[], part: Part) {
  if (part === "get") return routes.filter((r) => r.method === "GET");
  const posts = routes.filter((r) => r.method !== "GET");
  return posts.filter((_, i) => i % 2 === (part === "post-1" ? 0 : 1));
}

/** Registers the world's setup and one matrix test over `part` of the routes; returns the world getter for other tests in the file. */
export function matrix(part: Part, test = uvuTest): () => World {
  let w: World;
  test.before(async () => {
    w = await buildWorld();
  });
  test.after(() => w?.close());

  const title =
    part === "get"
      ? "every GET route answers each role as the table says; a refusal changes nothing, and a GET nothing but the documented"
      : `every state-changing route (half ${part.slice(-1)} of 2) answers each role as the table says; a refusal changes nothing`;
  test(title, async () => {
    const problems: string[] = [];
    const getAudits = new Set<string>();
    let calls = 0;
    const client = () => w.t.deps.database.client;
    const routes = partOf(appRoutes(w.t.app), part);
    assert.ok(routes.length > 20, `${routes.length} routes in part ${part}`);

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
      const stray = audits.filter((a) => !auditedViews.includes(a) || got !== "ok" || !STAFF_ROLES.includes(role));
      if (stray.length) problems.push(`${who} wrote audit entries ${stray.join(", ")}`);
      for (const a of audits) getAudits.add(`${a} (${pattern})`);
    };

    for (const { method, path } of routes) {
      const a = access[`${method} ${path}`];
      if (!a) continue; // reported by the route-table test in authz.test.ts
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
    console.log(`authorization matrix (${part}): ${routes.length} routes × ${roleKeys.length} roles = ${calls} calls${part === "get" ? `; GETs that audit a staff view: ${[...getAudits].join(", ")}` : ""}`);
    assert.equal(problems, [], problems.join("\n"));
  });
  return () => w;
}
