// `npm run restore FILE`: puts a backup in place of the live DB, with the
// server stopped.
//
// How we know the server is stopped: every process that has the DB open in
// WAL mode holds a shared lock on the file for as long as it is open (an idle
// server too: its connections stay open). So we open the live DB in exclusive
// locking mode and take a write lock without waiting; SQLITE_BUSY means some
// process (the server, a second instance, a backup) still has it open, and we
// refuse. While we hold that lock nothing else can open the DB, so the copy of
// the current DB we keep is exact.
//
// Run it as its own process (the admin command does): a closed libSQL
// connection only lets go of the file once its statements are collected, so
// an earlier connection to the live DB in the same process would look like a
// running server.
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { loadMigrations, type Migration } from "../shared/migrate.ts";
import { copy } from "../../views/copy/index.ts";
import { OpsError } from "./backup.ts";
import { dbFilePath, sidecars } from "./dbfile.ts";
import { fileStamp } from "./retention.domain.ts";

const t = copy.ops.cli;

export interface BackupCheck {
  migrations: number;
  /** Migrations this code has that the backup lacks: applied at the next start. */
  pending: string[];
}

/** Is this file a whole, healthy DB of this application, no newer than this code? */
export async function checkBackupFile(file: string, migrations: Migration[] = loadMigrations()): Promise<BackupCheck> {
  if (!existsSync(file)) throw new OpsError(t.noSuchFile(file));
  let client: Client;
  try {
    client = createClient({ url: `file:${file}` });
  } catch (e) {
    throw new OpsError(t.notADatabase(file, (e as Error).message));
  }
  try {
    let verdict: string;
    try {
      verdict = String((await client.execute("PRAGMA integrity_check")).rows[0]?.[0]);
    } catch (e) {
      throw new OpsError(t.notADatabase(file, (e as Error).message));
    }
    if (verdict !== "ok") throw new OpsError(t.integrityFailed(file, verdict));
    const table = await client.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
    if (table.rows.length === 0) throw new OpsError(t.notOurs(file));
    const applied = (await client.execute("SELECT name FROM schema_migrations")).rows.map((r) => String(r[0]));
    const known = new Set(migrations.map((m) => m.name));
    const unknown = applied.filter((n) => !known.has(n));
    if (unknown.length) throw new OpsError(t.tooNew(file, unknown));
    const have = new Set(applied);
    return { migrations: applied.length, pending: migrations.filter((m) => !have.has(m.name)).map((m) => m.name) };
  } finally {
    client.close();
  }
}

/** Holds the live DB so no other process can open it; throws when one already has. */
export async function lockDatabase(dbPath: string): Promise<{ client: Client; release(): void }> {
  const client = createClient({ url: `file:${dbPath}`, timeout: 0, concurrency: 1 } as Parameters<typeof createClient>[0]);
  try {
    await client.execute("PRAGMA locking_mode=EXCLUSIVE");
    // In exclusive locking mode the lock stays after this statement's implicit
    // transaction ends, until the connection closes.
    await client.execute("BEGIN EXCLUSIVE");
    await client.execute("SELECT count(*) FROM sqlite_master");
  } catch (e) {
    client.close();
    if (/SQLITE_BUSY|locked/i.test(String((e as Error).message))) throw new OpsError(t.serverRunning(dbPath));
    throw e;
  }
  return { client, release: () => client.close() };
}

export interface RestoreResult {
  dbPath: string;
  /** The copy of the DB that was replaced, or null when there was none. */
  keptCopy: string | null;
  check: BackupCheck;
}

export async function restoreDatabase(o: { databaseUrl: string; file: string; now: number }): Promise<RestoreResult> {
  const dbPath = dbFilePath(o.databaseUrl);
  if (!dbPath) throw new OpsError(t.notAFile(o.databaseUrl));
  const source = resolve(o.file);
  if (source === dbPath) throw new OpsError(t.sameFile);
  // Check the very bytes that will be moved in: a copy beside the live DB
  // (same filesystem, so the final rename is atomic).
  const incoming = join(dirname(dbPath), `.restore-${process.pid}.db`);
  const cleanIncoming = () => [incoming, ...sidecars(incoming)].forEach((f) => rmSync(f, { force: true }));
  cleanIncoming();
  if (!existsSync(source)) throw new OpsError(t.noSuchFile(source));
  // A new machine: the DB's directory may not exist yet.
  mkdirSync(dirname(dbPath), { recursive: true });
  copyFileSync(source, incoming);
  let lock: { client: Client; release(): void } | null = null;
  try {
    const check = await checkBackupFile(incoming);
    rmSync(`${incoming}-wal`, { force: true });
    rmSync(`${incoming}-shm`, { force: true });
    let keptCopy: string | null = null;
    if (existsSync(dbPath)) {
      lock = await lockDatabase(dbPath);
      keptCopy = `${dbPath}.before-restore-${fileStamp(o.now)}`;
      await lock.client.execute({ sql: "VACUUM INTO ?", args: [keptCopy] });
      lock.release();
      lock = null;
    }
    // The old DB's -wal and -shm must not meet the new file: SQLite would
    // replay the old log into it.
    for (const f of sidecars(dbPath)) rmSync(f, { force: true });
    const fd = openSync(incoming, "r+");
    fsyncSync(fd);
    closeSync(fd);
    renameSync(incoming, dbPath);
    return { dbPath, keptCopy, check };
  } finally {
    lock?.release();
    cleanIncoming();
  }
}
