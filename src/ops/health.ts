// The truth about whether this server can do its job, for /healthz (the
// county's monitoring) and the status page: can it read the DB, is the DB
// file still the one it opened, can it write, is there room on the disk?
// A server that answers pages but cannot save a sign-up is not healthy.
import { healthProbe } from "../../db/schema/index.ts";
import type { Deps, Logger } from "../shared/context.ts";
import { perApp } from "../shared/memo.ts";
import { storageErrorCode } from "../shared/db.ts";
import { copy } from "../../views/copy/index.ts";
import { diskHealth } from "./dbfile.ts";
import { appVersion } from "./version.ts";

/** Machine-readable reasons, for alarms; each has a Chinese line in copy.ops.health. */
export type HealthCode = "db_unreadable" | "db_missing" | "db_replaced" | "write_failed" | "disk_low";

export interface Health {
  ok: boolean;
  /** The first problem's code and Chinese reason (null when ok). */
  code: HealthCode | null;
  reason: string | null;
  problems: { code: HealthCode; reason: string }[];
  db: "ok" | "error";
  migrations: number | null;
  disk: "ok" | "low" | "unknown";
  diskFreeMb: number | null;
  version: string;
  /** The last write that failed for a storage reason (disk full, read-only, I/O), if any. */
  lastWriteFailure: { at: number; code: string } | null;
}

/** A write that failed this recently (for a storage reason) still fails the check, even if a later small write got through. */
export const RECENT_FAILURE_MS = 60_000;
/** At most one write probe per this long; checks in between reuse its answer. */
export const PROBE_EVERY_MS = 5_000;

/** The last probe of each app's database (the one perApp helper: tests build many apps in one process). */
const probeOf = perApp((_database: Deps["database"]): { last: { at: number; result: Promise<string | null> } | null } => ({ last: null }));

/**
 * One small write of our own (the one row of health_probe), through the writer queue,
 * as any request's write would go. `pages: false`: a health probe must not
 * empty the page cache every few seconds. Returns the failure's code, or null.
 */
function probe(deps: Deps, now: number): Promise<string | null> {
  const kept = probeOf(deps.database);
  const last = kept.last;
  if (last && now - last.at < PROBE_EVERY_MS) return last.result;
  const result = deps.database
    .write(
      (db) =>
        db
          .insert(healthProbe)
          .values({ id: 1, at: now })
          .onConflictDoUpdate({ target: healthProbe.id, set: { at: now } }),
      { pages: false },
    )
    .then(
      () => null,
      (e) => storageErrorCode(e) ?? "SQLITE_ERROR",
    );
  kept.last = { at: now, result };
  return result;
}

/**
 * The write probe, made once right after the server starts listening, so the first /healthz (a supervisor
 * or a load balancer waiting for the server) finds it done instead of making it then: it is answered from
 * this probe like any check within PROBE_EVERY_MS. Never throws (a failure is what /healthz reports).
 */
export function probeAtStart(deps: Deps, now = Date.now()): Promise<string | null> {
  return probe(deps, now);
}

/** `log`: the request's logger when a request asks (its id on the line). */
export async function checkHealth(deps: Deps, now = Date.now(), log: Logger = deps.log): Promise<Health> {
  const h = copy.ops.health;
  const problems: Health["problems"] = [];
  const add = (code: HealthCode) => problems.push({ code, reason: h[code] });
  let migrations: number | null = null;
  // The file first: after a delete, a read on a new pooled connection would
  // create an empty file at the path.
  const file = deps.database.fileState();
  if (file === "missing") add("db_missing");
  else if (file === "replaced") add("db_replaced");
  else {
    try {
      const rs = await deps.database.client.execute("SELECT count(*) FROM schema_migrations");
      migrations = Number(rs.rows[0][0]);
    } catch (e) {
      log.error("healthz", { error: (e as Error).message });
      add("db_unreadable");
    }
    if (migrations !== null) {
      const failed = await probe(deps, now);
      const last = deps.database.writeHealth.lastFailure;
      if (failed || (last && now - last.at < RECENT_FAILURE_MS)) add("write_failed");
    }
  }
  const disk = diskHealth(deps.config.databaseUrl, log, undefined, deps.config.diskMinFreeMb * 1024 * 1024);
  if (disk.disk === "low") add("disk_low");
  const last = deps.database.writeHealth.lastFailure;
  return {
    ok: problems.length === 0,
    code: problems[0]?.code ?? null,
    reason: problems[0]?.reason ?? null,
    problems,
    db: migrations === null ? "error" : "ok",
    migrations,
    ...disk,
    version: appVersion,
    lastWriteFailure: last ? { at: last.at, code: last.code } : null,
  };
}
