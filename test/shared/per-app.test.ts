// Per-app state (issue #19): two apps in one process keep their own settings
// and caches (the one perApp helper, keyed by the app's deps, config or DB),
// and every timer an app starts is stopped by its stop().
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp } from "../helpers/app.ts";
import { deskSettings } from "../../src/features/desk/desk.settings.ts";
import { hotlineSettings } from "../../src/features/hotline/hotline.settings.ts";
import { checkHealth } from "../../src/ops/health.ts";

test("two apps, two sets of settings: neither sees the other's", async () => {
  const a = await makeTestApp({ env: { DESK_OLDER_AGE: "45", HOTLINE_CASE_PREFIX: "YL" } });
  const b = await makeTestApp({ env: { DESK_OLDER_AGE: "60" } });
  try {
    assert.is(deskSettings(a.deps).olderAge, 45);
    assert.is(deskSettings(b.deps).olderAge, 60);
    assert.is(hotlineSettings(a.deps).prefix, "YL");
    assert.is(hotlineSettings(b.deps).prefix, "XC");
    assert.is(deskSettings(a.deps), deskSettings(a.deps), "read once per app");
    // Each app's health check probes its own DB: closing one does not answer for the other.
    a.close();
    assert.is((await checkHealth(b.deps)).ok, true);
  } finally {
    b.close();
  }
});

test("app.stop() stops every timer the app started (features' install, housekeeping, SMS, alerts, sweeps)", async () => {
  // Timers of a second or more: the background jobs (a request's own short waits end with it).
  const live = new Set<unknown>();
  const stacks = new Map<unknown, string>();
  const real = { setInterval, setTimeout, clearInterval, clearTimeout };
  const g = globalThis as unknown as Record<string, unknown>;
  g.setInterval = (fn: () => void, ms?: number, ...rest: unknown[]) => {
    const h = real.setInterval(fn, ms, ...rest);
    if ((ms ?? 0) >= 1000) (live.add(h), stacks.set(h, new Error().stack ?? ""));
    return h;
  };
  g.setTimeout = (fn: () => void, ms?: number, ...rest: unknown[]) => {
    const h = real.setTimeout(() => (live.delete(h), fn()), ms, ...rest);
    if ((ms ?? 0) >= 1000) (live.add(h), stacks.set(h, new Error().stack ?? ""));
    return h;
  };
  g.clearInterval = (h: Parameters<typeof clearInterval>[0]) => (live.delete(h), real.clearInterval(h));
  g.clearTimeout = (h: Parameters<typeof clearTimeout>[0]) => (live.delete(h), real.clearTimeout(h));
  try {
    const t = await makeTestApp();
    assert.ok(live.size >= 3, `the app started its background timers (${live.size})`);
    await t.app.stop();
    assert.is(live.size, 0, `every one stopped; left: ${[...stacks.entries()].filter(([h]) => live.has(h)).map(([, s]) => s.split("\n")[2])}`);
    t.close();
  } finally {
    Object.assign(g, real);
  }
});

test.run();
