// Where the DB lives on disk, for the operations that work on the file itself
// (backup, restore, sizes, free space). A libsql:// or http(s):// URL names a
// database server instead: those operations are the server's job there.
import { statSync, statfsSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** The file behind a `file:` DATABASE_URL (relative to the working directory), or null for a server URL. */
export function dbFilePath(databaseUrl: string, cwd = process.cwd()): string | null {
  if (!databaseUrl.startsWith("file:")) return null;
  let rest = databaseUrl.slice("file:".length).replace(/[?#].*$/, "");
  // file:///abs and file://localhost/abs are absolute; file:/abs and file:rel as written.
  if (rest.startsWith("//")) rest = rest.replace(/^\/\/(localhost)?/, "");
  if (rest === "" || rest === ":memory:") return null;
  return resolve(cwd, decodeURIComponent(rest));
}

/** Size in bytes, or null when the file does not exist. */
export function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/** The DB file and the two files SQLite keeps beside it in WAL mode. */
export const sidecars = (dbPath: string) => [`${dbPath}-wal`, `${dbPath}-shm`];

/** Below this much free space (the default of DISK_MIN_FREE_MB) the health check fails and the status page warns. */
export const DISK_WARN_BYTES = 200 * 1024 * 1024;

export interface DiskState {
  freeBytes: number;
  low: boolean;
}

/** Free space for the DB's directory; null when it cannot be read (server URL, or a runtime without statfs). */
export function diskState(
  databaseUrl: string,
  statfs: (dir: string) => { bavail: number | bigint; bsize: number | bigint } = statfsSync,
  floorBytes = DISK_WARN_BYTES,
): DiskState | null {
  const path = dbFilePath(databaseUrl);
  if (!path) return null;
  try {
    const s = statfs(dirname(path));
    const freeBytes = Number(s.bavail) * Number(s.bsize);
    return { freeBytes, low: freeBytes < floorBytes };
  } catch {
    return null;
  }
}

/** The disk fields of /healthz: "low" below the floor (200 MB unless DISK_MIN_FREE_MB says otherwise; also logged as a warning), "unknown" when unreadable. */
export function diskHealth(
  databaseUrl: string,
  log?: { warn(msg: string, fields?: Record<string, unknown>): void },
  statfs?: Parameters<typeof diskState>[1],
  floorBytes?: number,
) {
  const d = diskState(databaseUrl, statfs, floorBytes);
  const diskFreeMb = d ? Math.floor(d.freeBytes / 1024 / 1024) : null;
  if (d?.low) log?.warn("disk_low", { diskFreeMb });
  return { disk: d ? (d.low ? ("low" as const) : ("ok" as const)) : ("unknown" as const), diskFreeMb };
}
