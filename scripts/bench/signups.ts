// `node --import tsx scripts/bench/signups.ts [--postings 5000] [--n 600]`
//
// Where a job sign-up's time goes: builds the bench data set in a temp DB,
// builds the app in this process (no HTTP) and posts sign-ups exactly as the
// bench does (a signed-in worker, the form's CSRF token, a new (worker,
// posting) pair each). Every statement SQLite is handed is counted under its
// SQL (at libsql's `prepare`, so BEGIN, SAVEPOINT and COMMIT are counted too)
// with the time its run took, first one sign-up at a time, then 32 at a time
// (as the bench's 32 connections): how many commits the writer made, and how
// long each group held it. docs/performance.md ("Sign-ups, 2026-12-05 evening")
// quotes it. For a CPU profile: `node --cpu-prof --import tsx scripts/bench/signups.ts --only-concurrent`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { loadConfig } from "../../src/config.ts";
import { prepare, createApp } from "../../src/app.tsx";
import { jsonLogger } from "../../src/shared/context.ts";
import { defaultSizes, generate } from "./generate.ts";

const argv = process.argv.slice(2);
const arg = (name: string, d: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : d;
};
const postings = arg("--postings", 5_000);
const n = arg("--n", 600);
const onlyConcurrent = argv.includes("--only-concurrent");

interface Stat {
  n: number;
  ms: number;
}
type Stmt = Record<"all" | "run" | "get", (...a: unknown[]) => unknown>;

/** Counts every statement handed to libsql (after the statement cache), with the time of its run. */
function traceStatements() {
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
              const key = sql.replace(/\s+/g, " ").replace(/"/g, "").slice(0, 100);
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

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "lingong-signups-"));
  const dbUrl = `file:${join(dir, "bench.db")}`;
  try {
    const config = loadConfig({ DATABASE_URL: dbUrl, NODE_ENV: "production", FAIR_SHARE: "false" });
    const deps = await prepare({ config, log: jsonLogger(() => {}, true) });
    const gen = await generate(deps.database.client, config.region, defaultSizes(postings), Date.now());
    const app = createApp(deps);
    const tr = traceStatements();
    const out: string[] = [`Job sign-ups in-process, ${postings.toLocaleString("en-US")} postings, ${n} sign-ups per part, node ${process.version}`];
    const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
    let k = 0;
    const one = async () => {
      const i = k++;
      const w = gen.sessions[i % gen.sessions.length];
      const posting = gen.openPostingIds[Math.floor(i / gen.sessions.length) % gen.openPostingIds.length];
      const r = await app.request(`/jobs/${posting}/apply`, {
        method: "POST",
        headers: { cookie: w.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: `_csrf=${encodeURIComponent(w.csrf)}`,
      });
      if (r.status !== 303) throw new Error(`apply: ${r.status}`);
    };
    // Warm up (and every bench session's once-a-minute touch out of the way, as in a steady state).
    for (let i = 0; i < Math.min(gen.sessions.length, 2 * n); i++) await one();
    const generation0 = deps.database.generation;
    if (!onlyConcurrent) {
      const c0 = deps.database.commits.commits;
      tr.start();
      const t0 = process.cpuUsage();
      for (let i = 0; i < n; i++) await one();
      const cpu = cpuMs(process.cpuUsage(t0)) / n;
      print(out, "one at a time", tr.stop(), n, cpu, (deps.database.commits.commits - c0) / n);
    }
    // 32 in flight, as the bench's connections.
    const c0 = { ...deps.database.commits };
    const g0 = deps.database.generation;
    tr.start();
    const t0 = process.cpuUsage();
    const w0 = performance.now();
    let left = n;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (left-- > 0) await one();
      }),
    );
    const wall = performance.now() - w0;
    const cpu = cpuMs(process.cpuUsage(t0)) / n;
    const commits = deps.database.commits.commits - c0.commits;
    print(out, "32 at a time", tr.stop(), n, cpu, commits / n);
    out.push(
      `groups: ${commits} commits for ${deps.database.commits.transactions - c0.transactions} transactions (${((deps.database.commits.transactions - c0.transactions) / commits).toFixed(1)} a group); ` +
        `page-cache generation raised ${deps.database.generation - g0} times (${(generation0 - g0) || 0}); wall ${(wall / n).toFixed(2)} ms per sign-up`,
    );
    console.log(out.join("\n"));
    await app.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(out: string[], name: string, stats: Map<string, Stat>, rounds: number, cpuMs: number, commits: number) {
  let count = 0;
  let ms = 0;
  out.push("", `### ${name}: ${cpuMs.toFixed(2)} ms of CPU per sign-up, ${commits.toFixed(2)} commits per sign-up`, "", "| statement | per sign-up | ms each |", "|---|---:|---:|");
  for (const [sql, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) {
    count += s.n;
    ms += s.ms;
    out.push(`| \`${sql.replace(/\|/g, "\\|")}\` | ${(s.n / rounds).toFixed(2)} | ${(s.ms / s.n).toFixed(3)} |`);
  }
  out.push(`| **all statements** | **${(count / rounds).toFixed(2)}** | ${(ms / rounds).toFixed(2)} ms per sign-up |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
