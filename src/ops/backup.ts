// `npm run backup`: a consistent copy of the live DB, taken while the server
// keeps writing. VACUUM INTO reads one snapshot (WAL readers never block
// writers, nor writers them), writes a compact new file, and the copy is then
// checked before it counts. The time is recorded for the status page.
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createClient } from "@libsql/client";
import { openDatabase } from "../shared/db.ts";
import { copy } from "../../views/copy/index.ts";
import { dbFilePath, fileSize } from "./dbfile.ts";
import { backupFileName, backupsToPrune } from "./retention.domain.ts";
import { LAST_BACKUP, saveRecord, type BackupRecord } from "./records.ts";

const t = copy.ops.cli;

/** A failure an operator can act on; the message says what to do. */
export class OpsError extends Error {}

export interface BackupOptions {
  databaseUrl: string;
  /** Target file; default BACKUP_DIR/lingong-YYYYMMDD-HHMMSS.db. */
  target?: string;
  backupDir: string;
  /** Backups of our own naming to keep in backupDir after a default-named backup (0 = all). */
  keep: number;
  now: number;
}

export interface BackupResult extends BackupRecord {
  path: string;
  ms: number;
  pruned: string[];
}

export async function makeBackup(o: BackupOptions): Promise<BackupResult> {
  const dbPath = dbFilePath(o.databaseUrl);
  if (!dbPath) throw new OpsError(t.notAFile(o.databaseUrl));
  if (!existsSync(dbPath)) throw new OpsError(t.noDatabase(dbPath));
  const path = resolve(o.target ?? join(o.backupDir, backupFileName(o.now)));
  if (existsSync(path)) throw new OpsError(t.targetExists(path));
  mkdirSync(dirname(path), { recursive: true });
  const started = performance.now();
  const database = await openDatabase(o.databaseUrl);
  try {
    await database.client.execute({ sql: "VACUUM INTO ?", args: [path] });
    // Personal data: readable by the service's group only, whatever the umask of
    // whoever ran it (the timer's UMask=0027 gives 0640; sudo's 0022 would give 0644).
    chmodSync(path, 0o640);
    await checkCopy(path);
    const record: BackupRecord = { at: o.now, file: basename(path), bytes: fileSize(path) ?? 0 };
    await database.write((db) => saveRecord(db, LAST_BACKUP, record));
    const pruned = o.target ? [] : pruneBackups(dirname(path), o.keep);
    return { ...record, path, ms: Math.round(performance.now() - started), pruned };
  } catch (e) {
    if (e instanceof OpsError) throw e;
    rmSync(path, { force: true });
    throw new OpsError(t.backupFailed((e as Error).message));
  } finally {
    database.close();
  }
}

/** The copy must open and pass SQLite's quick check, or it is not a backup. */
async function checkCopy(path: string): Promise<void> {
  const client = createClient({ url: `file:${path}` });
  try {
    const rs = await client.execute("PRAGMA quick_check");
    const verdict = String(rs.rows[0]?.[0]);
    if (verdict !== "ok") throw new OpsError(t.backupBad(verdict));
  } finally {
    client.close();
  }
}

function pruneBackups(dir: string, keep: number): string[] {
  const doomed = backupsToPrune(readdirSync(dir), keep);
  for (const name of doomed) rmSync(join(dir, name), { force: true });
  return doomed;
}
