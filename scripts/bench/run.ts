// `npm run bench`: builds a city-sized data set in a temp DB, starts the real
// server on it in production mode, drives it over loopback with autocannon,
// and prints one table. Pages are also shown as a ratio to a ceiling measured
// in the same run (the job list's HTML served as a fixed string by a bare Hono
// route in the same server process), so the figures mean something on a noisy
// shared machine: each page row runs in short rounds alternating with the
// ceiling, and the ratio is the median of the rounds' ratios (./ratio.ts).
// It stops by itself and removes what it made.
//
//   npm run bench                       100,000 postings (and 10,000 for growth), 5 s per measurement
//   npm run bench -- --smoke            tiny sizes, 1 s each: proves the bench still runs (CI)
//   npm run bench -- --full             adds 1,000,000 postings
//   npm run bench -- --postings 50000 --duration 10 --connections 32
//   npm run bench -- --fairness-only    only the fairness row, at 100,000 postings
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, statSync, existsSync, readFileSync, appendFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { loadConfig } from "../../src/config.ts";
import { prepare } from "../../src/app.tsx";
import { jsonLogger } from "../../src/shared/context.ts";
import { sha256, randomToken, hashSecret } from "../../src/shared/crypto.ts";
import { defaultSizes, generate, type Generated } from "./generate.ts";
import { productionNodeFlags, deploymentEnv } from "../node-flags.ts";
import { fsyncProbe, describeProbe, type SyncProbe } from "./fsync-probe.ts";
import { formatRatio, percentile, pooledRate, rate, roundOrder, roundRatios, roundsFor, spanRate, type Ratio, type Run } from "./ratio.ts";

interface Options {
  sizes: number[];
  duration: number;
  connections: number;
  smoke: boolean;
  /** Only the fairness row, at the largest size (a quick look at the per-client limit). */
  fairnessOnly: boolean;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const smoke = argv.includes("--smoke");
  const big = Number(get("--postings") ?? (smoke ? 2000 : 100_000));
  const small = Number(get("--small") ?? (smoke ? 500 : 10_000));
  const sizes = [small, big, ...(argv.includes("--full") ? [1_000_000] : [])].filter((n, i, a) => a.indexOf(n) === i).sort((a, b) => a - b);
  const fairnessOnly = argv.includes("--fairness-only");
  return {
    sizes: fairnessOnly ? sizes.slice(-1) : sizes,
    duration: Number(get("--duration") ?? (smoke ? 1 : 5)),
    connections: Number(get("--connections") ?? (smoke ? 8 : 32)),
    smoke,
    fairnessOnly,
  };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

interface Measure {
  name: string;
  /** The ceiling's req/s over the rounds run beside this page (the machine's speed drifts over a run). */
  ceiling?: number;
  /** This page against the ceiling, round by round: the median ratio and its range (see ./ratio.ts). */
  ratio?: Ratio;
  /** The ceiling's req/s in each of those rounds (how far it drifted during the row). */
  ceilingRounds?: number[];
  /** Mean latency, ms (for the 1-connection runs, where p50 in whole ms is too coarse). */
  mean: number;
  /** The same page past the page cache (a cookie it does not share), and at 1 connection: the time one render takes. */
  uncached?: Measure;
  single?: Measure;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
}

async function load(
  url: string,
  opts: { duration: number; connections: number; amount?: number; requests?: autocannon.Request[]; headers?: Record<string, string>; latencies?: number[] },
): Promise<autocannon.Result & { span: { startMs: number; lastAnswerMs: number } }> {
  // With `amount`, the run ends when that many requests have been answered, so none is left in flight
  // when the rows are counted; otherwise it runs for `duration` seconds.
  // A 60 s timeout: a slow page should be measured as slow, not counted as failed.
  const o: autocannon.Options = opts.amount
    ? { url, amount: opts.amount, connections: opts.connections, timeout: 60 }
    : { url, duration: opts.duration, connections: opts.connections, timeout: 60 };
  if (opts.requests) o.requests = opts.requests;
  if (opts.headers) o.headers = opts.headers;
  // Without a callback autocannon returns its instance, which is also a promise (the types show only the promise).
  const started = performance.now();
  const run = autocannon(o) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  // A run of `amount` requests: when its last answer came (spanRate in ratio.ts says why autocannon's own rate is not used).
  let lastAnswer = started;
  if (opts.amount) run.on("response", () => void (lastAnswer = performance.now()));
  // Every 2xx answer's latency, when asked: the rounds of a row are pooled into one p50/p99 (autocannon's
  // own histogram keeps only 2xx latencies too).
  const latencies = opts.latencies;
  if (latencies) run.on("response", (_client, status, _bytes, ms) => void (status >= 200 && status < 300 && latencies.push(ms)));
  const result = await run;
  return Object.assign(result, { span: { startMs: started, lastAnswerMs: lastAnswer } });
}

/** What a round's run counts for the ratio: every answer, over the seconds it ran as autocannon measured them. */
const asRun = (r: autocannon.Result): Run => ({ answers: r.requests.total, seconds: r.duration });

/**
 * One measure from a row's rounds: req/s = every answer over every second of its rounds; p50 and p99 over
 * every 2xx answer of the rounds, in whole ms rounded down (as autocannon's histogram reports them).
 */
function pooled(name: string, rounds: { result: autocannon.Result; latencies: number[] }[]): Measure {
  const ms = rounds.flatMap((r) => r.latencies);
  const whole = (x: number) => (Number.isFinite(x) ? Math.floor(x) : 0);
  return {
    name,
    rps: pooledRate(rounds.map((r) => asRun(r.result))),
    p50: whole(percentile(ms, 50)),
    p99: whole(percentile(ms, 99)),
    mean: ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : 0,
    ok: rounds.reduce((n, r) => n + r.result["2xx"], 0),
    bad: rounds.reduce((n, r) => n + r.result.non2xx + r.result.errors + r.result.timeouts, 0),
  };
}

function summarize(name: string, r: autocannon.Result & { span?: { startMs: number; lastAnswerMs: number } }, okStatus: "2xx" | "3xx" = "2xx"): Measure {
  const ok = okStatus === "2xx" ? r["2xx"] : r["3xx"];
  // A write row (a fixed number of requests): its OK answers over the measured span, not autocannon's whole seconds.
  const rps = okStatus === "3xx" && r.span ? spanRate(ok, r.span.startMs, r.span.lastAnswerMs) : r.requests.average;
  return { name, rps, p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.average, ok, bad: r.non2xx - (okStatus === "3xx" ? r["3xx"] : 0) + r.errors + r.timeouts };
}

function peakRss(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function startServer(dbUrl: string, port: number, ceilingPath: string, extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; startMs: number }> {
  const t0 = performance.now();
  // The production path: the bundle made by scripts/build.mjs (main() builds it first), with `npm start`'s Node flags.
  // The rows of the table drive the server from one address with many connections: they measure what a
  // render costs, so the per-client limit is off there (FAIR_SHARE=false); the fairness row turns it on.
  // With the environment a deployment has (scripts/node-flags.ts: this machine's NODE_EXTRA_CA_CERTS left out).
  const child = spawn(process.execPath, [...productionNodeFlags(), "dist/main.js"], {
    env: { ...deploymentEnv().env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: dbUrl, BENCH_CEILING_PATH: ceilingPath, FAIR_SHARE: "false", ...extraEnv },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return { child, startMs: performance.now() - t0 };
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 60_000) throw new Error("server did not answer /healthz within 60 s");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function stop(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
}

interface FairnessRun {
  fair: boolean;
  idle: Measure;
  busy: Measure;
  hammer: { ok: number; held: number; other: number; rps: number };
  /** The machine's 1-minute load average when the visitor's busy run began (it is shared: say how busy). */
  load: number;
}

/**
 * The fairness row (issue #16): the home page's p50 for an ordinary visitor (one connection, her own address)
 * idle, then while one client (another address) hammers uncached pages — searches with a new query each
 * time — over 50 connections; both in the same run, on a fresh server. With `fair` false the per-client
 * limit is off: what the same attack did before.
 */
async function fairnessRun(dbUrl: string, ceilingPath: string, o: Options, fair: boolean): Promise<FairnessRun> {
  const port = await freePort();
  const { child } = await startServer(dbUrl, port, ceilingPath, { FAIR_SHARE: fair ? "true" : "false", TRUST_PROXY: "true" });
  const base = `http://127.0.0.1:${port}`;
  try {
    // At least 10 s each: one connection must get answers in even on a slow machine (a search over
    // 100,000 postings holds the event loop for its whole DB call).
    const seconds = Math.max(10, o.duration);
    const warmUp = 5;
    const visitor = () => load(base + "/", { duration: seconds, connections: 1, headers: { "x-forwarded-for": "203.0.113.10" } });
    await load(base + "/", { duration: 1, connections: 1, headers: { "x-forwarded-for": "203.0.113.11" } }); // warm up
    const idle = summarize("visitor, idle", await visitor());
    let n = 0;
    const words = ["保洁", "木工", "瓦工", "搬运", "家政", "电工", "厨师", "保安"];
    const hammer = load(base, {
      duration: seconds + warmUp + 2,
      connections: 50,
      requests: [
        {
          method: "GET",
          setupRequest: (req) => ({
            ...req,
            path: `/jobs?q=${encodeURIComponent(words[n % words.length] + (n++ % 97))}&page=${1 + (n % 3)}`,
            headers: { "x-forwarded-for": "198.51.100.66" },
          }),
        },
      ],
    });
    // The attack is under way (and the attacker's first burst of server time spent): the steady state.
    await new Promise((r) => setTimeout(r, warmUp * 1000));
    const loadAvg = loadavg()[0];
    const busy = summarize("visitor, one client hammering", await visitor());
    const h = await hammer;
    const held = (h as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats?.["429"]?.count ?? 0;
    return { fair, load: loadAvg, idle, busy, hammer: { ok: h["2xx"], held, other: h.non2xx - held + h.errors + h.timeouts, rps: h.requests.average } };
  } finally {
    stop(child);
  }
}

interface MemorySample {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** V8's spaces (bytes): which part of the heap the peak is (new space: the young generation; old space: what survived). */
  spaces?: Record<string, { size: number; used: number }>;
  /** The row being measured when this sample was taken. */
  during?: string;
}

/** The row being measured now (for the memory sample at the highest RSS: where the peak happened). */
let phase = "start";

/** Samples the server's memory every 500 ms; `stop()` gives the sample with the highest RSS. */
function sampleMemory(base: string) {
  let peak: MemorySample | null = null;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const m = { ...((await (await fetch(base + "/__bench/memory")).json()) as MemorySample), during: phase };
        // BENCH_MEMORY_TRACE=file: every sample, a JSON line each (where the heap grows, row by row).
        if (process.env.BENCH_MEMORY_TRACE) appendFileSync(process.env.BENCH_MEMORY_TRACE, JSON.stringify({ t: Date.now(), ...m }) + "\n");
        if (!peak || m.rss > peak.rss) peak = m;
      } catch {
        // the server is busy or gone: the next sample
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return peak;
  };
}

interface SizeResult {
  memory: MemorySample | null;
  postings: number;
  genMs: number;
  dbBytes: number;
  startMs: number;
  rss: number;
  reads: Measure[];
  writes: (Measure & { stored: number; sync?: { before: SyncProbe; after: SyncProbe } })[];
  fairness?: FairnessRun[];
}

/** A city admin with a session, for the monitoring page (staff-only). */
async function cityAdminSession(client: import("@libsql/client").Client, now: number) {
  const raw = randomToken(16);
  const user = await client.execute({
    sql: "INSERT INTO users (role, phone, name, password_hash, created_at) VALUES ('city_admin', '15999999999', '基准管理员', ?, ?) RETURNING id",
    args: [await hashSecret(randomToken(12)), now],
  });
  await client.execute({ sql: "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)", args: [sha256(raw), Number(user.rows[0][0]), now, now] });
  return `sid=${raw}`;
}

/** A signed-in worker with the most sign-ups in the generated data, for the signed-in rows (her own list is not empty). */
async function workerSession(client: import("@libsql/client").Client, now: number) {
  const raw = randomToken(16);
  const worker = await client.execute("SELECT worker_id, count(*) AS n FROM applications GROUP BY worker_id ORDER BY n DESC LIMIT 1");
  await client.execute({ sql: "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)", args: [sha256(raw), Number(worker.rows[0][0]), now, now] });
  return { cookie: `sid=${raw}`, signUps: Number(worker.rows[0][1]) };
}

async function benchSize(postings: number, o: Options, writes: boolean): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), "lingong-bench-"));
  const file = join(dir, "bench.db");
  const dbUrl = `file:${file}`;
  let child: ChildProcess | undefined;
  try {
    const config = loadConfig({ DATABASE_URL: dbUrl });
    const deps = await prepare({ config, log: jsonLogger(() => {}, true) });
    const now = Date.now();
    const t0 = performance.now();
    const gen: Generated = await generate(deps.database.client, config.region, defaultSizes(postings), now);
    const adminCookie = await cityAdminSession(deps.database.client, now);
    const worker = await workerSession(deps.database.client, now);
    const genMs = performance.now() - t0;
    const kind = Number((await deps.database.client.execute("SELECT id FROM work_kinds WHERE name = '家政保洁'")).rows[0][0]);
    deps.database.close();
    const dbBytes = statSync(file).size + (existsSync(file + "-wal") ? statSync(file + "-wal").size : 0);

    const port = await freePort();
    const filtered = `/jobs?county=411024&kind=${kind}`;
    const started = await startServer(dbUrl, port, filtered);
    child = started.child;
    const base = `http://127.0.0.1:${port}`;
    const memory = sampleMemory(base);
    const lo = { duration: o.duration, connections: o.connections };
    const reads: Measure[] = [];
    const pages: [string, string, Record<string, string>?][] = [
      ["ceiling (fixed string, bare route)", "/__bench/ceiling"],
      ["home page", "/"],
      ["job list, 2 filters", filtered],
      ["job list, page 50", "/jobs?page=50"],
      ["search, 2 chars (保洁)", `/jobs?q=${encodeURIComponent("保洁")}`],
      ["search, 4 chars (家庭保洁)", `/jobs?q=${encodeURIComponent("家庭保洁")}`],
      ["job detail", `/jobs/${gen.openPostingIds[0]}`],
      ["market directory", "/markets"],
      ["monitoring, city, 30 days", "/monitoring", { cookie: adminCookie }],
      // Signed in (a worker's session): every request loads the session and renders the page.
      ["signed in: job list, 2 filters", filtered, { cookie: worker.cookie }],
      ["signed in: job detail", `/jobs/${gen.openPostingIds[0]}`, { cookie: worker.cookie }],
      [`signed in: her own sign-ups (/me/jobs, ${worker.signUps})`, "/me/jobs", { cookie: worker.cookie }],
    ];
    const measure = async (name: string, url: string, headers: Record<string, string> | undefined, connections = lo.connections, duration = lo.duration) => {
      phase = `${name}${headers?.cookie === noCache.cookie ? " (rendered)" : ""}${connections === 1 ? " (1 conn)" : ""}`;
      let r = await load(url, { duration, connections, headers });
      // A page slower than the whole run would show as nothing: measure it by count instead.
      if (r["2xx"] + r.non2xx === 0) r = await load(url, { duration, connections, amount: connections * 2, headers });
      return summarize(name, r);
    };
    // Any cookie the page cache does not share makes the server render the page afresh.
    const noCache = { cookie: "bench=render" };
    const { rounds, seconds } = roundsFor(o.duration);
    /** One run of a round; a page slower than the round gets measured by count instead (as `measure`). */
    const roundRun = async (url: string, headers: Record<string, string> | undefined) => {
      const latencies: number[] = [];
      let result = await load(url, { duration: seconds, connections: lo.connections, headers, latencies });
      if (result["2xx"] + result.non2xx === 0) result = await load(url, { duration: seconds, connections: lo.connections, amount: lo.connections * 2, headers, latencies });
      return { result, latencies };
    };
    for (const [name, path, headers] of o.fairnessOnly ? [] : pages) {
      await load(base + path, { duration: Math.min(1, o.duration), connections: 4, headers }); // warm up
      if (path === "/__bench/ceiling") {
        const m = await measure(name, base + path, headers);
        m.ceiling = m.rps;
        reads.push(m);
        continue;
      }
      // Side by side: short rounds of the ceiling and the page (and, for a page anyone may get, its rendered
      // copy), alternating which goes first; each round's ratio compares two runs a second apart, and the
      // row reports the median ratio, so a drift of the shared machine during the row moves one round, not the row.
      const rendered = !headers;
      const runs: Record<"page" | "ceiling" | "rendered", Awaited<ReturnType<typeof roundRun>>[]> = { page: [], ceiling: [], rendered: [] };
      for (let i = 0; i < rounds; i++) {
        for (const which of roundOrder(i, rendered)) {
          phase = which === "ceiling" ? "ceiling" : `${name}${which === "rendered" ? " (rendered)" : ""}`;
          runs[which].push(await roundRun(which === "ceiling" ? base + "/__bench/ceiling" : base + path, which === "page" ? headers : which === "rendered" ? noCache : undefined));
        }
      }
      const ceilingRuns = runs.ceiling.map((r) => asRun(r.result));
      const m: Measure = { ...pooled(name, runs.page), ceiling: pooledRate(ceilingRuns), ceilingRounds: ceilingRuns.map(rate) };
      m.ratio = roundRatios(runs.page.map((r) => asRun(r.result)), ceilingRuns);
      m.uncached = rendered ? { ...pooled(name, runs.rendered), ceiling: m.ceiling, ratio: roundRatios(runs.rendered.map((r) => asRun(r.result)), ceilingRuns) } : m;
      m.single = await measure(name, base + path, headers ?? noCache, 1, Math.min(2, o.duration));
      reads.push(m);
    }

    const writeResults: SizeResult["writes"] = [];
    if (writes && !o.fairnessOnly) {
      // Each request a new (worker, posting) pair: every 303 must be a stored row, every refusal none.
      const pairs = gen.sessions.length * gen.openPostingIds.length;
      const amount = o.smoke ? 300 : 10_000;
      let k = 0;
      phase = "write: job sign-up";
      // The disk's sync latency in the DB's directory just before and after the row (it bounds the row; it varies run to run).
      const syncBefore = fsyncProbe(dir);
      const signUp = await load(base, {
        ...lo,
        amount,
        requests: [
          {
            method: "POST",
            setupRequest: (req) => {
              const n = k++ % pairs;
              const s = gen.sessions[n % gen.sessions.length];
              const posting = gen.openPostingIds[Math.floor(n / gen.sessions.length)];
              return { ...req, path: `/jobs/${posting}/apply`, headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" }, body: `_csrf=${encodeURIComponent(s.csrf)}` };
            },
          },
        ],
      });
      const syncAfter = fsyncProbe(dir);
      let j = 0;
      phase = "write: training sign-up";
      const training = await load(base, {
        ...lo,
        amount: Math.min(amount, gen.sessions.length * gen.trainingSessionIds.length),
        requests: [
          {
            method: "POST",
            setupRequest: (req) => {
              const n = j++ % (gen.sessions.length * gen.trainingSessionIds.length);
              const s = gen.sessions[n % gen.sessions.length];
              const session = gen.trainingSessionIds[Math.floor(n / gen.sessions.length)];
              return { ...req, path: `/training/${session}/signup`, headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" }, body: `_csrf=${encodeURIComponent(s.csrf)}` };
            },
          },
        ],
      });
      const { createClient } = await import("@libsql/client");
      const c = createClient({ url: dbUrl });
      const ids = gen.benchWorkerIds.join(",");
      const storedSignUps = Number((await c.execute(`SELECT count(*) FROM applications WHERE worker_id IN (${ids})`)).rows[0][0]);
      const storedTraining = Number((await c.execute(`SELECT count(*) FROM training_signups WHERE worker_id IN (${ids})`)).rows[0][0]);
      c.close();
      writeResults.push({ ...summarize("write: job sign-up (CSRF + checks)", signUp, "3xx"), stored: storedSignUps, sync: { before: syncBefore, after: syncAfter } });
      writeResults.push({ ...summarize("write: training sign-up", training, "3xx"), stored: storedTraining });
    }
    const rss = peakRss(child.pid!);
    const mem = await memory();
    // The fairness row, at the largest size only: on fresh servers of their own, the main one stopped.
    let fairness: FairnessRun[] | undefined;
    if (writes) {
      stop(child);
      child = undefined;
      fairness = [await fairnessRun(dbUrl, filtered, o, true), await fairnessRun(dbUrl, filtered, o, false)];
    }
    return { postings, genMs, dbBytes, startMs: started.startMs, rss, memory: mem, reads, writes: writeResults, fairness };
  } finally {
    if (child) stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

function printTable(results: SizeResult[], o: Options) {
  const big = results[results.length - 1];
  const small = results[0];
  const ceiling = big.reads[0]?.rps ?? 0;
  const lines: string[] = [];
  lines.push(`Benchmark: ${fmt(big.postings)} postings, ${o.connections} connections, ${o.duration} s per row, node ${process.version}, ${new Date().toISOString()}`);
  lines.push("");
  lines.push(
    "| what | req/s | p50 ms | p99 ms | vs ceiling | rendered: req/s | p50 ms | p99 ms | vs ceiling | 1 conn: mean ms | non-OK |" +
      (results.length > 1 ? ` rendered req/s at ${fmt(small.postings)} | slower | 1 conn mean ms at ${fmt(small.postings)} | slower |` : ""),
  );
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + (results.length > 1 ? "---:|---:|---:|---:|" : ""));
  for (const [i, m] of big.reads.entries()) {
    const s = small.reads[i];
    const u = m.uncached;
    const su = s.uncached ?? s;
    // The median of the rounds' ratios, with the lowest and highest round; the ceiling's own row: 100 %.
    const pct = (x: Measure) => (x.ratio ? formatRatio(x.ratio) : `${fmt((x.rps / (x.ceiling ?? ceiling)) * 100)}%`);
    const rendered = u ? ` ${fmt(u.rps)} | ${u.p50} | ${u.p99} | ${pct(u)} | ${m.single ? fmt(m.single.mean, 1) : ""} |` : " | | | | |";
    const bad = m.bad + (u && u !== m ? u.bad : 0) + (m.single?.bad ?? 0);
    const growth =
      results.length > 1
        ? ` ${fmt(su.rps)} | ${fmt(su.rps / (u ?? m).rps, 2)}× | ${s.single ? fmt(s.single.mean, 1) : ""} | ${m.single && s.single ? `${fmt(m.single.mean / s.single.mean, 2)}×` : ""} |`
        : "";
    lines.push(`| ${m.name} | ${fmt(m.rps)} | ${m.p50} | ${m.p99} | ${pct(m)} |${rendered} ${bad} |${growth}`);
  }
  for (const w of big.writes) {
    lines.push(`| ${w.name} | ${fmt(w.rps)} | ${w.p50} | ${w.p99} | | | | | | | ${w.bad} |${results.length > 1 ? " | | | |" : ""}`);
  }
  lines.push("");
  lines.push(
    "req/s, p50, p99: as a visitor who is not signed in gets the page (the page cache may answer). rendered: the same page with a cookie the cache does not share, so every request renders it; " +
      "the monitoring page is staff-only and always rendered (its report is kept for MONITORING_CACHE_SECONDS); the signed-in rows are a worker's session (session and user loaded, page rendered, every request). 1 conn: one request at a time, rendered: what one page costs. " +
      `vs ceiling: the page's req/s against the ceiling's in the same round, ${roundsFor(o.duration).rounds} round(s) of ${fmt(roundsFor(o.duration).seconds, 1)} s each (ceiling and page side by side, which goes first alternating): ` +
      "the median of the rounds' ratios, then (lowest–highest round); req/s, p50 and p99 pool the page's rounds. slower: the smaller size's figure against the larger's, by rendered req/s and by 1-connection time.",
  );
  lines.push("");
  // Each round's ratio, and the ceiling in each round: how much the machine drifted during the row.
  const pcts = (r?: Ratio) => (r ? r.rounds.map((x) => (Number.isFinite(x) ? fmt(x * 100) : "—")).join(" ") : "");
  for (const m of big.reads.filter((x) => x.ratio)) {
    lines.push(
      `rounds, ${m.name}: vs ceiling ${pcts(m.ratio)} %${m.uncached && m.uncached !== m ? `; rendered ${pcts(m.uncached.ratio)} %` : ""}; ceiling ${(m.ceilingRounds ?? []).map((x) => fmt(x)).join(" ")} req/s`,
    );
  }
  lines.push("");
  for (const w of big.writes) {
    lines.push(
      `${w.name}: ${fmt(w.ok)} answered 303 (stored) at ${fmt(w.rps)}/s (from the start to the last answer), ${fmt(w.stored)} rows found afterwards → ${w.ok <= w.stored ? "none lost" : `LOST ${w.ok - w.stored}`}${w.bad ? `; ${w.bad} requests not answered 303` : ""}`,
    );
    if (w.sync) lines.push(`  disk sync in the DB's directory, just before that row: ${describeProbe(w.sync.before)}; just after: ${describeProbe(w.sync.after)}`);
  }
  for (const f of big.fairness ?? []) {
    const ratio = f.busy.p50 / Math.max(1, f.idle.p50);
    // Not one answer while under attack: there is no p50 to compare (autocannon reports 0).
    const busy = f.busy.ok + f.busy.bad === 0 ? "no answer at all" : `${f.busy.p50} ms`;
    lines.push(
      `fairness (${f.fair ? "per-client limit on, as shipped" : "limit off (FAIR_SHARE=false): the attack as before"}): home page p50 for an ordinary visitor ${f.idle.p50} ms idle, ` +
        `${busy} while one client hammers uncached searches over 50 connections → ${f.busy.ok + f.busy.bad === 0 ? "∞" : `${fmt(ratio, 1)}×`}${f.fair ? " (target ≤ 3×)" : ""}; ` +
        `visitor p99 ${f.idle.p99} → ${f.busy.p99} ms, ${f.busy.bad} of her requests not OK; the hammering client: ${fmt(f.hammer.ok)} served, ${fmt(f.hammer.held)} held with 429, ${f.hammer.other} other; load average ${fmt(f.load, 1)}`,
    );
  }
  for (const r of results) {
    lines.push(
      `at ${fmt(r.postings)} postings: data generated in ${fmt(r.genMs / 1000, 1)} s; DB ${fmt(r.dbBytes / 1048576, 1)} MB (${fmt(r.dbBytes / r.postings)} bytes per posting, all tables); ` +
        `first /healthz ${fmt(r.startMs)} ms after start; server peak RSS ${fmt(r.rss / 1048576)} MB` +
        (r.memory
          ? ` (sampled at its highest, ${fmt(r.memory.rss / 1048576)} MB: V8 heap ${fmt(r.memory.heapUsed / 1048576)} used of ${fmt(r.memory.heapTotal / 1048576)} MB, ` +
            (r.memory.spaces
              ? `(old space ${fmt((r.memory.spaces.old_space?.used ?? 0) / 1048576)} used of ${fmt((r.memory.spaces.old_space?.size ?? 0) / 1048576)}, new space ${fmt((r.memory.spaces.new_space?.size ?? 0) / 1048576)}, code ${fmt((r.memory.spaces.code_space?.size ?? 0) / 1048576)}, large objects ${fmt((r.memory.spaces.large_object_space?.size ?? 0) / 1048576)}), `
              : "") +
            `outside the heap ${fmt(r.memory.external / 1048576)} MB of which buffers ${fmt(r.memory.arrayBuffers / 1048576)} MB; the rest — code, stacks, SQLite's page caches, the allocator — ` +
            `${fmt((r.memory.rss - r.memory.heapTotal - r.memory.external) / 1048576)} MB; during "${r.memory.during}")`
          : ""),
    );
  }
  console.log(lines.join("\n"));
  return { ceiling, big, small };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const start = performance.now();
  // The server runs as in production: from the bundle.
  const b0 = performance.now();
  const build = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("npm run build failed");
  const buildMs = performance.now() - b0;
  const results: SizeResult[] = [];
  for (const [i, n] of o.sizes.entries()) {
    process.stderr.write(`bench: ${fmt(n)} postings…\n`);
    results.push(await benchSize(n, o, i === o.sizes.length - 1 || n === 100_000));
  }
  const { big } = printTable(results, o);
  const { dropped } = deploymentEnv();
  console.log(
    `the server runs with npm start's Node flags (${productionNodeFlags().join(" ")}) and the environment a systemd deployment has` +
      (dropped.length ? `: this machine's ${dropped.join(", ")} left out (Node reads that certificate file at every start: +~35 ms to the first /healthz, +~1.8 MB RSS; deploy/lingong.service does not set it)` : ""),
  );
  console.log(`bundle built in ${fmt(buildMs)} ms (npm start builds it, then starts it; the time to /healthz above is from starting the bundle)`);
  console.log(`\nbench finished in ${fmt((performance.now() - start) / 1000)} s`);
  const problems = [
    ...[...big.reads.flatMap((m) => [m, m.uncached, m.single].filter((x): x is Measure => !!x)), ...big.writes]
      .filter((m) => m.ok === 0 || m.bad > 0)
      .map((m) => `${m.name}: ${m.ok} OK, ${m.bad} not OK`),
    // Lost = acknowledged but not stored. (A request the client gave up on may still be stored: not a loss.)
    ...big.writes.filter((w) => w.ok > w.stored).map((w) => `${w.name}: ${w.ok} acknowledged, only ${w.stored} stored`),
    // The ordinary visitor must be served (her latency is reported, not judged: the machine is shared).
    ...(big.fairness ?? []).filter((f) => f.fair && (f.busy.ok === 0 || f.busy.bad > 0)).map((f) => `fairness: the ordinary visitor got ${f.busy.ok} OK, ${f.busy.bad} not OK`),
  ];
  if (problems.length) {
    console.error(`bench: FAILED\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
