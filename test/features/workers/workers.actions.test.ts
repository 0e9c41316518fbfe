// The workers' use cases without HTTP: registration after the code, PIN
// reset and change, profile, cards — each success and each refusal code.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addUser, nextPhone, type TestApp } from "../../helpers/app.ts";
import { actorOf } from "../../helpers/actor.ts";
import { users, workerProfiles, workerKinds, seekingCards } from "../../../db/schema/index.ts";
import { verifySecret, hashSecret } from "../../../src/shared/crypto.ts";
import { loginKeys } from "../../../src/shared/throttle.ts";
import * as actions from "../../../src/features/workers/workers.actions.ts";
import { addWorker, addCards, kindId } from "./fixtures.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

const actorOfWorker = (w: { id: number }) => actorOf(t, w.id);
const userRow = async (id: number) => (await t.db.select().from(users).where(eq(users.id, id)))[0];

test("registerProvenPhone: a new number becomes a worker; a worker's number is hers (PIN kept); another role's is otherRole", async () => {
  const phone = nextPhone();
  const r = await actions.registerProvenPhone(t.deps, { phone, name: "赵大姐", pinHash: await hashSecret("135790") });
  assert.ok(r.ok && !r.existed);
  const w = await addWorker(t);
  const again = await actions.registerProvenPhone(t.deps, { phone: w.phone, name: "别的名字", pinHash: await hashSecret("975310") });
  assert.equal(again, { ok: true, id: w.id, existed: true });
  assert.ok(await verifySecret(w.pin, (await userRow(w.id)).pinHash));
  const boss = await addUser(t, { role: "employer" });
  assert.equal(await actions.registerProvenPhone(t.deps, { phone: boss.phone, name: "老板", pinHash: "x" }), { ok: false, code: "otherRole" });
});

test("pinResetTarget: worker, noAccount, notWorker", async () => {
  assert.is(await actions.pinResetTarget(t.deps, (await addWorker(t)).phone), "worker");
  assert.is(await actions.pinResetTarget(t.deps, nextPhone()), "noAccount");
  assert.is(await actions.pinResetTarget(t.deps, (await addUser(t, { role: "employer" })).phone), "notWorker");
});

test("setNewPin: a weak PIN is refused (weakPin); a used step is stepUsed; then the PIN is set", async () => {
  const w = await addWorker(t);
  const weak = await actions.setNewPin(t.deps, w.id, "123456", async () => true);
  assert.ok(!weak.ok && weak.code === "weakPin" && weak.message.length > 0);
  assert.equal(await actions.setNewPin(t.deps, w.id, "580317", async () => false), { ok: false, code: "stepUsed" });
  assert.ok(await verifySecret(w.pin, (await userRow(w.id)).pinHash));
  assert.equal(await actions.setNewPin(t.deps, w.id, "580317", async () => true), { ok: true });
  assert.ok(await verifySecret("580317", (await userRow(w.id)).pinHash));
});

test("changePin: oldPinWrong (counted), weakPin, then changed; too many wrong tries are pinLocked", async () => {
  const w = await addWorker(t);
  const me = await actorOfWorker(w);
  const keys = loginKeys(w.phone, "10.1.1.1");
  assert.equal(await actions.changePin(t.deps, me, { oldPin: "000000", pin: "580317" }, keys), { ok: false, code: "oldPinWrong" });
  const weak = await actions.changePin(t.deps, me, { oldPin: w.pin, pin: "111111" }, keys);
  assert.ok(!weak.ok && weak.code === "weakPin");
  assert.equal(await actions.changePin(t.deps, me, { oldPin: w.pin, pin: "580317" }, keys), { ok: true });
  assert.ok(await verifySecret("580317", (await userRow(w.id)).pinHash));

  const v = await addWorker(t);
  const vk = loginKeys(v.phone, "10.1.1.2");
  let locked = false;
  for (let i = 0; i < 30 && !locked; i++) {
    const r = await actions.changePin(t.deps, await actorOfWorker(v), { oldPin: "000000", pin: "580317" }, vk);
    locked = !r.ok && r.code === "pinLocked";
  }
  assert.ok(locked);
  // Locked means locked: the right PIN is refused too, and nothing changes.
  assert.equal(await actions.changePin(t.deps, await actorOfWorker(v), { oldPin: v.pin, pin: "580317" }, vk), { ok: false, code: "pinLocked" });
  assert.ok(await verifySecret(v.pin, (await userRow(v.id)).pinHash));
});

test("saveProfile: place and wage problems by field (countyInvalid, townshipNotInCounty, townshipNeedsCounty, wageNeeded, wageUnitNeeded); then saved", async () => {
  const w = await addWorker(t);
  const me = await actorOfWorker(w);
  const base = { name: "王秀英", kinds: [], days: [] } as unknown as actions.ProfileInput;
  const cases: [Partial<actions.ProfileInput>, actions.PlaceWageProblems][] = [
    [{ countyCode: "110105" }, { countyCode: "countyInvalid" }],
    [{ countyCode: "411024", townshipCode: "411081103" }, { townshipCode: "townshipNotInCounty" }],
    [{ townshipCode: "411024102" }, { townshipCode: "townshipNeedsCounty" }],
    [{ countyCode: "411024", wageUnit: "day" }, { wage: "wageNeeded" }],
    [{ countyCode: "411024", wage: 15000 }, { wageUnit: "wageUnitNeeded" }],
  ];
  for (const [f, problems] of cases) assert.equal(await actions.saveProfile(t.deps, me, { ...base, ...f } as actions.ProfileInput), { ok: false, problems });
  const kind = await kindId(t, "家政保洁");
  const ok = await actions.saveProfile(t.deps, me, { ...base, name: "王秀英", countyCode: "411024", townshipCode: "411024102", kinds: [String(kind)], days: ["1", "3"], wage: 15000, wageUnit: "day" } as actions.ProfileInput);
  assert.equal(ok, { ok: true });
  const [p] = await t.db.select().from(workerProfiles).where(eq(workerProfiles.userId, w.id));
  assert.equal([p.townshipCode, p.days, p.expectedWageFen], ["411024102", "13", 15000]);
  assert.equal((await t.db.select().from(workerKinds).where(eq(workerKinds.userId, w.id))).map((k) => k.kindId), [kind]);
});

test("openCard and setCardStatus: published; tooManyOpen past 5; missing for another's card; closing twice changes nothing", async () => {
  const w = await addWorker(t);
  const me = await actorOfWorker(w);
  const kind = await kindId(t, "家政保洁");
  const card = { kindId: kind, countyCode: "411024", days: ["1"], wage: 15000, wageUnit: "day" } as actions.CardInput;
  assert.equal(await actions.openCard(t.deps, me, { ...card, countyCode: "110105" }), { ok: false, problems: { countyCode: "countyInvalid" } });
  for (let i = 0; i < 5; i++) assert.equal(await actions.openCard(t.deps, me, card), { ok: true });
  assert.equal(await actions.openCard(t.deps, me, card), { ok: false, code: "tooManyOpen" });
  const mine = await t.db.select().from(seekingCards).where(eq(seekingCards.workerId, w.id));
  assert.is(mine.length, 5);

  assert.equal(await actions.setCardStatus(t.deps, me, mine[0].id, "closed"), { ok: true, changed: true });
  assert.equal(await actions.setCardStatus(t.deps, me, mine[0].id, "closed"), { ok: true, changed: false });
  assert.equal(await actions.openCard(t.deps, me, card), { ok: true });
  assert.equal(await actions.setCardStatus(t.deps, me, mine[0].id, "open"), { ok: false, code: "tooManyOpen" });

  const other = await addWorker(t);
  await addCards(t, other.id, [{ kind: "家政保洁" }]);
  const [theirs] = await t.db.select().from(seekingCards).where(eq(seekingCards.workerId, other.id));
  assert.equal(await actions.setCardStatus(t.deps, me, theirs.id, "closed"), { ok: false, code: "missing" });
  assert.is((await t.db.select().from(seekingCards).where(eq(seekingCards.id, theirs.id)))[0].status, "open");
});

test.run();
