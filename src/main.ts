// Node entry: read the config, open and migrate the DB, serve. A start that
// cannot succeed says why in one Chinese line and exits 78 when a restart
// would not help, 1 when it may (src/ops/startup.ts).
import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import { loadConfig, type Config } from "./config.ts";
import { prepare, createApp } from "./app.tsx";
import { setupLinkIfNeeded } from "./features/accounts/index.ts";
import { Hono } from "hono";
import { staleSources } from "./shared/bundle.ts";
import { ensureDatabase, exitRefused, StartRefusal, printSetupLink, shutdownHandler } from "./ops/startup.ts";
import { appVersion } from "./ops/version.ts";
import { dbFilePath } from "./ops/dbfile.ts";
import { copy } from "../views/copy/index.ts";
import { probeAtStart } from "./ops/health.ts";
import { jsonLogger } from "./shared/context.ts";
import { answerByTurn } from "./shared/answer-by-turn.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Set to true by scripts/build.mjs in the bundle; undefined under tsx and Deno. */
declare const LINGONG_BUNDLE: boolean | undefined;

/**
 * For `npm run bench` only (env BENCH_CEILING_PATH): the ceiling to compare
 * pages against — the same HTML as that page, fetched once from the app, then
 * served as a fixed string by a bare Hono route in this same process.
 */
function benchCeiling(app: { request: (path: string) => Response | Promise<Response>; fetch: (r: Request, env?: unknown) => Response | Promise<Response> }) {
  const path = process.env.BENCH_CEILING_PATH;
  if (!path) return null;
  const bare = new Hono();
  let html: string | undefined;
  bare.get("/__bench/ceiling", async (c) => c.html((html ??= await (await app.request(path)).text())));
  // Where the memory is (the bench samples it during the run): V8's heap, memory outside it (buffers, SQLite), all.
  // V8's spaces too (new space against old space: which part of the heap the peak is), loaded on the first sample only.
  bare.get("/__bench/memory", async (c) => {
    const spaces = Object.fromEntries((await import("node:v8")).getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]));
    return c.json({ ...process.memoryUsage(), spaces });
  });
  return (req: Request, env?: unknown) => (new URL(req.url).pathname.startsWith("/__bench/") ? bare.fetch(req) : app.fetch(req, env));
}

// Where a start's time goes, logged with "listening": at the end of each step, ms since the process started
// (performance.now()'s origin) and ms of CPU used so far (on a busy machine the wall time says little).
// The first mark is when every module has been loaded and this body runs.
const startedAt: Record<string, number> = {};
const startCpu: Record<string, number> = {};
const mark = (step: string) => {
  startedAt[step] = Math.round(performance.now());
  const cpu = process.cpuUsage();
  startCpu[step] = Math.round((cpu.user + cpu.system) / 1000);
};
mark("modules");

/**
 * A start that is only run through for the code cache (warmUp below): on a new DB of its own, on a port the
 * system picks on 127.0.0.1, logging nothing and printing no setup link; it ends after its first /healthz.
 */
interface Rehearsal {
  env: Record<string, string | undefined>;
  /** Called once the server answers: asks /healthz, then stops it. */
  done: (base: string, stop: () => Promise<void>) => Promise<void>;
}

// No top-level await: the bundle is run as a script (dist/main.js loads dist/app.cjs with V8's code cache,
// scripts/build.mjs), where there is none.
async function start(rehearsal?: Rehearsal): Promise<void> {
  let config: Config | undefined;
  try {
    if (typeof LINGONG_BUNDLE !== "undefined") {
      const stale = staleSources();
      if (stale.length) throw new StartRefusal(copy.ops.start.staleBundle(`${stale.slice(0, 3).join(", ")}${stale.length > 3 ? " 等" : ""}`));
    }
    config = loadConfig(rehearsal?.env ?? process.env);
    if (rehearsal) config = { ...config, port: 0 };
    const created = ensureDatabase(config, { creating: !!rehearsal });
    mark("config");
    const deps = await prepare({ config, mark, log: rehearsal ? jsonLogger(() => {}) : undefined });
    if (created) deps.log.info("created", { db: dbFilePath(config.databaseUrl) });
    const app = createApp(deps);
    mark("app");
    // Every answer, the bench's ceiling too, is written at the end of its turn with the others (answer-by-turn.ts).
    const server = serve({ fetch: answerByTurn(benchCeiling(app) ?? app.fetch), port: config.port, ...(rehearsal ? { hostname: "127.0.0.1" } : {}) }) as Server;
    // Listening first, the setup link after: a refused start (port in use) makes no link.
    await new Promise<void>((ok, fail) => {
      server.once("listening", ok);
      server.once("error", fail);
    });
    mark("listen");
    deps.log.info("listening", {
      url: `http://localhost:${config.port}`,
      db: config.databaseUrl.replace(/\/\/.*@/, "//***@").replace(/\?.*$/, "?***"),
      version: appVersion,
      startMs: startedAt,
      startCpuMs: startCpu,
      // Whether the bundle ran from V8's code cache (scripts/loader.cjs): "used", "rejected" (made under other
      // Node flags), "stale" (made for another build), "none"; absent when not started from the bundle.
      codeCache: (globalThis as Record<symbol, unknown>)[Symbol.for("lingong.codeCache")],
    });
    // The first /healthz's write, made now: it comes in while this one runs, and takes its answer.
    void probeAtStart(deps);
    const link = await setupLinkIfNeeded(deps);
    if (rehearsal) {
      const { port } = server.address() as { port: number };
      return await rehearsal.done(`http://127.0.0.1:${port}`, async () => {
        server.close();
        server.closeIdleConnections?.();
        await app.stop();
      });
    }
    printSetupLink(link);
    // Clean shutdown: no new requests, timers stopped, requests in flight and
    // queued writes finished, the WAL folded into the DB file, then exit.
    const stop = shutdownHandler(deps, app, () => {
      server.close();
      server.closeIdleConnections?.();
    });
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (e) {
    if (rehearsal) throw e;
    exitRefused(e, config);
  }
}

/**
 * For the code cache (scripts/build.mjs runs dist/main.js with LINGONG_CODE_CACHE=make): the whole start once,
 * up to a first /healthz answered OK, on a throwaway DB in a temporary directory, then stopped. V8 compiles a
 * function the first time it runs; a cache made after the start holds everything a start runs (the config,
 * migrations check, region and secret reads, createApp's route tables, the request path of /healthz, the
 * probe's write), so a real start compiles none of it again — a cache made after the top level only held the
 * modules' top levels (docs/performance.md, "Start-up, third pass, 2026-12-06 session 21").
 * The caller's DATABASE_URL and PORT are never used, so building next to a running server touches neither.
 */
async function warmUp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lingong-code-cache-"));
  try {
    const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: "production", DATABASE_URL: `file:${join(dir, "warm.db")}` };
    delete env.PORT;
    await start({
      env,
      done: async (base, stop) => {
        try {
          const r = await fetch(`${base}/healthz`);
          await r.text();
          if (!r.ok) throw new Error(`healthz ${r.status}`);
        } finally {
          await stop();
        }
      },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// scripts/build.mjs runs the bundle once to make its code cache (scripts/loader.cjs): a rehearsal then, which
// the loader waits for before it writes the cache.
if ((globalThis as Record<symbol, unknown>)[Symbol.for("lingong.codeCache")] !== "make") void start();
else (globalThis as Record<symbol, unknown>)[Symbol.for("lingong.codeCacheWarm")] = warmUp();
