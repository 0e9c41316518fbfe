// The supervision use cases without HTTP: inspections, rectification,
// incidents, roadside points and counts — success and each refusal code, and
// the finders' scope (a market, inspection or point outside it is null).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, addMarket, type TestApp } from "../../helpers/app.ts";
import { actorFor } from "../../helpers/actor.ts";
import type { CurrentUser } from "../../../src/shared/context.ts";
import type { Role } from "../../../db/schema/constants.ts";
import { hotlineCases } from "../../../db/schema/index.ts";
import { formatCaseNumber } from "../../../src/features/hotline/index.ts";
import * as act from "../../../src/features/supervision/supervision.actions.ts";

const YANLING = "411024";
const YUZHOU = "411081";
let t: TestApp;
let A: number;
let B: number;
let staff: CurrentUser;
let admin: CurrentUser;
let market: act.MarketBrief;

// Built as the session middleware builds them: a staff member's county is her market's.
const actor = (role: Role, o: { county?: string | null; marketId?: number | null }) => actorFor(t, { role, countyCode: o.county ?? null, marketId: o.marketId ?? null });

test.before(async () => {
  t = await makeTestApp({ now: "2026-12-05T10:00:00+08:00" });
  A = await addMarket(t, { name: "城关零工驿站", countyCode: YANLING, tier: "station" });
  B = await addMarket(t, { name: "禹州市零工市场", countyCode: YUZHOU, tier: "county" });
  staff = await actor("staff", { county: YANLING, marketId: A });
  admin = await actor("county_admin", { county: YANLING });
  market = (await act.marketInScope(t.deps, staff, A))!;
});
test.after(() => t.close());

const count = async (sql: string) => Number((await t.deps.database.client.execute(sql)).rows[0][0]);

const inspection = (o: Record<string, string | undefined> = {}) => ({
  date: "2026-12-05",
  inspectors: "县人社局 李科长",
  item_fire: "fail",
  note_fire: "灭火器过期",
  item_shelter: "pass",
  item_electricity: "pass",
  item_order: "pass",
  item_sanitation: "pass",
  rectifyBy: "2026-12-10",
  ...o,
});

test("finders: a market outside the staff member's own is null", async () => {
  assert.ok(market);
  assert.is(await act.marketInScope(t.deps, staff, B), null);
  assert.is(await act.marketInScope(t.deps, staff, null), null);
  assert.ok(await act.marketInScope(t.deps, admin, A));
  assert.is(await act.marketInScope(t.deps, admin, B), null);
});

test("recordInspection and markRectified: saved, refused, invalid; rectified once", async () => {
  const invalid = await act.recordInspection(t.deps, staff, market, inspection({ item_order: undefined }));
  assert.is(!invalid.ok && invalid.code, "invalid");
  const refused = await act.recordInspection(t.deps, staff, market, inspection({ note_fire: undefined, rectifyBy: undefined }));
  assert.ok(!refused.ok && refused.code === "refused");
  if (!refused.ok && refused.code === "refused") assert.ok(refused.problems.rectifyBy);
  assert.is(await count("SELECT count(*) FROM market_inspections"), 0);
  const r = await act.recordInspection(t.deps, staff, market, inspection());
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.is(await count(`SELECT count(*) FROM audit_log WHERE action = 'inspection.create'`), 1);
  const found = (await act.inspectionInScope(t.deps, staff, r.id))!;
  assert.ok(found);
  assert.is(await act.inspectionInScope(t.deps, await actor("staff", { county: YUZHOU, marketId: B }), r.id), null);
  const noNote = await act.markRectified(t.deps, staff, found, {});
  assert.is(!noNote.ok && noNote.code, "invalid");
  assert.equal(await act.markRectified(t.deps, staff, found, { note: "已换新灭火器" }), { ok: true, recorded: true });
  assert.equal(await act.markRectified(t.deps, staff, found, { note: "再点一次" }), { ok: true, recorded: false });
  assert.is(await count(`SELECT count(*) FROM audit_log WHERE action = 'inspection.rectified'`), 1);
});

test("recordIncident: future, caseUnknown (another county's case), invalid, then saved with the case linked", async () => {
  const now = t.clock.now();
  const mk = (county: string, marketId: number, seq: number) =>
    t.deps.database.write((db) =>
      db
        .insert(hotlineCases)
        .values({
          number: formatCaseNumber("XC", "2026-12-05", seq), day: "2026-12-05", seq, channel: "phone", category: "fraud",
          countyCode: county, marketId, description: "有人冒充老板收中介费", dueDate: "2026-12-20", createdAt: now, updatedAt: now,
        })
        .returning({ id: hotlineCases.id }),
    );
  const [mine] = await mk(YANLING, A, 1);
  await mk(YUZHOU, B, 2);
  const form = { kind: "fraud", date: "2026-12-05", time: "6:40", place: "驿站门口", description: "冒充雇主收取介绍费。", police: "1" };
  assert.equal(await act.recordIncident(t.deps, staff, market, { ...form, date: "2026-12-06" }), { ok: false, code: "future" });
  assert.equal(await act.recordIncident(t.deps, staff, market, { ...form, caseNumber: "XC-20261205-0002" }), { ok: false, code: "caseUnknown" });
  assert.equal(await act.recordIncident(t.deps, staff, market, { ...form, caseNumber: "XC-20261205-0099" }), { ok: false, code: "caseUnknown" });
  const bad = await act.recordIncident(t.deps, staff, market, { ...form, time: "25:00" });
  assert.is(!bad.ok && bad.code, "invalid");
  assert.is(await count("SELECT count(*) FROM market_incidents"), 0);
  const r = await act.recordIncident(t.deps, staff, market, { ...form, caseNumber: "XC-20261205-0001" });
  assert.ok(r.ok);
  assert.is(await count(`SELECT count(*) FROM market_incidents WHERE hotline_case_id = ${mine.id} AND police_referred = 1`), 1);
});

test("addPoint and recordCount: badChoice by field, invalid, future; saved in scope", async () => {
  const other = await act.addPoint(t.deps, admin, { countyCode: YUZHOU, place: "别县的路口" });
  assert.equal(other, { ok: false, code: "badChoice", fields: ["countyCode"] });
  const wrong = await act.addPoint(t.deps, admin, { countyCode: YANLING, townshipCode: "411081100", place: "路口", nearestMarketId: String(B) });
  assert.equal(wrong, { ok: false, code: "badChoice", fields: ["townshipCode", "nearestMarketId"] });
  const missing = await act.addPoint(t.deps, admin, { countyCode: YANLING });
  assert.is(!missing.ok && missing.code, "invalid");
  assert.is(await count("SELECT count(*) FROM roadside_points"), 0);
  const r = await act.addPoint(t.deps, admin, { countyCode: YANLING, place: "建设路口", nearestMarketId: String(A) });
  assert.ok(r.ok);
  if (!r.ok) return;
  const p = (await act.pointInScope(t.deps, admin, r.id))!;
  assert.ok(p);
  assert.is(await act.pointInScope(t.deps, await actor("county_admin", { county: YUZHOU }), r.id), null);
  assert.equal(await act.recordCount(t.deps, admin, p, { date: "2026-12-06", people: "12" }), { ok: false, code: "future" });
  const bad = await act.recordCount(t.deps, admin, p, { date: "2026-12-05", people: "-1" });
  assert.is(!bad.ok && bad.code, "invalid");
  assert.equal(await act.recordCount(t.deps, admin, p, { date: "2026-12-05", people: "12" }), { ok: true });
  assert.equal(await act.recordCount(t.deps, admin, p, { date: "2026-12-05", people: "15" }), { ok: true });
  assert.is(await count(`SELECT people FROM roadside_counts WHERE point_id = ${p.id}`), 15);
});

test.run();
