// Rules for messages and the SMS outbox, free of HTTP and the DB.

/** A text that fails this many times is given up on (status failed) and left for staff to see. */
export const MAX_SMS_ATTEMPTS = 3;

/** The status of an outbox row after a delivery attempt (the attempts count already includes it). */
export function afterAttempt(attempts: number, ok: boolean, permanent = false): "sent" | "pending" | "failed" {
  if (ok) return "sent";
  // An invalid number or a refused template fails the same way next time: no retry.
  if (permanent) return "failed";
  return attempts >= MAX_SMS_ATTEMPTS ? "failed" : "pending";
}

/** Provider errors can be long or carry the number; keep a short line without digit runs. */
export function shortError(error: string): string {
  return error.replace(/\d{7,}/g, "***").slice(0, 200);
}

/** Page number from a query string; anything odd is page 1. */
export const pageNumber = (raw: string | string[] | undefined) => {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
};
