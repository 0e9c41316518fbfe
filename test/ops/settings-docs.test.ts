// Every setting the server reads is documented where the clerk looks (issue
// 18: five existed only in code): in the install guide's table (§4) and in
// deploy/lingong.env.example, the file the clerk edits.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers.ts";

/** Settings read only by the tools, not by the server. */
const toolOnly = new Set(["BENCH_CEILING_PATH"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

test("every environment variable read under src/ is in the guide's settings table and in the env example", () => {
  const names = new Set<string>();
  for (const file of sources(join(ROOT, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) names.add(m[1]);
    for (const m of text.matchAll(/\b(?:intVar|boolVar|intSetting|textVar|stringVar)\(\s*env,\s*"([A-Z][A-Z0-9_]+)"/g)) names.add(m[1]);
    // The one settings path (src/shared/settings.ts): intSetting("PORT", …), boolSetting, textSetting, parsedSetting, networksSetting.
    for (const m of text.matchAll(/\b(?:int|bool|text|parsed|networks)Setting\(\s*"([A-Z][A-Z0-9_]+)"/g)) names.add(m[1]);
  }
  for (const n of toolOnly) names.delete(n);
  assert.ok(names.size > 20, `found ${names.size} settings`);
  const guide = readFileSync(join(ROOT, "docs", "install.zh-CN.md"), "utf8");
  const example = readFileSync(join(ROOT, "deploy", "lingong.env.example"), "utf8");
  const notInGuide = [...names].filter((n) => !guide.includes(`| \`${n}\``));
  const notInExample = [...names].filter((n) => !new RegExp(`^#?${n}=`, "m").test(example));
  assert.equal(notInGuide, [], "missing from the table in docs/install.zh-CN.md §4");
  assert.equal(notInExample, [], "missing from deploy/lingong.env.example");
});

test("the env example's comments are Chinese (the clerk edits that file)", () => {
  const example = readFileSync(join(ROOT, "deploy", "lingong.env.example"), "utf8");
  const comments = example.split("\n").filter((l) => l.startsWith("# "));
  const chinese = comments.filter((l) => /[\u4e00-\u9fff]/.test(l));
  assert.ok(chinese.length / comments.length > 0.8, `${chinese.length} of ${comments.length} comment lines in Chinese`);
});

test.run();
