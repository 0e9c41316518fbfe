// Rules for proving a phone by SMS code (验证码), free of HTTP and the DB:
// the code's life, the limits that stop anyone pumping texts, the client
// address as the limits count it, and which PINs are too easy to guess.
import { randomInt } from "node:crypto";
import type { PhoneCodeLimits } from "../../config.ts";

/** A code is valid this long after it is sent. */
export const CODE_TTL_MS = 5 * 60_000;
/** Five wrong tries end a code. */
export const MAX_WRONG_TRIES = 5;
/** A pending step (what the person typed) is kept this long, resends included. */
export const PROOF_TTL_MS = 30 * 60_000;
/** After a PIN-reset code matches, the new PIN must be set within this time. */
export const PROVEN_TTL_MS = 10 * 60_000;

/** Six random digits from the system's cryptographic generator. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, "0");

/** Digits as people type them: full-width digits and spaces are accepted. */
export function normalizeCode(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const s = raw.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48)).replace(/[\s\u3000-]/g, "");
  return /^\d{6}$/.test(s) ? s : null;
}

/**
 * The address the limits count: IPv4 as it is, an IPv6 address by its /64
 * (one household or phone gets a whole /64, so counting single addresses
 * would let one client use 2^64 of them). IPv4-mapped IPv6 counts as IPv4.
 */
export function addressKey(ip: string): string {
  const raw = ip.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(raw);
  if (mapped) return mapped[1];
  if (!raw.includes(":")) return raw;
  const [head, tail = ""] = raw.split("::");
  const h = head ? head.split(":") : [];
  const t = raw.includes("::") ? (tail ? tail.split(":") : []) : [];
  // A trailing embedded IPv4 takes two groups.
  const groups = raw.includes("::") ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t] : h;
  const first4 = groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16));
  while (first4.length < 4) first4.push("0");
  return first4.join(":") + "::/64";
}

/** What the limits count, for one request. */
export interface SendCounts {
  /** When the last code to this number was sent (null: none in the last day). */
  numberLastAt: number | null;
  numberHour: number;
  numberDay: number;
  addressHour: number;
  addressDay: number;
  /** Codes sent by the whole instance this Beijing day. */
  instanceToday: number;
}

export type LimitRefusal =
  | { key: "numberWait"; seconds: number }
  | { key: "numberHour" | "numberDay" | "addressHour" | "addressDay" | "budget" };

/**
 * May one more code be sent? The first limit that is reached, or null.
 * `staff`: a desk request, not counted against the station's address.
 */
export function limitRefusal(n: SendCounts, limits: PhoneCodeLimits, now: number, staff = false): LimitRefusal | null {
  if (n.instanceToday >= limits.dailyBudget) return { key: "budget" };
  if (n.numberLastAt !== null && now - n.numberLastAt < limits.numberGapSeconds * 1000) {
    return { key: "numberWait", seconds: Math.ceil((limits.numberGapSeconds * 1000 - (now - n.numberLastAt)) / 1000) };
  }
  if (n.numberHour >= limits.numberPerHour) return { key: "numberHour" };
  if (n.numberDay >= limits.numberPerDay) return { key: "numberDay" };
  if (!staff && n.addressHour >= limits.addressPerHour) return { key: "addressHour" };
  if (!staff && n.addressDay >= limits.addressPerDay) return { key: "addressDay" };
  return null;
}

/** The budget's state for the admins' status page: an alarm once it is used up, a warning at 80 %. */
export function budgetState(sentToday: number, budget: number): "ok" | "warning" | "exhausted" {
  if (sentToday >= budget) return "exhausted";
  if (sentToday >= budget * 0.8) return "warning";
  return "ok";
}

/** Can a code be entered on this pending step now? */
export function codeState(
  p: { createdAt: number; codeExpiresAt: number; wrongTries: number; usedAt: number | null; provenAt: number | null },
  now: number,
): "open" | "gone" | "expired" | "tooManyTries" {
  if (p.usedAt !== null || p.provenAt !== null || now - p.createdAt > PROOF_TTL_MS) return "gone";
  if (p.wrongTries >= MAX_WRONG_TRIES) return "tooManyTries";
  if (now > p.codeExpiresAt) return "expired";
  return "open";
}

/** Seconds before "重发" may be pressed again. */
export const resendWait = (lastSentAt: number, now: number, gapSeconds: number) =>
  Math.max(0, Math.ceil((lastSentAt + gapSeconds * 1000 - now) / 1000));

// --- Weak PINs ------------------------------------------------------------------

export type WeakPin = "sameDigit" | "run" | "birthDate" | "idTail";

/**
 * Why a 6-digit PIN is too easy to guess, or null. A stranger tries the same
 * digit six times, a run (123456, 654321), the birth date printed in the ID
 * number (YYMMDD, MMDDYY, DDMMYY, YYYYMM, MMYYYY) and the ID's last six digits.
 */
export function weakPin(pin: string, idNumber?: string | null): WeakPin | null {
  if (!/^\d{6}$/.test(pin)) return null;
  if (/^(\d)\1{5}$/.test(pin)) return "sameDigit";
  const d = [...pin].map(Number);
  const steps = d.slice(1).map((x, i) => (x - d[i] + 10) % 10);
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return "run";
  const id = idNumber?.toUpperCase();
  if (id && /^\d{17}[\dX]$/.test(id)) {
    const yyyy = id.slice(6, 10), yy = yyyy.slice(2), mm = id.slice(10, 12), dd = id.slice(12, 14);
    if ([yy + mm + dd, mm + dd + yy, dd + mm + yy, yyyy + mm, mm + yyyy].includes(pin)) return "birthDate";
    if (id.slice(12) === pin) return "idTail";
  }
  return null;
}
