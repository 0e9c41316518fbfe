// What the operations remember between runs, in the settings table (present
// since the first migration, so a backup can record itself on any DB version):
// the last backup and the last housekeeping run, shown on the status page.
import { eq, sql } from "drizzle-orm";
import { settings } from "../../db/schema/index.ts";
import type { Db, Queryable } from "../shared/db.ts";

export const LAST_BACKUP = "ops.last_backup";
export const LAST_HOUSEKEEPING = "ops.last_housekeeping";

export interface BackupRecord {
  at: number;
  /** File name only: the directory is the server's business. */
  file: string;
  bytes: number;
}

export interface HousekeepingSummary {
  postingsCleared: number;
  workersForgotten: number;
  smsDeleted: number;
  ms: number;
}
export interface HousekeepingRecord extends HousekeepingSummary {
  at: number;
}

export async function readRecord<T>(db: Queryable, key: string): Promise<T | null> {
  const row = (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1))[0];
  if (!row) return null;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return null;
  }
}

/** The upsert that stores a record; put it in a write or batch. */
export const saveRecord = (db: Db | Queryable, key: string, value: unknown) =>
  db
    .insert(settings)
    .values({ key, value: JSON.stringify(value) })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value` } });
