// Two stations (驿站) in one county: station A (staff sA) and station D of the
// security world, both in county X beside the county's own market C. The
// staff of station D (sD, made here, not one of the matrix's 11 roles) are
// called on every GET route with market A's and county X's ids:
//  - records that belong to a market (training, fairs, articles, hotline
//    cases, inspections: STAFF_X in access.ts) are market A's alone, so sD is
//    refused exactly where sC (another market of the county) is;
//  - employers belong to the county, so sD is let in where both sA and sC
//    are; people belong to the county too, but a station's staff do not act
//    on another station's people (issue #16): w1, station A's, and her hires
//    are refused to sD (STATION_A_PEOPLE) until she walks in at station D;
//  - verifying employers and full ID numbers are not a station's work, so sD
//    is refused there like sA.
// In one rule: sD may do what both sA and sC may do, and nothing else. Why a
// station is not linked to a parent market in the schema: docs/testing.md.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { access } from "./access.ts";
import { buildWorld, urlFor, appRoutes, changeCounts, changedTables, writableOnGet, type World } from "./world.ts";
import { outcome } from "./matrix.ts";
import { addUser, type Browser } from "../helpers/app.ts";
import { users, markets } from "../../db/schema/index.ts";
import { eq } from "drizzle-orm";

/** GET routes whose record is the world's w1 (station A's person) or her hire: another station's staff get 404. */
const STATION_A_PEOPLE = new Set([
  "GET /hires/:id",
  "GET /hires/:id/print",
  "GET /desk/workers/:id",
  "GET /desk/workers/:id/record",
  "GET /desk/workers/:id/card",
  "GET /desk/workers/:id/alerts",
  "GET /staff/forget/:id",
]);

let w: World;
let sD: Browser;
test.before(async () => {
  w = await buildWorld();
  const u = await addUser(w.t, { role: "staff", marketId: w.ids.stationD, countyCode: "411024", name: "彭店驿站员" });
  sD = w.t.client();
  await sD.login(u.phone, u.password);
});
test.after(() => w?.close());

test("the fixture: stations A and D are two stations of county X, beside its market C", async () => {
  const rows = await w.t.db.select({ id: markets.id, tier: markets.tier, county: markets.countyCode }).from(markets);
  const byId = new Map(rows.map((r) => [r.id, r]));
  assert.equal(byId.get(w.ids.marketA), { id: w.ids.marketA, tier: "station", county: "411024" });
  assert.equal(byId.get(w.ids.stationD), { id: w.ids.stationD, tier: "station", county: "411024" });
  assert.is(byId.get(w.ids.marketC)?.county, "411024");
  assert.is.not(byId.get(w.ids.marketC)?.tier, "station");
  const [staffD] = await w.t.db.select({ marketId: users.marketId }).from(users).where(eq(users.name, "彭店驿站员"));
  assert.is(staffD.marketId, w.ids.stationD);
});

test("every GET route as the staff of station D: refused on station A's own records, let in on county X's people, as the table of sA and sC implies", async () => {
  const problems: string[] = [];
  const routes = appRoutes(w.t.app).filter((r) => r.method === "GET");
  let refusedMarket = 0;
  let admittedCounty = 0;
  for (const { path } of routes) {
    const a = access[`GET ${path}`];
    if (!a) continue; // the route table test (authz.test.ts) reports it
    // Station A's people (issue #16, station-only scope): w1 was registered and checked in at station A and has
    // never been to station D, so her desk pages, her hires and her deletion are refused to station D's staff
    // (src/shared/station-scope.ts; test/security/station-scope.test.ts) though market C's staff may use them.
    const stationAsPerson = STATION_A_PEOPLE.has(`GET ${path}`);
    const want = a.ok.includes("sA") && a.ok.includes("sC") && !stationAsPerson ? "ok" : "deny";
    const client = w.t.deps.database.client;
    const before = await changeCounts(client);
    const r = await sD.get(urlFor(path, w.ids));
    const got = outcome("sA", r);
    if (got !== want) problems.push(`GET ${path} as staff of station D: expected ${want}, got ${r.status}${r.location ? ` → ${r.location}` : ""}`);
    const wrote = changedTables(before, await changeCounts(client), writableOnGet);
    if (wrote.length) problems.push(`GET ${path} as staff of station D changed ${wrote.join(", ")}`);
    if (want === "deny" && a.ok.includes("sA")) refusedMarket++;
    if (want === "ok" && !a.ok.includes("anon") && !a.ok.includes("w1")) admittedCounty++;
  }
  assert.equal(problems, [], problems.join("\n"));
  // The split is real on both sides: not a table where every staff route is one or the other.
  assert.ok(refusedMarket >= 10, `${refusedMarket} routes of station A's own records refused`);
  assert.ok(admittedCounty >= 10, `${admittedCounty} county routes admitted`);
  console.log(`station D's staff: ${routes.length} GET routes; ${refusedMarket} of station A's own refused, ${admittedCounty} county-wide admitted`);
});

test.run();
