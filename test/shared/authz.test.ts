// The scope rules themselves, a table of cases each (the authorization matrix
// in test/security checks them through every route; this pins each branch,
// so a mutant of one line fails here in a second rather than in minutes).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { canSeeCounty, canSeeMarket, canVerifyAndReveal, isStaff, requireRole, requireUser, requireStaff, requireAdmin, ensure } from "../../src/shared/authz.ts";
import { LoginRequired, NotFound } from "../../src/shared/errors.ts";
import type { Ctx, CurrentUser } from "../../src/shared/context.ts";

const X = "411024"; // 鄢陵县
const Y = "411081"; // 禹州市
const user = (o: Partial<CurrentUser>): CurrentUser => ({ id: 1, role: "worker", name: "某", phone: "13600000001", countyCode: null, marketId: null, scopeCounty: null, ...o });
// As loadSession makes them: a worker's or employer's scopeCounty is their own county, which must still not let them see the county.
const worker = user({ role: "worker", countyCode: X, scopeCounty: X });
const employer = user({ role: "employer", countyCode: X, scopeCounty: X });
/** A worker whose account carries a market id (e.g. a former staff member's number reused): still no market's records. */
const workerWithMarket = user({ role: "worker", countyCode: X, scopeCounty: X, marketId: 1 });
/** Staff of market 1 (a station in X); the county they registered with is a stale Y, to show scopeCounty is what counts. */
const staffA = user({ role: "staff", marketId: 1, countyCode: Y, scopeCounty: X });
const staffNoMarket = user({ role: "staff", marketId: null, countyCode: X, scopeCounty: null });
const adminX = user({ role: "county_admin", countyCode: X, scopeCounty: X });
const adminNoCounty = user({ role: "county_admin", countyCode: null, scopeCounty: null });
const city = user({ role: "city_admin" });

test("canSeeCounty: the city admin anywhere; staff and county admins their own county (by scopeCounty); nobody else", () => {
  const cases: [string, CurrentUser, string | null | undefined, boolean][] = [
    ["city admin, X", city, X, true],
    ["city admin, no county", city, null, true],
    ["county admin, own county", adminX, X, true],
    ["county admin, another county", adminX, Y, false],
    ["county admin, a record without a county", adminX, null, false],
    ["county admin without a county, a record without one", user({ role: "county_admin", scopeCounty: null }), null, false],
    ["county admin without a county, an empty county", user({ role: "county_admin", scopeCounty: "" }), "", false],
    ["staff, their market's county", staffA, X, true],
    ["staff, the county on their account but not their market's", staffA, Y, false],
    ["staff, undefined county", staffA, undefined, false],
    ["staff without a market, a record without a county", staffNoMarket, null, false],
    ["worker, own county", worker, X, false],
    ["employer, own county", employer, X, false],
    ["worker with a market id, own county", workerWithMarket, X, false],
  ];
  for (const [what, u, county, want] of cases) assert.is(canSeeCounty(u, county), want, what);
});

test("canSeeMarket: staff their own market only (not the county's other markets); county admins the county's; the city all", () => {
  const marketA = { id: 1, countyCode: X };
  const marketC = { id: 3, countyCode: X }; // same county, another market
  const marketB = { id: 2, countyCode: Y };
  const cases: [string, CurrentUser, { id: number; countyCode: string }, boolean][] = [
    ["city admin, A", city, marketA, true],
    ["city admin, B", city, marketB, true],
    ["county admin X, A", adminX, marketA, true],
    ["county admin X, C (same county)", adminX, marketC, true],
    ["county admin X, B", adminX, marketB, false],
    ["county admin without a county, B", adminNoCounty, marketB, false],
    ["staff of A, A", staffA, marketA, true],
    ["staff of A, C in the same county", staffA, marketC, false],
    ["staff of A, B", staffA, marketB, false],
    ["staff without a market, A", staffNoMarket, marketA, false],
    ["worker, A", worker, marketA, false],
    ["worker with a market id, that market", workerWithMarket, marketA, false],
    ["employer, A", employer, marketA, false],
  ];
  for (const [what, u, m, want] of cases) assert.is(canSeeMarket(u, m), want, what);
});

test("isStaff: staff, county and city admins; not workers, employers or nobody", () => {
  const cases: [string, CurrentUser | null, boolean][] = [
    ["staff", staffA, true],
    ["county admin", adminX, true],
    ["city admin", city, true],
    ["worker", worker, false],
    ["employer", employer, false],
    ["nobody", null, false],
  ];
  for (const [what, u, want] of cases) assert.is(isStaff(u), want, what);
});

const ctx = (u: CurrentUser | null, method = "GET", path = "/desk") => ({ var: { user: u }, req: { method, path } }) as unknown as Ctx;
const thrown = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return e;
  }
};

test("requireUser: signed out is LoginRequired back to this page (GET) or home (POST); signed in is the user", () => {
  const get = thrown(() => requireUser(ctx(null, "GET", "/desk/checkin")));
  assert.instance(get, LoginRequired);
  assert.is((get as LoginRequired).next, "/desk/checkin");
  const post = thrown(() => requireUser(ctx(null, "POST", "/desk/checkin")));
  assert.instance(post, LoginRequired);
  assert.is((post as LoginRequired).next, "/");
  assert.is(requireUser(ctx(worker)), worker);
});

test("requireRole / requireStaff / requireAdmin: each role in or NotFound, every row", () => {
  const roles: [string, CurrentUser][] = [["worker", worker], ["employer", employer], ["staff", staffA], ["county_admin", adminX], ["city_admin", city]];
  const guards: [string, (c: Ctx) => unknown, string[]][] = [
    ["requireStaff", requireStaff, ["staff", "county_admin", "city_admin"]],
    ["requireAdmin", requireAdmin, ["county_admin", "city_admin"]],
    ["requireRole(worker)", (c) => requireRole(c, "worker"), ["worker"]],
    ["requireRole(employer, city_admin)", (c) => requireRole(c, "employer", "city_admin"), ["employer", "city_admin"]],
  ];
  for (const [name, guard, allowed] of guards) {
    for (const [role, u] of roles) {
      const e = thrown(() => guard(ctx(u)));
      if (allowed.includes(role)) assert.is(e, null, `${name} lets ${role} in`);
      else {
        assert.instance(e, NotFound, `${name} refuses ${role} with NotFound`);
        assert.is((e as NotFound).message, "role");
      }
    }
    assert.instance(thrown(() => guard(ctx(null))), LoginRequired, `${name} sends a visitor to log in`);
  }
});

test("ensure: passes on true, NotFound (with what) on false", () => {
  assert.is(thrown(() => ensure(true)), null);
  const e = thrown(() => ensure(false, "market"));
  assert.instance(e, NotFound);
  assert.is((e as NotFound).message, "market");
  assert.is((thrown(() => ensure(false)) as NotFound).message, "scope");
});

test("canVerifyAndReveal: admins and the staff of a market (city, county, township, online); not a station's staff, staff without a market tier, workers or employers", () => {
  const cases: [string, CurrentUser, boolean][] = [
    ["city admin", city, true],
    ["county admin", adminX, true],
    ["county admin without a county (the caller checks the county)", adminNoCounty, true],
    ["staff of a city market", user({ role: "staff", marketId: 2, scopeCounty: X, marketTier: "city" }), true],
    ["staff of a county market", user({ role: "staff", marketId: 2, scopeCounty: X, marketTier: "county" }), true],
    ["staff of a township market", user({ role: "staff", marketId: 2, scopeCounty: X, marketTier: "township" }), true],
    ["staff of the online market", user({ role: "staff", marketId: 2, scopeCounty: X, marketTier: "online" }), true],
    ["staff of a station", user({ role: "staff", marketId: 1, scopeCounty: X, marketTier: "station" }), false],
    ["staff without a market tier", user({ role: "staff", marketId: 1, scopeCounty: X, marketTier: null }), false],
    ["staff with an empty market tier", user({ role: "staff", marketId: 1, scopeCounty: X, marketTier: "" }), false],
    ["a worker whose account carries a county market's tier", user({ role: "worker", countyCode: X, scopeCounty: X, marketTier: "county" }), false],
    ["an employer", user({ role: "employer", countyCode: X, scopeCounty: X, marketTier: "county" }), false],
  ];
  for (const [name, u, expected] of cases) assert.is(canVerifyAndReveal(u), expected, name);
});

test.run();
