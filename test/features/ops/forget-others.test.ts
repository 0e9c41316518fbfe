// Forgetting a worker reaches the hotline and training too: their name and
// phone leave the complaints they made (not while one is still open, which
// also keeps the housekeeping off them), and their places in courses that
// have not started go to the first waiting.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { caseEvents, hotlineCases, messages, trainingSessions, trainingSignups, users } from "../../../db/schema/index.ts";
import { makeTestApp, addMarket, signedIn, nextPhone, type TestApp } from "../../helpers/app.ts";
import { insertWorker } from "../../../src/features/workers/index.ts";
import { runHousekeeping } from "../../../src/ops/housekeeping.ts";
import { copy } from "../../../views/copy/index.ts";
import { paths } from "../../../src/paths.ts";

const YANLING = "411024";
let t: TestApp;
let market: number;
let staff: Awaited<ReturnType<typeof signedIn>>;
let caseSeq = 0;

test.before(async () => {
  t = await makeTestApp({ now: "2026-11-28T09:00:00+08:00" });
  market = await addMarket(t, { countyCode: YANLING });
  staff = await signedIn(t, { role: "staff", marketId: market });
});
test.after(() => t.close());

async function worker(createdAt = t.clock.now()) {
  const phone = nextPhone();
  const r = await t.deps.database.transaction((tx) => insertWorker(tx, { phone, name: "王秀英", pinHash: null, countyCode: YANLING, birthYear: 1962, viaMarketId: market }, createdAt));
  return { ...r, phone };
}

async function complaint(by: { userId?: number; phone: string }, status: "accepted" | "processing" | "closed" | "visited") {
  const now = t.clock.now();
  const seq = ++caseSeq;
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(hotlineCases)
      .values({
        number: `XC-20261128-9${String(seq).padStart(3, "0")}`, day: "2026-11-28", seq: 9000 + seq, channel: "phone", callerName: "王秀英", callerPhone: by.phone,
        callerUserId: by.userId ?? null, category: "wage_arrears", countyCode: YANLING, description: "摘花生三天的工钱没给", status, dueDate: "2026-12-01", createdAt: now, updatedAt: now,
      })
      .returning({ id: hotlineCases.id }),
  );
  await t.deps.database.write((db) => db.insert(caseEvents).values({ caseId: row.id, at: now, kind: "intake", status, note: "受理" }));
  return row.id;
}

const caseRow = async (id: number) => (await t.db.select().from(hotlineCases).where(eq(hotlineCases.id, id)))[0];
/** As staff do it: open the worker's confirmation page, tick, send. */
async function forget(id: number) {
  await staff.get(paths.ops.forgetWorker(id));
  return staff.post(paths.ops.forgetWorker(id), { confirm: "yes" });
}

test("a worker whose complaint is still open is not forgotten yet (422), and the case keeps their phone", async () => {
  const w = await worker();
  const open = await complaint({ userId: w.id, phone: w.phone }, "processing");
  const page = await staff.get(paths.ops.forgetWorker(w.id));
  assert.match(page.html, copy.ops.forgetRefused.openCase);
  const r = await forget(w.id);
  assert.is(r.status, 422);
  assert.is((await caseRow(open)).callerPhone, w.phone);
  assert.is((await t.db.select().from(users).where(eq(users.id, w.id)))[0].phone, w.phone);
});

test("a complaint made from the worker's phone without an account counts as theirs too", async () => {
  const w = await worker();
  await complaint({ phone: w.phone }, "accepted");
  assert.is((await forget(w.id)).status, 422);
});

test("once their complaints are finished, forgetting blanks name and phone on them and keeps the case and its timeline", async () => {
  const w = await worker();
  const byAccount = await complaint({ userId: w.id, phone: w.phone }, "closed");
  const byPhone = await complaint({ phone: w.phone }, "visited");
  const someoneElse = await complaint({ phone: "13900002222" }, "closed");
  const r = await forget(w.id);
  assert.is(r.status, 303);
  for (const id of [byAccount, byPhone]) {
    const c = await caseRow(id);
    assert.equal([c.callerName, c.callerPhone], [null, null]);
    assert.is(c.description, "摘花生三天的工钱没给");
    assert.is(c.category, "wage_arrears");
    assert.is((await t.db.select().from(caseEvents).where(eq(caseEvents.caseId, id))).length, 1);
  }
  assert.is((await caseRow(someoneElse)).callerPhone, "13900002222");
});

test("their place in a course that has not started goes to the first waiting, who is told; a course already held keeps their sign-up", async () => {
  const now = t.clock.now();
  const session = async (startDate: string, endDate: string) =>
    (
      await t.deps.database.write((db) =>
        db
          .insert(trainingSessions)
          .values({ marketId: market, kind: "skills", title: "育婴员培训", provider: "市技工学校", startDate, endDate, capacity: 1, confirmedCount: 1, waitSeq: 1, signupDeadline: startDate, createdAt: now, updatedAt: now })
          .returning({ id: trainingSessions.id }),
      )
    )[0].id;
  const future = await session("2026-12-10", "2026-12-12");
  const past = await session("2026-10-10", "2026-10-12");
  const w = await worker();
  const next = await worker();
  const [mine] = await t.deps.database.write((db) =>
    db
      .insert(trainingSignups)
      .values([
        { sessionId: future, workerId: w.id, status: "confirmed", createdAt: now, confirmedAt: now },
        { sessionId: future, workerId: next.id, status: "waiting", waitNo: 1, createdAt: now },
        { sessionId: past, workerId: w.id, status: "confirmed", createdAt: now, confirmedAt: now },
      ])
      .returning({ id: trainingSignups.id }),
  );
  assert.is((await forget(w.id)).status, 303);
  const rows = await t.db.select().from(trainingSignups).orderBy(trainingSignups.id);
  const of = (session: number, worker: number) => rows.find((r) => r.sessionId === session && r.workerId === worker)!;
  assert.is(of(future, w.id).status, "cancelled");
  assert.is(of(future, w.id).id, mine.id);
  assert.is(of(future, next.id).status, "confirmed");
  assert.is(of(past, w.id).status, "confirmed");
  assert.is((await t.db.select().from(trainingSessions).where(eq(trainingSessions.id, future)))[0].confirmedCount, 1);
  const told = await t.db.select().from(messages).where(eq(messages.userId, next.id));
  assert.ok(told.some((m) => m.body === copy.training.notices.promoted("育婴员培训", "2026-12-10")));
});

test("the housekeeping leaves a long-inactive worker alone while their complaint is open, and forgets them once it is closed", async () => {
  const w = await worker(Date.parse("2021-01-01T10:00:00+08:00"));
  const open = await complaint({ userId: w.id, phone: w.phone }, "processing");
  await runHousekeeping(t.deps);
  assert.is((await t.db.select().from(users).where(eq(users.id, w.id)))[0].phone, w.phone);
  await t.deps.database.write((db) => db.update(hotlineCases).set({ status: "closed" }).where(eq(hotlineCases.id, open)));
  await runHousekeeping(t.deps);
  assert.is.not((await t.db.select().from(users).where(eq(users.id, w.id)))[0].phone, w.phone);
  assert.equal([(await caseRow(open)).callerName, (await caseRow(open)).callerPhone], [null, null]);
});

test.run();
