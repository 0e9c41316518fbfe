// The admin command line, for whoever runs the server:
//
//   npm run admin -- <command> [args]      (npm run admin -- --help lists them)
//   npm run backup [file]                  = npm run admin -- backup [file]
//   npm run restore <file>                 = npm run admin -- restore <file>
//
// It works on the DB named by DATABASE_URL (and the rest of the same
// environment as the server: run it with the server's EnvironmentFile).
// Output is Chinese, then English. Exit code: 0 done, 1 failed, 2 usage error.
import process from "node:process";
import { loadConfig, ConfigError, type Config } from "../src/config.ts";
import { jsonLogger, type Deps } from "../src/shared/context.ts";
import { openDatabase } from "../src/shared/db.ts";
import { migrate, NewerDatabaseError } from "../src/shared/migrate.ts";
import { systemClock, chinaDateTime as when } from "../src/shared/clock.ts";
import { maskPhone } from "../src/shared/validators.ts";
import { makeBackup, OpsError } from "../src/ops/backup.ts";
import { restoreDatabase } from "../src/ops/restore.ts";
import { copy } from "../views/copy/index.ts";
import { ensureDatabase, StartRefusal } from "../src/ops/startup.ts";
import { dbFilePath } from "../src/ops/dbfile.ts";

const t = copy.ops.cli;
const say = (s: string) => console.log(s);

class UsageError extends Error {}

/**
 * The app's dependencies, opened (and migrated, as the server does at start)
 * on the configured DB. The app's modules are loaded only for the commands that
 * need them, so backup and restore start fast.
 */
async function open(config: Config, creating = false): Promise<Deps> {
  // Like the server: in production a missing DB file is not quietly created (only `init` does).
  ensureDatabase(config, { creating });
  const { prepare } = await import("../src/app.tsx");
  // Only warnings and errors: the command's own output is the report.
  return prepare({ config, log: jsonLogger((l) => console.error(l), true) });
}
const accounts = () => import("../src/ops/accounts.ts");

function need(args: string[], i: number, command: string, what: string): string {
  const v = args[i];
  if (!v || v.startsWith("-")) throw new UsageError(t.needArg(command, what));
  return v;
}

async function withDeps<T>(config: Config, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const deps = await open(config);
  try {
    return await fn(deps);
  } finally {
    deps.database.close();
  }
}

const commands: Record<string, (config: Config, args: string[]) => Promise<void>> = {
  // First install only: creates the DB at DATABASE_URL (the server never does in production).
  init: async (config) => {
    const path = dbFilePath(config.databaseUrl) ?? config.databaseUrl;
    if (!ensureDatabase(config, { creating: true }) && dbFilePath(config.databaseUrl)) return say(t.initExists(path));
    const deps = await open(config, true);
    await deps.database.drain(); // fold the WAL in: one tidy file to start from
    deps.database.close();
    say(t.initDone(path));
  },

  // Setup happens once: with a city admin in the DB (even a disabled one) no flag makes a link.
  "setup-link": (config) =>
    withDeps(config, async (deps) => {
      const { newSetupLink, SetupClosed } = await import("../src/features/accounts/index.ts");
      try {
        say(t.setupLink(await newSetupLink(deps)));
      } catch (e) {
        if (e instanceof SetupClosed) throw new OpsError(t.hasCityAdmin);
        throw e;
      }
    }),

  "reset-password": (config, args) =>
    withDeps(config, async (deps) => {
      const r = await (await accounts()).resetPassword(deps, need(args, 1, "reset-password", t.phoneWord));
      say(t.newPassword(r.name, maskPhone(r.phone), r.password));
    }),

  disable: (config, args) =>
    withDeps(config, async (deps) => {
      const r = await (await accounts()).setDisabled(deps, need(args, 1, "disable", t.phoneWord), true);
      say(r.changed ? t.disabled(r.name, maskPhone(r.phone)) : t.alreadyDisabled(r.name, maskPhone(r.phone)));
    }),

  enable: (config, args) =>
    withDeps(config, async (deps) => {
      const r = await (await accounts()).setDisabled(deps, need(args, 1, "enable", t.phoneWord), false);
      say(r.changed ? t.enabled(r.name, maskPhone(r.phone)) : t.notDisabled(r.name, maskPhone(r.phone)));
    }),

  unlock: (config, args) =>
    withDeps(config, async (deps) => {
      const r = await (await accounts()).unlockAccount(deps, need(args, 1, "unlock", t.phoneWord));
      say(r.wasLocked ? t.unlocked(maskPhone(r.phone)) : t.notLocked(maskPhone(r.phone)));
    }),

  list: (config, args) =>
    withDeps(config, async (deps) => {
      const rows = await (await accounts()).listAccounts(deps, args.includes("--all"));
      if (rows.length === 0) return say(t.listEmpty);
      say(t.listHeader);
      for (const r of rows) {
        say([copy.accounts.roles[r.role], r.name, maskPhone(r.phone), r.scope || "-", r.disabled ? t.listDisabled : t.listActive].join(" | "));
      }
      say(t.listCount(rows.length));
    }),

  migrate: async (config) => {
    ensureDatabase(config);
    const database = await openDatabase(config.databaseUrl);
    try {
      say(t.migrated(await migrate(database.client)));
    } finally {
      database.close();
    }
  },

  backup: async (config, args) => {
    const target = args[1] && !args[1].startsWith("-") ? args[1] : undefined;
    const r = await makeBackup({ databaseUrl: config.databaseUrl, target, backupDir: config.backup.dir, keep: config.backup.keep, now: systemClock.now() });
    say(t.backupDone(r.path, r.bytes, r.ms));
    if (r.pruned.length) say(t.pruned(r.pruned));
  },

  restore: async (config, args) => {
    const r = await restoreDatabase({ databaseUrl: config.databaseUrl, file: need(args, 1, "restore", t.fileWord), now: systemClock.now() });
    say(t.restoreDone(r.dbPath, r.keptCopy, r.check.pending));
  },

  housekeeping: (config) =>
    withDeps(config, async (deps) => {
      // Build the app (not serve it) so every feature registers its forgetWorkers hook.
      (await import("../src/app.tsx")).createApp(deps);
      const r = await (await import("../src/ops/housekeeping.ts")).runHousekeeping(deps);
      say(t.housekeepingDone(r.postingsCleared, r.workersForgotten, r.smsDeleted, r.ms));
    }),

  status: (config) =>
    withDeps(config, async (deps) => {
      const s = await (await import("../src/ops/status.ts")).collectStatus(deps);
      const o = copy.ops;
      const lines: [string, string][] = [
        [o.version, s.version],
        [o.migrations, o.migrationsValue(s.migrations.count, s.migrations.latest)],
        [o.dbSize, s.dbBytes === null ? o.remoteDb : o.bytes(s.dbBytes)],
        [o.walSize, s.walBytes === null ? "-" : o.bytes(s.walBytes)],
        [o.lastBackup, s.lastBackup ? o.backupValue(when(s.lastBackup.at), s.lastBackup.file, s.lastBackup.bytes) : o.noBackup],
        [o.lastHousekeeping, s.lastHousekeeping ? o.housekeepingValue(when(s.lastHousekeeping.at), s.lastHousekeeping.postingsCleared, s.lastHousekeeping.workersForgotten, s.lastHousekeeping.smsDeleted) : o.noHousekeeping],
        [o.pendingSms, o.pendingSmsValue(s.pendingSms)],
        [o.disk, s.disk ? o.bytes(s.disk.freeBytes) : o.diskUnknown],
      ];
      for (const [k, v] of lines) say(`${k}: ${v}`);
      say(`${o.healthTitle}: ${s.health.ok ? o.healthOk : o.healthBad}`);
      for (const p of s.health.problems) say(`! ${p.code}: ${p.reason}`);
      if (s.backupStale) say(`! ${o.backupStale}`);
      if (s.disk?.low && !s.health.problems.some((p) => p.code === "disk_low")) say(`! ${o.diskLow}`);
    }),
};

export async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    say(t.usage);
    return 0;
  }
  const run = commands[command];
  try {
    if (!run) throw new UsageError(t.unknownCommand(command));
    await run(loadConfig(process.env), argv);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof OpsError || e instanceof ConfigError || e instanceof StartRefusal) console.error(e.message);
    else if (e instanceof NewerDatabaseError) console.error(t.newerDatabase(e.message));
    else console.error(t.failed((e as Error).stack ?? String(e)));
    return 1;
  }
}

// Exit explicitly: a feature's timer must not keep a finished command waiting.
process.exit(await main(process.argv.slice(2)));
