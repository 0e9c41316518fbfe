// Start order read in two parts (browseQuery: the started postings newest
// first, then those starting later by start date) gives exactly the rows of
// one query sorted by the start-order key, page after page, for the filters
// and keywords a visitor uses — over postings that started days ago, start
// today, tomorrow and later, with publication times that tie and that do not
// follow the ids.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { and, desc, eq, sql } from "drizzle-orm";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { seeded } from "../../../db/seed/demo/context.ts";
import { jobPostings, workKinds } from "../../../db/schema/index.ts";
import { browse, browseQuery, browseWhere } from "../../../src/features/jobs/jobs.repo.ts";
import { searchText } from "../../../src/features/jobs/jobs.search.ts";
import { insertPosting } from "../../../src/features/jobs/index.ts";
import type { Filters } from "../../../src/features/jobs/jobs.schema.ts";
import type { PostingDraft } from "../../../src/features/jobs/jobs.domain.ts";
import { addEmployer, kindIds, today, YANLING, YUZHOU } from "./fixtures.ts";
import { addDays } from "../../../src/shared/clock.ts";

let t: TestApp;
const rand = seeded(7);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
let kind = 0;

test.before(async () => {
  t = await makeTestApp();
  const { employerId } = await addEmployer(t);
  const kinds = [...(await kindIds(t)).entries()].slice(0, 3);
  kind = kinds[0][1];
  const d = today(t);
  await t.deps.database.transaction(async (tx) => {
    for (let i = 0; i < 160; i++) {
      const [kindName, kindId] = pick(kinds);
      const startDate = addDays(d, pick([-9, -3, -1, 0, 0, 1, 1, 2, 5, 12]));
      const draft: PostingDraft = {
        title: pick(["家庭保洁", "搬运装卸", "保洁小时工", "水电维修"]),
        kindId,
        form: "gig",
        headcount: 1,
        payMode: "wage",
        wageFen: 20000,
        wageUnit: "day",
        startDate,
        // Some ended yesterday and are still "open" until the sweep: never shown.
        endDate: i % 19 === 0 ? addDays(d, -1) : addDays(startDate < d ? d : startDate, 4),
        hours: "",
        countyCode: pick([YANLING, YUZHOU]),
        townshipCode: null,
        address: "",
        duties: "",
        requirements: "",
        contactName: "李",
        contactPhone: "13812345678",
        brandIds: [],
      };
      const text = searchText({ ...draft, kindName, countyName: "", townshipName: "" });
      await insertPosting(tx, { employerId, draft, searchText: text, status: i % 23 === 5 ? "draft" : "open" }, t.clock.now());
    }
  });
  // Publication times: many ties (same minute), and not in id order.
  await t.deps.database.client.execute({ sql: "UPDATE job_postings SET published_at = ? - (id * 7919 % 13) * 60000", args: [t.clock.now()] });
  await t.deps.database.client.execute({ sql: "UPDATE job_postings SET status = 'open' WHERE end_date < ?", args: [d] });
});
test.after(() => t.close());

/** The reference: one query sorted by the key itself (today for what has started, else the start date). */
async function reference(f: Filters, page: number, perPage: number, extra: number): Promise<number[]> {
  const d = today(t);
  const rows = await t.db
    .select({ id: jobPostings.id })
    .from(jobPostings)
    .innerJoin(workKinds, eq(workKinds.id, jobPostings.kindId))
    .where(and(browseWhere(f, d)))
    .orderBy(sql`max(${jobPostings.startDate}, ${d})`, desc(jobPostings.publishedAt), desc(jobPostings.id))
    .limit(perPage + extra)
    .offset((page - 1) * perPage);
  return rows.map((r) => r.id);
}

test("the data has postings started, starting today, and starting later, for every filter", async () => {
  const d = today(t);
  const all = await browseQuery(t.db, {}, d, 1, 1000);
  assert.ok(all.some((r) => r.startDate < d) && all.some((r) => r.startDate === d) && all.some((r) => r.startDate > d), "all three kinds");
  assert.ok(all.length > 100, `${all.length} shown`);
});

for (const [name, f] of [
  ["no filter", {}],
  ["a county", { county: YANLING }],
  ["a county and a kind of work", { county: YUZHOU, kind: -1 }],
  ["a 2-character keyword", { q: "保洁" }],
  ["a 4-character keyword", { q: "家庭保洁" }],
  ["a keyword and a county", { q: "搬运", county: YANLING }],
] as [string, Filters][]) {
  test(`start order in two parts equals the sorted query, page after page: ${name}`, async () => {
    const filters = f.kind === -1 ? { ...f, kind } : f;
    for (const perPage of [1, 7, 20]) {
      for (let page = 1; page < 400; page++) {
        const want = await reference(filters, page, perPage, 1);
        const got = await browseQuery(t.db, filters, today(t), page, perPage, 1);
        assert.equal(got.map((r) => r.id), want, `${name}, ${perPage} a page, page ${page}`);
        // browse() (keywordPage for keywords, the count) agrees too.
        const b = await browse(t.db, filters, today(t), page, perPage);
        assert.equal(b.rows.map((r) => r.id), want.slice(0, perPage), `browse(): ${name}, ${perPage} a page, page ${page}`);
        assert.is(b.hasNext, want.length > perPage);
        if (want.length === 0) break;
      }
    }
  });
}

test.run();
