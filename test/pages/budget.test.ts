// Renders every page the app has and checks the house rules that can be read
// from the HTML: HTML + CSS at most 14 KB gzipped, lang="zh-CN", a <title>,
// a label for every field, no inline script or style. Each GET route must have
// a recipe in some test/**/*.pages.ts file, so a new page cannot be forgotten.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { makeTestApp, type TestApp } from "../helpers/app.ts";
import { makeWorld, type PageRecipe, type World } from "../helpers/pages.ts";
import { assetSize } from "../helpers/assets.ts";

export const BUDGET_BYTES = 14 * 1024;

/** Routes whose GET answer is not an HTML page, with the reason. */
const notPages: Record<string, string> = {
  "/static/:name": "static files",
  "/healthz": "JSON",
};

function findRecipeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return findRecipeFiles(p);
    return name.endsWith(".pages.ts") ? [p] : [];
  });
}

/** Problems with the fields of a page: each input, select and textarea needs a label. */
export function unlabelledFields(html: string): string[] {
  const problems: string[] = [];
  const labelFor = new Set([...html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)].map((m) => m[1]));
  for (const m of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attrs = m[2];
    const type = attrs.match(/\stype="([^"]+)"/)?.[1] ?? "text";
    if (m[1] === "input" && ["hidden", "submit", "button", "image", "reset"].includes(type)) continue;
    const id = attrs.match(/\sid="([^"]+)"/)?.[1];
    const aria = /\saria-label(ledby)?="[^"]+"/.test(attrs);
    if (!aria && (!id || !labelFor.has(id))) problems.push(m[0].slice(0, 80));
  }
  return problems;
}

export function pageProblems(html: string): string[] {
  const problems: string[] = [];
  if (!/<html[^>]*\slang="zh-CN"/.test(html)) problems.push('no lang="zh-CN"');
  if (!/<title>[^<]+<\/title>/.test(html)) problems.push("no <title>");
  if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) problems.push("inline <script>");
  if (/\sstyle="/.test(html)) problems.push("inline style attribute");
  if (/\son[a-z]+="/.test(html)) problems.push("inline event handler");
  for (const f of unlabelledFields(html)) problems.push(`field without a label: ${f}`);
  return problems;
}

let t: TestApp;
let world: World;
const recipes: PageRecipe[] = [];

test.before(async () => {
  t = await makeTestApp();
  world = await makeWorld(t);
  for (const file of findRecipeFiles(join(import.meta.dirname, ".."))) {
    const mod = await import(file);
    recipes.push(...(mod.pages as PageRecipe[]));
  }
});
test.after(() => t.close());

test("every GET route of the app has a page recipe", () => {
  const covered = new Set(recipes.map((r) => r.route));
  const missing = t.app.routes
    .filter((r) => r.method === "GET" && !(r.path in notPages) && !r.path.startsWith("/api/"))
    .map((r) => r.path)
    .filter((p, i, all) => all.indexOf(p) === i && !covered.has(p));
  assert.equal(missing, [], `GET routes without a recipe in test/**/*.pages.ts: ${missing.join(", ")}`);
});

test("every page is within 14 KB gzipped with its CSS, and keeps the house rules", async () => {
  const css = assetSize("app.css").gzip + assetSize("print.css").gzip;
  const failures: string[] = [];
  const sizes: [string, number][] = [];
  for (const r of recipes) {
    const browser = world.as[r.as ?? "anon"];
    const url = typeof r.url === "function" ? await r.url(world) : r.url ?? r.route;
    for (const big of [false, true]) {
      const res = await browser.get(url, big ? { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).concat("big=1").join("; ") } : {});
      const label = `${r.as ?? "anon"} ${url}${big ? " (大字)" : ""}`;
      if (res.status !== (r.status ?? 200)) {
        failures.push(`${label}: status ${res.status}, expected ${r.status ?? 200}`);
        continue;
      }
      if (res.status !== 200) continue;
      const bytes = gzipSync(res.html).length + css;
      if (!big) sizes.push([label, bytes]);
      if (bytes > BUDGET_BYTES) failures.push(`${label}: ${bytes} bytes gzipped with CSS (limit ${BUDGET_BYTES})`);
      for (const p of pageProblems(res.html)) failures.push(`${label}: ${p}`);
      if (big && !/<html[^>]*class="big"/.test(res.html)) failures.push(`${label}: large-text mode not applied`);
    }
  }
  if (process.env.PAGE_SIZES) for (const [l, b] of sizes.sort((a, b) => b[1] - a[1])) console.log(`${b}\t${l}`);
  assert.ok(recipes.length > 0);
  assert.equal(failures, []);
});

test("the checker itself catches an unlabelled field and a missing lang", () => {
  assert.equal(unlabelledFields('<label for="a">A</label><input id="a" name="a"><input name="b">').length, 1);
  assert.ok(pageProblems("<html><title>x</title></html>").includes('no lang="zh-CN"'));
  assert.ok(pageProblems('<html lang="zh-CN"><title>x</title><script>alert(1)</script>').includes("inline <script>"));
});

test.run();
