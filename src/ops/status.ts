// What the status page and `npm run admin -- status` show: is the instance
// healthy, backed up, and cleaning up after itself?
import { eq, sql } from "drizzle-orm";
import { smsOutbox } from "../../db/schema/index.ts";
import type { Deps, Logger, RecentError } from "../shared/context.ts";
import { codesSentToday, budgetState } from "../features/phone/index.ts";
import { dbFilePath, diskState, fileSize, type DiskState } from "./dbfile.ts";
import { backupStale } from "./retention.domain.ts";
import { LAST_BACKUP, LAST_HOUSEKEEPING, readRecord, type BackupRecord, type HousekeepingRecord } from "./records.ts";

import { appVersion } from "./version.ts";
import { checkHealth, type Health } from "./health.ts";

export { appVersion };

export interface Status {
  version: string;
  uptimeMs: number;
  /** Null for a database server URL. */
  dbBytes: number | null;
  walBytes: number | null;
  migrations: { count: number; latest: string };
  lastBackup: BackupRecord | null;
  backupStale: boolean;
  lastHousekeeping: HousekeepingRecord | null;
  pendingSms: number;
  /** SMS codes (验证码) sent today against the daily budget: an alarm once it is used up. */
  smsCodes: { sentToday: number; budget: number; state: "ok" | "warning" | "exhausted" };
  disk: DiskState | null;
  retention: Deps["config"]["retention"];
  /** The same verdict as /healthz. */
  health: Health;
  /** The last errors this process logged (newest first), without personal data. */
  recentErrors: RecentError[];
}

async function codeBudget(deps: Deps): Promise<Status["smsCodes"]> {
  const sentToday = await codesSentToday(deps);
  const budget = deps.config.phoneCodes.dailyBudget;
  return { sentToday, budget, state: budgetState(sentToday, budget) };
}

export async function collectStatus(deps: Deps, log: Logger = deps.log): Promise<Status> {
  const { db, client } = deps.database;
  const path = dbFilePath(deps.config.databaseUrl);
  const mig = await client.execute("SELECT count(*), max(name) FROM schema_migrations");
  const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(smsOutbox).where(eq(smsOutbox.status, "pending"));
  const lastBackup = await readRecord<BackupRecord>(db, LAST_BACKUP);
  return {
    version: appVersion,
    // Time since this process started (each instance has its own); a real
    // duration, not the app's clock, which tests fix.
    uptimeMs: Math.round(performance.now()),
    dbBytes: path ? fileSize(path) : null,
    walBytes: path ? fileSize(`${path}-wal`) ?? 0 : null,
    migrations: { count: Number(mig.rows[0][0]), latest: String(mig.rows[0][1] ?? "") },
    lastBackup,
    backupStale: backupStale(lastBackup?.at ?? null, deps.clock.now()),
    lastHousekeeping: await readRecord<HousekeepingRecord>(db, LAST_HOUSEKEEPING),
    pendingSms: Number(n),
    smsCodes: await codeBudget(deps),
    disk: diskState(deps.config.databaseUrl, undefined, deps.config.diskMinFreeMb * 1024 * 1024),
    retention: deps.config.retention,
    health: await checkHealth(deps, Date.now(), log),
    recentErrors: [...(deps.recentErrors ?? [])].reverse(),
  };
}
