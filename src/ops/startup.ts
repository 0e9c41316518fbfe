// Why the server would not start, in one Chinese line, and with which exit
// code: 78 when a restart cannot fix it (systemd's RestartPreventExitStatus=78
// in deploy/lingong.service stops the loop, and before setup no new setup link
// is made every 5 s), 1 when waiting may (disk full, the DB busy).
// Shared by src/main.ts (Node) and src/main.deno.ts.
import { statSync } from "node:fs";
import type { Config } from "../config.ts";
import { ConfigError } from "../config.ts";
import { NewerDatabaseError } from "../shared/migrate.ts";
import { storageErrorCode } from "../shared/db.ts";
import { copy } from "../../views/copy/index.ts";
import { dbFilePath } from "./dbfile.ts";
import type { Deps } from "../shared/context.ts";
import process from "node:process";

/** systemd's EX_CONFIG: the unit does not restart on it. */
export const EXIT_NO_RESTART = 78;
export const EXIT_RETRY = 1;

/** A start refused on purpose, with what to do. */
export class StartRefusal extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_NO_RESTART,
  ) {
    super(message);
  }
}

const t = () => copy.ops.start;

/**
 * A DB file is created only on a first install: in production
 * (NODE_ENV=production) by `npm run admin -- init`, never by the server; when
 * trying it out (no NODE_ENV) the server creates it, as `npm install && npm
 * start` promises. A missing (or empty) file in production means a mistyped
 * DATABASE_URL, a data disk not mounted, or a deleted file: starting on a new
 * empty DB would hide every record and mint a new setup link, so refuse.
 * Returns whether the DB will be new.
 */
export function ensureDatabase(config: Config, opts: { creating?: boolean } = {}): boolean {
  const path = dbFilePath(config.databaseUrl);
  if (!path) return false;
  let size: number | null = null;
  try {
    size = statSync(path).size;
  } catch {
    size = null;
  }
  if (size) return false;
  if (config.production && !opts.creating) throw new StartRefusal(t().missingDb(path, config.databaseUrl));
  return true;
}

/** The exit code and the one line to print for whatever stopped the start. */
/** The first start's one-time setup link (setupLinkIfNeeded), printed for the clerk once the server listens; null: nothing. */
export function printSetupLink(link: string | null): void {
  if (link) console.log(copy.ops.start.setupLink(link));
}

/**
 * The signal handler for a clean shutdown, the same on Node and Deno: the
 * server stops taking requests (`closeServer`), then the app stops (timers,
 * requests in flight, queued writes, the WAL folded into the DB file), then
 * exit 0. A second signal while stopping does nothing.
 */
export function shutdownHandler(deps: Deps, app: { stop(): Promise<void> }, closeServer: () => unknown) {
  let stopping = false;
  return async () => {
    if (stopping) return;
    stopping = true;
    deps.log.info("stopping");
    await closeServer();
    await app.stop();
    deps.log.info("stopped");
    process.exit(0);
  };
}

/** A refused start in an entry point: its one Chinese line on stderr, then exit with its code. */
export function exitRefused(e: unknown, config?: Config): never {
  const { exitCode, line } = startFailure(e, config);
  console.error(line);
  process.exit(exitCode);
}

export function startFailure(e: unknown, config?: Config): { exitCode: number; line: string } {
  const s = t();
  if (e instanceof StartRefusal) return { exitCode: e.exitCode, line: e.message };
  if (e instanceof ConfigError) return { exitCode: EXIT_NO_RESTART, line: s.config(e.message) };
  if (e instanceof NewerDatabaseError) return { exitCode: EXIT_NO_RESTART, line: `${e.message} ${s.newerHint}` };
  const err = e as { code?: string; message?: string; syscall?: string };
  if (err?.code === "EADDRINUSE") return { exitCode: EXIT_NO_RESTART, line: s.portInUse(config?.port ?? 0) };
  if (err?.code === "EACCES" && err.syscall === "listen") return { exitCode: EXIT_NO_RESTART, line: s.portDenied(config?.port ?? 0) };
  const path = config ? dbFilePath(config.databaseUrl) ?? config.databaseUrl : "";
  const storage = storageErrorCode(e) ?? (/SQLITE_[A-Z_]+/.exec(String(err?.message ?? ""))?.[0] || null);
  if (storage?.startsWith("SQLITE_READONLY") || storage === "SQLITE_PERM") return { exitCode: EXIT_NO_RESTART, line: s.readOnly(path) };
  if (storage === "SQLITE_CANTOPEN") return { exitCode: EXIT_NO_RESTART, line: s.cantOpen(path) };
  if (storage === "SQLITE_CORRUPT" || storage === "SQLITE_NOTADB") return { exitCode: EXIT_NO_RESTART, line: s.corrupt(path) };
  if (storage === "SQLITE_FULL") return { exitCode: EXIT_RETRY, line: s.diskFull(path) };
  if (storage?.startsWith("SQLITE_IOERR")) return { exitCode: EXIT_RETRY, line: s.ioError(path) };
  return { exitCode: EXIT_RETRY, line: s.unknown(String(err?.message ?? e)) };
}
