// One edge for every throttle's window: a try exactly windowMs after the window
// began starts a new one — for the login throttle and the hotline's alike.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { windowStep, throttleStep } from "../../src/shared/throttle-rules.ts";
import { stepRow, throttleRules } from "../../src/shared/throttle.ts";

test("windowStep: none yet, inside, at the edge, past it", () => {
  const cases: [{ windowStart: number } | undefined, number, boolean][] = [
    [undefined, 5, true],
    [{ windowStart: 0 }, 999, false],
    [{ windowStart: 0 }, 1000, true],
    [{ windowStart: 0 }, 1001, true],
  ];
  for (const [prev, now, fresh] of cases) assert.equal(windowStep(prev, now, 1000), { fresh, windowStart: fresh ? now : prev!.windowStart }, `${prev?.windowStart} → ${now}`);
});

test("the login throttle and the hotline throttle start over at the same instant", () => {
  const w = throttleRules.ip.windowMs;
  const login = stepRow("ip", { failures: 3, windowStart: 0, lockedUntil: null }, w);
  const hotline = throttleStep({ count: 3, windowStart: 0, lockedUntil: null }, w, { limit: 10, lockMs: 1, windowMs: w });
  assert.equal([login.failures, hotline.count], [1, 1]);
  const before = stepRow("ip", { failures: 3, windowStart: 0, lockedUntil: null }, w - 1);
  const hotlineBefore = throttleStep({ count: 3, windowStart: 0, lockedUntil: null }, w - 1, { limit: 10, lockMs: 1, windowMs: w });
  assert.equal([before.failures, hotlineBefore.count], [4, 4]);
});

test.run();
