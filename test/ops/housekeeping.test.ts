// The personal-data housekeeping on a fixed clock: what it blanks, anonymizes
// and deletes, what it must keep (counts for the statistics, anyone still
// active), the record it leaves, and when the daily timer decides to run.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, sql } from "drizzle-orm";
import {
  applications, auditLog, checkIns, employers, hires, jobPostings, loginThrottle, messages, seekingCards, sessions, smsOutbox,
  userLastSeen, users, workerProfiles, workKinds,
} from "../../db/schema/index.ts";
import { makeTestApp, addMarket, addUser, nextPhone, type TestApp } from "../helpers/app.ts";
import { insertWorker } from "../../src/features/workers/index.ts";
import { runHousekeeping, runHousekeepingIfDue, startHousekeeping } from "../../src/ops/housekeeping.ts";
import { readRecord, LAST_HOUSEKEEPING, type HousekeepingRecord } from "../../src/ops/records.ts";
import { accountKey } from "../../src/shared/throttle.ts";
import { hashSecret, sha256 } from "../../src/shared/crypto.ts";
import { paths } from "../../src/paths.ts";
import { waitFor } from "../helpers/wait.ts";

const NOW = "2026-11-28T09:00:00+08:00";
const at = (iso: string) => Date.parse(iso + "T10:00:00+08:00");
const YANLING = "411024";

let t: TestApp;
let market: number;
let posting: { old: number; recent: number; open: number };
const w: Record<"old" | "loggedIn" | "checkedIn" | "newcomer" | "pending", { id: number; phone: string }> = {} as never;

async function worker(name: string, createdIso: string) {
  const phone = nextPhone();
  const pinHash = await hashSecret("135790");
  const { id } = await t.deps.database.transaction((tx) =>
    insertWorker(tx, { phone, name, pinHash, countyCode: YANLING, birthYear: 1965, gender: "female", idNumber: null, viaMarketId: market }, at(createdIso)),
  );
  return { id, phone };
}

async function addPosting(employerId: number, kindId: number, endDate: string, status: "open" | "closed" = "closed") {
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(jobPostings)
      .values({
        employerId, title: "摘花生", kindId, form: "gig", headcount: 3, wageFen: 15000, wageUnit: "day", startDate: endDate, endDate,
        countyCode: YANLING, contactName: "李老板", contactPhone: "13812345678", status, createdAt: at("2022-01-01"), updatedAt: at("2022-01-01"),
      })
      .returning({ id: jobPostings.id }),
  );
  return row.id;
}

test.before(async () => {
  t = await makeTestApp({ now: NOW });
  market = await addMarket(t, { countyCode: YANLING });
  const kindId = (await t.db.select().from(workKinds).limit(1))[0].id;
  const boss = await addUser(t, { role: "employer" });
  const [emp] = await t.deps.database.write((db) =>
    db
      .insert(employers)
      .values({ userId: boss.id, kind: "private", name: "李老板", contactName: "李老板", contactPhone: boss.phone, countyCode: YANLING, status: "verified", createdAt: at("2021-01-01") })
      .returning({ id: employers.id }),
  );
  posting = {
    old: await addPosting(emp.id, kindId, "2025-06-30"),
    recent: await addPosting(emp.id, kindId, "2026-01-10"),
    open: await addPosting(emp.id, kindId, "2026-12-20", "open"),
  };

  w.old = await worker("老张", "2022-01-01");
  w.loggedIn = await worker("老李", "2022-01-01");
  w.checkedIn = await worker("老王", "2022-01-01");
  w.newcomer = await worker("小赵", "2026-01-01");
  w.pending = await worker("老刘", "2022-01-01");

  const { database } = t.deps;
  await database.write((db) =>
    db.batch([
      // The old worker: years-old sign-up, hire, check-in, card, inbox, texts, a stale session and a lock.
      db.insert(applications).values({ postingId: posting.old, workerId: w.old.id, status: "confirmed", createdAt: at("2022-03-01") }),
      db.insert(checkIns).values({ marketId: market, workerId: w.old.id, day: "2022-05-01", at: at("2022-05-01") }),
      db.insert(seekingCards).values({ workerId: w.old.id, kindId, countyCode: YANLING, note: "会开三轮车", createdAt: at("2022-01-02"), updatedAt: at("2022-01-02") }),
      db.insert(messages).values({ userId: w.old.id, at: at("2022-03-02"), body: "您已被录用" }),
      db.insert(smsOutbox).values({ toPhone: w.old.phone, template: "hired", params: "{}", status: "pending", createdAt: at("2022-03-02") }),
      db.insert(sessions).values({ idHash: sha256("old"), userId: w.old.id, createdAt: at("2022-03-01"), lastSeenAt: at("2022-03-01") }),
      db.insert(loginThrottle).values({ key: accountKey(w.old.phone), failures: 20, windowStart: at("2022-04-01"), lockedUntil: Number.MAX_SAFE_INTEGER }),
      // Signed in this summer (and signed out since: only user_last_seen remembers).
      db.insert(sessions).values({ idHash: sha256("summer"), userId: w.loggedIn.id, createdAt: at("2026-06-01"), lastSeenAt: at("2026-06-01") }),
      db.delete(sessions).where(eq(sessions.idHash, sha256("summer"))),
      db.insert(checkIns).values({ marketId: market, workerId: w.checkedIn.id, day: "2025-01-15", at: at("2025-01-15") }),
      // An old sign-up never decided, on a posting still open.
      db.insert(applications).values({ postingId: posting.open, workerId: w.pending.id, status: "applied", createdAt: at("2022-06-01") }),
      // Texts to others: one old and delivered (goes), one recent (stays).
      db.insert(smsOutbox).values({ toPhone: "13900001111", template: "hired", params: "{}", status: "sent", createdAt: at("2026-01-05"), sentAt: at("2026-01-05") }),
      db.insert(smsOutbox).values({ toPhone: "13900001111", template: "hired", params: "{}", status: "sent", createdAt: at("2026-11-01"), sentAt: at("2026-11-01") }),
    ]),
  );
  const [app] = await t.db.select({ id: applications.id }).from(applications).where(eq(applications.workerId, w.old.id));
  await database.write((db) =>
    db.insert(hires).values({
      applicationId: app.id, postingId: posting.old, employerId: emp.id, workerId: w.old.id, wageFen: 15000, wageUnit: "day",
      startDate: "2022-04-01", endDate: "2022-04-03", place: "城关镇", status: "completed", confirmedAt: at("2022-03-05"),
    }),
  );
  await database.write((db) => db.update(workerProfiles).set({ idNumber: "41102419650101002X" }).where(eq(workerProfiles.userId, w.old.id)));
});
test.after(() => t.close());

const one = async (sqlText: string) => Number((await t.deps.database.client.execute(sqlText)).rows[0][0]);
const statistics = async () => ({
  applications: await one("SELECT count(*) FROM applications"),
  hires: await one("SELECT count(*) FROM hires"),
  checkIns: await one("SELECT count(*) FROM check_ins"),
  workersInYanling: await one(`SELECT count(*) FROM users WHERE role = 'worker' AND county_code = '${YANLING}'`),
  hiresByCounty: await one(`SELECT count(*) FROM hires h JOIN job_postings p ON p.id = h.posting_id WHERE p.county_code = '${YANLING}'`),
});

test("a sign-in is remembered after the session is gone (migration 0009's trigger)", async () => {
  const [row] = await t.db.select().from(userLastSeen).where(eq(userLastSeen.userId, w.loggedIn.id));
  assert.is(row?.at, at("2026-06-01"));
});

test("one run: old contacts blanked, the long-inactive anonymized, old texts deleted; the active kept; statistics unchanged", async () => {
  const before = await statistics();
  const r = await runHousekeeping(t.deps);
  assert.equal({ p: r.postingsCleared, w: r.workersForgotten, s: r.smsDeleted }, { p: 1, w: 2, s: 1 });
  assert.equal(await statistics(), before, "counts for the statistics stay the same");

  const postings = new Map((await t.db.select().from(jobPostings)).map((p) => [p.id, p]));
  assert.is(postings.get(posting.old)!.contactPhone, "");
  assert.is(postings.get(posting.old)!.contactName, "");
  assert.is(postings.get(posting.recent)!.contactPhone, "13812345678", "ended less than a year ago");

  const [old] = await t.db.select().from(users).where(eq(users.id, w.old.id));
  assert.is(old.name, "已注销");
  assert.is(old.phone, `forgotten-${w.old.id}`);
  assert.is(old.pinHash, null);
  assert.ok(old.disabledAt !== null);
  assert.is(old.countyCode, YANLING, "the county stays, for the statistics");
  const [profile] = await t.db.select().from(workerProfiles).where(eq(workerProfiles.userId, w.old.id));
  assert.equal([profile.idNumber, profile.birthYear, profile.gender, profile.cardCode], [null, null, null, null]);
  for (const [table, col] of [[seekingCards, seekingCards.workerId], [messages, messages.userId], [sessions, sessions.userId]] as const) {
    assert.is((await t.db.select().from(table as typeof messages).where(eq(col, w.old.id))).length, 0);
  }
  assert.is((await t.db.select().from(smsOutbox).where(eq(smsOutbox.toPhone, w.old.phone))).length, 0, "texts to the old number");
  assert.is((await t.db.select().from(loginThrottle).where(eq(loginThrottle.key, accountKey(w.old.phone)))).length, 0);
  const [hire] = await t.db.select().from(hires).where(eq(hires.workerId, w.old.id));
  assert.is(hire.wageFen, 15000, "the hire record stays");

  const [pendingApp] = await t.db.select().from(applications).where(eq(applications.workerId, w.pending.id));
  assert.is(pendingApp.status, "withdrawn", "an undecided sign-up of a forgotten worker is withdrawn");

  for (const k of ["loggedIn", "checkedIn", "newcomer"] as const) {
    const [u] = await t.db.select().from(users).where(eq(users.id, w[k].id));
    assert.is(u.phone, w[k].phone, `${k} is kept`);
  }
  const login = await t.client().post(paths.accounts.login, { phone: w.old.phone, secret: "135790" });
  assert.is(login.status, 401, "the anonymized worker cannot sign in");
});

test("the run leaves its summary in the audit log (no actor), the settings and the log; a second run changes nothing", async () => {
  const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, "housekeeping"));
  assert.is(entries.length, 1);
  assert.is(entries[0].actorId, null);
  assert.equal(JSON.parse(entries[0].detail!).workersForgotten, 2);
  const rec = await readRecord<HousekeepingRecord>(t.db, LAST_HOUSEKEEPING);
  assert.is(rec?.at, t.clock.now());
  assert.ok(t.logs.some((l) => l.includes('"msg":"housekeeping"') && l.includes('"workersForgotten":2')));
  assert.not.ok(t.logs.some((l) => l.includes(w.old.phone)), "no phone numbers in the log");
  const again = await runHousekeeping(t.deps);
  assert.equal([again.postingsCleared, again.workersForgotten, again.smsDeleted], [0, 0, 0]);
});

test("the daily timer runs only when due, and only one of several instances does", async () => {
  // The last run was at 09:00 today; at night, 20 hours on, the next is due.
  assert.is(await runHousekeepingIfDue(t.deps), null, "just ran");
  t.clock.set("2026-11-29T03:30:00+08:00");
  assert.is(await runHousekeepingIfDue(t.deps), null, "18.5 hours later: too soon");
  t.clock.set("2026-11-29T05:30:00+08:00");
  const [a, b] = await Promise.all([runHousekeepingIfDue(t.deps), runHousekeepingIfDue(t.deps)]);
  assert.is([a, b].filter(Boolean).length, 1, "two ticks at once: one run");
  const runs = await t.db.select({ n: sql<number>`count(*)` }).from(auditLog).where(eq(auditLog.action, "housekeeping"));
  assert.is(runs[0].n, 3);
});

test("startHousekeeping: the timer fires, runs when due, and stops", async () => {
  t.clock.set("2026-12-02T03:00:00+08:00");
  const stop = startHousekeeping(t.deps, { firstDelayMs: 10, everyMs: 60_000 });
  await waitFor(async () => (await readRecord<HousekeepingRecord>(t.db, LAST_HOUSEKEEPING))?.at === t.clock.now(), "the timer ran housekeeping");
  stop();
  assert.is((await readRecord<HousekeepingRecord>(t.db, LAST_HOUSEKEEPING))?.at, t.clock.now());
});

test.run();
