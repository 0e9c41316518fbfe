// The production start runs the bundle (dist/app.cjs) from V8's code cache made by the build
// (scripts/loader.cjs, scripts/build.mjs): used under npm start's Node flags; refused by V8 under other flags,
// and not offered for another app.cjs — in both the bundle is compiled and the server works the same.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { freePort, ROOT, start, tempDir } from "./helpers.ts";
import { productionNodeFlags } from "../../scripts/node-flags.ts";

/** Starts dist/main.js with these Node flags on a new DB; answers what its "listening" line said about the code cache. */
async function bundleStart(flags: string[], check: (base: string) => Promise<void>): Promise<unknown> {
  const tmp = tempDir();
  const port = await freePort();
  const p = start(["dist/main.js"], { DATABASE_URL: tmp.url, PORT: String(port), BENCH_CEILING_PATH: "/" }, flags);
  try {
    const deadline = Date.now() + 60_000;
    while (!p.stdout().includes('"listening"')) {
      if (Date.now() > deadline) throw new Error(`no start: ${p.stderr()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const base = `http://127.0.0.1:${port}`;
    const health = await fetch(`${base}/healthz`);
    assert.is(health.status, 200, "healthz");
    await check(base).catch((e) => {
      throw new Error(`${(e as Error).message}\n${p.stderr()}`);
    });
    assert.not.match(p.stderr(), "Warning", "no warning");
    const line = p.stdout().split("\n").find((l) => l.includes('"listening"'))!;
    return JSON.parse(line).codeCache;
  } finally {
    try {
      process.kill(-p.child.pid!, "SIGKILL");
    } catch {
      // gone already
    }
    await p.exited;
    tmp.cleanup();
  }
}

/** What the bundle does beyond the start: a search (opencc-js, a CommonJS package), an import() (node:v8, for the bench's memory route). */
/** Bytes of V8's cache in the build's dist/app.cache (after its first line: the size and time of the bundle it was made for). */
function builtCacheBytes(): number {
  const bytes = readFileSync(join(ROOT, "dist", "app.cache"));
  return bytes.length - (bytes.indexOf(10) + 1);
}

async function works(base: string) {
  const search = await fetch(`${base}/jobs?q=${encodeURIComponent("電工")}`);
  assert.is(search.status, 200, "search");
  const r = await fetch(`${base}/__bench/memory`);
  assert.is(r.status, 200, "memory route");
  const memory = (await r.json()) as { spaces?: Record<string, unknown> };
  assert.ok(memory.spaces && "old_space" in memory.spaces, "import() inside the bundle");
}

test("the build makes the code cache; npm start's flags use it, and the server works", async () => {
  assert.is(spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT }).status, 0);
  assert.ok(existsSync(join(ROOT, "dist", "app.cache")));
  assert.is(await bundleStart(productionNodeFlags(), works), "used");
});

test("the cache is made after the bundle's top level has run: it holds the functions compiled while it ran, not only the eager ones", () => {
  assert.is(spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT }).status, 0);
  const made = builtCacheBytes();
  // The same source as scripts/loader.cjs compiles, cached right after compiling (what the build made before).
  const compileOnly = spawnSync(
    process.execPath,
    [
      ...productionNodeFlags(),
      "-e",
      `const vm = require("node:vm"), fs = require("node:fs");
       const src = '(function (exports, require, module, __filename, __dirname) {"use strict";' + fs.readFileSync("dist/app.cjs", "latin1") + "\\n})";
       process.stdout.write(String(new vm.Script(src, { filename: require("node:path").resolve("dist/app.cjs") }).createCachedData().length));`,
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  assert.is(compileOnly.status, 0, compileOnly.stderr);
  // Every module's top level, the valibot schemas, the copy catalogue, the route tables' builders: ~5 % more.
  assert.ok(made > Number(compileOnly.stdout) * 1.02, `cache ${made} bytes, compile-only ${compileOnly.stdout}`);
});

test("other Node flags: V8 refuses the cache, the bundle is compiled; a cache made for another app.cjs is not offered", async () => {
  assert.is(spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT }).status, 0);
  assert.is(await bundleStart([], works), "rejected");
  const app = join(ROOT, "dist", "app.cjs");
  const was = statSync(app);
  utimesSync(app, was.atime, new Date(was.mtimeMs + 1000));
  try {
    assert.is(await bundleStart(productionNodeFlags(), works), "stale");
  } finally {
    utimesSync(app, was.atime, was.mtime);
  }
});

test("the cache is made after a rehearsed start: it holds what a start runs beyond the top level; the rehearsal uses a DB and a port of its own and leaves nothing", async () => {
  assert.is(spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT }).status, 0);
  const tmp = tempDir();
  const scratch = join(tmp.dir, "tmp");
  mkdirSync(scratch);
  // A server already on the caller's PORT and a DATABASE_URL of the caller's: the rehearsal must touch neither.
  const port = await freePort();
  const busy = createServer().listen(port, "127.0.0.1");
  try {
    const env = { ...process.env, LINGONG_CODE_CACHE: "make", DATABASE_URL: tmp.url, PORT: String(port), TMPDIR: scratch };
    const made = spawnSync(process.execPath, [...productionNodeFlags(), "dist/main.js"], { cwd: ROOT, env, encoding: "utf8" });
    assert.is(made.status, 0, made.stderr);
    assert.is(made.stdout, "", "prints nothing (no setup link, no log line)");
    assert.is(made.stderr, "", "no warning: the start was rehearsed");
    assert.not.ok(existsSync(tmp.dbPath), "the caller's DB is not made");
    assert.equal(readdirSync(scratch), [], "its temporary directory is removed");
    const cache = builtCacheBytes();
    // The same bundle cached right after its top level ran (what the build made before): the rehearsal is only
    // begun then (its first synchronous steps), so this holds the top levels and not the start.
    const topLevel = spawnSync(
      process.execPath,
      [
        ...productionNodeFlags(),
        "-e",
        `const vm = require("node:vm"), fs = require("node:fs"), path = require("node:path");
         const file = path.resolve("dist/app.cjs");
         const src = '(function (exports, require, module, __filename, __dirname) {"use strict";' + fs.readFileSync(file, "latin1") + "\\n})";
         const script = new vm.Script(src, { filename: file });
         globalThis[Symbol.for("lingong.codeCache")] = "make";
         const m = { exports: {} };
         script.runInThisContext()(m.exports, require("node:module").createRequire(file), m, file, path.dirname(file));
         process.stdout.write(String(script.createCachedData().length));
         process.exit(0);`,
      ],
      { cwd: ROOT, env, encoding: "utf8" },
    );
    assert.is(topLevel.status, 0, topLevel.stderr);
    // The config, the start's reads and writes, createApp's route tables, /healthz's path: ~40 % more here.
    assert.ok(cache > Number(topLevel.stdout) * 1.2, `cache ${cache} bytes, top level only ${topLevel.stdout}`);
  } finally {
    busy.close();
    tmp.cleanup();
  }
});

test.run();
