// Who is asking: the client's address, and the bucket that per-client limits count by.
import type { Ctx } from "./context.ts";

/**
 * The client's address. Behind our own proxy (TRUST_PROXY) it is the LAST entry of
 * X-Forwarded-For — the one the proxy appended; earlier entries are whatever the
 * client sent, so an attacker could pick a new one per request and slip every
 * per-address limit.
 */
export function clientAddress(c: Ctx): string {
  if (c.var.deps.config.trustProxy) {
    const fwd = c.req.header("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean).pop();
    if (fwd && fwd.length <= 64) return fwd;
  }
  // Node's server passes the socket as env.incoming; Deno.serve passes remoteAddr.
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; remoteAddr?: { hostname?: string } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? env?.remoteAddr?.hostname ?? "local";
}

/**
 * The unit per-client limits count by: an IPv4 address, or an IPv6 /64 (one
 * household or phone gets a whole /64, so counting single IPv6 addresses would let
 * one client be 2^64 clients). An IPv4-mapped IPv6 address counts as its IPv4.
 */
export function addressBucket(addr: string): string {
  const a = addr.trim().toLowerCase().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return mapped[1];
  if (!a.includes(":")) return a.slice(0, 64);
  // Expand "::" to the missing zero groups, then keep the first four groups.
  const [head, tail] = a.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined ? (tail ? tail.split(":") : []) : [];
  const groups = tail !== undefined ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t] : h;
  return groups.slice(0, 4).map((g) => (g.replace(/^0+/, "") || "0").slice(0, 4)).join(":") + "::/64";
}

/** The bucket of the client of this request. */
export const clientBucket = (c: Ctx) => addressBucket(clientAddress(c));
