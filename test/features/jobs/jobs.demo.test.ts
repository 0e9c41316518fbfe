// The demo step for the gig market: realistic local work in every county,
// quick and quote postings, sign-ups, hires and paid answers, with the keyword
// index filled; and it still works when the people step did not run.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { seeded, type DemoContext } from "../../../db/seed/demo/context.ts";
import { seedBase } from "../../../db/seed/demo/base.ts";
import { seedPeople } from "../../../db/seed/demo/people.ts";
import { seedJobs } from "../../../db/seed/demo/jobs.ts";
import { browse } from "../../../src/features/jobs/jobs.repo.ts";
import { chinaDate } from "../../../src/shared/clock.ts";

const newCtx = (app: TestApp): DemoContext => {
  const rand = seeded(20261128);
  return { deps: app.deps, rand, pick: (xs) => xs[Math.floor(rand() * xs.length)], markets: new Map(), accounts: new Map(), ids: {} };
};

let app: TestApp;
test.before(async () => {
  app = await makeTestApp();
  const ctx = newCtx(app);
  await seedBase(ctx);
  await seedPeople(ctx);
  await seedJobs(ctx);
});
test.after(() => app.close());

const q = async (sql: string, args: (string | number)[] = []) => (await app.deps.database.client.execute({ sql, args })).rows.map((r) => Array.from(r as ArrayLike<unknown>));
const today = () => chinaDate(app.clock.now());

test("open postings in every county, with the local work of each", async () => {
  const perCounty = await q("SELECT county_code, count(*) FROM job_postings WHERE status = 'open' GROUP BY county_code");
  assert.is(perCounty.length, 7);
  for (const r of perCounty) assert.ok(Number(r[1]) >= 10, `${r[0]}: ${r[1]}`);
  const has = async (county: string, kind: string) =>
    Number((await q("SELECT count(*) FROM job_postings p JOIN work_kinds k ON k.id = p.kind_id WHERE p.county_code = ? AND k.name = ?", [county, kind]))[0][0]);
  assert.ok((await has("411081", "钧瓷制作")) > 0, "钧瓷 in 禹州");
  assert.ok((await has("411024", "花木养护")) > 0, "花木 in 鄢陵");
  assert.ok((await has("411003", "发制品加工")) > 0, "发制品 in 建安");
  for (const c of ["411002", "411003", "411024", "411025", "411071", "411081", "411082"]) assert.ok((await has(c, "家政保洁")) > 0, `家政保洁 in ${c}`);
});

test("a few hundred rows: quick jobs today, quotes, sign-ups, hires, finished work answered 'paid'", async () => {
  const [[postings]] = await q("SELECT count(*) FROM job_postings");
  const [[apps]] = await q("SELECT count(*) FROM applications");
  const [[hireCount]] = await q("SELECT count(*) FROM hires");
  assert.ok(Number(postings) >= 150, `postings ${postings}`);
  assert.ok(Number(apps) + Number(hireCount) + Number(postings) >= 300);
  const [[quick]] = await q("SELECT count(*) FROM job_postings WHERE quick = 1 AND status = 'open' AND start_date = ? AND end_date = ?", [today(), today()]);
  assert.ok(Number(quick) >= 5, `quick ${quick}`);
  const [[quotes]] = await q("SELECT count(*) FROM job_postings p JOIN work_kinds k ON k.id = p.kind_id WHERE p.pay_mode = 'quote' AND k.name IN ('管道疏通', '水电安装')");
  assert.ok(Number(quotes) >= 7, `quotes ${quotes}`);
  const [[quoted]] = await q("SELECT count(*) FROM applications WHERE quote_fen IS NOT NULL");
  assert.ok(Number(quoted) > 0);
  const [[paid]] = await q("SELECT count(*) FROM hires WHERE status = 'completed' AND paid = 'paid' AND paid_answered_at IS NOT NULL");
  assert.ok(Number(paid) >= 10, `paid ${paid}`);
  const [[unanswered]] = await q("SELECT count(*) FROM hires WHERE end_date < ? AND paid IS NULL", [today()]);
  assert.ok(Number(unanswered) > 0, "some past hires are left for the hotline step");
  const [[via]] = await q("SELECT count(*) FROM job_postings WHERE via_market_id IS NOT NULL");
  assert.ok(Number(via) > 0, "some postings made at a station");
});

test("the data is consistent: filled counts match confirmed hires, nothing open past its end date, filled means full", async () => {
  const bad = await q(`SELECT p.id FROM job_postings p WHERE p.filled_count <> (SELECT count(*) FROM hires h WHERE h.posting_id = p.id)
    OR (p.status = 'open' AND p.end_date < ?) OR (p.status = 'filled' AND p.filled_count < p.headcount) OR p.filled_count > p.headcount`, [today()]);
  assert.equal(bad, []);
  const [[pending]] = await q("SELECT count(*) FROM applications a JOIN job_postings p ON p.id = a.posting_id WHERE a.status = 'applied' AND p.status <> 'open'");
  assert.is(Number(pending), 0);
});

test("the keyword index is filled: the search finds local work by 2-character words", async () => {
  for (const word of ["钧瓷", "花木", "保洁", "疏通"]) {
    const { total } = await browse(app.db, { q: word }, today(), 1, 20);
    assert.ok(total > 0, word);
  }
  const [[indexed]] = await q("SELECT count(*) FROM job_postings WHERE id IN (SELECT rowid FROM posting_search WHERE posting_search MATCH '\"保\"')");
  const [[withChar]] = await q("SELECT count(*) FROM job_postings WHERE instr(search_text, '保') > 0");
  assert.is(Number(indexed), Number(withChar));
});

test("without the people step it makes its own employers and workers", async () => {
  const other = await makeTestApp();
  try {
    const ctx = newCtx(other);
    await seedBase(ctx);
    await seedJobs(ctx);
    const rs = await other.deps.database.client.execute("SELECT count(*), count(DISTINCT county_code) FROM job_postings WHERE status = 'open'");
    assert.ok(Number(rs.rows[0][0]) > 50);
    assert.is(Number(rs.rows[0][1]), 7);
  } finally {
    other.close();
  }
});

test.run();
