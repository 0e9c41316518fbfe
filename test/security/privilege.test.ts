// Least privilege. Regressions for issue #16: station staff could verify or
// reject any employer of the county and reveal full ID numbers; any station's
// staff could check in a worker of another county by phone and see the name.
// (The authorization table in access.ts holds the verify/reveal split for
// every route; the public order page is in test/features/desk.)
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, addMarket, signedIn, type TestApp } from "../helpers/app.ts";
import { addWorker } from "../features/desk/fixtures.ts";
import { addEmployer } from "../features/employers/fixtures.ts";
import { paths } from "../../src/paths.ts";
import { canVerifyAndReveal } from "../../src/shared/authz.ts";

const YANLING = "411024";
const YUZHOU = "411081";

test("canVerifyAndReveal: a table of roles and market tiers", () => {
  const u = (role: string, marketTier: string | null) => ({ id: 1, role, name: "x", phone: "1", countyCode: null, marketId: null, scopeCounty: YANLING, marketTier }) as never;
  const cases: [string, string | null, boolean][] = [
    ["staff", "station", false],
    ["staff", "township", true],
    ["staff", "county", true],
    ["staff", "city", true],
    ["staff", "online", true],
    ["staff", null, false],
    ["county_admin", null, true],
    ["city_admin", null, true],
    ["worker", null, false],
    ["employer", null, false],
  ];
  for (const [role, tier, want] of cases) assert.is(canVerifyAndReveal(u(role, tier)), want, `${role} ${tier}`);
});

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

test("station staff see an employer's record but cannot verify, reject or reveal; market staff can", async () => {
  const station = await addMarket(t, { countyCode: YANLING, tier: "station" });
  const market = await addMarket(t, { countyCode: YANLING, tier: "county", name: "鄢陵县零工市场" });
  const e = await addEmployer(t, { countyCode: YANLING });
  const s = await signedIn(t, { role: "staff", marketId: station });
  const page = await s.get(paths.employers.show(e.employerId));
  assert.is(page.status, 200);
  assert.not.match(page.html, paths.employers.verify(e.employerId));
  for (const url of [paths.employers.verify(e.employerId), paths.employers.reveal(e.employerId), paths.employers.reject(e.employerId)]) {
    assert.is((await s.post(url, { reason: "资料不全" })).status, 404, url);
  }
  const m = await signedIn(t, { role: "staff", marketId: market });
  await m.get(paths.employers.show(e.employerId));
  assert.is((await m.post(paths.employers.verify(e.employerId))).status, 303);
});

test("checking in a worker of another county by phone: done, but her name is not shown", async () => {
  const station = await addMarket(t, { countyCode: YANLING, tier: "station" });
  const s = await signedIn(t, { role: "staff", marketId: station });
  const other = await addWorker(t, { name: "禹州外县人", countyCode: YUZHOU });
  await s.get(paths.desk.checkin);
  const r = await s.post(paths.desk.checkin, { q: other.phone });
  assert.is(r.status, 303);
  const after = await s.follow();
  assert.match(after.html, "外县的工人");
  assert.not.match(after.html, "禹州外县人");
  const again = await s.post(paths.desk.checkin, { q: other.phone });
  assert.is(again.status, 409);
  assert.not.match(again.html, "禹州外县人");
  // A worker of the station's own county: named, with her queue number.
  const own = await addWorker(t, { name: "鄢陵本县人", countyCode: YANLING });
  await s.post(paths.desk.checkin, { q: own.phone });
  const named = await s.follow();
  assert.match(named.html, "鄢陵本县人");
  assert.match(named.html, "今天是第 2 号");
});

test.run();
