// The desk's own use cases without HTTP: check-in, registration, login help
// and the draw, each with its success and refusal codes, and the tables other
// features own reached only through their index.ts (asserted by what lands).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, and } from "drizzle-orm";
import { makeTestApp, addMarket, addUser, nextPhone, type TestApp } from "../../helpers/app.ts";
import { actorFor } from "../../helpers/actor.ts";
import { auditLog, checkIns, users, workerKinds, sessions, loginThrottle, fairDraws } from "../../../db/schema/index.ts";
import { check } from "../../../src/shared/forms.ts";
import { accountKey } from "../../../src/shared/throttle.ts";
import * as actions from "../../../src/features/desk/desk.actions.ts";
import { RegisterForm } from "../../../src/features/desk/desk.schema.ts";
import { setRule } from "../../../src/features/desk/desk.repo.ts";
import { addWorker, kindId } from "./fixtures.ts";

const YANLING = "411024";
let t: TestApp;
let desk: actions.DeskActor;

test.before(async () => {
  t = await makeTestApp();
  const market = await addMarket(t, { name: "鄢陵县零工驿站", countyCode: YANLING });
  const user = await actorFor(t, { role: "staff", name: "张干事", marketId: market, countyCode: YANLING });
  desk = { user, market: { id: market, countyCode: YANLING } };
});
test.after(() => t.close());

const registerForm = (o: Record<string, string | string[]> = {}) => {
  const r = check(RegisterForm, { phone: nextPhone(), name: "赵大姐", countyCode: YANLING, ownPhone: "yes", ...o });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

test("checkIn: a queue number, then already for the day", async () => {
  const w = await addWorker(t);
  const r = await actions.checkIn(t.deps, desk, w.id);
  assert.ok(r.ok && r.queueNo >= 1);
  assert.equal(await actions.checkIn(t.deps, desk, w.id), { ok: false, code: "already" });
  const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "desk.checkin"), eq(auditLog.onBehalfOf, w.id)));
  assert.is(entry.actorId, desk.user.id);
});

test("registerWalkIn: the account, her kinds (through workers), the vouched phone (through accounts), today's check-in, audited", async () => {
  const kind = await kindId(t, "搬运装卸");
  const f = registerForm({ kinds: [String(kind), String(kind)], birthYear: "1970" });
  const r = await actions.registerWalkIn(t.deps, desk, f);
  assert.ok(r.ok);
  if (!r.ok) return;
  const [u] = await t.db.select().from(users).where(eq(users.id, r.id));
  assert.equal([u.role, u.phoneVouchedBy], ["worker", desk.user.id]);
  assert.equal((await t.db.select().from(workerKinds).where(eq(workerKinds.userId, r.id))).map((k) => k.kindId), [kind]);
  assert.is((await t.db.select().from(checkIns).where(eq(checkIns.workerId, r.id))).length, 1);
  assert.ok((await t.db.select().from(auditLog).where(and(eq(auditLog.action, "desk.register"), eq(auditLog.subjectId, r.id))))[0]);
  // The same phone again: existing.
  assert.equal(await actions.registerWalkIn(t.deps, desk, registerForm({ phone: f.phone })), { ok: false, code: "existing", id: r.id });
});

test("registerWalkIn: refusals as codes — problems on the fields, someone else's account; nothing written", async () => {
  const before = (await t.db.select().from(users)).length;
  const bad = await actions.registerWalkIn(t.deps, desk, registerForm({ countyCode: "110101", birthYear: "1910", kinds: ["999999"] }));
  assert.is(bad.ok ? "" : bad.code, "problems");
  if (!bad.ok && bad.code === "problems") assert.equal(bad.problems, { countyCode: "unknownCounty", birthYear: "birthYearRange", kinds: "unknownKind" });
  const mismatch = await actions.registerWalkIn(t.deps, desk, registerForm({ idNumber: "411024197001010017", birthYear: "1971" }));
  assert.ok(!mismatch.ok && mismatch.code === "problems" && mismatch.problems.birthYear === "birthYearMismatch");
  const boss = await addUser(t, { role: "employer" });
  assert.equal(await actions.registerWalkIn(t.deps, desk, registerForm({ phone: boss.phone })), { ok: false, code: "otherAccount" });
  assert.is((await t.db.select().from(users)).length, before + 1, "only the employer of this test");
});

test("unlock and resetPin: holds end and sessions go, through accounts; a weak PIN is refused with its words", async () => {
  const w = await addWorker(t, { pin: "582039" });
  const hold = () => t.deps.database.write((db) => db.insert(loginThrottle).values({ key: accountKey(w.phone), failures: 9, windowStart: t.clock.now(), lockedUntil: t.clock.now() + 3600_000 }));
  await hold();
  assert.equal(await actions.unlock(t.deps, desk, w), { ok: true });
  assert.is((await t.db.select().from(loginThrottle).where(eq(loginThrottle.key, accountKey(w.phone)))).length, 0);
  await hold();
  await t.deps.database.write((db) => db.insert(sessions).values({ idHash: "x".repeat(64), userId: w.id, createdAt: t.clock.now(), lastSeenAt: t.clock.now() }));
  const weak = await actions.resetPin(t.deps, desk, { ...w, idNumber: null }, "111111");
  assert.ok(!weak.ok && weak.code === "weak" && weak.message.length > 0);
  assert.equal(await actions.resetPin(t.deps, desk, { ...w, idNumber: null }, "692048"), { ok: true });
  assert.is((await t.db.select().from(sessions).where(eq(sessions.userId, w.id))).length, 0);
  assert.is((await t.db.select().from(loginThrottle).where(eq(loginThrottle.key, accountKey(w.phone)))).length, 0);
  assert.ok((await t.db.select().from(auditLog).where(and(eq(auditLog.action, "desk.pin_reset"), eq(auditLog.subjectId, w.id))))[0]);
});

test("draw: notRule, nobody, done once, then already", async () => {
  const market = await addMarket(t, { name: "抽签驿站", countyCode: YANLING });
  const d = { ...desk, market: { id: market, countyCode: YANLING } };
  assert.equal(await actions.draw(t.deps, d), { ok: false, code: "notRule" });
  await t.deps.database.write((db) => setRule(db, market, "draw", desk.user.id, t.clock.now()));
  assert.equal(await actions.draw(t.deps, d), { ok: false, code: "nobody" });
  const w = await addWorker(t);
  await actions.checkIn(t.deps, d, w.id);
  assert.equal(await actions.draw(t.deps, d, () => 7), { ok: true });
  assert.is((await t.db.select().from(fairDraws).where(eq(fairDraws.marketId, market))).length, 1);
  assert.equal(await actions.draw(t.deps, d), { ok: false, code: "already" });
});

test.run();
