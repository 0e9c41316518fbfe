// Deno entry: the same app and the same DB code as Node, served by Deno.serve,
// with the same start-up refusals and exit codes (src/ops/startup.ts) and the
// same clean shutdown.
import process from "node:process";
import { loadConfig, type Config } from "./config.ts";
import { prepare, createApp } from "./app.tsx";
import { setupLinkIfNeeded } from "./features/accounts/index.ts";
import { ensureDatabase, startFailure, EXIT_NO_RESTART } from "./ops/startup.ts";
import { appVersion } from "./ops/version.ts";
import { dbFilePath } from "./ops/dbfile.ts";
import { copy } from "../views/copy/index.ts";

// @ts-ignore: Deno global, present when run by Deno
const Deno = globalThis.Deno;

let config: Config | undefined;
try {
  config = loadConfig(process.env);
  const created = ensureDatabase(config);
  const deps = await prepare({ config });
  if (created) deps.log.info("created", { db: dbFilePath(config.databaseUrl) });
  const app = createApp(deps);
  let server: { shutdown(): Promise<void> };
  try {
    server = Deno.serve(
      { port: config.port, onListen: () => deps.log.info("listening", { url: `http://localhost:${config!.port}`, runtime: "deno", version: appVersion }) },
      app.fetch,
    );
  } catch (e) {
    // Deno names it AddrInUse rather than EADDRINUSE.
    if ((e as Error).name === "AddrInUse") {
      console.error(copy.ops.start.portInUse(config.port));
      process.exit(EXIT_NO_RESTART);
    }
    throw e;
  }
  const link = await setupLinkIfNeeded(deps);
  if (link) console.log(`\n首次使用:请在 24 小时内打开下面的链接,设置市级管理员账号(只能用一次):\n${link}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    deps.log.info("stopping");
    await Promise.race([server.shutdown(), new Promise((r) => setTimeout(r, 5000))]);
    await app.stop();
    deps.log.info("stopped");
    process.exit(0);
  };
  Deno.addSignalListener("SIGTERM", stop);
  Deno.addSignalListener("SIGINT", stop);
} catch (e) {
  const { exitCode, line } = startFailure(e, config);
  console.error(line);
  process.exit(exitCode);
}
