// More postings than the list counts (repo.COUNT_CAP): the page says "500 多个",
// suggests narrowing, and pages on with 下一页 links until the last row.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { paths } from "../../../src/paths.ts";
import { copy } from "../../../views/copy/index.ts";
import { COUNT_CAP } from "../../../src/features/jobs/jobs.repo.ts";
import { insertPosting } from "../../../src/features/jobs/index.ts";
import { searchText } from "../../../src/features/jobs/jobs.search.ts";
import { addDays } from "../../../src/shared/clock.ts";
import { addEmployer, kindIds, today } from "./fixtures.ts";

const t = copy.jobs;
const c = copy.common;
const N = COUNT_CAP + 5;
let app: TestApp;

test.before(async () => {
  app = await makeTestApp();
  const { employerId } = await addEmployer(app, { countyCode: "411082" });
  const kindId = (await kindIds(app)).get("搬运装卸")!;
  const d = today(app);
  await app.deps.database.transaction(async (tx) => {
    for (let i = 0; i < N; i++) {
      const draft = {
        title: `长葛搬运 ${i}`, kindId, form: "gig" as const, headcount: 1, payMode: "wage" as const, wageFen: 20000, wageUnit: "day" as const,
        startDate: d, endDate: addDays(d, 2), hours: "", countyCode: "411082", townshipCode: null, address: "", duties: "", requirements: "",
        contactName: "李", contactPhone: "13812345678", brandIds: [],
      };
      const text = searchText({ ...draft, kindName: "搬运装卸", countyName: "长葛市", townshipName: "" });
      await insertPosting(tx, { employerId, draft, searchText: text, status: "open" }, app.clock.now() + i);
    }
  });
});
test.after(() => app.close());

const cards = (html: string) => (html.match(/class="card"/g) ?? []).length;

test(`over ${COUNT_CAP} matches: "${t.foundMany(COUNT_CAP)}", a hint to narrow down, and a next link without a page count`, async () => {
  const b = app.client();
  const { html } = await b.get(`${paths.jobs.list}?county=411082`);
  assert.ok(html.includes(t.foundMany(COUNT_CAP)), "capped count");
  assert.ok(html.includes(t.narrowDown));
  assert.ok(html.includes(c.pageN(1)));
  assert.ok(html.includes('href="/jobs?county=411082&amp;page=2" rel="next"'));
  assert.is(cards(html), 20);
});

test("the last page has the rest and no next link; the one before has both", async () => {
  const b = app.client();
  const last = Math.ceil(N / 20);
  const before = await b.get(`${paths.jobs.list}?county=411082&page=${last - 1}`);
  assert.is(cards(before.html), 20);
  assert.ok(before.html.includes(`page=${last}" rel="next"`));
  const end = await b.get(`${paths.jobs.list}?county=411082&page=${last}`);
  assert.is(cards(end.html), N - (last - 1) * 20);
  assert.not.ok(end.html.includes('rel="next"'));
  assert.ok(end.html.includes('rel="prev"'));
});

test("a word that matches fewer than the cap is counted exactly, with the page count", async () => {
  const b = app.client();
  const { html } = await b.get(`${paths.jobs.list}?q=${encodeURIComponent("搬运 499")}`);
  assert.ok(html.includes(t.found(1)), "only 长葛搬运 499");
  assert.not.ok(html.includes(t.narrowDown));
});

test("the API says when its total is a lower bound", async () => {
  const r = await app.app.request(`${paths.api.root}${paths.jobs.api}?county=411082`);
  const body = (await r.json()) as { total: number; totalIsLowerBound: boolean; hasNext: boolean };
  assert.equal([body.total, body.totalIsLowerBound, body.hasNext], [COUNT_CAP, true, true]);
  const few = (await (await app.app.request(`${paths.api.root}${paths.jobs.api}?q=${encodeURIComponent("搬运 499")}`)).json()) as typeof body;
  assert.equal([few.total, few.totalIsLowerBound, few.hasNext], [1, false, false]);
});

test.run();
