// Capacity is never exceeded: 300 people sign up in the same instant for 30
// places; exactly 30 get a place and 270 queue in order. A cancellation then
// moves the first in the queue up and tells them.
import { test } from "uvu";
import { renderTemplate } from "../../../src/features/messages/index.ts";
const smsText = (m: { template: string; params: string }) => renderTemplate(m.template, JSON.parse(m.params));
import * as assert from "uvu/assert";
import { and, asc, eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp, type Browser } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { trainingSessions, trainingSignups, users, messages, smsOutbox } from "../../../db/schema/index.ts";
import { addSession } from "./fixtures.ts";
import { lastCode } from "../../helpers/phone.ts";
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
  const codes = new Map(await Promise.all(browsers.map(async (_, i) => [phoneOf(i), (await lastCode(t, phoneOf(i)))!] as const)));
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
  assert.is((await t.db.select().from(smsOutbox)).filter((m) => m.template !== "verifyCode").length, 300);
});

test("group commit through the routes: refused sign-ups in the same groups as accepted ones are rolled back alone (their new accounts too)", async () => {
  const marketId = await addMarket(t);
  const open = await addSession(t, marketId, { capacity: 100, title: "开着的培训" });
  const closing = await addSession(t, marketId, { capacity: 100, title: "就要截止的培训" });
  const phone = (i: number) => `139${String(i).padStart(8, "0")}`;
  // 60 visitors, every third one at the course that closes while they wait for their code.
  const jobs = Array.from({ length: 60 }, (_, i) => ({ i, session: i % 3 === 2 ? closing : open }));
  const browsers = await Promise.all(
    jobs.map(async (j) => {
      const b = t.client();
      await b.get(paths.training.show(j.session));
      return b;
    }),
  );
  // Since phone codes, the form leads to a code page; nothing is written for the sign-up yet.
  const asked = await Promise.all(browsers.map((b, k) => b.post(paths.training.signup(jobs[k].session), { name: `访客${jobs[k].i}`, phone: phone(jobs[k].i) })));
  for (const [k, r] of asked.entries()) assert.is(r.status, 303, `visitor ${jobs[k].i}`);
  const pages = asked.map((r) => r.location!);
  assert.ok(pages.every((p) => p.startsWith("/phone/")));
  const codes = await Promise.all(jobs.map(async (j) => (await lastCode(t, phone(j.i)))!));
  await Promise.all(browsers.map((b, k) => b.get(pages[k])));
  // Staff close the second course (its deadline moves to yesterday) before anyone types the code.
  await t.deps.database.write((db) => db.update(trainingSessions).set({ signupDeadline: "2026-11-27" }).where(eq(trainingSessions.id, closing)));
  const before = { ...t.deps.database.commits };
  // Each code makes the account and the sign-up in one transaction; all 60 are typed in the same instant.
  const results = await Promise.all(browsers.map((b, k) => b.post(pages[k], { code: codes[k] })));
  const after = t.deps.database.commits;
  for (const [k, r] of results.entries()) {
    if (jobs[k].session === open) assert.is(r.status, 303, `visitor ${jobs[k].i}`);
    else assert.ok(r.status >= 400 && r.status < 500, `visitor ${jobs[k].i} at the closed course: ${r.status}`);
  }
  // The point of the test: the transactions really went in groups (fewer COMMITs than transactions).
  assert.ok(after.transactions - before.transactions >= 60, "every code was a transaction");
  assert.ok(after.commits - before.commits < after.transactions - before.transactions, `grouped: ${after.commits - before.commits} commits for ${after.transactions - before.transactions} transactions`);
  // The accepted ones are all there; of the refused ones nothing at all, not even the account made first.
  const accepted = jobs.filter((j) => j.session === open).map((j) => phone(j.i));
  const refused = jobs.filter((j) => j.session === closing).map((j) => phone(j.i));
  const workers = new Set((await t.db.select({ phone: users.phone }).from(users)).map((u) => u.phone));
  assert.equal(accepted.filter((p) => !workers.has(p)), [], "every accepted visitor has an account");
  assert.equal(refused.filter((p) => workers.has(p)), [], "no refused visitor has an account");
  assert.is((await t.db.select().from(trainingSignups).where(eq(trainingSignups.sessionId, open))).length, 40);
  assert.is((await t.db.select().from(trainingSignups).where(eq(trainingSignups.sessionId, closing))).length, 0);
  const texts = (await t.db.select({ to: smsOutbox.toPhone, template: smsOutbox.template }).from(smsOutbox)).filter((m) => m.template !== "verifyCode").map((m) => m.to);
  assert.equal(refused.filter((p) => texts.includes(p)), [], "no text but the code to a refused visitor");
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
  assert.ok(texts.some((m) => smsText(m).includes("候补转为正式报名")), "and an SMS");

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
