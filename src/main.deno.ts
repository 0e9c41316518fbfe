// Deno entry: the same app and the same DB code as Node, served by Deno.serve.
import process from "node:process";
import { loadConfig } from "./config.ts";
import { prepare, createApp } from "./app.tsx";
import { setupLinkIfNeeded } from "./features/accounts/index.ts";

const config = loadConfig(process.env);
const deps = await prepare({ config });
const app = createApp(deps);
// @ts-ignore: Deno global, present when run by Deno
Deno.serve({ port: config.port, onListen: () => deps.log.info("listening", { url: `http://localhost:${config.port}`, runtime: "deno" }) }, app.fetch);
const link = await setupLinkIfNeeded(deps);
if (link) console.log(`\n首次使用:请在 24 小时内打开下面的链接,设置市级管理员账号(只能用一次):\n${link}\n`);
