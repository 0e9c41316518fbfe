// The shared copy of the job list and job page for signed-in workers and
// employers (src/shared/signed-in-cache.ts): each person sees only her own
// name, token, keys and marks; staff and personal pages are rendered for her
// alone; a write empties it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp, signedIn, addMarket, type TestApp, type Browser } from "../helpers/app.ts";
import { addEmployer, addWorker, addPosting } from "../features/jobs/fixtures.ts";
import { sharedHits } from "../../src/shared/signed-in-cache.ts";
import { hmac, sha256 } from "../../src/shared/crypto.ts";
import { paths } from "../../src/paths.ts";

async function worker(t: TestApp, name: string) {
  const w = await addWorker(t, { name });
  const b = t.client();
  await b.login(w.phone, w.pin);
  return Object.assign(b, { user: w });
}

/** The session token this browser must see: the HMAC of its own session id. */
const ownToken = (t: TestApp, b: Browser) => hmac(t.deps.secret, "s:" + sha256(b.cookies.get("sid")!));
const tokens = (html: string) => [...html.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);
const onceKeys = (html: string) => [...html.matchAll(/name="_once" value="([^"]+)"/g)].map((m) => m[1]);

test("two workers share the job list, each with her own name and token; an HTML name is escaped", async () => {
  const t = await makeTestApp();
  try {
    const e = await addEmployer(t);
    await addPosting(t, e.employerId, { title: "小区保洁" });
    const a = await worker(t, "王秀英");
    const b = await worker(t, "<b>李&梅</b>");
    const before = sharedHits(t.deps);
    const pa = await a.get(`${paths.jobs.list}?county=411024`);
    const pb = await b.get(`${paths.jobs.list}?county=411024`);
    assert.is(pa.status, 200);
    assert.is(pb.status, 200);
    assert.is(sharedHits(t.deps), before + 1, "the second worker got the shared copy");
    assert.ok(pa.html.includes("小区保洁") && pb.html.includes("小区保洁"));
    assert.ok(pa.html.includes("王秀英(我的)"));
    assert.not.ok(pa.html.includes("李&amp;梅"));
    assert.ok(pb.html.includes("&lt;b&gt;李&amp;梅&lt;/b&gt;(我的)"), "her name, escaped");
    assert.not.ok(pb.html.includes("王秀英"));
    assert.not.ok(pb.html.includes("<b>李"));
    assert.equal(tokens(pa.html), [ownToken(t, a)]);
    assert.equal(tokens(pb.html), [ownToken(t, b)]);
    assert.not.ok(/name-[\w-]{10}|csrf-[\w-]{10}|once-[\w-]{10}|phone-[\w-]{10}/.test(pb.html), "no placeholder left");
    assert.is(pb.headers.get("cache-control"), "no-store");
    // The spliced token works: she signs out with the form of the shared copy.
    await b.post(paths.accounts.logout, {});
    assert.is(b.last.status, 303);
    assert.not.ok(b.cookies.has("sid"));
  } finally {
    t.close();
  }
});

test("a worker and an employer each get their role's copy; staff are rendered for themselves", async () => {
  const t = await makeTestApp();
  try {
    const e = await addEmployer(t);
    await addPosting(t, e.employerId);
    const w = await worker(t, "王秀英");
    const boss = await signedIn(t, { role: "employer", name: "赵老板" });
    const other = await signedIn(t, { role: "employer", name: "钱老板" });
    const marketId = await addMarket(t);
    const staff = await signedIn(t, { role: "staff", name: "孙站长", marketId });
    const h0 = sharedHits(t.deps);
    const pw = await w.get(paths.jobs.list);
    const pe = await boss.get(paths.jobs.list);
    assert.is(sharedHits(t.deps), h0, "another role is another copy");
    assert.ok(pw.html.includes(`href="${paths.jobs.applications}"`), "the worker's menu");
    assert.ok(pe.html.includes(`href="${paths.jobs.new}"`), "the employer's menu");
    assert.not.ok(pw.html.includes(`href="${paths.jobs.new}"`));
    const po = await other.get(paths.jobs.list);
    assert.is(sharedHits(t.deps), h0 + 1);
    assert.ok(po.html.includes("钱老板(我的)"));
    assert.not.ok(po.html.includes("赵老板"));
    assert.equal(tokens(po.html), [ownToken(t, other)]);
    const ps = await staff.get(paths.jobs.list);
    const ps2 = await staff.get(paths.jobs.list);
    assert.is(sharedHits(t.deps), h0 + 1, "staff never take the shared path");
    assert.ok(ps.html.includes("孙站长(我的工作台)") && ps2.html.includes("孙站长"));
    assert.is(ps.headers.get("cache-control"), "no-store");
  } finally {
    t.close();
  }
});

test("job page: her own sign-up and her own posting are hers alone; others share; fresh one-time keys per copy", async () => {
  const t = await makeTestApp();
  try {
    const boss = await signedIn(t, { role: "employer", name: "赵老板" });
    const { employers } = await import("../../db/schema/index.ts");
    const [row] = await t.deps.database.write((db) =>
      db.insert(employers).values({ userId: boss.user.id, kind: "private", name: "赵老板", contactName: "赵老板", contactPhone: boss.user.phone, countyCode: "411024", address: "城关镇", status: "verified", createdAt: t.clock.now() }).returning({ id: employers.id }),
    );
    // Other postings first, so the posting's id and her sign-up's id differ (a query that confused them passed by luck).
    for (const title of ["仓库理货", "小区保洁", "餐馆帮厨"]) await addPosting(t, row.id, { title });
    const id = await addPosting(t, row.id, { title: "搬家帮工" });
    const other = await signedIn(t, { role: "employer", name: "钱老板" });
    const a = await worker(t, "王秀英");
    const b = await worker(t, "李梅");
    const c = await worker(t, "张兰");
    // She signs up: the flash and her status are hers.
    await a.get(paths.jobs.show(id));
    await a.post(paths.jobs.apply(id), {});
    assert.is(a.last.status, 303);
    const h0 = sharedHits(t.deps);
    const mine = await a.follow();
    assert.ok(mine.html.includes("您的报名"), "her status");
    const mine2 = await a.get(paths.jobs.show(id));
    assert.ok(mine2.html.includes("您的报名"));
    assert.is(sharedHits(t.deps), h0, "her page is rendered for her");
    const pb = await b.get(paths.jobs.show(id));
    const pc = await c.get(paths.jobs.show(id));
    assert.is(sharedHits(t.deps), h0 + 1, "two workers who have not signed up share it");
    for (const [p, name, who] of [[pb, "李梅", b], [pc, "张兰", c]] as const) {
      assert.not.ok(p.html.includes("您的报名"), "no one else's status");
      assert.ok(p.html.includes(`action="${paths.jobs.apply(id)}"`), "the sign-up form");
      assert.ok(p.html.includes(`${name}(我的)`));
      assert.not.ok(p.html.includes("王秀英"));
      assert.equal([...new Set(tokens(p.html))], [ownToken(t, who)]);
      assert.is(p.headers.get("cache-control"), "no-store");
    }
    const keysB = onceKeys(pb.html);
    const keysC = onceKeys(pc.html);
    assert.ok(keysB.length > 0);
    assert.not.ok(keysB.some((k) => keysC.includes(k)), "each copy has its own one-time keys");
    // The shared copy's form works for her.
    await c.post(paths.jobs.apply(id), {});
    assert.is(c.last.status, 303);
    // The owner sees her buttons, on a page rendered for her; another employer shares a copy without them.
    const h1 = sharedHits(t.deps);
    const own = await boss.get(paths.jobs.show(id));
    const own2 = await boss.get(paths.jobs.show(id));
    assert.ok(own.html.includes("管理") && own2.html.includes("管理"));
    assert.is(sharedHits(t.deps), h1);
    await other.get(paths.jobs.show(id));
    const notOwn = await other.get(paths.jobs.show(id));
    assert.is(sharedHits(t.deps), h1 + 1);
    assert.not.ok(notOwn.html.includes(paths.jobs.applicants(id)), "no owner's buttons");
    assert.not.ok(notOwn.html.includes("赵老板(我的)"));
    assert.ok(notOwn.html.includes("钱老板(我的)"));
    // No such posting: 404 as before.
    assert.is((await b.get(paths.jobs.show(999999))).status, 404);
  } finally {
    t.close();
  }
});

test("a write that changes a shown table empties it; a flash cookie is rendered for her", async () => {
  const t = await makeTestApp();
  try {
    const e = await addEmployer(t);
    await addPosting(t, e.employerId, { title: "小区保洁" });
    const a = await worker(t, "王秀英");
    const b = await worker(t, "李梅");
    await a.get(paths.jobs.list);
    await addPosting(t, e.employerId, { title: "仓库理货" });
    const h0 = sharedHits(t.deps);
    const pb = await b.get(paths.jobs.list);
    assert.is(sharedHits(t.deps), h0, "rendered again after the write");
    assert.ok(pb.html.includes("仓库理货"));
    const pa = await a.get(paths.jobs.list);
    assert.is(sharedHits(t.deps), h0 + 1);
    assert.ok(pa.html.includes("仓库理货"));
    // A flash cookie (or any cookie but the session, 大字 and the anonymous seed) keeps her off the shared copy.
    const h1 = sharedHits(t.deps);
    const flashed = await a.get(paths.jobs.list, { cookie: `sid=${a.cookies.get("sid")}; flash=${encodeURIComponent("已保存")}` });
    assert.ok(flashed.html.includes("已保存"));
    assert.is(sharedHits(t.deps), h1);
    // 大字 is its own copy.
    const big = await b.get(paths.jobs.list, { cookie: `sid=${b.cookies.get("sid")}; big=1` });
    assert.ok(/<html[^>]*class="big"/.test(big.html));
    assert.is(sharedHits(t.deps), h1);
  } finally {
    t.close();
  }
});

test.run();
