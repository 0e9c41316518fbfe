// One submission, one record. Every POST form rendered by <Form> carries a
// one-time key (ONCE_FIELD). A repeat of the same form — a double tap, Back
// and submit again — gets the first answer (the same redirect, with the same
// flash message or hotline receipt cookie) and writes nothing.
//
// How it is race-free: the key is claimed by the request's first write, in
// the same writer-queue slot (inside the same transaction, for
// `database.transaction`): an INSERT into form_submissions whose primary key
// lets exactly one of two identical POSTs through, also across two processes
// on one file. The twin whose claim fails is stopped there (DuplicateSubmission)
// before it has written anything, waits for the first to finish and answers
// with its redirect. A twin in the same process does not even start: it waits
// on the first one's promise. When the first answer is a redirect, it is
// recorded with the key (one small write); any other answer (the form
// re-shown with errors, a refusal) releases the key, so the form can be sent
// again. A request that writes nothing (most refusals) costs one read.
//
// The claim finds the request through AsyncLocalStorage (node:async_hooks,
// also on Deno), so no handler has to know about keys: `withSubmissionClaims`
// wraps the app's Database once, in prepare(). The storage is switched off
// again whenever no keyed form is being handled: while any AsyncLocalStorage
// is on, Node 20 runs async_hooks' promise hooks for every promise of the
// process, every other request's too (docs/performance.md, "The shared per-hit
// work: AsyncLocalStorage, 2026-12-06"); a keyed form is a person pressing a button.
//
// The gap that is left: if the process dies between the action's commit and
// the recording of its redirect, a repeat finds a claim without an answer;
// after STALE_MS it is told the form was already sent (409), not run again.
//
// Back and submit again: a browser re-fetches a no-store form page on Back,
// and with it comes a new key (browsers put back what was typed, not hidden
// values). So the answer is also kept under a fingerprint of the typed words
// (visitor, form, fields); the same words to the same form within
// SAME_WORDS_MS get the first answer. Forms with nothing typed (buttons) are
// left to the key: pressing 发布 again after 撤回 must work.
//
// A request without a key (an API client, a test that posts fields by hand)
// is handled as before. An answer that signs someone in or out (it sets the
// session cookie) is not replayed — without the cookie the person would not
// be signed in — so its key is released; those handlers are safe to repeat.
import { AsyncLocalStorage } from "node:async_hooks";
import type { MiddlewareHandler } from "hono";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { AppEnv, Ctx } from "./context.ts";
import type { Database, Db, Tx } from "./db.ts";
import { hmac, pooledToken, randomToken } from "./crypto.ts";
import { csrfTokenFor } from "./csrf.ts";
import { formSubmissions } from "../../db/schema/index.ts";
import { sessionCookieName } from "./session.ts";
import { Refused } from "./errors.ts";
import { errors as msg } from "../../views/copy/common.ts";

export const ONCE_FIELD = "_once";
/** Stands in for the key on a page rendered for the shared page cache; each copy sent out gets fresh keys. */
export const ONCE_PLACEHOLDER = "once-" + randomToken(16);
/** How long a key is remembered. */
export const KEEP_MS = 24 * 3600_000;
/** The same typed words sent again to the same form by the same visitor this soon count as the same submission (Back, then submit). */
export const SAME_WORDS_MS = 10 * 60_000;
/** A claim without an answer this old belongs to a request that died. */
export const STALE_MS = 60_000;
const PURGE_EVERY_MS = 3600_000;

export const newOnceKey = () => pooledToken(16);
const KEY_SHAPE = /^[\w-]{16,64}$/;

/** Fresh keys in place of every placeholder of a cached page. */
export const fillOnceKeys = (body: string) => (body.includes(ONCE_PLACEHOLDER) ? body.replaceAll(ONCE_PLACEHOLDER, newOnceKey) : body);

/** Thrown by the first write of a request whose key another request has claimed. */
export class DuplicateSubmission extends Error {
  constructor() {
    super("duplicate submission");
  }
}

interface Claim {
  id: string;
  now: number;
  /** Whether to sweep keys older than KEEP_MS in the same write. */
  purge: boolean;
  /** The first write of the request has taken the job of claiming. */
  taken: boolean;
  /** The claim row is written (committed with the action, or about to be). */
  claimed: boolean;
  duplicate: boolean;
}

const current = new AsyncLocalStorage<Claim>();
/** Keyed forms being handled now (runs of `current`); at 0 the storage is disabled. */
let claimsRunning = 0;

/** `next` with `claim` as the claim of the request; the storage off again after the last one. */
async function withClaim(claim: Claim, next: () => Promise<void>): Promise<void> {
  claimsRunning++;
  try {
    await current.run(claim, next);
  } finally {
    // disable(): Node's promise hooks go off once no AsyncLocalStorage is on; the next run turns it on again.
    // A continuation of a finished request that writes later finds no claim (its claim was taken or is over).
    if (--claimsRunning === 0) current.disable();
  }
}

/** The claim the next write of this request must make, once. */
function takeClaim(): Claim | null {
  const claim = current.getStore();
  if (!claim || claim.taken) return null;
  claim.taken = true;
  return claim;
}

async function insertClaim(db: Db | Tx, claim: Claim): Promise<void> {
  // A key older than KEEP_MS counts as new: its old row goes (all old rows, now and then).
  const old = lt(formSubmissions.createdAt, claim.now - KEEP_MS);
  await db.delete(formSubmissions).where(claim.purge ? old : and(eq(formSubmissions.id, claim.id), old));
  const rows = await db.insert(formSubmissions).values({ id: claim.id, createdAt: claim.now }).onConflictDoNothing().returning({ id: formSubmissions.id });
  if (rows.length === 0) {
    claim.duplicate = true;
    throw new DuplicateSubmission();
  }
  claim.claimed = true;
}

/** The app's Database, with the claim of a keyed form put in front of the request's first write. */
export function withSubmissionClaims(database: Database): Database {
  return Object.create(database, {
    write: {
      value: <T>(fn: (db: Db) => Promise<T>, opts?: { pages?: boolean }): Promise<T> => {
        const claim = takeClaim();
        if (!claim) return database.write(fn, opts);
        // Same queue slot as the action: no other writer comes between the claim and it.
        return database.write(async (db) => {
          await insertClaim(db, claim);
          try {
            return await fn(db);
          } catch (e) {
            await db.delete(formSubmissions).where(eq(formSubmissions.id, claim.id));
            claim.claimed = false;
            throw e;
          }
        }, opts);
      },
    },
    transaction: {
      value: <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
        const claim = takeClaim();
        if (!claim) return database.transaction(fn);
        // Inside the action's transaction: committed with it, or rolled back with it.
        return database
          .transaction(async (tx) => {
            await insertClaim(tx, claim);
            return fn(tx);
          })
          .catch((e) => {
            if (!claim.duplicate) claim.claimed = false;
            throw e;
          });
      },
    },
  }) as Database;
}

type Answer = { location: string; cookies: string[] };

export function submissionOnce(): MiddlewareHandler<AppEnv> {
  // Keys being handled in this process: a twin waits for the first instead of starting.
  const inFlight = new Map<string, Promise<void>>();
  let lastPurge = -Infinity;

  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const key = await sentKey(c);
    if (!key) return next();
    const deps = c.get("deps");
    // Bound to the visitor (session or anonymous CSRF seed) and the form's action: a key seen elsewhere is worth nothing.
    const visitor = csrfTokenFor(c);
    const id = hmac(deps.secret, `once|${visitor}|${c.req.path}|${key}`);
    const words = await typedWords(c);
    const sameWords = words === null ? null : hmac(deps.secret, `same|${visitor}|${c.req.path}|${words}`);

    for (let attempt = 0; attempt < 3; attempt++) {
      while (inFlight.has(id)) await inFlight.get(id);
      const before = await answerOf(c, id);
      if (before === "stale") throw new Refused(msg.alreadySent, 409);
      if (before !== "none") return replay(c, before);
      // Back, then submit again: the page was fetched anew with a new key, but the same words
      // from the same visitor to the same form a moment ago are the same submission.
      if (sameWords) {
        const earlier = await recentAnswer(c, sameWords);
        if (earlier) return replay(c, earlier);
      }

      const now = deps.clock.now();
      const claim: Claim = { id, now, purge: now - lastPurge > PURGE_EVERY_MS, taken: false, claimed: false, duplicate: false };
      if (claim.purge) lastPurge = now;
      let done!: () => void;
      inFlight.set(id, new Promise<void>((r) => (done = r)));
      try {
        await withClaim(claim, next);
        if (claim.claimed) {
          const answer = replayable(c);
          if (answer) {
            const cookies = JSON.stringify(answer.cookies);
            await deps.database.write(async (db) => {
              await db.update(formSubmissions).set({ location: answer.location, cookies }).where(eq(formSubmissions.id, id));
              if (sameWords) {
                await db
                  .insert(formSubmissions)
                  .values({ id: sameWords, createdAt: claim.now, location: answer.location, cookies })
                  .onConflictDoUpdate({ target: formSubmissions.id, set: { createdAt: claim.now, location: answer.location, cookies } });
              }
            }, { pages: false });
          }
          else await release(c, id);
          return;
        }
      } catch (e) {
        if (claim.claimed) await release(c, id).catch(() => {});
        throw e;
      } finally {
        inFlight.delete(id);
        done();
      }
      // Nothing claimed. A twin in another process may have claimed the key while this
      // one ran (and this one refused, seeing its record): then its answer is the answer.
      if (!claim.duplicate && c.res.status === 303) return;
      const after = await answerOf(c, id);
      if (after === "none") {
        if (claim.duplicate) continue; // the twin gave its key back: handle this one afresh
        return;
      }
      if (after === "stale") throw new Refused(msg.alreadySent, 409);
      return replay(c, after);
    }
    throw new Refused(msg.alreadySent, 409);
  };
}

function replay(c: Ctx, answer: Answer): Response {
  const headers = new Headers({ location: answer.location });
  for (const line of answer.cookies) headers.append("set-cookie", line);
  // Replaces whatever the handler answered (a twin's refusal); the security headers are added on the way out.
  c.res = undefined;
  c.res = new Response(null, { status: 303, headers });
  return c.res;
}

/**
 * What the person typed into the form, in a fixed order, or null when the
 * form holds nothing typed: only ids, choices and button values (a–z, 0–9,
 * "_", "-", and digits-only values such as a phone number looked up at the
 * desk). Forms without typed words are buttons (publish, withdraw, paid) that
 * may rightly be pressed again with the same body; they rely on the key alone.
 */
async function typedWords(c: Ctx): Promise<string | null> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const entries = Object.entries(body)
    .filter(([k]) => k !== ONCE_FIELD && k !== "_csrf")
    .map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string").map((x) => x.trim())] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const typed = entries.some(([, vs]) => vs.some((x) => x !== "" && !/^[\w-]*$/.test(x)));
  return typed ? JSON.stringify(entries) : null;
}

/** The answer given to the same words within SAME_WORDS_MS, if any. */
async function recentAnswer(c: Ctx, sameWords: string): Promise<Answer | null> {
  const { database, clock } = c.get("deps");
  const [row] = await database.db.select().from(formSubmissions).where(eq(formSubmissions.id, sameWords));
  if (!row?.location || clock.now() - row.createdAt > SAME_WORDS_MS) return null;
  return { location: row.location, cookies: parseCookies(row.cookies) };
}

async function sentKey(c: Ctx): Promise<string | null> {
  const type = c.req.header("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return null;
  // parseBody is cached by Hono: the CSRF check has already read it.
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const key = body[ONCE_FIELD];
  return typeof key === "string" && KEY_SHAPE.test(key) ? key : null;
}

/** The redirect and the cookies to give a repeat, or null when this answer must not be replayed. */
function replayable(c: Ctx): Answer | null {
  const res = c.res;
  const location = res.headers.get("location");
  if (res.status !== 303 || !location) return null;
  const cookies = res.headers.getSetCookie();
  const session = sessionCookieName(c.get("deps")) + "=";
  if (cookies.some((line) => line.startsWith(session))) return null;
  return { location, cookies };
}

function release(c: Ctx, id: string) {
  return c.get("deps").database.write((db) => db.delete(formSubmissions).where(and(eq(formSubmissions.id, id), isNull(formSubmissions.location))), { pages: false });
}

/**
 * What the request that claimed `id` answered: waits while it is still being
 * handled (in another process: reads the row again every 100 ms).
 */
async function answerOf(c: Ctx, id: string): Promise<Answer | "none" | "stale"> {
  const { database, clock } = c.get("deps");
  for (let waited = 0; ; waited += 100) {
    const [row] = await database.db.select().from(formSubmissions).where(eq(formSubmissions.id, id));
    if (!row || clock.now() - row.createdAt > KEEP_MS) return "none";
    if (row.location) return { location: row.location, cookies: parseCookies(row.cookies) };
    if (clock.now() - row.createdAt > STALE_MS || waited >= STALE_MS) return "stale";
    await new Promise((r) => setTimeout(r, 100));
  }
}

function parseCookies(raw: string | null): string[] {
  try {
    const list: unknown = JSON.parse(raw ?? "[]");
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
