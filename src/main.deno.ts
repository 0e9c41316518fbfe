// Deno entry: the same app and the same DB code as Node, served by Deno.serve,
// with the same start-up refusals and exit codes (src/ops/startup.ts) and the
// same clean shutdown.
import process from "node:process";
import { loadConfig, type Config } from "./config.ts";
import { prepare, createApp } from "./app.tsx";
import { ensureDatabase, exitRefused, printSetupLink, shutdownHandler, EXIT_NO_RESTART } from "./ops/startup.ts";
import { setupLinkIfNeeded } from "./features/accounts/index.ts";
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
  printSetupLink(await setupLinkIfNeeded(deps));
  const stop = shutdownHandler(deps, app, () => Promise.race([server.shutdown(), new Promise((r) => setTimeout(r, 5000))]));
  Deno.addSignalListener("SIGTERM", stop);
  Deno.addSignalListener("SIGINT", stop);
} catch (e) {
  exitRefused(e, config);
}
