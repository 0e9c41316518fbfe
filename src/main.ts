// Node entry: read the config, open and migrate the DB, serve.
import { serve } from "@hono/node-server";
import { loadConfig, ConfigError } from "./config.ts";
import { prepare, createApp } from "./app.tsx";
import { NewerDatabaseError } from "./shared/migrate.ts";
import { setupLinkIfNeeded } from "./features/accounts/index.ts";

try {
  const config = loadConfig(process.env);
  const deps = await prepare({ config });
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    deps.log.info("listening", { url: `http://localhost:${info.port}`, db: config.databaseUrl.replace(/\/\/.*@/, "//***@") });
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
