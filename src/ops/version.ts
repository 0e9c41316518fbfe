// The version shown on the status page, by `npm run admin -- status`, in
// /healthz and in the start-up log: the release (package.json) plus the commit
// the code came from, e.g. "0.1.0 (3f2a9c1)", so a clerk and a developer can
// tell exactly which code runs. The bundle has the commit written in at build
// time (scripts/build.mjs); under tsx or Deno it is read from .git at start,
// without running git (the service user may not have it). No .git (a release
// archive): the release alone.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fromRoot } from "../shared/root.ts";

/** Written by scripts/build.mjs into the bundle; undefined under tsx and Deno. */
declare const LINGONG_COMMIT: string | undefined;

export const release: string = JSON.parse(readFileSync(fromRoot("package.json"), "utf8")).version;

const read = (path: string) => {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return null;
  }
};

/** The commit checked out in `root` (a clone, or a worktree whose .git is a file), or null. */
export function gitCommit(root = fromRoot()): string | null {
  let gitDir = join(root, ".git");
  const pointer = read(gitDir);
  if (pointer?.startsWith("gitdir:")) gitDir = resolve(root, pointer.slice("gitdir:".length).trim());
  const head = read(join(gitDir, "HEAD"));
  if (!head) return null;
  if (/^[0-9a-f]{40}$/.test(head)) return head;
  const ref = head.match(/^ref: (.+)$/)?.[1];
  if (!ref) return null;
  // A worktree keeps its HEAD but shares refs with the main clone (commondir).
  const common = read(join(gitDir, "commondir"));
  const dirs = [gitDir, ...(common ? [resolve(gitDir, common)] : [])];
  for (const dir of dirs) {
    const direct = read(join(dir, ref));
    if (direct && /^[0-9a-f]{40}$/.test(direct)) return direct;
    const packed = read(join(dir, "packed-refs"))?.split("\n").find((l) => l.endsWith(` ${ref}`));
    if (packed) return packed.slice(0, 40);
  }
  return null;
}

export function versionOf(rel: string, commit: string | null): string {
  return commit ? `${rel} (${commit.slice(0, 7)})` : rel;
}

const builtCommit = typeof LINGONG_COMMIT !== "undefined" ? LINGONG_COMMIT : undefined;
export const appVersion: string = versionOf(release, builtCommit !== undefined ? builtCommit || null : gitCommit());
