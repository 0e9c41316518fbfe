// The project's folder, found by walking up to its package.json. Files read at run
// time (migrations, static assets, region data) are found from here rather than
// from "../../" relative to each module, so the same code works from src/ under
// tsx or Deno and from the prebuilt bundle in dist/.
//
// The project's package.json is the one with a name: dist/ holds a package.json of its own that only says its
// files are CommonJS (scripts/build.mjs, scripts/loader.cjs).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function named(file: string): boolean {
  try {
    return typeof JSON.parse(readFileSync(file, "utf8")).name === "string";
  } catch {
    return false; // none here (or not JSON): look further up
  }
}

export function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (named(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`package.json not found above ${from}`);
  }
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
export const fromRoot = (...parts: string[]) => join(projectRoot, ...parts);
