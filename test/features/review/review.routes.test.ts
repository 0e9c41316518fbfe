// Staff review of household postings held for their headcount (issue #16): the
// employer posts through the real form, staff of her county find the posting
// from "我的", approve (it goes public, she is told) or reject with a reason
// (removed, she reads why); audited; staff of another county get 404.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { and, eq } from "drizzle-orm";
import { makeTestApp, addMarket, signedIn, type TestApp } from "../../helpers/app.ts";
import { addEmployer, addPosting, kindIds } from "../jobs/fixtures.ts";
import { jobPostings, messages, auditLog } from "../../../db/schema/index.ts";
import { paths } from "../../../src/paths.ts";

const YANLING = "411024";
const YUZHOU = "411081";
let t: TestApp;
test.before(async () => {
  t = await makeTestApp();
});
test.after(() => t.close());

/** A verified household employer, signed in, who posts a quick hire for `headcount` people through the form. */
async function householdPosts(headcount: string, name = "王大妈") {
  const e = await addEmployer(t, { name });
  const b = t.client();
  await b.login(e.phone, e.password);
  const kinds = await kindIds(t);
  await b.get(paths.jobs.quick);
  await b.post(paths.jobs.quick, { kindId: String(kinds.get("搬运装卸")), headcount, wage: "180", countyCode: YANLING, address: "陈化店镇物流园 3 号库", contactPhone: "13912345678" });
  assert.is(b.last.status, 303);
  const id = Number(b.last.location!.split("/").pop());
  return { e, b, id };
}

const posting = async (id: number) => (await t.db.select().from(jobPostings).where(eq(jobPostings.id, id)))[0];
const inbox = async (userId: number) => (await t.db.select().from(messages).where(eq(messages.userId, userId))).map((m) => m.body);
const audits = async (action: string, id: number) => t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectId, id)));

test("held for 50 people: staff of the county find it from 我的, approve it, it goes public and the employer is told", async () => {
  const { e, id } = await householdPosts("50");
  assert.is((await posting(id)).status, "draft");
  const market = await addMarket(t, { countyCode: YANLING, tier: "county" });
  const staff = await signedIn(t, { role: "staff", marketId: market });
  const me = await staff.get(paths.accounts.me);
  assert.match(me.html, `href="${paths.review.queue}"`);
  assert.match(me.html, "待审核的招工(1 条)");
  const queue = await staff.get(paths.review.queue);
  assert.is(queue.status, 200);
  assert.match(queue.html, paths.review.show(id));
  assert.match(queue.html, "招 50 人");
  const one = await staff.get(paths.review.show(id));
  assert.is(one.status, 200);
  assert.match(one.html, "王大妈");
  assert.not.match(one.html, "13912345678", "the contact phone is masked here");
  await staff.post(paths.review.approve(id));
  assert.is(staff.last.status, 303);
  assert.is(staff.last.location, paths.review.queue);
  assert.match((await staff.follow()).html, "已通过审核并公开");
  const p = await posting(id);
  assert.is(p.status, "open");
  assert.ok(p.publishedAt);
  assert.ok((await inbox(e.id)).some((m) => m.includes("审核通过")));
  assert.is((await audits("posting.review_approve", id)).length, 1);
  // Decided: it left the queue, and a second approval changes nothing.
  assert.not.match((await staff.get(paths.review.queue)).html, paths.review.show(id));
  await staff.post(paths.review.approve(id));
  assert.is(staff.last.location, paths.jobs.show(id));
  assert.is((await audits("posting.review_approve", id)).length, 1);
});

test("reject: a reason is required (the form again, input kept); with one the posting is removed and the employer reads why", async () => {
  const { e, id } = await householdPosts("40", "赵大爷");
  const admin = await signedIn(t, { role: "county_admin", countyCode: YANLING });
  await admin.get(paths.review.show(id));
  await admin.post(paths.review.reject(id), { reason: "" });
  assert.is(admin.last.status, 400);
  assert.match(admin.last.html, "退回原因");
  assert.match(admin.last.html, 'class="errors"');
  assert.is((await posting(id)).status, "draft", "nothing written");
  await admin.post(paths.review.reject(id), { reason: "请核实人数,分两次发布" });
  assert.is(admin.last.status, 303);
  const p = await posting(id);
  assert.is(p.status, "removed");
  assert.is(p.removedReason, "请核实人数,分两次发布");
  assert.ok((await inbox(e.id)).some((m) => m.includes("请核实人数,分两次发布")));
  assert.is((await audits("posting.review_reject", id)).length, 1);
});

test("outside the county: 404 and nothing changes; not held: on to the posting's page; an unverified employer's posting is not published", async () => {
  const { id } = await householdPosts("30", "钱阿姨");
  const other = await signedIn(t, { role: "staff", marketId: await addMarket(t, { countyCode: YUZHOU, tier: "county" }) });
  assert.not.match((await other.get(paths.review.queue)).html, paths.review.show(id));
  assert.is((await other.get(paths.review.show(id))).status, 404);
  await other.post(paths.review.approve(id));
  assert.is(other.last.status, 404);
  await other.post(paths.review.reject(id), { reason: "不行" });
  assert.is(other.last.status, 404);
  assert.is((await posting(id)).status, "draft");
  const worker = await signedIn(t, { role: "worker", pin: "246810" });
  assert.is((await worker.get(paths.review.queue)).status, 404);

  const staff = await signedIn(t, { role: "staff", marketId: await addMarket(t, { countyCode: YANLING, tier: "station" }) });
  const small = await addPosting(t, (await addEmployer(t)).employerId, { status: "draft", headcount: 3 });
  const r = await staff.get(paths.review.show(small));
  assert.is(r.status, 303);
  assert.is(staff.last.location, paths.jobs.show(small));

  const pending = await addEmployer(t, { status: "pending", name: "孙大姐" });
  const big = await addPosting(t, pending.employerId, { status: "draft", headcount: 20 });
  await staff.get(paths.review.show(big));
  await staff.post(paths.review.approve(big));
  assert.is(staff.last.status, 422);
  assert.match(staff.last.html, "还没审核通过");
  assert.is((await posting(big)).status, "draft");
});

test("hostile and overlong reasons: refused on the form (input kept, escaped) or stored and shown escaped; never a 500", async () => {
  const { e, id } = await householdPosts("25", "周大娘");
  const staff = await signedIn(t, { role: "county_admin", countyCode: YANLING });
  await staff.get(paths.review.show(id));
  await staff.post(paths.review.reject(id), { reason: "太多".repeat(150) });
  assert.is(staff.last.status, 400, "over 200 characters");
  assert.is((await posting(id)).status, "draft");
  const hostile = `<script>alert(1)</script>" onmouseover="x`;
  await staff.post(paths.review.reject(id), { reason: hostile });
  assert.is(staff.last.status, 303);
  assert.is((await posting(id)).removedReason, hostile, "kept as typed");
  const b = t.client();
  await b.login(e.phone, e.password);
  const inboxPage = await b.get(paths.messages.inbox);
  assert.is(inboxPage.status, 200);
  assert.not.match(inboxPage.html, "<script>alert(1)</script>");
  assert.match(inboxPage.html, "&lt;script&gt;");
});

test.run();
