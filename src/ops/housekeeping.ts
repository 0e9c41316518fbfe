// Personal-data housekeeping: the retention rules (retention.domain.ts)
// applied to the DB. Run once a day by every server process (the first to
// claim the day's run does it, so two instances on one DB do not both run) and
// on demand by `npm run admin -- housekeeping`.
//
// What it does, with the default settings:
//   - postings whose last work date is over a year past lose their contact name and phone;
//   - workers not seen for three years are anonymized (forgetWorkers below);
//   - sent or failed text messages older than 180 days are deleted.
// Counts stay: sign-ups, hires and check-ins keep their rows, so statistics
// do not change. Each run leaves a summary in the log and the audit log.
import { and, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import {
  applications, jobPostings, loginThrottle, messages, seekingCards, sessions, smsOutbox, users, workerProfiles,
} from "../../db/schema/index.ts";
import type { Deps } from "../shared/context.ts";
import type { Queryable } from "../shared/db.ts";
import type { Hooks } from "../shared/hooks.ts";
import { sweepPhoneCodes } from "../features/phone/index.ts";
import { auditInsert } from "../shared/audit.ts";
import { openCaseStatuses } from "../../db/schema/hotline.ts";
import { copy } from "../../views/copy/index.ts";
import { cutoffs, FORGOTTEN_PREFIX, housekeepingDue, type Cutoffs } from "./retention.domain.ts";
import { LAST_HOUSEKEEPING, readRecord, saveRecord, type HousekeepingRecord } from "./records.ts";

/** Workers anonymized per transaction, so a big first run never holds the write lock for long. */
const CHUNK = 200;

/**
 * Anonymizes these workers, inside the caller's transaction: name → 已注销,
 * phone → a placeholder no one can sign in or be texted with, no ID number,
 * birth year, gender, card code, PIN or password; their seeking cards,
 * sessions, inbox, texts and login throttle go; pending sign-ups are
 * withdrawn. Their sign-ups, hires and check-ins stay, for the statistics.
 */
export async function forgetWorkers(tx: Queryable, ids: number[], now: number, hooks: Pick<Hooks, "forgetWorkers">): Promise<void> {
  if (ids.length === 0) return;
  const theirPhones = tx.select({ phone: users.phone }).from(users).where(inArray(users.id, ids));
  // Other features first, while the phone numbers are still there to match on.
  for (const h of hooks.forgetWorkers) await h(tx, ids, now);
  // The account's global row and its per-address rows ("acct:<phone>@<address>").
  const theirKeys = sql`(SELECT 'acct:' || phone FROM users WHERE id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}))`;
  await tx.delete(loginThrottle).where(sql`${loginThrottle.key} IN ${theirKeys} OR substr(${loginThrottle.key}, 1, instr(${loginThrottle.key}, '@') - 1) IN ${theirKeys}`);
  await tx.delete(smsOutbox).where(inArray(smsOutbox.toPhone, theirPhones));
  await tx.update(applications).set({ status: "withdrawn", decidedAt: now }).where(and(inArray(applications.workerId, ids), eq(applications.status, "applied")));
  await tx.delete(seekingCards).where(inArray(seekingCards.workerId, ids));
  await tx.delete(sessions).where(inArray(sessions.userId, ids));
  await tx.delete(messages).where(inArray(messages.userId, ids));
  await tx
    .update(workerProfiles)
    .set({ birthYear: null, gender: null, idNumber: null, cardCode: null, expectedWageFen: null, expectedWageUnit: null, days: "", updatedAt: now })
    .where(inArray(workerProfiles.userId, ids));
  await tx
    .update(users)
    .set({
      name: copy.ops.forgottenName,
      phone: sql`${FORGOTTEN_PREFIX} || ${users.id}`,
      pinHash: null,
      passwordHash: null,
      disabledAt: sql`coalesce(${users.disabledAt}, ${now})`,
    })
    .where(and(inArray(users.id, ids), eq(users.role, "worker")));
}

/** Workers with no sign of use since the cutoff: no sign-in, sign-up, check-in, hire or profile change. */
export async function inactiveWorkers(db: Queryable, c: Cutoffs, limit = CHUNK): Promise<number[]> {
  const since = c.workerActiveSince;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.role, "worker"),
        sql`${users.phone} NOT LIKE ${FORGOTTEN_PREFIX + "%"}`,
        lt(users.createdAt, since),
        sql`NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = ${users.id} AND s.last_seen_at >= ${since})`,
        sql`NOT EXISTS (SELECT 1 FROM user_last_seen l WHERE l.user_id = ${users.id} AND l.at >= ${since})`,
        sql`NOT EXISTS (SELECT 1 FROM applications a WHERE a.worker_id = ${users.id} AND a.created_at >= ${since})`,
        sql`NOT EXISTS (SELECT 1 FROM check_ins ci WHERE ci.worker_id = ${users.id} AND ci.day >= ${c.workerActiveSinceDate})`,
        sql`NOT EXISTS (SELECT 1 FROM hires h WHERE h.worker_id = ${users.id} AND (h.end_date >= ${c.workerActiveSinceDate} OR h.confirmed_at >= ${since}))`,
        sql`NOT EXISTS (SELECT 1 FROM worker_profiles p WHERE p.user_id = ${users.id} AND p.updated_at >= ${since})`,
        // Someone whose complaint is still open is waiting on us, not inactive.
        sql`NOT EXISTS (SELECT 1 FROM hotline_cases hc WHERE (hc.caller_user_id = ${users.id} OR hc.caller_phone = ${users.phone}) AND hc.status IN ${openCaseStatuses})`,
      ),
    )
    .orderBy(users.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** One housekeeping run now, whatever the time of the last one. */
export async function runHousekeeping(deps: Deps): Promise<HousekeepingRecord> {
  const started = performance.now();
  const now = deps.clock.now();
  const c = cutoffs(now, deps.config.retention);
  const postings = await deps.database.write((db) =>
    db
      .update(jobPostings)
      .set({ contactName: "", contactPhone: "" })
      .where(and(lt(jobPostings.endDate, c.postingEndBefore), or(ne(jobPostings.contactPhone, ""), ne(jobPostings.contactName, "")))),
  );
  const sms = await deps.database.write((db) =>
    db.delete(smsOutbox).where(and(inArray(smsOutbox.status, ["sent", "failed"]), lt(smsOutbox.createdAt, c.smsBefore))),
  );
  // Pending phone-code steps hold what a person typed (an employer's ID number too): gone after a day.
  await deps.database.write(async (db) => {
    for (const s of sweepPhoneCodes(db, now)) await s;
  }, { pages: false });
  let workersForgotten = 0;
  // Each pass anonymizes up to CHUNK workers, who then no longer match; the
  // bound only guards against a hook that keeps a worker matching.
  for (let pass = 0; pass < 10_000; pass++) {
    const ids = await inactiveWorkers(deps.database.db, c);
    if (ids.length === 0) break;
    await deps.database.transaction((tx) => forgetWorkers(tx, ids, now, deps.hooks));
    workersForgotten += ids.length;
  }
  const record: HousekeepingRecord = {
    at: now,
    postingsCleared: postings.rowsAffected,
    workersForgotten,
    smsDeleted: sms.rowsAffected,
    ms: Math.round(performance.now() - started),
  };
  const { at: _at, ...summary } = record;
  await deps.database.write((db) =>
    db.batch([saveRecord(db, LAST_HOUSEKEEPING, record), auditInsert(db, null, now, { action: "housekeeping", detail: summary })]),
  );
  deps.log.info("housekeeping", summary);
  return record;
}

/**
 * Claims today's run for this process if it is due (checked and marked in one
 * write transaction, so of several instances only one runs it), then runs it.
 * Returns null when it was not due.
 */
export async function runHousekeepingIfDue(deps: Deps): Promise<HousekeepingRecord | null> {
  const now = deps.clock.now();
  const claimed = await deps.database.transaction(async (tx) => {
    const last = await readRecord<HousekeepingRecord>(tx, LAST_HOUSEKEEPING);
    if (!housekeepingDue(last?.at ?? null, now)) return false;
    await saveRecord(tx, LAST_HOUSEKEEPING, { at: now, postingsCleared: 0, workersForgotten: 0, smsDeleted: 0, ms: 0 } satisfies HousekeepingRecord);
    return true;
  });
  return claimed ? runHousekeeping(deps) : null;
}

/** The server's daily timer. Unref'd, so it never keeps a process alive; returns its stop function. */
export function startHousekeeping(deps: Deps, o: { firstDelayMs?: number; everyMs?: number } = {}): () => void {
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    runHousekeepingIfDue(deps).catch((e) => deps.log.error("housekeeping", { error: (e as Error).message }));
  };
  const first = setTimeout(tick, o.firstDelayMs ?? 5 * 60_000);
  const every = setInterval(tick, o.everyMs ?? 30 * 60_000);
  first.unref?.();
  every.unref?.();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
  };
}
