// dist/main.js (copied there by scripts/build.mjs): runs the server's bundle, dist/app.cjs, from V8's code
// cache when there is one for it.
//
// Why: compiling the 1.2 MB bundle was the largest part of a start that is ours (18 % of a start's CPU
// profile), and Node 20 keeps no compile cache for ES modules (module.enableCompileCache is Node 22). A
// script run through node:vm can be given the bytecode V8 made for it before (docs/performance.md, "Memory
// and start-up, 2026-12-06"). The build makes dist/app.cache by running this file with
// LINGONG_CODE_CACHE=make and npm start's Node flags (V8 refuses a cache made under other flags, and then
// simply compiles, as it does when there is no cache).
//
// CommonJS (the build writes dist/package.json saying so): an ES module entry makes Node set up its ES module
// loader before the first line runs, ~7 ms of CPU of a start that never loads an ES module after it
// (docs/performance.md, "Start-up, third pass, 2026-12-06 session 21").
//
// V8 checks a cache against the source's length only, so the cache also records the size and the
// modification time of the app.cjs it was made from: any other app.cjs (a new build, a copy) runs without it.
"use strict";
const { readFileSync, statSync, writeFileSync, renameSync } = require("node:fs");
const { createRequire } = require("node:module");
const { join } = require("node:path");
const vm = require("node:vm");

const dir = __dirname;
const file = join(dir, "app.cjs");
const cacheFile = join(dir, "app.cache");
const made = statSync(file);
const stamp = `${made.size} ${made.mtimeMs}\n`;
// The bundle as a CommonJS module; "use strict" because its sources are ES modules, which always are.
const source = `(function (exports, require, module, __filename, __dirname) {"use strict";${readFileSync(file, "latin1")}\n})`;
let cachedData;
let state = "none";
if (process.env.LINGONG_CODE_CACHE !== "make") {
  try {
    const bytes = readFileSync(cacheFile);
    const nl = bytes.indexOf(10);
    if (bytes.subarray(0, nl + 1).toString("latin1") === stamp) cachedData = bytes.subarray(nl + 1);
    else state = "stale";
  } catch {
    // no cache: compile
  }
}
// (The build turns the bundle's import() into require(): a script has no import() of its own.)
const script = new vm.Script(source, { filename: file, cachedData });
if (cachedData) state = script.cachedDataRejected ? "rejected" : "used";
// What the start used, for the "listening" log line (src/main.ts); "make" tells the bundle's entry to rehearse.
globalThis[Symbol.for("lingong.codeCache")] = process.env.LINGONG_CODE_CACHE === "make" ? "make" : state;
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, dir);
if (process.env.LINGONG_CODE_CACHE === "make") void makeCache();

async function makeCache() {
  // Made after the bundle has run a whole start (src/main.ts, warmUp: a rehearsal on a throwaway DB up to a
  // first /healthz, then stopped): the cache then also holds every function V8 compiled lazily on the way,
  // which a cache made right after compiling (or after the top level only) leaves out, so a start compiles
  // them again. A rehearsal that fails or hangs only makes a smaller cache.
  const warm = globalThis[Symbol.for("lingong.codeCacheWarm")];
  let timer;
  const outcome = await Promise.race([
    Promise.resolve(warm).then(
      () => null,
      (e) => e,
    ),
    new Promise((ok) => (timer = setTimeout(ok, 30_000, new Error("no /healthz within 30 s")))),
  ]);
  clearTimeout(timer);
  if (outcome) console.warn(`code cache: the start was not rehearsed (the cache holds less): ${outcome.message ?? outcome}`);
  const tmp = `${cacheFile}.${process.pid}`;
  writeFileSync(tmp, Buffer.concat([Buffer.from(stamp, "latin1"), script.createCachedData()]));
  renameSync(tmp, cacheFile);
  process.exit(0);
}
