// The use cases of proving a phone: start a pending step (limits, code text),
// check a code, resend it. Other features define what happens once a code
// matches (a purpose) and call startProof from their forms; nothing they keep
// in the payload becomes an account or a sign-up before that.
import { logOf, type Ctx, type Deps, type Logger } from "../../shared/context.ts";
import { randomToken, sha256, hmac, safeEqual } from "../../shared/crypto.ts";
import { chinaDate } from "../../shared/clock.ts";
import { clearAccountThrottle } from "../../shared/throttle.ts";
import { paths } from "../../paths.ts";
import { clientAddress } from "../accounts/index.ts";
import { textStatements, flushSms } from "../messages/index.ts";
import { copy } from "../../../views/copy/index.ts";
import { CODE_TTL_MS, PROVEN_TTL_MS, newCode, addressKey, limitRefusal, codeState, MAX_WRONG_TRIES, type LimitRefusal } from "./phone.domain.ts";
import * as repo from "./phone.repo.ts";

const t = copy.phone;

/** What a purpose's completion is given once the code matched. */
export interface Proven<P = unknown> {
  phone: string;
  payload: P;
  /** The staff member who asked for the code at the desk, if any. */
  staffId: number | null;
  token: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Purpose<P = any> {
  /** Runs once, after the code matched: makes the account, the sign-up… and answers. */
  complete: (c: Ctx, proven: Proven<P>) => Promise<Response> | Response;
  /** Where "号码填错了?" goes back to. */
  back: (payload: P) => string;
  /** The code page's heading (default 输入验证码). */
  title?: string;
  /** A step remains after the code matched (the new PIN): the pending record is kept as proven. */
  twoStep?: boolean;
}

const purposes = new Map<string, Purpose>();

/** A feature names what a proof is for, once per process. */
export function definePurpose<P>(name: string, purpose: Purpose<P>): void {
  purposes.set(name, purpose as Purpose);
}
export const purposeOf = (name: string) => purposes.get(name) ?? null;

export const limitMessage = (r: LimitRefusal): string => (r.key === "numberWait" ? t.limits.numberWait(r.seconds) : t.limits[r.key]);

const codeHash = (token: string, code: string) => hmac(token, code);

/** Sends queued texts now (a code is wanted within seconds), without holding up the answer. */
function sendSoon(deps: Deps, log: Logger) {
  flushSms(deps).catch((e: Error) => log.warn("sms flush after code", { error: e.message }));
}

/** The address the limits count for this request, or the staff member's own key at the desk. */
const senderKey = (c: Ctx, staffId: number | null) => (staffId ? `staff:${staffId}` : addressKey(clientAddress(c)));

/**
 * Starts a proof: checks the limits, keeps what the person typed, texts a code.
 * The work is the same whether or not the number has an account (no lookup
 * happens here), so the answer tells nothing about it.
 */
export async function startProof(
  c: Ctx,
  x: { purpose: string; phone: string; payload?: unknown; staffId?: number | null },
): Promise<{ ok: true; location: string } | { ok: false; message: string }> {
  const deps = c.var.deps;
  if (!purposes.has(x.purpose)) throw new Error(`unknown purpose ${x.purpose}`);
  const staffId = x.staffId ?? null;
  const addr = senderKey(c, staffId);
  const token = randomToken(18);
  const code = newCode();
  const now = deps.clock.now();
  const day = chinaDate(now);
  const refusal = await deps.database.transaction(async (tx) => {
    // Counted and written in one transaction: parallel requests cannot all pass the same count.
    const counts = await repo.sendCounts(tx, x.phone, addr, day, now);
    const refused = limitRefusal(counts, deps.config.phoneCodes, now, staffId !== null);
    if (refused) return { refused, budgetJustReached: false };
    await repo.insertSend(tx, { phone: x.phone, addr, day }, now);
    await repo.insertProof(
      tx,
      { tokenHash: sha256(token), purpose: x.purpose, phone: x.phone, payload: JSON.stringify(x.payload ?? {}), codeHash: codeHash(token, code), staffId },
      now,
      CODE_TTL_MS,
    );
    for (const s of textStatements(tx, [{ to: x.phone, template: "verifyCode", params: { code } }], now)) await s;
    if (counts.instanceToday % 200 === 0) for (const s of repo.sweep(tx, now)) await s;
    return { refused: null, budgetJustReached: counts.instanceToday + 1 === deps.config.phoneCodes.dailyBudget };
  });
  if (refusal.refused) {
    if (refusal.refused.key === "budget") logOf(c).warn("sms code budget used up", { day });
    return { ok: false, message: limitMessage(refusal.refused) };
  }
  if (refusal.budgetJustReached) logOf(c).error("sms code budget reached", { day, budget: deps.config.phoneCodes.dailyBudget });
  sendSoon(deps, logOf(c));
  return { ok: true, location: paths.phone.code(token) };
}

/** A new code for the same pending step ("重发"), under the same limits. */
export async function resendCode(c: Ctx, token: string): Promise<{ ok: true } | { ok: false; message: string } | { gone: true }> {
  const deps = c.var.deps;
  const now = deps.clock.now();
  const day = chinaDate(now);
  const code = newCode();
  const r = await deps.database.transaction(async (tx) => {
    const p = await repo.findProof(tx, sha256(token));
    if (!p || codeState(p, now) === "gone") return { gone: true as const };
    const refused = limitRefusal(await repo.sendCounts(tx, p.phone, senderKey(c, p.staffId), day, now), deps.config.phoneCodes, now, p.staffId !== null);
    if (refused) return { refused };
    await repo.insertSend(tx, { phone: p.phone, addr: senderKey(c, p.staffId), day }, now);
    await repo.newCodeFor(tx, p.id, codeHash(token, code), now, CODE_TTL_MS);
    for (const s of textStatements(tx, [{ to: p.phone, template: "verifyCode", params: { code } }], now)) await s;
    return { sent: true as const };
  });
  if ("gone" in r) return { gone: true };
  if ("refused" in r && r.refused) return { ok: false, message: limitMessage(r.refused) };
  sendSoon(deps, logOf(c));
  return { ok: true };
}

export type CodeCheck =
  | { kind: "gone" }
  | { kind: "expired" | "tooManyTries" | "format" }
  | { kind: "wrong"; left: number }
  | { kind: "ok"; proven: Proven; purpose: Purpose };

/**
 * Checks a code against a pending step, inside one write (tries cannot race
 * past the limit). A match uses the step up (or marks it proven when a step
 * remains), records the number as proven on its account, and lifts the
 * account's login lock: a person who proves her phone always gets back in.
 */
export async function checkCode(c: Ctx, token: string, code: string | null): Promise<CodeCheck> {
  const deps = c.var.deps;
  const now = deps.clock.now();
  const r = await deps.database.transaction(async (tx): Promise<CodeCheck> => {
    const p = await repo.findProof(tx, sha256(token));
    const purpose = p && purposeOf(p.purpose);
    if (!p || !purpose) return { kind: "gone" };
    const state = codeState(p, now);
    if (state !== "open") return { kind: state };
    if (code === null) return { kind: "format" };
    if (!safeEqual(codeHash(token, code), p.codeHash)) {
      await repo.countWrongTry(tx, p.id);
      return { kind: "wrong", left: Math.max(0, MAX_WRONG_TRIES - p.wrongTries - 1) };
    }
    const done = purpose.twoStep ? await repo.markProven(tx, p.id, now) : await repo.markUsed(tx, p.id, now);
    if (done.rowsAffected !== 1) return { kind: "gone" };
    await repo.setPhoneVerified(tx, p.phone, now);
    return { kind: "ok", purpose, proven: { phone: p.phone, payload: JSON.parse(p.payload ?? "{}"), staffId: p.staffId, token } };
  });
  if (r.kind === "ok") await clearAccountThrottle(deps, r.proven.phone);
  return r;
}

/** After a purpose made an account for the number, that account is recorded as proven too. */
export const markProven = (deps: Deps, phone: string) =>
  deps.database.write((db) => repo.setPhoneVerified(db, phone, deps.clock.now()), { pages: false });

/** A proven step that still waits for its last part (the new PIN), or null. */
export async function provenStep(deps: Deps, token: string) {
  const p = await repo.findProof(deps.database.db, sha256(token));
  const now = deps.clock.now();
  if (!p || p.usedAt !== null || p.provenAt === null || now - p.provenAt > PROVEN_TTL_MS) return null;
  return p;
}

/** Uses up a proven step; false when another request already did. */
export async function finishStep(deps: Deps, id: number): Promise<boolean> {
  const r = await deps.database.write((db) => repo.markUsed(db, id, deps.clock.now()), { pages: false });
  return r.rowsAffected === 1;
}

/** The page of a pending step: who it was sent to, when a resend is allowed. */
export async function pendingStep(deps: Deps, token: string) {
  const p = await repo.findProof(deps.database.db, sha256(token));
  const purpose = p && purposeOf(p.purpose);
  if (!p || !purpose || codeState(p, deps.clock.now()) === "gone") return null;
  return { proof: p, purpose, payload: JSON.parse(p.payload ?? "{}") as unknown };
}

export const codesSentToday = (deps: Deps) => repo.sentOnDay(deps.database.db, chinaDate(deps.clock.now()));
