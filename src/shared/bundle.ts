// The production server runs dist/main.js, built by `npm run build`. After an
// upgrade that forgot the build, the old bundle would run against the new
// migrations and docs: refuse to start instead, and say what to do.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fromRoot } from "./root.ts";

/** The sources newer than the bundle (empty when it is up to date). */
export function staleSources(root = fromRoot()): string[] {
  const built = statSync(join(root, "dist", "main.js")).mtimeMs;
  const sources: string[] = JSON.parse(readFileSync(join(root, "dist", "sources.json"), "utf8"));
  return sources.filter((s) => {
    try {
      return statSync(join(root, s)).mtimeMs > built;
    } catch {
      return true; // a source that is gone: the bundle is from another version
    }
  });
}
