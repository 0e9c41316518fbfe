// The production server runs dist/main.js, built by `npm run build`. After an
// upgrade that forgot the build, the old bundle would run against the new
// migrations and docs: refuse to start instead, and say what to do.
import { readFileSync, statSync } from "node:fs";
import { fromRoot } from "./root.ts";

/** The sources newer than the bundle (empty when it is up to date). */
export function staleSources(): string[] {
  const built = statSync(fromRoot("dist", "main.js")).mtimeMs;
  const sources: string[] = JSON.parse(readFileSync(fromRoot("dist", "sources.json"), "utf8"));
  return sources.filter((s) => {
    try {
      return statSync(fromRoot(s)).mtimeMs > built;
    } catch {
      return true; // a source that is gone: the bundle is from another version
    }
  });
}
