// One submission, one record: each state-changing form carries a one-time key
// (added by <Form>); a repeat of the same form — twice in a row, or twice at
// the same moment — writes one record and both answers are the same redirect.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, Browser, type TestApp } from "../helpers/app.ts";
import { createApp } from "../../src/app.tsx";
import { paths } from "../../src/paths.ts";
import { formSubmissions, jobPostings, applications, hotlineCases, trainingSignups, checkIns } from "../../db/schema/index.ts";
import { addEmployer, addWorker, addPosting, postingFields, kindIds, YANLING } from "../features/jobs/fixtures.ts";
import { addWorker as addDeskWorker } from "../features/desk/fixtures.ts";
import { addSession } from "../features/training/fixtures.ts";
import { KEEP_MS, ONCE_FIELD } from "../../src/shared/once.ts";

let t: TestApp;
let market: number;
test.before(async () => {
  t = await makeTestApp();
  market = await addMarket(t, { name: "鄢陵县零工驿站", countyCode: YANLING });
});
test.after(() => t.close());

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The one-time key of the form that posts to `action` on the browser's last page. */
function keyOf(b: Browser, action: string): string {
  const m = new RegExp(`action="${esc(action)}"[^>]*>(?:(?!</form>)[\\s\\S])*?name="${ONCE_FIELD}" value="([^"]+)"`).exec(b.last.html);
  if (!m) throw new Error(`no one-time key in the form for ${action} (status ${b.last.status})`);
  return m[1];
}

const count = async (table: typeof jobPostings | typeof applications | typeof hotlineCases | typeof trainingSignups | typeof checkIns) =>
  (await t.db.select().from(table)).length;

/**
 * Opens `page`, sends its form to `action` twice one after the other, then
 * opens it again and sends it twice at once: each pair makes exactly one row.
 */
async function twice(
  b: Browser,
  page: string,
  action: string,
  fields: Record<string, string | string[]>,
  table: Parameters<typeof count>[0],
  fresh?: () => Promise<{ page: string; action: string; fields?: Record<string, string> }>,
) {
  for (const together of [false, true]) {
    const target = together && fresh ? await fresh() : { page, action, fields };
    await b.get(target.page);
    assert.is(b.last.status, 200, target.page);
    const sent = { ...(target.fields ?? fields), [ONCE_FIELD]: keyOf(b, target.action) };
    const before = await count(table);
    const [one, two] = together
      ? await Promise.all([b.post(target.action, sent), b.post(target.action, sent)])
      : [await b.post(target.action, sent), await b.post(target.action, sent)];
    assert.is(one.status, 303, `${target.action}: first answer (${together ? "together" : "in a row"})`);
    assert.is(two.status, 303, `${target.action}: repeat answer`);
    assert.is(two.location, one.location, "the repeat is sent where the first went");
    assert.is((await count(table)) - before, 1, `${target.action}: one record (${together ? "together" : "in a row"})`);
  }
}

test("a posting sent twice (in a row and at once) is one posting", async () => {
  const e = await addEmployer(t);
  const b = t.client();
  await b.login(e.phone, e.password);
  await twice(b, paths.jobs.new, paths.jobs.new, await postingFields(t, { title: "两次提交的招工" }), jobPostings);
});

test("a quick-hire posting sent twice is one posting", async () => {
  const e = await addEmployer(t);
  const b = t.client();
  await b.login(e.phone, e.password);
  const kinds = await kindIds(t);
  const fields = { kindId: String(kinds.get("搬运装卸")), headcount: "1", wage: "180", countyCode: YANLING, address: "陈化店镇物流园 3 号库", contactPhone: "13912345678" };
  await twice(b, paths.jobs.quick, paths.jobs.quick, fields, jobPostings);
});

test("a hotline report sent twice is one case, and the repeat gets the same receipt", async () => {
  const b = t.client();
  const fields = { do: "save", category: "false_ad", description: "招聘说包吃住,去了要交钱", callerPhone: "13866667777", countyCode: "411081" };
  await twice(b, paths.hotline.report, paths.hotline.report, fields, hotlineCases);
  await b.follow();
  assert.match(b.last.html, /\d{8,}|编号/, "the receipt page names the case");
});

test("a job sign-up sent twice is one application and both answers are the same", async () => {
  const e = await addEmployer(t);
  const w = await addWorker(t);
  const b = t.client();
  await b.login(w.phone, w.pin!);
  const fresh = async () => {
    const id = await addPosting(t, e.employerId, { headcount: 5 });
    return { page: paths.jobs.show(id), action: paths.jobs.apply(id) };
  };
  const first = await fresh();
  await twice(b, first.page, first.action, {}, applications, fresh);
});

test("a training sign-up sent twice is one sign-up", async () => {
  const w = await signedIn(t, { role: "worker", name: "王大姐", pin: "246810" });
  const fresh = async () => {
    const id = await addSession(t, market);
    return { page: paths.training.show(id), action: paths.training.signup(id) };
  };
  const first = await fresh();
  await twice(w, first.page, first.action, {}, trainingSignups, fresh);
});

test("a desk check-in sent twice is one check-in", async () => {
  const staff = await signedIn(t, { role: "staff", name: "张干事", marketId: market });
  const people = [await addDeskWorker(t, { name: "签到甲", countyCode: YANLING }), await addDeskWorker(t, { name: "签到乙", countyCode: YANLING })];
  // The second pair checks in someone else (one check-in per person and day is a rule of its own).
  const second = async () => ({ page: paths.desk.checkin, action: paths.desk.checkin, fields: { q: people[1].phone } });
  await twice(staff, paths.desk.checkin, paths.desk.checkin, { q: people[0].phone }, checkIns, second);
});

// A second app on the same Database has its own middleware (its own list of forms in
// hand), as another process would: only the claim in the DB can stop the twin. (Two
// clients on one file inside one Node process would block each other's event loop.)
test("two apps on one DB: the same form sent to both at once is one posting (the claim in the DB decides)", async () => {
  const e = await addEmployer(t);
  const b = t.client();
  await b.login(e.phone, e.password);
  const second = new Browser(createApp(t.deps));
  second.cookies = b.cookies;
  for (let round = 0; round < 3; round++) {
    await b.get(paths.jobs.new);
    second.csrf = b.csrf;
    const sent = { ...(await postingFields(t, { title: `两个进程 ${round}` })), [ONCE_FIELD]: keyOf(b, paths.jobs.new) };
    const before = await count(jobPostings);
    const [one, two] = await Promise.all([b.post(paths.jobs.new, sent), second.post(paths.jobs.new, sent)]);
    assert.equal([one.status, two.status], [303, 303], t.logs.filter((l) => l.includes('"error"')).slice(-2).join("\n"));
    assert.is(two.location, one.location);
    assert.is((await count(jobPostings)) - before, 1);
  }
});

test("a form re-shown with errors has a usable key; the refused key is free again", async () => {
  const e = await addEmployer(t);
  const b = t.client();
  await b.login(e.phone, e.password);
  await b.get(paths.jobs.new);
  const key = keyOf(b, paths.jobs.new);
  const bad = await b.post(paths.jobs.new, { ...(await postingFields(t, { title: "" })), [ONCE_FIELD]: key });
  assert.is(bad.status, 400);
  const again = keyOf(b, paths.jobs.new);
  assert.ok(again.length >= 16, "the re-shown form carries a key");
  const before = await count(jobPostings);
  const good = await b.post(paths.jobs.new, { ...(await postingFields(t, { title: "改好了再交" })), [ONCE_FIELD]: again });
  assert.is(good.status, 303);
  assert.is((await count(jobPostings)) - before, 1);
  // The refused key was released: sending it again with good input is handled afresh.
  const reuse = await b.post(paths.jobs.new, { ...(await postingFields(t, { title: "用旧号再交" })), [ONCE_FIELD]: key });
  assert.is(reuse.status, 303);
  assert.is((await count(jobPostings)) - before, 2);
});

test("a key is bound to its visitor and its form; each page view has its own key; keys are forgotten after a day", async () => {
  const e = await addEmployer(t);
  const one = t.client();
  await one.login(e.phone, e.password);
  await one.get(paths.jobs.new);
  const k1 = keyOf(one, paths.jobs.new);
  await one.get(paths.jobs.new);
  assert.is.not(keyOf(one, paths.jobs.new), k1, "a new key per page view");
  // Anonymous pages come from the shared cache: still a key of their own per visitor.
  const a = t.client();
  const c = t.client();
  await a.get(paths.hotline.report);
  await c.get(paths.hotline.report);
  assert.is.not(keyOf(a, paths.hotline.report), keyOf(c, paths.hotline.report));

  const other = t.client();
  await other.login(e.phone, e.password);
  await other.get(paths.jobs.new);
  const before = await count(jobPostings);
  await one.post(paths.jobs.new, { ...(await postingFields(t, { title: "甲" })), [ONCE_FIELD]: k1 });
  // The same key from another session is a different submission.
  await other.post(paths.jobs.new, { ...(await postingFields(t, { title: "乙" })), [ONCE_FIELD]: k1 });
  assert.is((await count(jobPostings)) - before, 2);

  // A day later the key is forgotten (swept by the next claim).
  t.clock.set(new Date(t.clock.now() + KEEP_MS + 3 * 3600_000).toISOString());
  await one.get(paths.jobs.new);
  await one.post(paths.jobs.new, { ...(await postingFields(t, { title: "丙" })), [ONCE_FIELD]: keyOf(one, paths.jobs.new) });
  const kept = await t.db.select().from(formSubmissions);
  assert.ok(kept.every((r) => r.createdAt > t.clock.now() - KEEP_MS), "old keys are deleted");
  t.clock.set("2026-11-28T09:00:00+08:00");
});

test("a sign-in is not replayed (it would lose the session cookie); no key is left behind", async () => {
  const e = await addEmployer(t);
  const b = t.client();
  await b.get(paths.accounts.login);
  const key = keyOf(b, paths.accounts.login);
  const r = await b.post(paths.accounts.login, { phone: e.phone, secret: e.password, [ONCE_FIELD]: key });
  assert.is(r.status, 303);
  const rows = await t.db.select().from(formSubmissions).where(eq(formSubmissions.location, r.location!));
  assert.is(rows.length, 0);
});

test.run();
