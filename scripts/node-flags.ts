// The Node flags production starts the server with, read from `npm start` (package.json), so that the bench
// and the soak start it exactly that way; deploy/lingong.service repeats them (test/ops/node-flags.test.ts
// checks that the two agree).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function productionNodeFlags(root = join(import.meta.dirname, "..")): string[] {
  const start = String(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts?.start ?? "");
  const m = /\bnode((?:\s+--\S+)*)\s+dist\/main\.js/.exec(start);
  if (!m) throw new Error(`package.json's start script does not run dist/main.js: ${start}`);
  return m[1].trim().split(/\s+/).filter(Boolean);
}
