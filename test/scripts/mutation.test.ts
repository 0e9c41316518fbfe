// `npm run mutation -- … --since REV` mutates only the lines changed since REV:
// the hunks of `git diff --unified=0` become Stryker's "file:start-end" ranges.
import { test } from "uvu";
import * as assert from "uvu/assert";
// @ts-expect-error: a plain .mjs script without type declarations
import { changedRanges, MODULES } from "../../scripts/mutation.mjs";

const DIFF = `diff --git a/src/shared/db.ts b/src/shared/db.ts
index 1111111..2222222 100644
--- a/src/shared/db.ts
+++ b/src/shared/db.ts
@@ -10 +10 @@ const a = 1;
-old
+new
@@ -20,2 +20,5 @@ function f() {
-x
-y
+x1
+x2
+x3
+x4
+x5
@@ -40,3 +42,0 @@ function g() {
-gone
-gone
-gone
@@ -1,0 +1,2 @@
+// first
+// second
`;

test("each hunk's new lines become a range; a deletion marks the lines around the gap", () => {
  assert.equal(changedRanges("src/shared/db.ts", DIFF), [
    "src/shared/db.ts:10-10",
    "src/shared/db.ts:20-24",
    "src/shared/db.ts:42-43",
    "src/shared/db.ts:1-2",
  ]);
});

test("no hunks, no ranges (the module is skipped)", () => {
  assert.equal(changedRanges("src/shared/db.ts", ""), []);
});

test("a deletion at the very top still names line 1", () => {
  assert.equal(changedRanges("a.ts", "@@ -1,2 +0,0 @@\n-x\n-y\n"), ["a.ts:1-1"]);
});

test("every module's file and covering tests are named", () => {
  for (const [name, m] of Object.entries(MODULES as Record<string, { mutate: string; tests: string[] }>)) {
    assert.ok(m.mutate.startsWith("src/"), name);
    assert.ok(m.tests.length > 0, name);
  }
});

test.run();
