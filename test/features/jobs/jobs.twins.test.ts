// The SQL twins of the jobs rules against the same tables of cases as the
// TypeScript rules: the browse filter's day rate (dayRateSql), the sign-up
// guard inside the transaction (repo.signUp, which applies signUpRefusal), and
// the status in effect (effectiveStatus) as the public list (browseWhere) and
// the hourly sweep (expireOverdue) ask it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, and, inArray } from "drizzle-orm";
import { makeTestApp, nextPhone, type TestApp } from "../../helpers/app.ts";
import { insertWorker } from "../../../src/features/workers/index.ts";
import { jobPostings, employers } from "../../../db/schema/index.ts";
import { dayRateFen, signUpRefusal, effectiveStatus } from "../../../src/features/jobs/jobs.domain.ts";
import { dayRateSql, signUp, browseWhere, expireOverdue, SIGN_UP_POSTING_SQL, SIGN_UP_SQL, SIGN_UP_WAGE_SQL, signUpWage } from "../../../src/features/jobs/jobs.repo.ts";
import { tell, tellFixed, type JobNews } from "../../../src/features/jobs/jobs.news.ts";
import { recipientColumns } from "../../../src/features/messages/index.ts";
import { txClient } from "../../../src/shared/db.ts";
import { addEmployer, addPosting, addWorker, today } from "./fixtures.ts";
import { dayRateCases, effectiveStatusCases } from "./rules.cases.ts";
import { addDays } from "../../../src/shared/clock.ts";
import type { PostingStatus } from "../../../db/schema/constants.ts";

let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

test("dayRateSql gives what dayRateFen gives, case by case", async () => {
  const e = await addEmployer(t);
  for (const [wageFen, unit, perDay] of dayRateCases) {
    assert.is(dayRateFen(wageFen, unit), perDay, `dayRateFen ${wageFen}/${unit}`);
    const id = await addPosting(t, e.employerId, { wageFen, wageUnit: unit });
    const [row] = await t.db.select({ r: dayRateSql }).from(jobPostings).where(eq(jobPostings.id, id));
    assert.is(row.r === null ? null : Number(row.r), perDay, `dayRateSql ${wageFen}/${unit}`);
  }
});

test("the sign-up inside the transaction refuses exactly what signUpRefusal refuses", async () => {
  const e = await addEmployer(t);
  const d = today(t);
  const cases: [string, { status: PostingStatus; endDate: string; headcount: number; filledCount: number }][] = [
    ["open", { status: "open", endDate: d, headcount: 2, filledCount: 0 }],
    ["open, full by count", { status: "open", endDate: d, headcount: 2, filledCount: 2 }],
    ["filled", { status: "filled", endDate: d, headcount: 2, filledCount: 2 }],
    ["closed", { status: "closed", endDate: d, headcount: 2, filledCount: 0 }],
    ["removed", { status: "removed", endDate: d, headcount: 2, filledCount: 0 }],
    ["past its end", { status: "open", endDate: addDays(d, -1), headcount: 2, filledCount: 0 }],
    ["a draft", { status: "draft", endDate: d, headcount: 2, filledCount: 0 }],
  ];
  for (const [name, p] of cases) {
    const id = await addPosting(t, e.employerId, { startDate: addDays(d, -3), endDate: p.endDate, headcount: p.headcount });
    await t.deps.database.write((db) => db.update(jobPostings).set({ status: p.status, filledCount: p.filledCount }).where(eq(jobPostings.id, id)));
    const w = await addWorker(t);
    const r = await t.deps.database.transaction((tx) => signUp(tx, { postingId: id, workerId: w.id, quoteFen: null, quoteNote: null }, d, t.clock.now()));
    assert.is(r.ok ? null : r.reason, signUpRefusal(p, "worker", false, d), name);
  }
});

test("the public list shows as open, and the sweep expires, exactly what effectiveStatus says", async () => {
  const e = await addEmployer(t);
  const d = today(t);
  const ids = new Map<number, (typeof effectiveStatusCases)[number]>();
  for (const c of effectiveStatusCases) {
    const id = await addPosting(t, e.employerId, { startDate: addDays(d, -5), endDate: addDays(d, c[2]) });
    await t.deps.database.write((db) => db.update(jobPostings).set({ status: c[1] }).where(eq(jobPostings.id, id)));
    ids.set(id, c);
  }
  const mine = inArray(jobPostings.id, [...ids.keys()]);
  const listed = new Set((await t.db.select({ id: jobPostings.id }).from(jobPostings).where(and(mine, browseWhere({}, d)))).map((r) => r.id));
  for (const [id, [name, status, days, want]] of ids) {
    assert.is(effectiveStatus({ status, endDate: addDays(d, days) }, d), want, `effectiveStatus: ${name}`);
    assert.is(listed.has(id), want === "open", `browseWhere: ${name}`);
  }
  await t.deps.database.transaction((tx) => expireOverdue(tx, d, t.clock.now()));
  const after = await t.db.select({ id: jobPostings.id, status: jobPostings.status }).from(jobPostings).where(mine);
  for (const r of after) assert.is(r.status, ids.get(r.id)![3], `expireOverdue: ${ids.get(r.id)![0]}`);
});

// The sign-up's hot path runs fixed SQL (repo.signUp: SIGN_UP_POSTING_SQL, tellFixed) where the rest of the app
// builds the same statements with drizzle (messages' recipientColumns, tell): each pair must read and write the
// same rows. A change to either side that the other does not follow fails here.

test("SIGN_UP_POSTING_SQL reads what the drizzle select with recipientColumns reads: a worker with a PIN, one without, no such user; a missing posting", async () => {
  const e = await addEmployer(t);
  const posting = await addPosting(t, e.employerId, { headcount: 3 });
  const withPin = await addWorker(t, { pin: "802613" });
  // An account made by a proven phone at sign-up has no PIN yet (actions.signUpByPhone).
  const noPin = await t.deps.database.transaction((tx) => insertWorker(tx, { phone: nextPhone(), name: "新来的", pinHash: null }, t.clock.now()));
  const cases: [string, number, number][] = [
    ["worker with a PIN", withPin.id, posting],
    ["worker without a PIN", noPin.id, posting],
    ["the employer's own account", e.id, posting],
    ["no such user", 999_999, posting],
    ["no such posting", withPin.id, 999_999],
  ];
  for (const [name, workerId, postingId] of cases) {
    const fixed = (await t.deps.database.client.execute({ sql: SIGN_UP_POSTING_SQL, args: [workerId, workerId, postingId] })).rows.map((r) => [...Array(r.length).keys()].map((i) => r[i]));
    const built = (
      await t.db
        .select({
          status: jobPostings.status,
          startDate: jobPostings.startDate,
          endDate: jobPostings.endDate,
          headcount: jobPostings.headcount,
          filledCount: jobPostings.filledCount,
          title: jobPostings.title,
          countyCode: jobPostings.countyCode,
          employerUserId: employers.userId,
          ...recipientColumns(workerId),
        })
        .from(jobPostings)
        .innerJoin(employers, eq(employers.id, jobPostings.employerId))
        .where(eq(jobPostings.id, postingId))
    ).map((r) => Object.values(r));
    assert.equal(fixed, built, name);
    if (postingId === posting) assert.is(fixed.length, 1, `${name}: a row`);
  }
});

// SIGN_UP_SQL carries signUpRefusal's rule for a worker not yet signed up (role "worker", already false) in its
// WHERE: it must insert for exactly the postings the rule lets her sign up for, at each edge of the rule.
test("SIGN_UP_SQL inserts exactly when signUpRefusal lets a worker sign up, at every edge; never twice", async () => {
  const e = await addEmployer(t);
  const d = today(t);
  const statuses: PostingStatus[] = ["open", "filled", "closed", "removed", "expired", "draft"];
  const ends = [-1, 0, 1];
  const counts: [number, number][] = [[2, 0], [2, 1], [2, 2], [2, 3], [1, 0]];
  let allowed = 0;
  const w = await addWorker(t); // one worker: each case is another posting
  for (const status of statuses)
    for (const days of ends)
      for (const [headcount, filledCount] of counts) {
        const p = { status, endDate: addDays(d, days), headcount, filledCount };
        const id = await addPosting(t, e.employerId, { startDate: addDays(d, -3), endDate: p.endDate, headcount });
        await t.deps.database.write((db) => db.update(jobPostings).set({ status, filledCount }).where(eq(jobPostings.id, id)));
        const insert = () =>
          t.deps.database.transaction(async (tx) => (await txClient(tx).execute({ sql: SIGN_UP_SQL, args: [w.id, null, null, t.clock.now(), id, d] })).rows.length);
        const want = signUpRefusal(p, "worker", false, d) === null;
        const name = `${status}, end ${days} days from today, ${filledCount} of ${headcount}`;
        assert.is(await insert(), want ? 1 : 0, name);
        assert.is(await insert(), 0, `${name}: a second time`);
        const [{ n }] = (await t.deps.database.client.execute({ sql: "SELECT count(*) AS n FROM applications WHERE posting_id = ?", args: [id] })).rows as unknown as { n: number }[];
        assert.is(Number(n), want ? 1 : 0, `${name}: rows`);
        if (want) allowed++;
      }
  assert.is(allowed, 3 * 2, "open, not past its end (today or tomorrow), not full (0 or 1 of 2, 0 of 1)");
});

// The signed-in worker's first try (the route's fast path) must insert only where the full path would: where
// SIGN_UP_SQL inserts and the posting takes no quote (a quote posting goes the full way, which asks for it).
test("SIGN_UP_WAGE_SQL inserts exactly where SIGN_UP_SQL does, for a posting of pay mode wage only; never twice", async () => {
  const e = await addEmployer(t);
  const d = today(t);
  const statuses: PostingStatus[] = ["open", "filled", "closed", "expired", "draft"];
  let allowed = 0;
  const w = await addWorker(t);
  for (const payMode of ["wage", "quote"] as const)
    for (const status of statuses)
      for (const days of [-1, 0, 1])
        for (const [headcount, filledCount] of [[2, 1], [2, 2], [1, 0]] as [number, number][]) {
          const p = { status, endDate: addDays(d, days), headcount, filledCount };
          const id = await addPosting(t, e.employerId, { startDate: addDays(d, -3), endDate: p.endDate, headcount });
          await t.deps.database.write((db) => db.update(jobPostings).set({ status, filledCount, payMode }).where(eq(jobPostings.id, id)));
          const insert = () =>
            t.deps.database.transaction(async (tx) => (await txClient(tx).execute({ sql: SIGN_UP_WAGE_SQL, args: [w.id, null, null, t.clock.now(), id, d] })).rows.length);
          const want = signUpRefusal(p, "worker", false, d) === null && payMode === "wage";
          const name = `${payMode}, ${status}, end ${days} days from today, ${filledCount} of ${headcount}`;
          assert.is(await insert(), want ? 1 : 0, name);
          assert.is(await insert(), 0, `${name}: a second time`);
          if (want) allowed++;
        }
  assert.is(allowed, 2 * 2, "wage, open, not past its end, not full");
});

test("signUpWage writes what signUp writes (the sign-up, the employer's notice, the worker's notice and text without a PIN); null where nothing is inserted", async () => {
  const e = await addEmployer(t);
  const q = async (sql: string, args: (string | number)[]) =>
    (await t.deps.database.client.execute({ sql, args })).rows.map((r) => Array.from({ length: r.length }, (_, i) => r[i]));
  const rowsOf = async (posting: number, worker: number) => ({
    application: await q("SELECT status, quote_fen, quote_note, created_at FROM applications WHERE posting_id = ? AND worker_id = ?", [posting, worker]),
    // The employer's notice (its link names the posting) and the worker's own, the posting's id made alike.
    messages: await q("SELECT user_id = ?, at, body, replace(link, ?, 'P') FROM messages WHERE link LIKE ? OR user_id = ? ORDER BY id", [worker, String(posting), `%/${posting}/%`, worker]),
    texts: await q("SELECT template, params, county_code, user_id = ? FROM sms_outbox WHERE user_id = ?", [worker, worker]),
  });
  for (const pin of ["802613", null] as const) {
    const [a, b] = [await addPosting(t, e.employerId, { title: "搬家半天" }), await addPosting(t, e.employerId, { title: "搬家半天" })];
    const [w1, w2] = pin ? [await addWorker(t, { pin }), await addWorker(t, { pin })] : await Promise.all([1, 2].map(() => t.deps.database.transaction((tx) => insertWorker(tx, { phone: nextPhone(), name: "新来的", pinHash: null }, t.clock.now()))));
    const now = t.clock.now();
    const viaFull = await t.deps.database.transaction((tx) => signUp(tx, { postingId: a, workerId: w1.id, quoteFen: null, quoteNote: null }, today(t), now));
    const viaWage = await t.deps.database.transaction((tx) => signUpWage(tx, { postingId: b, workerId: w2.id }, today(t), now));
    assert.ok(viaFull.ok && typeof viaWage === "number");
    const full = await rowsOf(a, w1.id);
    const wage = await rowsOf(b, w2.id);
    assert.equal(wage, full, `pin ${pin}`);
    assert.is(full.messages.length, pin ? 1 : 2);
    assert.is(await t.deps.database.transaction((tx) => signUpWage(tx, { postingId: b, workerId: w2.id }, today(t), now)), null, "a second time");
  }
});

test("SIGN_UP_SQL hands back what SIGN_UP_POSTING_SQL reads for the notices: a worker with a PIN, one without", async () => {
  const e = await addEmployer(t);
  const withPin = await addWorker(t, { pin: "802613" });
  const noPin = await t.deps.database.transaction((tx) => insertWorker(tx, { phone: nextPhone(), name: "新来的", pinHash: null }, t.clock.now()));
  for (const [name, workerId] of [["worker with a PIN", withPin.id], ["worker without a PIN", noPin.id]] as const) {
    const posting = await addPosting(t, e.employerId, { title: "搬家 \"两人\" 半天" });
    const [read] = (await t.deps.database.client.execute({ sql: SIGN_UP_POSTING_SQL, args: [workerId, workerId, posting] })).rows;
    const [back] = await t.deps.database.transaction(
      async (tx) => (await txClient(tx).execute({ sql: SIGN_UP_SQL, args: [workerId, null, null, t.clock.now(), posting, today(t)] })).rows,
    );
    const [application] = (await t.deps.database.client.execute({ sql: "SELECT id FROM applications WHERE posting_id = ? AND worker_id = ?", args: [posting, workerId] })).rows;
    assert.is(Number(back[0]), Number(application[0]), `${name}: the new id`);
    // title, start date, county, the employer's account, her phone, has a PIN
    assert.equal(JSON.parse(back[1] as string), [read[5], read[1], read[6], Number(read[7]), read[8], Number(read[9])], name);
  }
});

test("tellFixed writes the rows tell writes: the employer's notice alone, and with the worker's notice and text", async () => {
  const e = await addEmployer(t);
  const w = await addWorker(t);
  const cases: [string, JobNews[]][] = [
    ["the employer's notice", [{ code: "newApplicant", userId: e.id, title: "家庭保洁", postingId: 7 }]],
    [
      "and the worker's notice with its text",
      [
        { code: "newApplicant", userId: e.id, title: "家庭保洁", postingId: 7 },
        { code: "signupReceived", userId: w.id, title: "家庭保洁", startDate: "2026-12-07", sms: { to: w.phone, template: "signupReceived", countyCode: "411024", params: { job: "家庭保洁", date: "12月7日" } } },
      ],
    ],
  ];
  const c = t.deps.database.client;
  /** Every row the news wrote, without the ids (the only thing that may differ), then gone again. */
  const written = async (write: (now: number) => Promise<void>) => {
    const top = async (table: string) => Number((await c.execute(`SELECT coalesce(max(id), 0) FROM ${table}`)).rows[0][0]);
    const from = { messages: await top("messages"), sms_outbox: await top("sms_outbox") };
    await write(t.clock.now());
    const rows: Record<string, unknown[]> = {};
    for (const [table, after] of Object.entries(from)) {
      const rs = await c.execute({ sql: `SELECT * FROM ${table} WHERE id > ? ORDER BY id`, args: [after] });
      rows[table] = rs.rows.map((r) => Object.fromEntries(rs.columns.filter((k) => k !== "id").map((k) => [k, r[k]])));
      await t.deps.database.write((db) => db.run(`DELETE FROM ${table} WHERE id > ${after}`));
    }
    return rows;
  };
  for (const [name, news] of cases) {
    const a = await written((now) => t.deps.database.transaction((tx) => tell(tx, news, now)));
    const b = await written((now) => t.deps.database.transaction((tx) => tellFixed(tx, news, now)));
    assert.ok(a.messages.length === news.length, `${name}: tell wrote the notices`);
    assert.equal(b, a, name);
  }
});

test.run();
