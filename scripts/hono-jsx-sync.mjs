// hono/jsx renders every page inside an AsyncLocalStorage run when the runtime has one (hono 4.13: its
// jsx/context.js probes node:async_hooks), so that a context read after an `await` in an async component
// still finds its request's value. Once any AsyncLocalStorage has run, Node 20 keeps async_hooks' promise
// hooks on for every promise of the process: with none left, 6–15 % less server CPU per request on the
// bench's rows, side by side (docs/performance.md, "The shared per-hit work: AsyncLocalStorage, 2026-12-06").
// Our components are all synchronous, and for those hono's own path without AsyncLocalStorage (a store
// set around the synchronous render, as on runtimes without one) gives the same values — hono documents
// that "synchronous components and use()-based suspension are unaffected". So the bundle (scripts/build.mjs)
// takes hono's jsx/context.js with the probe's list emptied: hono then finds no AsyncLocalStorage.
import { readFile } from "node:fs/promises";

/** The probe hono 4.13 writes in jsx/context.js: the list of ways to find AsyncLocalStorage. */
const PROBE = /for \(const probe of \[\(\) => global\.process\?\.getBuiltinModule[^\n]*?\]\)/;

/** hono's jsx/context.js without its AsyncLocalStorage probe; null when the text is not the one expected (another hono). */
export function withoutAsyncStorage(source) {
  return PROBE.test(source) ? source.replace(PROBE, "for (const probe of [])") : null;
}

/** The esbuild plugin: hono/dist/jsx/context.js through `withoutAsyncStorage`; a warning (not a failure) when it does not apply. */
export const honoJsxSync = {
  name: "hono-jsx-sync",
  setup(build) {
    build.onLoad({ filter: /[\\/]hono[\\/]dist[\\/]jsx[\\/]context\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const out = withoutAsyncStorage(source);
      if (out === null) return { contents: source, loader: "js", warnings: [{ text: "hono/jsx's AsyncLocalStorage probe not found (hono changed?): renders run in an AsyncLocalStorage again, which keeps Node's promise hooks on (scripts/hono-jsx-sync.mjs)" }] };
      return { contents: out, loader: "js" };
    });
  },
};
