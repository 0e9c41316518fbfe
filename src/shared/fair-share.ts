// A fair share of the server for every client (issue #16: one anonymous client
// asking for uncached pages over 50 connections took the home page's median
// for everyone else from 9 ms to 922 ms).
//
// Runs after the page cache (a cached page costs nothing and is never limited),
// on the work that is left: rendering. A request without a session cookie is
// judged at once (`early`); one with a session cookie after the session is
// loaded (`late`), so signed-in staff are recognised.
// - Per client (an IPv4 address, or an IPv6 /64): at most `perClient` requests
//   at once (waiting or rendering), and a budget of server time: a bucket of
//   `burst` milliseconds refilled at `rate` milliseconds a second, charged with
//   the time each request took (a search over 100,000 postings costs far more
//   than a posting page, and the DB calls block the event loop while they run).
//   Past either, a small fixed Chinese 429 page with Retry-After, answered
//   before any work is done.
// - All clients but staff together: at most `anonymous` renders at once; the
//   rest wait their turn (a client can hold at most `perClient` places in the
//   line, and the client with fewer renders running goes first).
// - Signed-in staff are never limited nor queued: the desk keeps working
//   whatever the traffic.
// - A refusal is held back for a moment (`holdMs`, at most the Retry-After)
//   before it is sent: a client that asks again the instant it is refused (50
//   connections in a loop) would otherwise get thousands of cheap 429s a second,
//   and on a busy two-core box those alone took the home page's median for
//   everyone from 6 ms to over a second. Held, 50 connections make at most 50
//   requests a second. At most `maxHeld` refusals are held at once (then they go
//   out at once), so holding costs bounded memory.
// - A station's shared line (`stationNetworks`): the public PC, or the whole
//   station behind one address, is one client to us; addresses in a listed
//   network get `stationShare` times the share (places at once and server time).
// Requests without a client address (in-process calls: tests, the CLI),
// /healthz and the SMS providers' callbacks (/api/sms/…) are not limited.
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Ctx } from "./context.ts";
import { clientAddress, addressBucket } from "./client.ts";
import { inNetworks, type Network } from "./networks.ts";
import { isStaff } from "./authz.ts";

export interface FairShareOptions {
  enabled: boolean;
  /** Requests one client may have in progress (waiting or rendering). */
  perClient: number;
  /** Milliseconds of server time a second per client. */
  rate: number;
  /** Bucket size per client, in milliseconds of server time. */
  burst: number;
  /** Renders at once for everyone who is not staff. */
  anonymous: number;
  /** Longest wait in line before a 429 (ms). */
  maxWaitMs?: number;
  /** How long a refusal is held before the 429 goes out (ms; never longer than its Retry-After). */
  holdMs?: number;
  /** Refusals held at once, over all clients (beyond: sent at once). */
  maxHeld?: number;
  /** Networks of stations (a shared public PC or office line), with `stationShare` times the share. */
  stationNetworks?: Network[];
  stationShare?: number;
  now?: () => number;
}

interface Client {
  /** Milliseconds of server time left (negative: overdrawn by the last request). */
  budget: number;
  at: number;
  inFlight: number;
  /** Render places this client holds now (for the order of the line). */
  running: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterS: number };

/** The per-client part, without HTTP: tested with tables of cases. */
export class FairShare {
  private clients = new Map<string, Client>();
  private running = 0;
  private line: { bucket: string; go: () => void }[] = [];
  constructor(readonly o: FairShareOptions) {}

  private now() {
    return (this.o.now ?? Date.now)();
  }

  private client(bucket: string, share = 1): Client {
    const now = this.now();
    let cl = this.clients.get(bucket);
    if (!cl) {
      cl = { budget: this.o.burst * share, at: now, inFlight: 0, running: 0 };
      this.clients.set(bucket, cl);
      // Bounded memory: forget the oldest idle clients (a full bucket is the same as a new one).
      if (this.clients.size > 20_000) for (const [k, v] of this.clients) if (v.inFlight === 0 && (this.clients.delete(k), this.clients.size <= 15_000)) break;
    }
    cl.budget = Math.min(this.o.burst * share, cl.budget + ((now - cl.at) / 1000) * this.o.rate * share);
    cl.at = now;
    return cl;
  }

  /** A place for this client if it has budget left and is not at its limit at once; else how long to wait. `share`: 1, or a station's. */
  admit(bucket: string, share = 1): Verdict {
    const cl = this.client(bucket, share);
    if (cl.inFlight >= this.o.perClient * share) return { ok: false, retryAfterS: 1 };
    if (cl.budget <= 0) return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - cl.budget) / (this.o.rate * share))) };
    cl.inFlight++;
    return { ok: true };
  }

  /** The request is done: it took `ms` of this client's budget. */
  release(bucket: string, ms: number, share = 1): void {
    const cl = this.client(bucket, share);
    if (cl.inFlight > 0) cl.inFlight--;
    cl.budget -= Math.max(0, ms);
  }

  /** Waits for one of the `anonymous` render places; false if the wait was too long. */
  async slot(bucket = ""): Promise<boolean> {
    const cl = this.clients.get(bucket);
    if (this.running < this.o.anonymous) {
      this.running++;
      if (cl) cl.running++;
      return true;
    }
    return new Promise<boolean>((resolve) => {
      let done = false;
      const go = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.running++;
        const now = this.clients.get(bucket);
        if (now) now.running++;
        resolve(true);
      };
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        this.line = this.line.filter((w) => w.go !== go);
        resolve(false);
      }, this.o.maxWaitMs ?? 10_000);
      this.line.push({ bucket, go });
    });
  }

  freeSlot(bucket = ""): void {
    this.running--;
    const cl = this.clients.get(bucket);
    if (cl && cl.running > 0) cl.running--;
    if (!this.line.length) return;
    // The waiter whose client has the fewest renders running; first come among equals.
    let best = 0;
    for (let i = 1; i < this.line.length; i++) if (this.runningOf(this.line[i].bucket) < this.runningOf(this.line[best].bucket)) best = i;
    const [next] = this.line.splice(best, 1);
    next.go();
  }

  private runningOf(bucket: string): number {
    return this.clients.get(bucket)?.running ?? 0;
  }

  /** A station's address gets `stationShare` times the share; anyone else 1. */
  shareOf(addr: string): number {
    return this.o.stationNetworks?.length && inNetworks(addr, this.o.stationNetworks) ? (this.o.stationShare ?? 1) : 1;
  }

  private held = 0;
  /** Holds a refusal for a moment (see the top of this file); resolves at once when too many are held already. */
  hold(retryAfterS: number): Promise<void> | undefined {
    const ms = Math.min(this.o.holdMs ?? 0, retryAfterS * 1000);
    if (ms <= 0 || this.held >= (this.o.maxHeld ?? 2000)) return undefined;
    this.held++;
    return new Promise((resolve) =>
      setTimeout(() => {
        this.held--;
        resolve();
      }, ms),
    );
  }

  get stats() {
    return { running: this.running, waiting: this.line.length, clients: this.clients.size };
  }
}

/**
 * The two middlewares: `early` right after the page cache (requests without a session cookie),
 * `late` after the session is loaded (requests with one; staff pass). `tooMany` builds the 429.
 */
export function fairShare(
  o: FairShareOptions,
  hasSessionCookie: (c: Ctx) => boolean,
  tooMany: (c: Ctx, retryAfterS: number) => Response,
): { early: MiddlewareHandler<AppEnv>; late: MiddlewareHandler<AppEnv> } {
  const fs = new FairShare(o);
  const limit = async (c: Ctx, next: () => Promise<void>) => {
    const addr = clientAddress(c);
    if (addr === "local") return next();
    const bucket = addressBucket(addr);
    const share = fs.shareOf(addr);
    const v = fs.admit(bucket, share);
    if (!v.ok) {
      await fs.hold(v.retryAfterS);
      c.res = tooMany(c, v.retryAfterS);
      return;
    }
    const started = performance.now();
    try {
      if (!(await fs.slot(bucket))) {
        c.res = tooMany(c, 5);
        return;
      }
      try {
        await next();
      } finally {
        fs.freeSlot(bucket);
      }
    } finally {
      fs.release(bucket, performance.now() - started, share);
    }
  };
  // Not limited: health checks, and the SMS providers' callbacks (their servers post receipts in bursts).
  const skip = (c: Ctx) => !o.enabled || c.req.path === "/healthz" || c.req.path.startsWith("/api/sms/");
  return {
    early: async (c, next) => {
      if (skip(c) || hasSessionCookie(c)) return next();
      return limit(c, next);
    },
    late: async (c, next) => {
      if (skip(c) || !hasSessionCookie(c) || isStaff(c.get("user"))) return next();
      return limit(c, next);
    },
  };
}
