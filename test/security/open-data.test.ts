// Open data holds no personal data. Regression for issue #16: phone and ID
// numbers an employer typed into a posting's duties or address came out
// verbatim in /api/v1/jobs/:id (the Atom feed scrubbed only titles).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, addMarket, signedIn, type TestApp } from "../helpers/app.ts";
import { addEmployer, addPosting } from "../features/jobs/fixtures.ts";
import { paths } from "../../src/paths.ts";

const YANLING = "411024";
const FULL = ["13912340000", "139-1234-0000", "411024197501011234", "0374-2961234", "１３９１２３４００００"];
const leaks = (s: string) => FULL.filter((n) => s.includes(n));

let t: TestApp;
let id = 0;
let owner: Awaited<ReturnType<typeof addEmployer>>;
test.before(async () => {
  t = await makeTestApp();
  owner = await addEmployer(t);
  id = await addPosting(t, owner.employerId, {
    title: "招保洁 13912340000",
    duties: "擦窗拖地,有事打 139-1234-0000,身份证 411024197501011234 可以核对",
    address: "城关镇幸福路 8 号,座机 0374-2961234",
    requirements: "急!全角 １３９１２３４００００",
    hours: "8:00-17:00",
  });
});
test.after(() => t.close());

test("the API, list and single, masks phone and ID numbers in every free-text field", async () => {
  const one = await (await t.app.request(`${paths.api.root}/jobs/${id}`)).text();
  assert.equal(leaks(one), [], one);
  assert.match(one, "139****0000");
  const list = await (await t.app.request(`${paths.api.root}/jobs`)).text();
  assert.equal(leaks(list), []);
});

test("the Atom feed masks them", async () => {
  const xml = await (await t.app.request(paths.markets.feed(YANLING))).text();
  assert.ok(xml.includes("<entry>"), "the posting is in the feed");
  assert.equal(leaks(xml), []);
});

test("the public job page, list and home page mask them; the owner and staff in scope still see them", async () => {
  for (const path of [paths.jobs.show(id), paths.jobs.list, paths.home]) {
    const html = (await t.client().get(path)).html;
    assert.equal(leaks(html), [], path);
  }
  const worker = await signedIn(t, { role: "worker", pin: "123456" });
  assert.equal(leaks((await worker.get(paths.jobs.show(id))).html), [], "a signed-in worker sees them masked");
  const mine = t.client();
  await mine.login(owner.phone, owner.password);
  const ownPage = (await mine.get(paths.jobs.show(id))).html;
  assert.ok(ownPage.includes("411024197501011234"), "the owner sees what she typed");
  const marketId = await addMarket(t, { countyCode: YANLING });
  const staff = await signedIn(t, { role: "staff", marketId, countyCode: YANLING });
  assert.ok((await staff.get(paths.jobs.show(id))).html.includes("0374-2961234"), "staff in scope see it");
});

test("the printed sheet for the notice board masks them", async () => {
  const marketId = await addMarket(t, { countyCode: YANLING });
  const staff = await signedIn(t, { role: "staff", marketId, countyCode: YANLING });
  const sheet = await staff.get(paths.desk.printJobs);
  assert.is(sheet.status, 200);
  assert.ok(sheet.html.includes("招保洁"), "the posting is on the sheet");
  assert.equal(leaks(sheet.html), []);
});

test.run();
