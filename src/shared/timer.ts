// A background job every `everyMs`: never two runs at once in one process, an
// error logged (not thrown), and a timer that does not keep the process alive.
import type { Logger } from "./context.ts";

export function repeatInBackground(name: string, log: Logger, run: () => Promise<unknown>, everyMs: number): () => void {
  let running = false;
  const tick = async () => {
    if (running) return; // a slow run (a slow provider): never two at once
    running = true;
    try {
      await run();
    } catch (e) {
      log.error(name, { error: (e as Error).message });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, everyMs);
  // Node returns a Timeout object with unref(); Deno returns a number and has Deno.unrefTimer.
  if (typeof timer === "object" && typeof (timer as { unref?: () => void }).unref === "function") (timer as { unref: () => void }).unref();
  else (globalThis as { Deno?: { unrefTimer?: (id: number) => void } }).Deno?.unrefTimer?.(timer as unknown as number);
  return () => clearInterval(timer);
}
