// The demo step for employers, workers and cards: realistic volumes, every
// identifier valid, ids and demo logins handed on to the later steps.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, sql } from "drizzle-orm";
import { makeTestApp, type TestApp } from "../../helpers/app.ts";
import { employers, users, workerProfiles, workerKinds, seekingCards, messages } from "../../../db/schema/index.ts";
import { seeded, type DemoContext } from "../../../db/seed/demo/context.ts";
import { seedBase } from "../../../db/seed/demo/base.ts";
import { seedPeople } from "../../../db/seed/demo/people.ts";
import { isValidUscc, isValidResidentId } from "../../../src/shared/validators.ts";
import { paths } from "../../../src/paths.ts";

let app: TestApp;
let ctx: DemoContext;

test.before(async () => {
  app = await makeTestApp();
  const rand = seeded(20261128);
  ctx = { deps: app.deps, rand, pick: (xs) => xs[Math.floor(rand() * xs.length)], markets: new Map(), accounts: new Map(), ids: {} };
  await seedBase(ctx);
  await seedPeople(ctx);
});
test.after(() => app.close());

test("employers in all 7 counties: about 40 verified, 3 pending, 1 rejected, every identifier valid", async () => {
  const rows = await app.db.select().from(employers);
  const by = (s: string) => rows.filter((r) => r.status === s).length;
  assert.ok(by("verified") >= 38 && by("verified") <= 45, `verified ${by("verified")}`);
  assert.is(by("pending"), 3);
  assert.is(by("rejected"), 1);
  assert.is(new Set(rows.map((r) => r.countyCode)).size, 7);
  assert.is(new Set(rows.map((r) => r.kind)).size, 4, "all four kinds");
  for (const r of rows) {
    if (r.kind === "private") {
      assert.ok(r.idNumber && isValidResidentId(r.idNumber), `${r.name} ${r.idNumber}`);
      assert.ok(r.pledgeText && r.pledgeAcceptedAt, `${r.name} accepted the pledge`);
      assert.is(r.uscc, null);
    } else {
      assert.ok(r.uscc && isValidUscc(r.uscc), `${r.name} ${r.uscc}`);
      assert.is(r.uscc.slice(2, 8), r.countyCode, `${r.name}: registered in its county`);
    }
    if (r.status !== "pending") assert.ok(r.reviewedBy, `${r.name} has a reviewer`);
  }
  assert.ok(rows.some((r) => r.name === "禹州市神垕镇钧瓷坊"));
  assert.equal(ctx.ids.employers.length, rows.length);
  assert.equal(ctx.ids.verifiedEmployers.length, by("verified"));
});

test("about 120 workers with profiles, kinds and realistic birth years; about 60 cards", async () => {
  const profiles = await app.db.select().from(workerProfiles);
  assert.is(profiles.length, 120);
  assert.is(ctx.ids.workers.length, 120);
  assert.ok(profiles.every((p) => p.birthYear! >= 1955 && p.birthYear! <= 2000));
  assert.is(new Set(profiles.map((p) => p.cardCode)).size, 120, "card codes are unique");
  const region = app.deps.regions;
  assert.ok(profiles.every((p) => !p.townshipCode || region.townshipInCounty(p.townshipCode, p.countyCode!)), "townships lie in their county");
  const [{ n: kinds }] = await app.db.select({ n: sql<number>`count(distinct user_id)` }).from(workerKinds);
  assert.is(kinds, 120);
  const cards = await app.db.select().from(seekingCards);
  assert.ok(cards.length >= 45 && cards.length <= 75, `cards ${cards.length}`);
  assert.ok(cards.every((c) => c.note.length <= 200 && (c.wageFen === null) === (c.wageUnit === null)));
});

test("demo logins work: a verified private employer, a company, a pending one and a worker with PIN 123456", async () => {
  for (const key of ["employer:demo", "employer:company", "employer:pending", "worker:demo"]) {
    const a = ctx.accounts.get(key);
    assert.ok(a, key);
    const b = app.client();
    await b.login(a.phone, a.secret);
  }
  const worker = ctx.accounts.get("worker:demo")!;
  assert.is(worker.secret, "123456");
  const demo = ctx.accounts.get("employer:demo")!;
  const [e] = await app.db.select().from(employers).where(eq(employers.userId, demo.id));
  assert.is(e.kind, "private");
  assert.is(e.status, "verified");
  const b = app.client();
  await b.login(demo.phone, demo.secret);
  await b.get(paths.employers.home);
  assert.ok(b.last.html.includes("已认证"));
  assert.ok((await app.db.select().from(messages).where(eq(messages.userId, demo.id))).length >= 1);
  const [u] = await app.db.select().from(users).where(eq(users.id, worker.id));
  assert.is(u.role, "worker");
});

test("the public list shows the demo cards", async () => {
  const b = app.client();
  await b.get(paths.workers.list);
  assert.is(b.last.status, 200);
  assert.match(b.last.html, /找到 \d+ 条/);
  assert.is((b.last.html.match(/<li class="card">/g) ?? []).length, 20);
});

test.run();
