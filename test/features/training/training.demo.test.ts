// The demo step keeps the same rules the app keeps: counts on the session and
// zone rows match the rows, the waiting list is numbered 1, 2, 3 …, articles
// are in every category and render without refused links.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { seeded, type DemoContext } from "../../../db/seed/demo/context.ts";
import { seedBase } from "../../../db/seed/demo/base.ts";
import { seedPeople } from "../../../db/seed/demo/people.ts";
import { seedJobs } from "../../../db/seed/demo/jobs.ts";
import { seedTraining } from "../../../db/seed/demo/training.ts";
import { trainingSessions, trainingSignups, jobFairZones, jobFairBookings, policyArticles, articleCategories } from "../../../db/schema/index.ts";
import { refusedLinks } from "../../../src/features/policy/index.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
  const rand = seeded(20261128);
  const ctx: DemoContext = { deps: t.deps, rand, pick: (xs) => xs[Math.floor(rand() * xs.length)], markets: new Map(), accounts: new Map(), ids: {} };
  for (const step of [seedBase, seedPeople, seedJobs, seedTraining]) await step(ctx);
});
test.after(() => t.close());

test("sessions: counts match the sign-ups, one is full with a numbered waiting list, others have free places", async () => {
  const sessions = await t.db.select().from(trainingSessions);
  const signups = await t.db.select().from(trainingSignups);
  for (const s of sessions) {
    const mine = signups.filter((x) => x.sessionId === s.id);
    assert.is(mine.filter((x) => x.status === "confirmed").length, s.confirmedCount, s.title);
    assert.ok(s.confirmedCount <= s.capacity, s.title);
    const waits = mine.filter((x) => x.status === "waiting").map((x) => x.waitNo).sort((a, b) => a! - b!);
    assert.equal(waits, Array.from({ length: s.waitSeq }, (_, i) => i + 1), s.title);
  }
  assert.ok(sessions.some((s) => s.confirmedCount === s.capacity && s.waitSeq > 0), "a full session with a waiting list");
  assert.ok(sessions.filter((s) => s.status === "open" && s.confirmedCount < s.capacity).length >= 5, "sessions with free places");
  assert.ok(signups.some((x) => x.completedAt !== null), "a finished course with completers");
});

test("fairs: zone counts match the bookings and never pass capacity", async () => {
  const zones = await t.db.select().from(jobFairZones);
  const bookings = await t.db.select().from(jobFairBookings);
  assert.ok(bookings.length > 0);
  for (const z of zones) {
    assert.is(bookings.filter((b) => b.zoneId === z.id && b.status === "booked").length + bookings.filter((b) => b.zoneId === z.id && b.status === "no_show").length, z.bookedCount);
    assert.ok(z.bookedCount <= z.capacity);
  }
  assert.ok(bookings.some((b) => b.status === "no_show"));
});

test("articles: two or three in every category, every link one the renderer accepts", async () => {
  const articles = await t.db.select().from(policyArticles);
  for (const c of articleCategories) {
    const n = articles.filter((a) => a.category === c).length;
    assert.ok(n >= 2 && n <= 4, `${c}: ${n}`);
  }
  for (const a of articles) assert.equal(refusedLinks(a.body), [], a.title);
  assert.ok(articles.some((a) => a.marketId !== null), "some tied to a market");
});

test.run();
