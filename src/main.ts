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

// No top-level await: the bundle is run as a script (dist/main.js loads dist/app.cjs with V8's code cache,
// scripts/build.mjs), where there is none.
async function start(): Promise<void> {
  let config: Config | undefined;
  try {
    if (typeof LINGONG_BUNDLE !== "undefined") {
      const stale = staleSources();
      if (stale.length) throw new StartRefusal(copy.ops.start.staleBundle(`${stale.slice(0, 3).join(", ")}${stale.length > 3 ? " 等" : ""}`));
    }
    config = loadConfig(process.env);
    const created = ensureDatabase(config);
    mark("config");
    const deps = await prepare({ config, mark });
    if (created) deps.log.info("created", { db: dbFilePath(config.databaseUrl) });
    const app = createApp(deps);
    mark("app");
    const server = serve({ fetch: benchCeiling(app) ?? app.fetch, port: config.port }) as Server;
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
      // Whether the bundle ran from V8's code cache (scripts/loader.mjs): "used", "rejected" (made under other
      // Node flags), "stale" (made for another build), "none"; absent when not started from the bundle.
      codeCache: (globalThis as Record<symbol, unknown>)[Symbol.for("lingong.codeCache")],
    });
    // The first /healthz's write, made now: it comes in while this one runs, and takes its answer.
    void probeAtStart(deps);
    printSetupLink(await setupLinkIfNeeded(deps));
    // Clean shutdown: no new requests, timers stopped, requests in flight and
    // queued writes finished, the WAL folded into the DB file, then exit.
    const stop = shutdownHandler(deps, app, () => {
      server.close();
      server.closeIdleConnections?.();
    });
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (e) {
    exitRefused(e, config);
  }
}
// scripts/build.mjs runs the bundle's top level once to make its code cache (scripts/loader.mjs): no start then.
if ((globalThis as Record<symbol, unknown>)[Symbol.for("lingong.codeCache")] !== "make") void start();
