// Bundles the server into dist/main.js with esbuild (already installed: tsx is
// built on it). The bundle starts in about a third of the time tsx needs to
// transpile the sources on every start, and uses about 60 MB less memory, which
// matters on a county's one-core box. `npm start` runs this first, so the
// bundle can never be older than the sources; it takes well under a second.
import { build } from "esbuild";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { honoJsxSync } from "./hono-jsx-sync.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
// The commit being built, shown with the release as the program's version
// (src/ops/version.ts); empty when this is not a git checkout.
const git = spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" });
const commit = git.status === 0 ? git.stdout.trim() : "";
const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/main.ts"],
  // A CommonJS bundle that dist/main.js (scripts/loader.cjs) runs with V8's code cache: Node 20 has none for
  // ES modules. Its import.meta.url is the file's URL, as in the sources.
  outfile: "dist/app.cjs",
  bundle: true,
  platform: "node",
  format: "cjs",
  define: { LINGONG_BUNDLE: "true", LINGONG_COMMIT: JSON.stringify(commit), "import.meta.url": "__lingongImportMetaUrl" },
  banner: { js: 'var __lingongImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  // import() of a package outside the bundle (libSQL's network client, qrcode) as require(): a script run
  // through node:vm has no import() of its own without an experimental option.
  supported: { "dynamic-import": false },
  target: "node20",
  // The pure-JS dependencies (hono, drizzle, valibot) go into the bundle: loaded from node_modules as ~400
  // separate ES modules, each resolved, read and compiled on its own, they were a third of the start's CPU
  // (docs/performance.md, "Memory and start-up, 2026-12-05 evening"). Kept outside: libSQL (a native
  // library, and src/shared/statement-cache.ts patches the very module @libsql/client loads), opencc-js
  // (its dictionaries are data) and qrcode (imported on the first printout only).
  external: ["libsql", "@libsql/*", "opencc-js", "opencc-js/*", "qrcode"],
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  // For stack traces in TypeScript terms: NODE_OPTIONS=--enable-source-maps.
  sourcemap: "linked",
  legalComments: "none",
  // Smaller source, less to read, decode and pre-parse at every start (names kept: stack traces stay readable).
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  // (define above: the bundle checks at start that none of its sources changed after it was built.)
  metafile: true,
  // hono/jsx without AsyncLocalStorage (why: scripts/hono-jsx-sync.mjs).
  plugins: [honoJsxSync],
});
// Pure ASCII, as esbuild already writes every string: it leaves a few characters in regular expressions and
// tagged templates (/[，]/, sql`…'、'…`), and one non-ASCII character makes Node decode the whole file on its slow
// path and V8 hold all of it as a two-byte string. \uXXXX means the same character in a string, a template's
// cooked text (what drizzle's sql and hono's html read), a regular expression and a comment.
// (Source-map columns after such a character on its line are off by 5 per character.)
const out = `${root}/dist/app.cjs`;
writeFileSync(out, readFileSync(out, "utf8").replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`));
// What the stale check (src/shared/bundle.ts) compares against the bundle's time: our sources, and for the
// dependencies inside the bundle package-lock.json — npm gives a package's files a fixed 1985 mtime, so an
// upgrade shows in the lock file, not in node_modules.
const sources = [...Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules/")), "scripts/loader.cjs"];
if (existsSync(`${root}/package-lock.json`)) sources.push("package-lock.json");
writeFileSync(`${root}/dist/sources.json`, JSON.stringify(sources));
// The entry, written last (the stale check compares the sources with its time), and the code cache for the
// bundle, made under npm start's Node flags (V8 refuses a cache made under other flags): the same flags the
// bench, the soak and deploy/lingong.service start with (scripts/node-flags.ts, test/ops/node-flags.test.ts).
rmSync(`${root}/dist/app.cache`, { force: true });
// dist/main.js is CommonJS (scripts/loader.cjs says why); the package is "type": "module", so dist says otherwise.
writeFileSync(`${root}/dist/package.json`, `${JSON.stringify({ type: "commonjs" })}\n`);
copyFileSync(`${root}/scripts/loader.cjs`, `${root}/dist/main.js`);
const start = String(JSON.parse(readFileSync(`${root}/package.json`, "utf8")).scripts?.start ?? "");
const flags = (/\bnode((?:\s+--\S+)*)\s+dist\/main\.js/.exec(start)?.[1] ?? "").trim().split(/\s+/).filter(Boolean);
const made = spawnSync(process.execPath, [...flags, "dist/main.js"], { cwd: root, env: { ...process.env, LINGONG_CODE_CACHE: "make" }, encoding: "utf8" });
// Without it the server starts as well, only compiling the bundle itself.
if (made.status !== 0) console.warn(`code cache not made (the server compiles the bundle at each start): ${made.stderr || made.error}`);
