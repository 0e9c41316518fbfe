// The bundle refuses to start when a source changed after it was built (an
// upgrade that forgot `npm run build`).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { staleSources } from "../../src/shared/bundle.ts";

function project() {
  const root = mkdtempSync(join(tmpdir(), "lingong-bundle-"));
  mkdirSync(join(root, "dist"));
  mkdirSync(join(root, "src"));
  for (const f of ["src/a.ts", "src/b.ts"]) writeFileSync(join(root, f), "");
  writeFileSync(join(root, "dist", "main.js"), "");
  writeFileSync(join(root, "dist", "sources.json"), JSON.stringify(["src/a.ts", "src/b.ts"]));
  const at = (f: string, s: number) => utimesSync(join(root, f), s, s);
  at("src/a.ts", 1000);
  at("src/b.ts", 1000);
  at("dist/main.js", 2000);
  return { root, at, done: () => rmSync(root, { recursive: true, force: true }) };
}

test("a bundle newer than all its sources is up to date", () => {
  const p = project();
  assert.equal(staleSources(p.root), []);
  p.done();
});

test("a source changed after the build makes the bundle stale, and names the file", () => {
  const p = project();
  p.at("src/b.ts", 3000);
  assert.equal(staleSources(p.root), ["src/b.ts"]);
  p.done();
});

test("a source that is gone makes the bundle stale", () => {
  const p = project();
  rmSync(join(p.root, "src/a.ts"));
  assert.equal(staleSources(p.root), ["src/a.ts"]);
  p.done();
});

test.run();
