// Rules of personal-data retention and of the daily housekeeping run, free of
// HTTP and the DB. Times are epoch ms; dates "YYYY-MM-DD" in China time.
import { addDays, chinaDate, chinaHour, chinaIso, DAY_MS, HOUR_MS } from "../shared/clock.ts";

export interface Retention {
  /** Blank a posting's contact name and phone this many days after its last work date. */
  postingContactDays: number;
  /** Anonymize a worker not seen (sign-in, sign-up, check-in, hire, profile change) for this many days. */
  workerDays: number;
  /** Delete sent or failed text messages (they hold a phone number) after this many days. */
  smsDays: number;
}

export interface Cutoffs {
  /** Postings whose end date is before this date lose their contact details. */
  postingEndBefore: string;
  /** Workers with no activity at or after this instant are anonymized… */
  workerActiveSince: number;
  /** …nor any hire ending on or after this date. */
  workerActiveSinceDate: string;
  smsBefore: number;
}

export function cutoffs(now: number, r: Retention): Cutoffs {
  const today = chinaDate(now);
  return {
    postingEndBefore: addDays(today, -r.postingContactDays),
    workerActiveSince: now - r.workerDays * DAY_MS,
    workerActiveSinceDate: addDays(today, -r.workerDays),
    smsBefore: now - r.smsDays * DAY_MS,
  };
}

/** What an anonymized account's phone becomes: unique, and never a number anyone can sign in or be texted with. */
export const FORGOTTEN_PREFIX = "forgotten-";
export const forgottenPhone = (userId: number) => `${FORGOTTEN_PREFIX}${userId}`;
export const isForgotten = (phone: string) => phone.startsWith(FORGOTTEN_PREFIX);


/**
 * Is the daily housekeeping due? The server checks every half hour. It runs in
 * the quiet hours (02:00–06:00 China time) once 20 hours have passed since the
 * last run, or at any hour once 36 hours have (a box that is off at night), or
 * at once if it has never run.
 */
export function housekeepingDue(lastRunAt: number | null, now: number): boolean {
  if (lastRunAt === null) return true;
  const since = now - lastRunAt;
  if (since >= 36 * HOUR_MS) return true;
  const hour = chinaHour(now);
  return since >= 20 * HOUR_MS && hour >= 2 && hour < 6;
}

/** A worker's "delete my data" request is refused while they have work going on (the employer still needs to reach them). */
export function forgetRefusal(w: { role: string; phone: string; activeHires: number; openCases: number }): "notWorker" | "alreadyForgotten" | "activeHire" | "openCase" | null {
  if (w.role !== "worker") return "notWorker";
  if (isForgotten(w.phone)) return "alreadyForgotten";
  if (w.activeHires > 0) return "activeHire";
  // The hotline must still be able to call them back about their own complaint.
  if (w.openCases > 0) return "openCase";
  return null;
}

/** "20261128-093005" in China time: sorts by age, safe in a file name. */
export function fileStamp(now: number): string {
  const s = chinaIso(now);
  return `${s.slice(0, 10).replace(/-/g, "")}-${s.slice(11, 19).replace(/:/g, "")}`;
}
/** "lingong-20261128-093005.db" */
export const backupFileName = (now: number) => `lingong-${fileStamp(now)}.db`;
export const BACKUP_NAME = /^lingong-\d{8}-\d{6}\.db$/;

/** The files to delete so that only the newest `keep` backups remain (0 keeps all). */
export function backupsToPrune(names: string[], keep: number): string[] {
  if (keep <= 0) return [];
  const ours = names.filter((n) => BACKUP_NAME.test(n)).sort();
  return ours.slice(0, Math.max(0, ours.length - keep));
}

/** Is the last backup old enough that the status page should say so? */
export const backupStale = (lastAt: number | null, now: number) => lastAt === null || now - lastAt > 2 * DAY_MS;
