// No AsyncLocalStorage on the request path of a production app (the system
// clock): once one has run, Node 20 keeps async_hooks' promise hooks on for
// every promise of the process, a cost on every request (docs/performance.md,
// "The shared per-hit work: AsyncLocalStorage, 2026-12-06"). The one left, the claim of a keyed
// form (once.ts), is switched off again when no keyed form is being handled.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { AsyncLocalStorage } from "node:async_hooks";
import { makeTestApp, Browser, type TestApp } from "../helpers/app.ts";
import { createApp } from "../../src/app.tsx";
import { systemClock, withClock, currentClock, fixedClock } from "../../src/shared/clock.ts";
import { paths } from "../../src/paths.ts";
import { hotlineCases } from "../../db/schema/index.ts";
import { ONCE_FIELD } from "../../src/shared/once.ts";

// Every run of an AsyncLocalStorage from here on, with its instance. hono/jsx's own runs (one per render)
// are left out: the production bundle takes hono's jsx without them (scripts/hono-jsx-sync.mjs, tested in
// test/scripts/hono-jsx-sync.test.ts); these tests run the sources, where hono still has them.
const ran: AsyncLocalStorage<unknown>[] = [];
const run = AsyncLocalStorage.prototype.run;
AsyncLocalStorage.prototype.run = function (this: AsyncLocalStorage<unknown>, ...args: Parameters<typeof run>) {
  if (!/hono[\\/]dist[\\/]jsx[\\/]context\.js/.test(new Error().stack ?? "")) ran.push(this);
  return run.apply(this, args);
} as typeof run;

let t: TestApp;
let b: Browser;
test.before(async () => {
  t = await makeTestApp();
  // The same app as production's: the system clock (makeTestApp injects a fixed one).
  b = new Browser(createApp({ ...t.deps, clock: systemClock }));
});
test.after(() => t.close());

const fields = { do: "save", category: "false_ad", description: "招聘说包吃住,去了要交钱", callerPhone: "13866667777", countyCode: "411081" };

test("pages, cached hits and a form without a key run no AsyncLocalStorage", async () => {
  ran.length = 0;
  for (const path of ["/", "/", paths.jobs.list, paths.jobs.list, paths.hotline.report]) {
    await b.get(path);
    assert.is(b.last.status, 200, path);
  }
  const r = await b.post(paths.hotline.report, fields);
  assert.is(r.status, 303);
  assert.is(ran.length, 0, "no run of an AsyncLocalStorage");
});

test("a keyed form runs the claim's storage and switches it off afterwards (also after two at once)", async () => {
  const before = (await t.db.select().from(hotlineCases)).length;
  ran.length = 0;
  await b.get(paths.hotline.report);
  const key = /name="_once" value="([^"]+)"/.exec(b.last.html)?.[1];
  assert.ok(key);
  const sent = { ...fields, description: "中介收了报名费就不见了", [ONCE_FIELD]: key };
  const [one, two] = await Promise.all([b.post(paths.hotline.report, sent), b.post(paths.hotline.report, sent)]);
  assert.equal([one.status, two.status], [303, 303]);
  assert.is((await t.db.select().from(hotlineCases)).length - before, 1, "one record");
  assert.ok(ran.length > 0, "the claim ran");
  for (const s of new Set(ran)) assert.is((s as unknown as { enabled: boolean }).enabled, false, "disabled once no keyed form is handled");
});

test("withClock: the system clock is not stored (currentClock gives it anyway); an injected clock is", () => {
  ran.length = 0;
  assert.is(withClock(systemClock, () => currentClock()), systemClock);
  assert.is(ran.length, 0);
  const fixed = fixedClock("2026-01-02T03:04:05Z");
  assert.is(withClock(fixed, () => currentClock()), fixed);
  assert.is(ran.length, 1);
  assert.is(currentClock(), systemClock);
});

test.run();
