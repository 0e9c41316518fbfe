// The bundle takes hono/jsx without its AsyncLocalStorage (scripts/hono-jsx-sync.mjs): once one has run,
// Node 20 keeps promise hooks on for every promise of the process. This checks that the rewrite applies to
// the hono installed now (an upgrade that changes hono's text fails here, not silently in production) and
// that the rewritten module renders context values as hono does (synchronous components, as all of ours).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, writeFileSync, mkdtempSync, rmSync, cpSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { AsyncLocalStorage } from "node:async_hooks";
// @ts-expect-error a plain .mjs script without types
import { withoutAsyncStorage } from "../../scripts/hono-jsx-sync.mjs";

// hono/jsx resolves (CommonJS condition) to dist/cjs/jsx/index.js; the ES build (what esbuild bundles) is dist/.
const honoDist = join(dirname(createRequire(import.meta.url).resolve("hono/jsx")), "..", "..");
const contextJs = join(honoDist, "jsx", "context.js");

test("the installed hono's jsx/context.js is rewritten: no AsyncLocalStorage probe left", () => {
  const source = readFileSync(contextJs, "utf8");
  assert.ok(source.includes("getBuiltinModule"), "hono probes for AsyncLocalStorage");
  const out: string | null = withoutAsyncStorage(source);
  assert.ok(out !== null, "the rewrite applies to this hono");
  assert.not.ok(out!.includes("getBuiltinModule"));
  assert.not.ok(out!.includes('"node:async_hooks"'));
  assert.is(withoutAsyncStorage("const x = 1;"), null, "another text: null (the build warns)");
});

test("rewritten, hono/jsx renders the same page with a provided context and runs no AsyncLocalStorage", async () => {
  // A copy of hono's dist with the rewritten context.js (node_modules is never written).
  const dir = mkdtempSync(join(tmpdir(), "lingong-hono-"));
  try {
    cpSync(honoDist, join(dir, "dist"), { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(dir, "dist", "jsx", "context.js"), withoutAsyncStorage(readFileSync(contextJs, "utf8")));
    const page = async (root: string) => {
      const { jsx } = await import(pathToFileURL(join(root, "jsx", "index.js")).href);
      const { createContext, useContext } = await import(pathToFileURL(join(root, "jsx", "context.js")).href);
      const Who = createContext("nobody");
      const Name = () => jsx("b", {}, useContext(Who));
      const tree = jsx("p", {}, jsx(Name, {}), jsx(Who.Provider, { value: "王大姐" }, jsx(Name, {}), jsx(Who.Provider, { value: "李师傅" }, jsx(Name, {})), jsx(Name, {})), jsx(Name, {}));
      return String(await tree.toString());
    };
    const runs: unknown[] = [];
    const run = AsyncLocalStorage.prototype.run;
    AsyncLocalStorage.prototype.run = function (this: AsyncLocalStorage<unknown>, ...args: Parameters<typeof run>) {
      runs.push(this);
      return run.apply(this, args);
    } as typeof run;
    try {
      const rewritten = await page(join(dir, "dist"));
      assert.is(runs.length, 0, "no AsyncLocalStorage run");
      assert.is(rewritten, "<p><b>nobody</b><b>王大姐</b><b>李师傅</b><b>王大姐</b><b>nobody</b></p>");
      assert.is(await page(honoDist), rewritten, "hono as installed renders the same");
      assert.ok(runs.length > 0, "hono as installed runs one");
    } finally {
      AsyncLocalStorage.prototype.run = run;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
