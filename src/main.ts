// Node entry: read the config, open and migrate the DB, serve.
import { serve } from "@hono/node-server";
import { loadConfig, ConfigError } from "./config.ts";
import { prepare, createApp } from "./app.tsx";
import { NewerDatabaseError } from "./shared/migrate.ts";
import { setupLinkIfNeeded } from "./features/accounts/index.ts";
import { Hono } from "hono";
import { staleSources } from "./shared/bundle.ts";

/** Set to true by scripts/build.mjs in the bundle; undefined under tsx and Deno. */
declare const LINGONG_BUNDLE: boolean | undefined;
if (typeof LINGONG_BUNDLE !== "undefined") {
  const stale = staleSources();
  if (stale.length) {
    console.error(`程序代码比打包文件 dist/main.js 新(${stale.slice(0, 3).join(", ")}${stale.length > 3 ? " 等" : ""}):请先运行 npm run build,再启动。`);
    process.exit(1);
  }
}

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
  return (req: Request, env?: unknown) => (new URL(req.url).pathname === "/__bench/ceiling" ? bare.fetch(req) : app.fetch(req, env));
}

try {
  const config = loadConfig(process.env);
  const deps = await prepare({ config });
  const app = createApp(deps);
  const server = serve({ fetch: benchCeiling(app) ?? app.fetch, port: config.port }, (info) => {
    deps.log.info("listening", { url: `http://localhost:${info.port}`, db: config.databaseUrl.replace(/\/\/.*@/, "//***@").replace(/\?.*$/, "?***") });
  });
  const link = await setupLinkIfNeeded(deps);
  if (link) console.log(`\n首次使用:请在 24 小时内打开下面的链接,设置市级管理员账号(只能用一次):\n${link}\n`);
  const stop = () => {
    server.close();
    deps.database.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(`配置错误: ${e.message}`);
    process.exit(78);
  }
  if (e instanceof NewerDatabaseError) {
    // Old code on a newer DB: say what to do, without a stack trace.
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
