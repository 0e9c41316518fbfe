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
// V8 checks a cache against the source's length only, so the cache also records the size and the
// modification time of the app.cjs it was made from: any other app.cjs (a new build, a copy) runs without it.
import { readFileSync, statSync, writeFileSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const dir = dirname(fileURLToPath(import.meta.url));
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
// What the start used, for the "listening" log line (src/main.ts); "make" tells the bundle's entry not to start.
globalThis[Symbol.for("lingong.codeCache")] = process.env.LINGONG_CODE_CACHE === "make" ? "make" : state;
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dir);
if (process.env.LINGONG_CODE_CACHE === "make") {
  // Made after the bundle's top level has run (every module evaluated, the server not started): the cache
  // then also holds the functions V8 compiled lazily while it ran, which a cache made right after compiling
  // leaves out, so a start compiles them again.
  const tmp = `${cacheFile}.${process.pid}`;
  writeFileSync(tmp, Buffer.concat([Buffer.from(stamp, "latin1"), script.createCachedData()]));
  renameSync(tmp, cacheFile);
  process.exit(0);
}
