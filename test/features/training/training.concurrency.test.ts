// Capacity is never exceeded: 300 people sign up in the same instant for 30
// places; exactly 30 get a place and 270 queue in order. A cancellation then
// moves the first in the queue up and tells them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { and, asc, eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp, type Browser } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { trainingSessions, trainingSignups, users, messages, smsOutbox } from "../../../db/schema/index.ts";
import { addSession } from "./fixtures.ts";
import { findSignupOf } from "../../../src/features/training/training.repo.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

const phoneOf = (i: number) => `137${String(i).padStart(8, "0")}`;

test("300 simultaneous sign-ups for 30 places: exactly 30 confirmed, 270 waiting in order with distinct consecutive numbers", async () => {
  const marketId = await addMarket(t);
  const sessionId = await addSession(t, marketId, { capacity: 30 });
  // Each person has their own browser (cookie jar and CSRF token), as 300 phones would.
  const browsers: Browser[] = await Promise.all(
    Array.from({ length: 300 }, async () => {
      const b = t.client();
      await b.get(paths.training.show(sessionId));
      return b;
    }),
  );
  const results = await Promise.all(browsers.map((b, i) => b.post(paths.training.signup(sessionId), { name: `工人${i}`, phone: phoneOf(i) })));
  assert.equal([...new Set(results.map((r) => r.status))], [303], "every sign-up was answered with a redirect");
  // Since phone codes, each form leads to a code page; the 300 codes are then typed in the same instant.
  const codes = new Map((await t.db.select().from(smsOutbox)).map((m) => [m.toPhone, m.body.match(/\d{6}/)![0]]));
  const pages = results.map((r) => r.location!);
  assert.ok(pages.every((p) => p.startsWith("/phone/")));
  await Promise.all(browsers.map((b, i) => b.get(pages[i])));
  const proven = await Promise.all(browsers.map((b, i) => b.post(pages[i], { code: codes.get(phoneOf(i))! })));
  assert.equal([...new Set(proven.map((r) => r.status))], [303], "every code was answered with a redirect");

  const rows = await t.db
    .select({ id: trainingSignups.id, status: trainingSignups.status, waitNo: trainingSignups.waitNo })
    .from(trainingSignups)
    .where(eq(trainingSignups.sessionId, sessionId))
    .orderBy(asc(trainingSignups.id));
  assert.is(rows.length, 300);
  assert.is(rows.filter((r) => r.status === "confirmed").length, 30);
  const waiting = rows.filter((r) => r.status === "waiting");
  assert.is(waiting.length, 270);
  // In the order they were taken, the waiting numbers are exactly 1, 2, … 270.
  assert.equal(
    waiting.map((r) => r.waitNo),
    Array.from({ length: 270 }, (_, i) => i + 1),
  );
  // The first 30 written are the confirmed ones: nobody jumped the queue.
  assert.ok(rows.slice(0, 30).every((r) => r.status === "confirmed" && r.waitNo === null));
  const [s] = await t.db.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId));
  assert.is(s.confirmedCount, 30);
  assert.is(s.waitSeq, 270);
  // Every anonymous sign-up made an account without a PIN, and was told by SMS.
  const created = await t.db.select({ id: users.id, pinHash: users.pinHash }).from(users).where(eq(users.role, "worker"));
  assert.is(created.length, 300);
  assert.ok(created.every((u) => u.pinHash === null));
  assert.is((await t.db.select().from(smsOutbox)).filter((m) => !m.body.startsWith("验证码")).length, 300);
});

test("a cancellation promotes the first in the queue and tells them (inbox and SMS); the others move up one place", async () => {
  const [session] = await t.db.select().from(trainingSessions).limit(1);
  const staff = await signedIn(t, { role: "staff", marketId: session.marketId });
  const [firstConfirmed] = await t.db
    .select({ id: trainingSignups.id })
    .from(trainingSignups)
    .where(and(eq(trainingSignups.sessionId, session.id), eq(trainingSignups.status, "confirmed")))
    .orderBy(asc(trainingSignups.id))
    .limit(1);
  const [head] = await t.db
    .select({ id: trainingSignups.id, workerId: trainingSignups.workerId })
    .from(trainingSignups)
    .where(and(eq(trainingSignups.sessionId, session.id), eq(trainingSignups.waitNo, 1)));
  await staff.get(paths.training.staffShow(session.id));
  const r = await staff.post(paths.training.staffCancelSignup(firstConfirmed.id));
  assert.is(r.status, 303);

  const [promoted] = await t.db.select().from(trainingSignups).where(eq(trainingSignups.id, head.id));
  assert.is(promoted.status, "confirmed");
  const [s] = await t.db.select().from(trainingSessions).where(eq(trainingSessions.id, session.id));
  assert.is(s.confirmedCount, 30, "still full: the freed place went to the queue");
  const inbox = await t.db.select().from(messages).where(eq(messages.userId, head.workerId));
  assert.ok(inbox.some((m) => m.body.includes("候补转为正式报名")), "the promoted person has an inbox message");
  const [headUser] = await t.db.select({ phone: users.phone }).from(users).where(eq(users.id, head.workerId));
  const texts = await t.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, headUser.phone));
  assert.ok(texts.some((m) => m.body.includes("候补转为正式报名")), "and an SMS");

  // The one who was second in the queue is now first.
  const [second] = await t.db
    .select({ workerId: trainingSignups.workerId })
    .from(trainingSignups)
    .where(and(eq(trainingSignups.sessionId, session.id), eq(trainingSignups.waitNo, 2)));
  assert.is((await findSignupOf(t.db, session.id, second.workerId))?.position, 1);
  const waiting = await t.db.select().from(trainingSignups).where(and(eq(trainingSignups.sessionId, session.id), eq(trainingSignups.status, "waiting")));
  assert.is(waiting.length, 269);
});

test.run();
