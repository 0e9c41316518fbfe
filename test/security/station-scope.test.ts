// Station staff act only on their own station's people (issue #16, least
// privilege). County X has station A, station D and market C (the county's own
// market). A worker registered at and seen by station D is not station A's:
// A's staff get 404 on her desk page and its forms, her hires, a desk
// confirmation of her sign-up and her deletion — until she walks in at A and
// is checked in there. Market C's staff and the county admin keep the county
// view; D's staff act on her.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp } from "../helpers/app.ts";
import { addWorker, addEmployer, addPosting, addCheckIn, addHire } from "../features/desk/fixtures.ts";
import { contactLogs, hires, applications, users, workerProfiles } from "../../db/schema/index.ts";
import { chinaDate, addDays } from "../../src/shared/clock.ts";
import { paths } from "../../src/paths.ts";

const X = "411024";
let t: TestApp;
let ids: { wD: number; wDPhone: string; wDCard: string; hireD: number; appD: number };
let as: Record<"sA" | "sD" | "sC" | "aX", Awaited<ReturnType<typeof signedIn>>>;
test.before(async () => {
  t = await makeTestApp();
  const stationA = await addMarket(t, { name: "城关驿站", countyCode: X, tier: "station" });
  const stationD = await addMarket(t, { name: "彭店驿站", countyCode: X, tier: "station" });
  const marketC = await addMarket(t, { name: "鄢陵县零工市场", countyCode: X, tier: "county" });
  as = {
    sA: await signedIn(t, { role: "staff", marketId: stationA }),
    sD: await signedIn(t, { role: "staff", marketId: stationD }),
    sC: await signedIn(t, { role: "staff", marketId: marketC }),
    aX: await signedIn(t, { role: "county_admin", countyCode: X }),
  };
  const wD = await addWorker(t, { name: "彭桂花", countyCode: X, viaMarketId: stationD, pin: "246810" });
  const today = chinaDate(t.clock.now());
  await addCheckIn(t, stationD, wD.id, addDays(today, -1));
  // Born in 1955: she is on her county's help queue (大龄).
  await t.db.update(workerProfiles).set({ birthYear: 1955 }).where(eq(workerProfiles.userId, wD.id));
  const e = await addEmployer(t, X);
  const done = await addPosting(t, { employerId: e.employerId, start: addDays(today, -3), end: addDays(today, -3) });
  await addHire(t, done, wD.id, addDays(today, -3));
  const [h] = await t.db.select().from(hires).where(eq(hires.workerId, wD.id));
  const open = await addPosting(t, { employerId: e.employerId });
  const [a] = await t.db.insert(applications).values({ postingId: open, workerId: wD.id, status: "applied", createdAt: t.clock.now() }).returning({ id: applications.id });
  ids = { wD: wD.id, wDPhone: wD.phone, wDCard: wD.cardCode, hireD: h.id, appD: a.id };
});
test.after(() => t.close());

const contacts = async () => (await t.db.select().from(contactLogs).where(eq(contactLogs.workerId, ids.wD))).length;

test("another station's worker: her desk page, its forms, her hire, a desk confirmation and her deletion are 404 for station A", async () => {
  const { sA } = as;
  assert.is((await sA.get(paths.desk.worker(ids.wD))).status, 404, "desk page");
  await sA.post(paths.desk.contact(ids.wD), { outcome: "called", note: "打过电话" });
  assert.is(sA.last.status, 404, "contact log");
  assert.is(await contacts(), 0, "nothing written");
  await sA.post(paths.desk.pin(ids.wD), { pin: "135790", pin2: "135790" });
  assert.is(sA.last.status, 404, "new PIN");
  const [u] = await t.db.select().from(users).where(eq(users.id, ids.wD));
  assert.ok(u.pinHash, "PIN unchanged");
  assert.is((await sA.get(paths.hires.show(ids.hireD))).status, 404, "her hire");
  await sA.post(paths.desk.confirm(ids.appD));
  assert.is(sA.last.status, 404, "confirming her sign-up at the desk");
  const [app] = await t.db.select().from(applications).where(eq(applications.id, ids.appD));
  assert.is(app.status, "applied");
  assert.is((await sA.get(paths.ops.forgetWorker(ids.wD))).status, 404, "her deletion");
});

test("another station's worker is not on station A's help queue, and her card's QR code does not open her desk page there", async () => {
  const { sA, sD, sC } = as;
  const queue = async (who: typeof sA) => (await who.get(paths.desk.priority + "?category=older")).html;
  assert.ok((await queue(sD)).includes("彭桂花"), "on her own station's queue");
  assert.ok((await queue(sC)).includes("彭桂花"), "on the county market's queue");
  assert.not.ok((await queue(sA)).includes("彭桂花"), "not on station A's queue");
  await sA.get(paths.desk.cardCode(ids.wDCard));
  assert.is(sA.last.status, 200, "station A gets the public card page");
  assert.not.ok(sA.last.html.includes("彭桂花"));
  await sD.get(paths.desk.cardCode(ids.wDCard));
  assert.is(sD.last.status, 303, "her own station is sent to her desk page");
  assert.is(sD.last.location, paths.desk.worker(ids.wD));
});

test("her own station, the county's market and the county admin act on her", async () => {
  for (const who of ["sD", "sC", "aX"] as const) {
    const b = as[who];
    const url = paths.desk.worker(ids.wD) + (who === "aX" ? "" : "");
    const r = await b.get(url);
    assert.ok(r.status === 200 || r.status === 303, `${who} desk page: ${r.status}`);
    assert.is((await b.get(paths.hires.show(ids.hireD))).status, 200, `${who} hire`);
    assert.is((await b.get(paths.ops.forgetWorker(ids.wD))).status, 200, `${who} deletion page`);
  }
});

test("she walks in at station A: checked in by phone, she is A's person from then on", async () => {
  const { sA } = as;
  await sA.get(paths.desk.checkin);
  await sA.post(paths.desk.checkin, { q: ids.wDPhone });
  assert.is(sA.last.status, 303, `check-in: ${sA.last.status}`);
  assert.is((await sA.get(paths.desk.worker(ids.wD))).status, 200);
  await sA.post(paths.desk.contact(ids.wD), { outcome: "called", note: "在驿站登记了" });
  assert.is(sA.last.status, 303);
  assert.is(await contacts(), 1);
  assert.is((await sA.get(paths.hires.show(ids.hireD))).status, 200);
});

test.run();
