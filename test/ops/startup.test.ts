// Start-up refusals (issue 18): a refusal a restart cannot fix exits 78 (the
// unit's RestartPreventExitStatus) with one Chinese line and no stack trace;
// a missing DB in production is refused, not replaced by an empty one (only
// `npm run admin -- init` creates it); a refused start makes no setup link.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { admin, freePort, ROOT, runToExit, startServer, tempDir } from "./helpers.ts";

const prod = (url: string, more: Record<string, string> = {}) => ({ NODE_ENV: "production", DATABASE_URL: url, ...more });

/** One Chinese line on stderr, no stack trace. */
function oneLine(stderr: string) {
  const lines = stderr.trim().split("\n");
  assert.is(lines.length, 1, `one line, got: ${stderr}`);
  assert.match(lines[0], /[\u4e00-\u9fff]/, "Chinese");
  assert.not.match(stderr, /\n\s+at /, "no stack trace");
}

test("production, DB file missing: exit 78 with what to do; no empty DB is created and no setup link made", async () => {
  const tmp = tempDir();
  try {
    const r = await runToExit(prod(tmp.url));
    assert.is(r.code, 78);
    oneLine(r.stderr);
    assert.match(r.stderr, "找不到数据库文件");
    assert.match(r.stderr, "DATABASE_URL");
    assert.match(r.stderr, "lingong-admin init");
    assert.match(r.stderr, "restore");
    assert.not.match(r.stdout, "首次使用", "no setup link");
    assert.is(existsSync(tmp.dbPath), false, "no empty DB left behind");
    // Other admin commands refuse too; init creates it, once.
    const list = await admin(["list"], prod(tmp.url));
    assert.is(list.code, 1);
    assert.match(list.stderr, "找不到数据库文件");
    assert.is(existsSync(tmp.dbPath), false);
    const init = await admin(["init"], prod(tmp.url));
    assert.is(init.code, 0, init.stderr);
    assert.match(init.stdout, "已建好数据库");
    const again = await admin(["init"], prod(tmp.url));
    assert.is(again.code, 0);
    assert.match(again.stdout, "已经存在");
    const s = await startServer(prod(tmp.url));
    try {
      for (let i = 0; i < 600 && !s.stdout().includes("首次使用"); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(s.stdout(), "首次使用", "the first start after init prints the setup link");
    } finally {
      await s.stop();
    }
  } finally {
    tmp.cleanup();
  }
});

test("trying it out (no NODE_ENV=production): the server creates the DB, as `npm install && npm start` promises", async () => {
  const tmp = tempDir();
  try {
    const s = await startServer({ DATABASE_URL: tmp.url });
    await s.stop();
    assert.ok(existsSync(tmp.dbPath));
    assert.match(s.stdout(), '"msg":"created"');
  } finally {
    tmp.cleanup();
  }
});

test("a bad setting: exit 78, one line naming the variable", async () => {
  const r = await runToExit({ NODE_ENV: "production", PORT: "70000" });
  assert.is(r.code, 78);
  oneLine(r.stderr);
  assert.match(r.stderr, "PORT");
});

test("port in use: exit 78 with the Chinese line, before any setup link", async () => {
  const tmp = tempDir();
  const port = await freePort();
  const blocker = createServer().listen(port);
  await new Promise((r) => blocker.once("listening", r));
  try {
    const r = await runToExit({ DATABASE_URL: tmp.url, PORT: String(port) });
    assert.is(r.code, 78);
    oneLine(r.stderr);
    assert.match(r.stderr, `端口 ${port} 已被别的程序占用`);
    assert.not.match(r.stdout, "首次使用", "no setup link minted by a refused start");
  } finally {
    blocker.close();
    tmp.cleanup();
  }
});

test("a read-only DB (its file system mounted read-only): exit 78 and one Chinese line, not a SQLITE_READONLY stack trace", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lingong-ro-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", dir], { stdio: "ignore" });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    console.log("  (skipped: cannot mount a tmpfs here; run as root)");
    return;
  }
  try {
    const url = `file:${join(dir, "ro.db")}`;
    // Made by another process, so no file of it stays open here.
    assert.is((await admin(["init"], { DATABASE_URL: url })).code, 0);
    execFileSync("mount", ["-o", "remount,ro", dir]);
    const r = await runToExit(prod(url));
    assert.is(r.code, 78, r.stderr);
    oneLine(r.stderr);
    assert.match(r.stderr, "只读");
  } finally {
    spawnSync("umount", ["-l", dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a stale bundle (sources newer than dist/main.js): exit 78, says to run npm run build", async () => {
  assert.is(spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT }).status, 0);
  const bundle = join(ROOT, "dist", "main.js");
  const was = statSync(bundle).mtime;
  utimesSync(bundle, new Date("2000-01-01"), new Date("2000-01-01"));
  const tmp = tempDir();
  try {
    const r = await runToExit(prod(tmp.url), { args: ["dist/main.js"], node: [] });
    assert.is(r.code, 78);
    oneLine(r.stderr);
    assert.match(r.stderr, "npm run build");
  } finally {
    utimesSync(bundle, was, was);
    tmp.cleanup();
  }
});

test("the bundle is pure ASCII (a start decodes and parses it on the fast path), and its escaped Chinese prints as Chinese", async () => {
  assert.is(spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT }).status, 0);
  // dist/app.cjs is the bundle since it runs from V8's code cache; dist/main.js loads it.
  for (const name of ["app.cjs", "main.js"]) {
    const bytes = readFileSync(join(ROOT, "dist", name));
    const at = bytes.findIndex((b) => b > 0x7f);
    assert.is(at, -1, `non-ASCII byte in dist/${name} at ${at}: ${bytes.subarray(Math.max(0, at - 40), at + 10).toString()}`);
  }
  // The bundle itself, run: its escaped copy reaches stderr as Chinese.
  const tmp = tempDir();
  try {
    const r = await runToExit(prod(tmp.url), { args: ["dist/main.js"], node: [] });
    assert.is(r.code, 78);
    oneLine(r.stderr);
    assert.match(r.stderr, "找不到数据库文件");
  } finally {
    tmp.cleanup();
  }
});

test("the entry is CommonJS: a start runs no ES module, and the bundle still finds the project's folder", async () => {
  assert.is(spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT }).status, 0);
  // dist/package.json says the entry is CommonJS (the project's package.json says "module").
  assert.equal(JSON.parse(readFileSync(join(ROOT, "dist", "package.json"), "utf8")), { type: "commonjs" });
  const tmp = tempDir();
  const preload = join(tmp.dir, "esm.cjs");
  writeFileSync(preload, `process.on("exit", () => process.stderr.write("ES module jobs: " + process.moduleLoadList.includes("NativeModule internal/modules/esm/module_job") + "\\n"));`);
  try {
    const r = await runToExit(prod(tmp.url), { args: ["dist/main.js"], node: ["--require", preload] });
    // Refused for its missing DB: the config was read, so the region file was found from the project's folder, not dist/.
    assert.is(r.code, 78, r.stderr);
    assert.match(r.stderr, "找不到数据库文件");
    assert.match(r.stderr, "ES module jobs: false");
  } finally {
    tmp.cleanup();
  }
});

test.run();
