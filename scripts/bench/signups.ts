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
import { performance } from "node:perf_hooks";
import { traceStatements, benchApp, printStatements, cpuMs, type Stat } from "./tracer.ts";

const argv = process.argv.slice(2);
const arg = (name: string, d: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : d;
};
const postings = arg("--postings", 5_000);
const n = arg("--n", 600);
const onlyConcurrent = argv.includes("--only-concurrent");

async function main() {
  const { deps, gen, app, cleanup } = await benchApp(postings, "lingong-signups-");
  try {
    const tr = traceStatements();
    const out: string[] = [`Job sign-ups in-process, ${postings.toLocaleString("en-US")} postings, ${n} sign-ups per part, node ${process.version}`];
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
    const s0 = { ...(deps.database.walSyncs ?? { syncs: 0, requests: 0 }) };
    const g0 = deps.database.generation;
    tr.start();
    const t0 = process.cpuUsage();
    const w0 = performance.now();
    const elu0 = performance.eventLoopUtilization();
    let left = n;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (left-- > 0) await one();
      }),
    );
    const wall = performance.now() - w0;
    // The event loop's busy share: the rest it waited (for the WAL sync in the thread pool, or for nothing).
    const elu = performance.eventLoopUtilization(elu0).utilization;
    const cpu = cpuMs(process.cpuUsage(t0)) / n;
    const commits = deps.database.commits.commits - c0.commits;
    print(out, "32 at a time", tr.stop(), n, cpu, commits / n);
    out.push(
      `groups: ${commits} commits for ${deps.database.commits.transactions - c0.transactions} transactions (${((deps.database.commits.transactions - c0.transactions) / commits).toFixed(1)} a group); ` +
        `page-cache generation raised ${deps.database.generation - g0} times (${(generation0 - g0) || 0}); wall ${(wall / n).toFixed(2)} ms per sign-up, event loop busy ${(100 * elu).toFixed(0)} % of it` +
        (deps.database.walSyncs ? `; WAL syncs (fdatasync in the thread pool) ${deps.database.walSyncs.syncs - s0.syncs} for ${deps.database.walSyncs.requests - s0.requests} answers waiting on them` : ""),
    );
    console.log(out.join("\n"));
    await app.stop();
  } finally {
    cleanup();
  }
}

function print(out: string[], name: string, stats: Map<string, Stat>, rounds: number, cpuMs: number, commits: number) {
  printStatements(out, `${name}: ${cpuMs.toFixed(2)} ms of CPU per sign-up, ${commits.toFixed(2)} commits per sign-up`, stats, rounds, "sign-up");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
