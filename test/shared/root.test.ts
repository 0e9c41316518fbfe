// The project's folder is found from any module's own place, in src/ under tsx or Deno and in dist/ for the
// bundle — where the build writes a package.json of its own (it says dist's files are CommonJS).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRoot, projectRoot } from "../../src/shared/root.ts";

test("the project's package.json is the one with a name: dist/package.json is passed over", () => {
  const root = mkdtempSync(join(tmpdir(), "lingong-root-"));
  try {
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "lingong", type: "module" }));
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "dist", "package.json"), JSON.stringify({ type: "commonjs" }));
    mkdirSync(join(root, "src", "shared"), { recursive: true });
    assert.is(findRoot(join(root, "dist")), root);
    assert.is(findRoot(join(root, "src", "shared")), root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("from the sources: the repository's folder", () => {
  assert.is(projectRoot, join(import.meta.dirname, "..", ".."));
});

test.run();
