// Answers written together, once per turn of the event loop (issue #20).
//
// Why: an answer written the moment it was ready woke the reader at the other
// end of its connection — a reverse proxy on the same box (nginx in front of a
// county's server), or the bench's load generator — once per answer. Over
// loopback the kernel does that wake-up inside our own writev, and on a
// virtual machine it is an interrupt sent to the other CPU: `perf` put it at
// 14 µs of a cached job page's ~105 µs of CPU, and 4 µs of the job list's
// (sock_def_readable → _raw_spin_unlock_irqrestore; docs/performance.md,
// "Answers written once per turn"). Held until the loop's check phase
// (setImmediate), the answers made in one turn are written one after another,
// and the reader wakes once for all of them.
//
// The wait is at most the rest of the turn the answer was made in: nothing
// waits for a timer or for another request's work. An answer that failed is
// not held (Hono answers errors itself; this only passes one on).
//
// Only answers made quickly are held (under HOLD_UNDER_MS from the request to
// its answer): a page served from a cache, a signed-in page, where one wake-up
// is a tenth of the cost. A page that took longer to make (the monitoring
// report, a sign-up waiting for its disk sync) gains nothing from it, and held
// it kept its whole body in memory until the turn ended: with every monitoring
// page of a turn held at once, the bench's peak RSS rose from 105–106 MB to
// 109–112 MB (docs/performance.md).
import { setImmediate } from "node:timers";

type Fetch<E> = (req: Request, env?: E) => Response | Promise<Response>;

/** An answer made in less than this (ms, from the request to its answer) is held to the end of its turn. */
export const HOLD_UNDER_MS = 0.5;

/** `fetch`, with each answer made quickly handed back at the end of the turn it was made in, all of that turn's together. */
export function answerByTurn<E>(fetch: Fetch<E>, now: () => number = () => performance.now()): (req: Request, env?: E) => Promise<Response> {
  let waiting: (() => void)[] = [];
  const release = () => {
    const ready = waiting;
    waiting = [];
    for (const go of ready) go();
  };
  const turnEnd = () =>
    new Promise<void>((go) => {
      if (waiting.push(go) === 1) setImmediate(release);
    });
  return async (req, env) => {
    const asked = now();
    const res = await fetch(req, env);
    if (now() - asked < HOLD_UNDER_MS) await turnEnd();
    return res;
  };
}
