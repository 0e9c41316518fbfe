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
import { setImmediate } from "node:timers";

type Fetch<E> = (req: Request, env?: E) => Response | Promise<Response>;

/** `fetch`, with each answer handed back at the end of the turn it was made in, all of that turn's together. */
export function answerByTurn<E>(fetch: Fetch<E>): (req: Request, env?: E) => Promise<Response> {
  let waiting: (() => void)[] = [];
  const release = () => {
    const now = waiting;
    waiting = [];
    for (const go of now) go();
  };
  const turnEnd = () =>
    new Promise<void>((go) => {
      if (waiting.push(go) === 1) setImmediate(release);
    });
  return async (req, env) => {
    const res = await fetch(req, env);
    await turnEnd();
    return res;
  };
}
