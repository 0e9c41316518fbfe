// Waiting in tests on the thing itself, never for a fixed time: `waitFor`
// checks a condition again and again (a short pause between checks, so a busy
// machine is not kept busier) until it holds, and fails with `what` only after
// a generous limit, which a passing test never comes near: on a loaded
// 2-core machine a timer may fire seconds late, and that must not fail a test.
export const GENEROUS_MS = 60_000;

export async function waitFor<T>(
  condition: () => T | Promise<T>,
  what: string,
  { limitMs = GENEROUS_MS, pauseMs = 10 }: { limitMs?: number; pauseMs?: number } = {},
): Promise<NonNullable<T>> {
  const started = performance.now();
  for (;;) {
    const v = await condition();
    if (v) return v as NonNullable<T>;
    if (performance.now() - started > limitMs) throw new Error(`waited ${limitMs} ms and still not: ${what}`);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}
