// `npm run soak`: a busy morning at the county's markets, against the real
// server. Loads the demo data into a temp DB, starts `node --import tsx
// src/main.ts` on it (NODE_ENV=production, a free port, loopback only), signs
// people in through /login once each, and runs mixed readers and writers for a
// fixed time: browsing /jobs with filters and keywords, workers signing up for
// postings and training, employers posting quick jobs, station staff checking
// workers in, visitors reporting to the hotline. It stops by itself and then
// checks that
//   - no answer was a 5xx (nor a dropped connection);
//   - every write the server acknowledged (303) is in the DB, and nothing else
//     was written: the rows made during the run are exactly the acknowledged
//     ones (each write carries a marker: a (worker, posting) pair, a unique
//     address, a (market, worker) pair, a unique description);
//   - the server's memory does not keep growing (RSS from /proc every second:
//     the mean of the last third against the middle third).
//
//   npm run soak                              60 s, 64 connections
//   npm run soak -- --short                   10 s, 16 connections (CI)
//   npm run soak -- --seconds 300 --connections 32 --max-requests 200000
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { productionNodeFlags, deploymentEnv } from "./node-flags.ts";
import { runDemo } from "../db/seed/demo.ts";
import { chinaDate } from "../src/shared/clock.ts";

interface Options {
  seconds: number;
  connections: number;
  maxRequests: number;
  /** Allowed growth of the mean RSS, last third against middle third. */
  rssGrowth: number;
}

function parseArgs(argv: string[]): Options {
  const num = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number`);
    return n;
  };
  const short = argv.includes("--short");
  return {
    seconds: Math.min(3600, num("--seconds", short ? 10 : 60)),
    connections: Math.min(512, Math.round(num("--connections", short ? 16 : 64))),
    maxRequests: num("--max-requests", 2_000_000),
    rssGrowth: num("--rss-growth", 0.3),
  };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

function rssOf(pid: number): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const shuffle = <T>(xs: T[]): T[] => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const mb = (n: number) => (n / 1048576).toFixed(1);

/** A signed-in (or signed-out) browser: its cookies and the CSRF token of its last page. */
interface Session {
  cookie: string;
  csrf: string;
}

class Load {
  served = 0;
  byKind = new Map<string, number>();
  statuses = new Map<number, number>();
  errors: string[] = [];
  latencies: number[] = [];
  stopped = false;
  constructor(
    private base: string,
    private o: Options,
  ) {}

  async request(kind: string, path: string, s: Session | null, form?: Record<string, string>, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (s?.cookie) h.cookie = s.cookie;
    let body: string | undefined;
    if (form) {
      h["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams({ _csrf: s?.csrf ?? "", ...form }).toString();
    }
    const t0 = performance.now();
    try {
      const res = await fetch(this.base + path, { method: form ? "POST" : "GET", headers: h, body, redirect: "manual", signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      this.latencies.push(performance.now() - t0);
      this.served++;
      this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
      this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) this.errors.push(`${res.status} from ${kind} ${path}`);
      if (this.served >= this.o.maxRequests) this.stopped = true;
      return res;
    } catch (e) {
      this.errors.push(`${kind} ${path}: ${(e as Error).message}`);
      return null;
    }
  }
}

/** Signs in through the login page and reads the signed-in CSRF token from /me. */
async function signIn(base: string, phone: string, secret: string): Promise<Session> {
  const page = await fetch(`${base}/login`, { redirect: "manual" });
  const anon = page.headers.getSetCookie().map((l) => l.split(";")[0]);
  const token = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: anon.join("; "), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: token, phone, secret }),
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`login for ${phone.slice(0, 3)}… answered ${res.status}`);
  const sid = res.headers.getSetCookie().map((l) => l.split(";")[0]);
  const cookie = [...anon, ...sid].join("; ");
  const me = await (await fetch(`${base}/me`, { headers: { cookie }, redirect: "manual" })).text();
  const csrf = me.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error("no CSRF token on /me");
  return { cookie, csrf };
}

async function visitorSession(base: string): Promise<Session> {
  const page = await fetch(`${base}/hotline/report`, { redirect: "manual" });
  const cookie = page.headers.getSetCookie().map((l) => l.split(";")[0]).join("; ");
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
  return { cookie, csrf };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: join(import.meta.dirname, ".."), stdio: "inherit" }).status !== 0) throw new Error("npm run build failed");
  const dir = mkdtempSync(join(tmpdir(), "lingong-soak-"));
  const dbUrl = `file:${join(dir, "soak.db")}`;
  let child: ChildProcess | undefined;
  const stopServer = () => {
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  process.on("exit", stopServer);
  try {
    const t0 = performance.now();
    await runDemo({ DATABASE_URL: dbUrl }, true);
    console.log(`soak: demo data loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Who acts, and on what: the demo's accounts and open records.
    const db = createClient({ url: dbUrl });
    const today = chinaDate(Date.now());
    const rows = async (sql: string, args: (string | number)[] = []) => (await db.execute({ sql, args })).rows;
    const workers = (await rows("SELECT u.id, u.phone FROM users u JOIN worker_profiles p ON p.user_id = u.id WHERE u.role = 'worker' AND u.pin_hash IS NOT NULL ORDER BY u.id")).map((r) => ({ id: Number(r[0]), phone: String(r[1]) }));
    const allWorkerPhones = (await rows("SELECT phone FROM users WHERE role = 'worker'")).map((r) => String(r[0]));
    const employers = (await rows("SELECT u.phone, e.county_code FROM users u JOIN employers e ON e.user_id = u.id WHERE e.status = 'verified' AND u.disabled_at IS NULL ORDER BY u.id")).map((r) => ({ phone: String(r[0]), county: String(r[1]) }));
    const staff = (await rows("SELECT id, phone, market_id FROM users WHERE role = 'staff' AND disabled_at IS NULL ORDER BY id")).map((r) => ({ id: Number(r[0]), phone: String(r[1]), marketId: Number(r[2]) }));
    const postings = (await rows("SELECT id FROM job_postings WHERE status = 'open' AND end_date >= ? ORDER BY id", [today])).map((r) => Number(r[0]));
    const sessions = (await rows("SELECT id FROM training_sessions WHERE status = 'open' AND signup_deadline >= ? ORDER BY id", [today])).map((r) => Number(r[0]));
    const kinds = (await rows("SELECT id FROM work_kinds ORDER BY id")).map((r) => Number(r[0]));
    const counties = (await rows("SELECT code FROM counties ORDER BY code")).map((r) => String(r[0]));
    db.close();
    if (!workers.length || !employers.length || !staff.length || !postings.length || !sessions.length) throw new Error("the demo data lacks workers, employers, staff, postings or training sessions");

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // As in production: the bundle (built once at the top of main()), with `npm start`'s Node flags.
    child = spawn(process.execPath, [...productionNodeFlags(), "dist/main.js"], {
      cwd: join(import.meta.dirname, ".."),
      // Behind the county's proxy, reports from many phones arrive with X-Forwarded-For.
      // The soak drives the server from one address with many connections: it tests staying up and losing
      // nothing, so the per-client limit (FAIR_SHARE, measured by npm run bench) is off here.
      env: { ...deploymentEnv().env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: dbUrl, PUBLIC_URL: base, TRUST_PROXY: "true", FAIR_SHARE: "false" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let logLines = 0;
    const errorLines: string[] = [];
    let partial = "";
    child.stdout!.on("data", (b: Buffer) => {
      const text = partial + b.toString();
      const lines = text.split("\n");
      partial = lines.pop() ?? "";
      logLines += lines.length;
      for (const l of lines) if (l.includes('"level":"error"') && errorLines.length < 20) errorLines.push(l);
    });
    let stderr = "";
    child.stderr!.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
    const started = performance.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 60_000) throw new Error("the server did not answer /healthz within 60 s");
      await new Promise((r) => setTimeout(r, 50));
    }
    const pid = child.pid!;

    // Who does what: a share of the connections each.
    const n = o.connections;
    const counts = { reader: Math.max(1, Math.round(n * 0.3)), worker: Math.max(1, Math.round(n * 0.32)), employer: Math.max(1, Math.round(n * 0.1)), staff: Math.max(1, Math.round(n * 0.15)) };
    const reporterCount = Math.max(1, n - counts.reader - counts.worker - counts.employer - counts.staff);
    const signInAll = async <T>(list: T[], f: (x: T) => Promise<Session>) => {
      const out: Session[] = [];
      for (let i = 0; i < list.length; i += 8) out.push(...(await Promise.all(list.slice(i, i + 8).map(f))));
      return out;
    };
    const workerPeople = Array.from({ length: counts.worker }, (_, i) => workers[i % workers.length]);
    const workerSessions = await signInAll(workerPeople, (w) => signIn(base, w.phone, "123456"));
    const employerPeople = Array.from({ length: counts.employer }, (_, i) => employers[i % employers.length]);
    const employerSessions = await signInAll(employerPeople, (e) => signIn(base, e.phone, "demo-2026"));
    const staffPeople = Array.from({ length: counts.staff }, (_, i) => staff[i % staff.length]);
    const staffSessions = await signInAll(staffPeople, (s) => signIn(base, s.phone, "demo-2026"));
    const reporterSessions = await Promise.all(Array.from({ length: reporterCount }, () => visitorSession(base)));
    console.log(
      `soak: server on ${base} (pid ${pid}); ${o.connections} connections for ${o.seconds} s: ${counts.reader} readers, ${counts.worker} workers, ${counts.employer} employers, ${counts.staff} station staff, ${reporterCount} hotline callers`,
    );

    const load = new Load(base, o);
    const acked = { signups: new Set<string>(), training: new Set<string>(), postings: new Set<string>(), checkins: new Set<string>(), reports: new Set<string>() };
    const attempted = { signups: 0, training: 0, postings: 0, checkins: 0, reports: 0 };
    let seq = 0;
    const words = ["保洁", "搬运", "家政", "装修", "采摘", "保姆", "厨师", "司机", "护工", "月嫂"];
    const browse = (s: Session | null) => {
      const r = Math.random();
      if (r < 0.35) return load.request("browse /jobs filters", `/jobs?county=${pick(counties)}&kind=${pick(kinds)}&page=${1 + Math.floor(Math.random() * 3)}`, s);
      if (r < 0.55) return load.request("browse /jobs keyword", `/jobs?q=${encodeURIComponent(pick(words))}`, s);
      if (r < 0.75) return load.request("posting page", `/jobs/${pick(postings)}`, s);
      if (r < 0.85) return load.request("home", "/", s);
      if (r < 0.92) return load.request("training list", "/training", s);
      return load.request("markets", "/markets", s);
    };
    // What each write leaves behind, read straight from the DB: the rows before the run are not the run's.
    const staffIds = staffPeople.map((p) => p.id);
    const workerIdList = workerPeople.map((w) => w.id);
    const markerSets = async (c: ReturnType<typeof createClient>) => {
      const set = async (sql: string) => new Set((await c.execute(sql)).rows.map((r) => Array.from(r, String).join(":")));
      return {
        signups: await set(`SELECT posting_id, worker_id FROM applications WHERE worker_id IN (${workerIdList.join(",")})`),
        training: await set(`SELECT session_id, worker_id FROM training_signups WHERE worker_id IN (${workerIdList.join(",")})`),
        postings: await set("SELECT address FROM job_postings WHERE address LIKE 'soak %'"),
        checkins: await set(`SELECT market_id, worker_id, day FROM check_ins WHERE via_staff_id IN (${staffIds.join(",")})`),
        reports: await set("SELECT description FROM hotline_cases WHERE description LIKE '压测投诉 %'"),
      };
    };
    const reader0 = createClient({ url: dbUrl });
    const before = await markerSets(reader0);
    reader0.close();
    const deadline = performance.now() + o.seconds * 1000;
    const running = () => !load.stopped && performance.now() < deadline;

    const reader = async () => {
      while (running()) await browse(null);
    };
    const worker = async (k: number) => {
      const s = workerSessions[k];
      const me = workerPeople[k];
      const jobQueue = shuffle(postings);
      const trainingQueue = shuffle(sessions);
      while (running()) {
        const r = Math.random();
        if (r < 0.25 && jobQueue.length) {
          const posting = jobQueue.pop()!;
          attempted.signups++;
          const res = await load.request("write: job sign-up", `/jobs/${posting}/apply`, s, { quote: "300" });
          if (res?.status === 303) acked.signups.add(`${posting}:${me.id}`);
        } else if (r < 0.35 && trainingQueue.length) {
          const session = trainingQueue.pop()!;
          attempted.training++;
          const res = await load.request("write: training sign-up", `/training/${session}/signup`, s, {});
          if (res?.status === 303) acked.training.add(`${session}:${me.id}`);
        } else await browse(s);
      }
    };
    const employer = async (k: number) => {
      const s = employerSessions[k];
      while (running()) {
        if (Math.random() < 0.3) {
          const marker = `soak 城关镇幸福路 ${++seq} 号`;
          attempted.postings++;
          const res = await load.request("write: quick posting", "/jobs/quick", s, {
            kindId: String(pick(kinds)),
            headcount: "2",
            wage: String(150 + (seq % 50)),
            countyCode: employerPeople[k].county,
            address: marker,
            contactPhone: employerPeople[k].phone,
          });
          if (res?.status === 303) acked.postings.add(marker);
        } else await browse(s);
      }
    };
    const station = async (k: number) => {
      const s = staffSessions[k];
      const me = staffPeople[k];
      const queue = shuffle(allWorkerPhones);
      while (running()) {
        if (Math.random() < 0.4 && queue.length) {
          const phone = queue.pop()!;
          attempted.checkins++;
          const res = await load.request("write: check-in", "/desk/checkin", s, { q: phone });
          // The marker is (market, worker, day): the phone becomes the worker's id when the rows are read back.
          if (res?.status === 303) acked.checkins.add(`${me.marketId}:${phone}:${chinaDate(Date.now())}`);
        } else if (Math.random() < 0.5) await load.request("desk", "/desk/checkin", s);
        else await browse(s);
      }
    };
    const caller = async (k: number) => {
      const s = reporterSessions[k];
      while (running()) {
        if (Math.random() < 0.5) {
          const marker = `压测投诉 ${++seq}:老板不给钱。`;
          attempted.reports++;
          const res = await load.request(
            "write: hotline report",
            "/hotline/report",
            s,
            { category: "wage_arrears", amount: "800", description: marker, countyCode: pick(counties), anonymous: "1" },
            { "x-forwarded-for": `10.${k}.${(seq >> 8) & 255}.${seq & 255}` },
          );
          if (res?.status === 303) acked.reports.add(marker);
        } else await load.request("hotline pages", pick(["/hotline", "/hotline/report", "/policy"]), null);
      }
    };

    const rss: number[] = [];
    const sampler = setInterval(() => {
      const v = rssOf(pid);
      if (v !== null) rss.push(v);
    }, 1000);
    const loops = [
      ...Array.from({ length: counts.reader }, () => reader()),
      ...workerSessions.map((_, k) => worker(k)),
      ...employerSessions.map((_, k) => employer(k)),
      ...staffSessions.map((_, k) => station(k)),
      ...reporterSessions.map((_, k) => caller(k)),
    ];
    const ran = performance.now();
    await Promise.all(loops);
    const seconds = (performance.now() - ran) / 1000;
    clearInterval(sampler);

    // Stop the server as an operator would, then read what it stored.
    child.kill("SIGTERM");
    await new Promise((r) => (child!.exitCode !== null ? r(null) : child!.once("exit", r)));
    const check = createClient({ url: dbUrl });
    const after = await markerSets(check);
    const stored = Object.fromEntries(
      (Object.keys(after) as (keyof typeof after)[]).map((k) => [k, new Set([...after[k]].filter((m) => !before[k].has(m)))]),
    ) as typeof after;
    const integrity = String((await check.execute("PRAGMA integrity_check")).rows[0][0]);
    const phoneIds = new Map((await check.execute("SELECT id, phone FROM users WHERE role = 'worker'")).rows.map((r) => [String(r[1]), Number(r[0])]));
    check.close();
    acked.checkins = new Set(
      [...acked.checkins].map((m) => {
        const [market, phone, day] = m.split(":");
        return `${market}:${phoneIds.get(phone) ?? phone}:${day}`;
      }),
    );

    const problems: string[] = [];
    if (load.errors.length) problems.push(`${load.errors.length} failed requests (5xx or dropped), e.g. ${load.errors.slice(0, 5).join("; ")}`);
    if (errorLines.length) problems.push(`the server logged errors: ${errorLines.slice(0, 3).join(" | ")}`);
    if (integrity !== "ok") problems.push(`integrity_check: ${integrity}`);
    let writesChecked = 0;
    const lines: string[] = [];
    for (const k of Object.keys(acked) as (keyof typeof acked)[]) {
      const lost = [...acked[k]].filter((m) => !stored[k].has(m));
      const extra = [...stored[k]].filter((m) => !acked[k].has(m));
      writesChecked += acked[k].size;
      lines.push(`  ${k.padEnd(9)} ${String(attempted[k]).padStart(6)} sent, ${String(acked[k].size).padStart(6)} acknowledged, ${String(stored[k].size).padStart(6)} stored, ${lost.length} lost, ${extra.length} written but refused`);
      if (lost.length) problems.push(`${k}: ${lost.length} acknowledged writes missing, e.g. ${lost.slice(0, 3).join(", ")}`);
      if (extra.length) problems.push(`${k}: ${extra.length} rows written by requests that were refused, e.g. ${extra.slice(0, 3).join(", ")}`);
      if (attempted[k] > 0 && acked[k].size === 0) problems.push(`${k}: none of ${attempted[k]} writes was accepted`);
    }
    const third = Math.floor(rss.length / 3);
    const middle = mean(rss.slice(third, 2 * third));
    const last = mean(rss.slice(2 * third));
    const growth = middle > 0 ? last / middle - 1 : 0;
    if (rss.length < 3) problems.push(`only ${rss.length} RSS samples`);
    else if (growth > o.rssGrowth) problems.push(`memory kept growing: mean RSS ${mb(middle)} MB in the middle third, ${mb(last)} MB in the last (+${(growth * 100).toFixed(0)}%)`);

    const lat = [...load.latencies].sort((a, b) => a - b);
    const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(1) : "-");
    console.log(`\nsoak: ${load.served} requests served in ${seconds.toFixed(1)} s (${(load.served / seconds).toFixed(0)}/s), p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, ${load.errors.length} failed`);
    console.log(`  by kind: ${[...load.byKind].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    console.log(`  statuses: ${[...load.statuses].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}×${v}`).join(", ")}`);
    console.log(`writes checked: ${writesChecked} acknowledged, each found in the DB; rows made during the run = the acknowledged ones\n${lines.join("\n")}`);
    console.log(
      `server RSS: ${rss.length} samples, first ${mb(rss[0] ?? 0)} MB, max ${mb(Math.max(0, ...rss))} MB, mean of the middle third ${mb(middle)} MB, of the last third ${mb(last)} MB (${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)}%, limit +${(o.rssGrowth * 100).toFixed(0)}%)`,
    );
    console.log(`server log: ${logLines} lines, ${errorLines.length} errors; integrity_check ${integrity}`);
    if (problems.length) {
      console.error(`\nsoak: FAILED\n  ${problems.join("\n  ")}`);
      process.exitCode = 1;
    } else console.log("\nsoak: passed");
  } finally {
    stopServer();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`soak: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
});
