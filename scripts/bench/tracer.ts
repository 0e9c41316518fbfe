// What scripts/bench/breakdown.ts and scripts/bench/signups.ts share: the bench
// data set built in a temp DB with the app in this process (no HTTP), and the
// statement tracer.
//
// The tracer sits at libsql's `prepare` (under the client, after the statement
// cache), so it counts every statement SQLite is handed on every connection —
// the read pool's and the writer's own (src/shared/db.ts) — including BEGIN,
// SAVEPOINT and COMMIT, each statement of a batch on its own, with the time its
// run took (synchronous: the event loop's time in it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { loadConfig } from "../../src/config.ts";
import { prepare, createApp } from "../../src/app.tsx";
import { jsonLogger } from "../../src/shared/context.ts";
import { defaultSizes, generate } from "./generate.ts";

export interface Stat {
  n: number;
  ms: number;
}
type Stmt = Record<"all" | "run" | "get", (...a: unknown[]) => unknown>;

/** Counts every statement handed to libsql under a short name of its SQL, with the time of its run; only between start() and stop(). */
export function traceStatements(keyLength = 100) {
  const req = createRequire(createRequire(import.meta.url).resolve("@libsql/client"));
  const Database = req("libsql") as { prototype: { prepare: (this: object, sql: string) => Stmt } };
  const prepareNow = Database.prototype.prepare;
  let stats = new Map<string, Stat>();
  let on = false;
  const wrapped = new WeakSet<object>();
  Database.prototype.prepare = function (this: object, sql: string) {
    const stmt = prepareNow.call(this, sql);
    if (!wrapped.has(stmt)) {
      wrapped.add(stmt);
      for (const m of ["all", "run", "get"] as const) {
        const f = stmt[m];
        stmt[m] = function (this: Stmt, ...a: unknown[]) {
          const t = performance.now();
          try {
            return f.apply(this, a);
          } finally {
            if (on) {
              const key = sql.replace(/\s+/g, " ").replace(/"/g, "").slice(0, keyLength);
              const s = stats.get(key) ?? { n: 0, ms: 0 };
              s.n++;
              s.ms += performance.now() - t;
              stats.set(key, s);
            }
          }
        };
      }
    }
    return stmt;
  };
  return {
    start() {
      stats = new Map();
      on = true;
    },
    stop() {
      on = false;
      return stats;
    },
  };
}

/** The bench's data set (`postings` postings) in a temp DB, the app built on it in this process; `cleanup` removes the DB. */
export async function benchApp(postings: number, prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const config = loadConfig({ DATABASE_URL: `file:${join(dir, "bench.db")}`, NODE_ENV: "production", FAIR_SHARE: "false" });
    const deps = await prepare({ config, log: jsonLogger(() => {}, true) });
    const gen = await generate(deps.database.client, config.region, defaultSizes(postings), Date.now());
    const app = createApp(deps);
    return { deps, gen, app, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** Appends one markdown table of the traced statements (most time first) to `out`. */
export function printStatements(out: string[], heading: string, stats: Map<string, Stat>, per: number, unit: string, timeHeader = "ms each") {
  let count = 0;
  let ms = 0;
  out.push("", `### ${heading}`, "", `| statement | per ${unit} | ${timeHeader} |`, "|---|---:|---:|");
  for (const [sql, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) {
    count += s.n;
    ms += s.ms;
    out.push(`| \`${sql.replace(/\|/g, "\\|")}\` | ${(s.n / per).toFixed(2)} | ${(s.ms / s.n).toFixed(3)} |`);
  }
  out.push(`| **all statements** | **${(count / per).toFixed(2)}** | ${(ms / per).toFixed(2)} ms per ${unit} |`);
}

export const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
