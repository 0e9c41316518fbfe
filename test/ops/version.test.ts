// The version shown is the release plus the commit (issue 18): read from .git
// under tsx and Deno, written into the bundle by `npm run build`.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { appVersion, gitCommit, release, versionOf } from "../../src/ops/version.ts";
import { ROOT } from "./helpers.ts";

test("from .git: the checked-out commit, in a clone or a worktree", () => {
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  assert.is(gitCommit(ROOT), head);
  assert.is(appVersion, `${release} (${head.slice(0, 7)})`);
  assert.is(versionOf("0.1.0", null), "0.1.0", "no .git (a release archive): the release alone");
  assert.is(gitCommit("/nonexistent"), null);
});

test("the bundle carries the commit it was built from", () => {
  assert.is(spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT }).status, 0);
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  // The bundle itself is dist/app.cjs since it runs from V8's code cache (dist/main.js loads it).
  assert.match(readFileSync(join(ROOT, "dist", "app.cjs"), "utf8"), JSON.stringify(head));
});

test.run();
