// A fair share of the server for every client (issue #16: one anonymous client
// asking for uncached pages over 50 connections took the home page's median
// for everyone else from 9 ms to 922 ms).
//
// Runs after the page cache (a cached page costs nothing and is never limited)
// and after the session is loaded, on the work that is left: rendering.
// - Per client (an IPv4 address, or an IPv6 /64): at most `perClient` requests
//   at once (waiting or rendering), and a rate: a bucket of `burst` tokens
//   refilled at `rate` a second. Past either, a Chinese 429 page with
//   Retry-After, answered before any work is done.
// - All clients but staff together: at most `anonymous` renders at once; the
//   rest wait their turn (first come, first served: a client can hold at most
//   `perClient` places in the line).
// - Signed-in staff are never limited nor queued: the desk keeps working
//   whatever the traffic.
// Requests without a client address (in-process calls: tests, the CLI) and
// /healthz are not limited.
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Ctx } from "./context.ts";
import { clientAddress, addressBucket } from "./client.ts";
import { isStaff } from "./authz.ts";

export interface FairShareOptions {
  enabled: boolean;
  /** Requests one client may have in progress (waiting or rendering). */
  perClient: number;
  /** Tokens a second per client. */
  rate: number;
  /** Bucket size per client: the burst a page load with its fragments may need. */
  burst: number;
  /** Renders at once for everyone who is not staff. */
  anonymous: number;
  /** Longest wait in line before a 429 (ms). */
  maxWaitMs?: number;
  now?: () => number;
}

interface Client {
  tokens: number;
  at: number;
  inFlight: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterS: number };

/** The per-client part, without HTTP: tested with tables of cases. */
export class FairShare {
  private clients = new Map<string, Client>();
  private running = 0;
  private line: (() => void)[] = [];
  constructor(readonly o: FairShareOptions) {}

  /** Takes a token and a place for this client, or says how long to wait. */
  admit(bucket: string): Verdict {
    const now = (this.o.now ?? Date.now)();
    let cl = this.clients.get(bucket);
    if (!cl) {
      cl = { tokens: this.o.burst, at: now, inFlight: 0 };
      this.clients.set(bucket, cl);
      // Bounded memory: forget the oldest idle clients (a full bucket is the same as a new one).
      if (this.clients.size > 20_000) for (const [k, v] of this.clients) if (v.inFlight === 0 && (this.clients.delete(k), this.clients.size <= 15_000)) break;
    }
    cl.tokens = Math.min(this.o.burst, cl.tokens + ((now - cl.at) / 1000) * this.o.rate);
    cl.at = now;
    if (cl.inFlight >= this.o.perClient) return { ok: false, retryAfterS: 1 };
    if (cl.tokens < 1) return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - cl.tokens) / this.o.rate)) };
    cl.tokens -= 1;
    cl.inFlight++;
    return { ok: true };
  }

  release(bucket: string): void {
    const cl = this.clients.get(bucket);
    if (cl && cl.inFlight > 0) cl.inFlight--;
  }

  /** Waits for one of the `anonymous` render places; false if the wait was too long. */
  async slot(): Promise<boolean> {
    if (this.running < this.o.anonymous) {
      this.running++;
      return true;
    }
    return new Promise<boolean>((resolve) => {
      let done = false;
      const go = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.running++;
        resolve(true);
      };
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        this.line = this.line.filter((f) => f !== go);
        resolve(false);
      }, this.o.maxWaitMs ?? 10_000);
      this.line.push(go);
    });
  }

  freeSlot(): void {
    this.running--;
    const next = this.line.shift();
    if (next) next();
  }

  get stats() {
    return { running: this.running, waiting: this.line.length, clients: this.clients.size };
  }
}

export function fairShare(o: FairShareOptions, tooMany: (c: Ctx, retryAfterS: number) => Response | Promise<Response>): MiddlewareHandler<AppEnv> {
  const fs = new FairShare(o);
  return async (c, next) => {
    if (!o.enabled || c.req.path === "/healthz" || isStaff(c.var.user)) return next();
    const addr = clientAddress(c);
    if (addr === "local") return next();
    const bucket = addressBucket(addr);
    const v = fs.admit(bucket);
    if (!v.ok) {
      c.header("retry-after", String(v.retryAfterS));
      return tooMany(c, v.retryAfterS);
    }
    try {
      if (!(await fs.slot())) {
        c.header("retry-after", "5");
        return tooMany(c, 5);
      }
      try {
        await next();
      } finally {
        fs.freeSlot();
      }
    } finally {
      fs.release(bucket);
    }
  };
}
