// Monitoring reports are counted once and shown again: for MONITORING_CACHE_SECONDS
// after counting even if records were added, and for as long as nothing is written.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { reportCache, type Report } from "../../../src/features/monitoring/monitoring.figures.ts";

const period = { from: "2026-11-01", to: "2026-11-28" };
const city = { scope: { kind: "city" as const }, period, grain: "day" as const };

function harness(ttlMs: number) {
  let generation = 0;
  let made = 0;
  const get = reportCache({ ttlMs, generation: () => generation });
  const make = async () => {
    made++;
    return { days: made } as unknown as Report;
  };
  return { get: (key = city) => get(key, make, 1000 + made), made: () => made, write: () => generation++ };
}

test("a report is counted once while nothing is written, and says when", async () => {
  const h = harness(0);
  const a = await h.get();
  const b = await h.get();
  assert.is(h.made(), 1);
  assert.is(a.madeAt, b.madeAt);
});

test("without a time limit, a write makes the next view count again", async () => {
  const h = harness(0);
  await h.get();
  h.write();
  await h.get();
  assert.is(h.made(), 2);
});

test("within the time limit, a write does not make it count again", async () => {
  const h = harness(60_000);
  await h.get();
  h.write();
  await h.get();
  assert.is(h.made(), 1);
});

test("each scope, period and grain is its own report", async () => {
  const h = harness(60_000);
  await h.get();
  await h.get({ ...city, scope: { kind: "county", county: "411024" } as never });
  await h.get({ ...city, grain: "week" as never });
  await h.get({ ...city, period: { from: "2026-10-01", to: "2026-11-28" } });
  assert.is(h.made(), 4);
});

test("a report that failed is not kept", async () => {
  let calls = 0;
  const get = reportCache({ ttlMs: 60_000, generation: () => 0 });
  const failing = async () => {
    calls++;
    throw new Error("db gone");
  };
  await get(city, failing, 0).catch(() => {});
  await new Promise((r) => setTimeout(r, 0));
  await get(city, failing, 0).catch(() => {});
  assert.is(calls, 2);
});

test.run();
