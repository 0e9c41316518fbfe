// Bundles the server into dist/main.js with esbuild (already installed: tsx is
// built on it). The bundle starts in about a third of the time tsx needs to
// transpile the sources on every start, and uses about 60 MB less memory, which
// matters on a county's one-core box. `npm start` runs this first, so the
// bundle can never be older than the sources; it takes well under a second.
import { build } from "esbuild";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// The commit being built, shown with the release as the program's version
// (src/ops/version.ts); empty when this is not a git checkout.
const git = spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" });
const commit = git.status === 0 ? git.stdout.trim() : "";
const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
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
  // The bundle checks at start that none of its sources changed after it was built.
  define: { LINGONG_BUNDLE: "true", LINGONG_COMMIT: JSON.stringify(commit) },
  metafile: true,
});
// Pure ASCII, as esbuild already writes every string: it leaves a few characters in regular expressions and
// tagged templates (/[，]/, sql`…'、'…`), and one non-ASCII character makes Node decode the whole file on its slow
// path and V8 hold all of it as a two-byte string. \uXXXX means the same character in a string, a template's
// cooked text (what drizzle's sql and hono's html read), a regular expression and a comment.
// (Source-map columns after such a character on its line are off by 5 per character.)
const out = `${root}/dist/main.js`;
writeFileSync(out, readFileSync(out, "utf8").replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`));
// What the stale check (src/shared/bundle.ts) compares against the bundle's time: our sources, and for the
// dependencies inside the bundle package-lock.json — npm gives a package's files a fixed 1985 mtime, so an
// upgrade shows in the lock file, not in node_modules.
const sources = Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules/"));
if (existsSync(`${root}/package-lock.json`)) sources.push("package-lock.json");
writeFileSync(`${root}/dist/sources.json`, JSON.stringify(sources));
