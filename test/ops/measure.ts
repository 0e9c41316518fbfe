// Load figures for docs/scaling.md: how many requests a second one server
// process answers on this machine, for the pages that matter. Not a test (npm
// test skips it); run it on an otherwise idle machine:
//
//   node --import tsx test/ops/measure.ts [seconds per case, default 10] [connections, default 16]
//
// It starts the real server (NODE_ENV=production) on a temp DB with 500
// workers, 200 open postings and sessions, then drives each case with N
// concurrent keep-alive loops (like autocannon) and prints requests/s and
// latency percentiles. The load generator runs on the same machine and takes
// part of the CPU, so the figures are a floor for the server alone.
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { eq } from "drizzle-orm";
import { employers, jobPostings, sessions, workKinds } from "../../db/schema/index.ts";
import { insertWorker } from "../../src/features/workers/index.ts";
import { hashSecret, hmac, randomToken, sha256 } from "../../src/shared/crypto.ts";
import { addAccount, openDeps, startServer, tempDir } from "./helpers.ts";

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = Number(process.argv[3] ?? 16);
const WORKERS = 500;
const POSTINGS = 200;

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time the server process spent per request (user + system), in ms. */
  cpuMs: number;
}

/** CPU time (user + system) of a process so far, in ms, from /proc (Linux; clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

let serverPid = 0;

async function drive(name: string, next: (i: number) => [string, RequestInit], seconds = SECONDS, connections = CONNECTIONS): Promise<Result> {
  const cpuBefore = serverPid ? cpuOf(serverPid) : 0;
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const [url, init] = next(n++);
        const start = performance.now();
        try {
          const res = await fetch(url, { redirect: "manual", ...init });
          await res.arrayBuffer();
          if (res.status >= 400) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] * 10) / 10;
  const cpuMs = serverPid ? Math.round(((cpuOf(serverPid) - cpuBefore) / latencies.length) * 100) / 100 : 0;
  return { name, rps: Math.round(latencies.length / seconds), p50: pct(0.5), p99: pct(0.99), errors, cpuMs };
}

const loadBefore = loadavg();
const tmp = tempDir("lingong-measure-");
try {
  const deps = await openDeps(tmp.url);
  const now = Date.now();
  const boss = await addAccount(deps, { role: "employer", phone: "13700000001" });
  const [emp] = await deps.database.write((db) =>
    db.insert(employers).values({ userId: boss.id, kind: "private", name: "李老板", contactName: "李老板", contactPhone: boss.phone, countyCode: "411024", status: "verified", createdAt: now }).returning(),
  );
  const kindId = (await deps.database.db.select().from(workKinds).limit(1))[0].id;
  const today = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
  const postings = await deps.database.write((db) =>
    db
      .insert(jobPostings)
      .values(
        Array.from({ length: POSTINGS }, (_, i) => ({
          employerId: emp.id, title: `摘花生 ${i}`, kindId, form: "gig" as const, headcount: 1000, wageFen: 15000, wageUnit: "day" as const,
          startDate: today, endDate: "2099-12-31", countyCode: "411024", contactName: "李老板", contactPhone: boss.phone, status: "open" as const,
          createdAt: now, updatedAt: now, publishedAt: now,
        })),
      )
      .returning({ id: jobPostings.id }),
  );
  const pin = "135790";
  const pinHash = await hashSecret(pin);
  const workers: { phone: string; cookie: string; csrf: string }[] = [];
  await deps.database.transaction(async (tx) => {
    for (let i = 0; i < WORKERS; i++) {
      const phone = `139${String(10_000_000 + i).slice(-8)}`;
      const { id } = await insertWorker(tx, { phone, name: `工人${i}`, pinHash, countyCode: "411024" }, now);
      const raw = randomToken(16);
      await tx.insert(sessions).values({ idHash: sha256(raw), userId: id, createdAt: now, lastSeenAt: now });
      workers.push({ phone, cookie: `sid=${raw}`, csrf: hmac(deps.secret, "s:" + sha256(raw)) });
    }
  });
  const t0 = performance.now();
  let rows = 0;
  while (performance.now() - t0 < 3000) {
    await deps.database.write((db) => db.update(jobPostings).set({ updatedAt: Date.now() }).where(eq(jobPostings.id, postings[rows++ % POSTINGS].id)));
  }
  const rawWrites = Math.round(rows / 3);
  // A signed-out form's CSRF token: the HMAC of the csrf cookie's seed.
  const seed = "AAAAAAAAAAAAAAAAAAAAAA";
  const anonCsrf = hmac(deps.secret, "a:" + seed);
  deps.database.close();

  const server = await startServer({ DATABASE_URL: tmp.url, NODE_ENV: "production" });
  serverPid = server.child.pid!;
  try {
    const form = (fields: Record<string, string>, cookie = "") => ({
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    });
    await drive("warm-up", () => [`${server.base}/`, {}], 2);
    const results: Result[] = [];
    results.push(await drive("GET / (home, anonymous)", () => [`${server.base}/`, { headers: { "accept-encoding": "gzip" } }]));
    results.push(await drive("GET /jobs (list, anonymous)", () => [`${server.base}/jobs`, { headers: { "accept-encoding": "gzip" } }]));
    results.push(await drive("GET /healthz", () => [`${server.base}/healthz`, {}]));
    // Each worker signs up to each posting once: 500 × 200 pairs, never repeated.
    results.push(
      await drive("POST /jobs/:id/apply (worker signs up: a write transaction)", (i) => {
        const w = workers[i % WORKERS];
        const p = postings[Math.floor(i / WORKERS) % POSTINGS];
        return [`${server.base}/jobs/${p.id}/apply`, form({ _csrf: w.csrf }, w.cookie)];
      }),
    );
    results.push(
      await drive("POST /login (worker PIN: scrypt + a session row)", (i) => {
        const w = workers[i % WORKERS];
        return [`${server.base}/login`, form({ _csrf: anonCsrf, phone: w.phone, secret: pin }, `csrf=${seed}`)];
      }),
    );
    console.log(`machine: ${cpus().length} × ${cpus()[0].model}; load average before: ${loadBefore.map((x) => x.toFixed(1)).join(" ")}`);
    console.log(`${SECONDS} s per case, ${CONNECTIONS} concurrent connections, one server process (Node ${process.version})`);
    console.log(`raw single-row writes through the writer queue (in-process, synchronous=FULL): ${rawWrites}/s`);
    console.log(`load average after: ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
    // Requests/s depends on what else the machine runs; CPU time per request
    // much less, so it also gives what one core could do with nothing else to do.
    console.log("case | requests/s | p50 ms | p99 ms | errors | server CPU ms/request | requests/s one core could serve");
    for (const r of results) console.log(`${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.cpuMs} | ${r.cpuMs ? Math.round(1000 / r.cpuMs) : "-"}`);
  } finally {
    await server.stop();
  }
  // The writes really happened: one application per sign-up request.
  const check = await openDeps(tmp.url);
  console.log(`applications in the DB afterwards: ${(await check.database.client.execute("SELECT count(*) FROM applications")).rows[0][0]}`);
  check.database.close();
} finally {
  tmp.cleanup();
}
