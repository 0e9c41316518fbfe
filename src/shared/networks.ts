// Address networks written as CIDR ("10.8.3.0/24", "2001:db8:12::/48", or one
// address): parsed once from the configuration, matched per request. Used by
// the fair share to give a station's shared line (a public PC, an office behind
// one address) a larger share.

export interface Network {
  v6: boolean;
  base: bigint;
  bits: number;
}

function v4(a: string): bigint | null {
  const m = a.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((n, p) => (n << 8n) | BigInt(p), 0n);
}

function v6(a: string): bigint | null {
  if (!/^[0-9a-f:.]+$/i.test(a) || a.split("::").length > 2) return null;
  let tail4: bigint | null = null;
  // An IPv4 tail (::ffff:1.2.3.4) is two groups.
  const dot = a.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dot) {
    tail4 = v4(dot[2]);
    if (tail4 === null) return null;
    a = dot[1] + "0:0";
  }
  const [head, tail] = a.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined ? (tail ? tail.split(":") : []) : [];
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...h, ...Array(tail === undefined ? 0 : missing).fill("0"), ...t];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  let n = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tail4 !== null) n = (n & ~0xffffffffn) | tail4;
  return n;
}

/** One address as a number, and whether it is IPv6 (an IPv4-mapped IPv6 address counts as its IPv4). */
function parseAddress(raw: string): { v6: boolean; n: bigint } | null {
  const a = raw.trim().toLowerCase().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  const four = v4(mapped ? mapped[1] : a);
  if (four !== null) return { v6: false, n: four };
  const six = a.includes(":") ? v6(a) : null;
  return six === null ? null : { v6: true, n: six };
}

/** "10.8.3.0/24" → a network; null if it is not one. */
export function parseNetwork(text: string): Network | null {
  const [addr, len, ...rest] = text.trim().split("/");
  if (rest.length) return null;
  const a = parseAddress(addr);
  if (!a) return null;
  const max = a.v6 ? 128 : 32;
  const bits = len === undefined ? max : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!(bits >= 0 && bits <= max)) return null;
  const shift = BigInt(max - bits);
  return { v6: a.v6, base: (a.n >> shift) << shift, bits };
}

/** A comma- or space-separated list; the entries that are not networks, for an error message. */
export function parseNetworks(list: string): { networks: Network[]; bad: string[] } {
  const networks: Network[] = [];
  const bad: string[] = [];
  for (const item of list.split(/[\s,，]+/).filter(Boolean)) {
    const n = parseNetwork(item);
    if (n) networks.push(n);
    else bad.push(item);
  }
  return { networks, bad };
}

/** Whether the address lies in one of the networks. */
export function inNetworks(addr: string, networks: Network[]): boolean {
  const a = parseAddress(addr);
  if (!a) return false;
  return networks.some((n) => {
    if (n.v6 !== a.v6) return false;
    const shift = BigInt((a.v6 ? 128 : 32) - n.bits);
    return a.n >> shift === n.base >> shift;
  });
}
