// The markets use cases without HTTP: an admin creates and changes a market,
// a county admin saves a checklist — success and each refusal code.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, addMarket, type TestApp } from "../../helpers/app.ts";
import { actorFor } from "../../helpers/actor.ts";
import type { CurrentUser } from "../../../src/shared/context.ts";
import { createMarket, updateMarket, saveChecklist } from "../../../src/features/markets/markets.actions.ts";

let t: TestApp;
let A: number;
let B: number;
let county: CurrentUser;
let city: CurrentUser;

test.before(async () => {
  t = await makeTestApp();
  A = await addMarket(t, { name: "鄢陵县零工市场", countyCode: "411024", tier: "county" });
  B = await addMarket(t, { name: "禹州市零工市场", countyCode: "411081", tier: "county" });
  county = await actorFor(t, { role: "county_admin", countyCode: "411024" });
  city = await actorFor(t, { role: "city_admin" });
});
test.after(() => t.close());

const count = async (sql: string) => Number((await t.deps.database.client.execute(sql)).rows[0][0]);

const station = {
  name: "马栏镇零工驿站",
  tier: "station",
  nature: "public",
  countyCode: "411024",
  townshipCode: "411024101",
  address: "马栏镇便民服务中心一楼",
  hours: "周一至周六 7:00-12:00",
  phone: "0374-7123456",
  supervisionPhone: "12333",
  personInCharge: "周站长",
  kinds: ["家政保洁"],
  facilities: ["饮水"],
};

test("createMarket: stored with an audit entry", async () => {
  const r = await createMarket(t.deps, county, station);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.is(await count(`SELECT count(*) FROM markets WHERE id = ${r.id} AND name = '马栏镇零工驿站'`), 1);
  assert.is(await count(`SELECT count(*) FROM audit_log WHERE action = 'market.create' AND subject_id = ${r.id}`), 1);
});

test("createMarket: invalid (the schema's field messages), nothing stored", async () => {
  const before = await count("SELECT count(*) FROM markets");
  const r = await createMarket(t.deps, county, { ...station, name: undefined, phone: "abc" });
  assert.is(r.ok, false);
  if (r.ok) return;
  assert.is(r.code, "invalid");
  if (r.code === "invalid") assert.ok(r.errors.name && r.errors.phone);
  const unknownCounty = await createMarket(t.deps, county, { ...station, countyCode: "999999" });
  assert.is(!unknownCounty.ok && unknownCounty.code, "invalid");
  assert.is(await count("SELECT count(*) FROM markets"), before);
});

test("createMarket: refused by the domain rules, with a code per field", async () => {
  const before = await count("SELECT count(*) FROM markets");
  const r = await createMarket(t.deps, county, { ...station, tier: "city", countyCode: "411081", townshipCode: "411024101" });
  assert.is(!r.ok && r.code, "refused");
  if (!r.ok && r.code === "refused") assert.equal(r.problems, { countyCode: "countyNotAllowed", tier: "tierNotAllowed", townshipCode: "townshipNotInCounty" });
  const noTownship = await createMarket(t.deps, county, { ...station, tier: "township", townshipCode: undefined });
  assert.ok(!noTownship.ok && noTownship.code === "refused" && noTownship.problems.townshipCode === "townshipRequired");
  assert.is(await count("SELECT count(*) FROM markets"), before);
});

test("updateMarket: a market the admin manages changes; another county's is notFound", async () => {
  const r = await updateMarket(t.deps, county, A, { ...station, name: "鄢陵县零工市场(新址)", tier: "county", townshipCode: undefined });
  assert.equal(r, { ok: true, id: A });
  assert.is(await count(`SELECT count(*) FROM markets WHERE id = ${A} AND name = '鄢陵县零工市场(新址)'`), 1);
  assert.is(await count(`SELECT count(*) FROM audit_log WHERE action = 'market.update' AND subject_id = ${A}`), 1);
  assert.equal(await updateMarket(t.deps, county, B, station), { ok: false, code: "notFound" });
  assert.equal(await updateMarket(t.deps, county, 99999, station), { ok: false, code: "notFound" });
  assert.equal(await updateMarket(t.deps, county, null, station), { ok: false, code: "notFound" });
  const bad = await updateMarket(t.deps, city, B, { ...station, countyCode: "411081", name: undefined });
  assert.is(!bad.ok && bad.code, "invalid");
});

test("saveChecklist: saved, then unchanged; only the county's own admin edits", async () => {
  const input = { done_person: "1", evidence_person: "https://example.gov.cn/site.jpg" };
  const first = await saveChecklist(t.deps, county, { county: "411024", marketId: 0 }, input);
  assert.equal(first, { ok: true, changed: true });
  assert.is(await count("SELECT count(*) FROM audit_log WHERE action = 'checklist.update'"), 1);
  const again = await saveChecklist(t.deps, county, { county: "411024", marketId: 0 }, input);
  assert.equal(again, { ok: true, changed: false });
  assert.is(await count("SELECT count(*) FROM audit_log WHERE action = 'checklist.update'"), 1);
  assert.equal(await saveChecklist(t.deps, city, { county: "411024", marketId: 0 }, input), { ok: false, code: "notEditable" });
  assert.equal(await saveChecklist(t.deps, county, { county: "411081", marketId: B }, input), { ok: false, code: "notEditable" });
});

test("saveChecklist: an item done without evidence, and a form out of shape, write nothing", async () => {
  const missing = await saveChecklist(t.deps, county, { county: "411024", marketId: A }, { done_person: "1" });
  assert.equal(missing, { ok: false, code: "missingEvidence", items: ["person"] });
  const invalid = await saveChecklist(t.deps, county, { county: "411024", marketId: A }, { done_person: "yes" });
  assert.is(!invalid.ok && invalid.code, "invalid");
  assert.is(await count(`SELECT count(*) FROM market_checklist WHERE market_id = ${A}`), 0);
});

test.run();
