// /healthz tells the truth (issue 18): it fails with 503, a machine-readable
// code and a Chinese reason when a write cannot be made (the disk is really
// full: a small tmpfs), when the DB file is deleted or replaced under the
// running server, and when free space is below DISK_MIN_FREE_MB. The status
// page shows the same, and the last errors with the id on the error page.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { makeTestApp, signedIn, nextPhone } from "../helpers/app.ts";
import { paths } from "../../src/paths.ts";
import { copy } from "../../views/copy/index.ts";

async function health(t: { app: { request: (p: string) => Response | Promise<Response> } }) {
  const res = await t.app.request("/healthz");
  return { status: res.status, body: await res.json() };
}

/** A small tmpfs of its own, or null where this machine will not mount one (not root, in a container without the right). */
function smallDisk(sizeKb: number): { dir: string; done: () => void } | null {
  const dir = mkdtempSync(join(tmpdir(), "lingong-full-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKb}k`, "tmpfs", dir], { stdio: "ignore" });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    done: () => {
      try {
        execFileSync("umount", ["-l", dir], { stdio: "ignore" });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

test("healthy: 200, ok true, the version with the commit, and the probe does not empty the page cache", async () => {
  const t = await makeTestApp();
  try {
    await t.deps.database.drain(); // the jobs feature's first sweep, started with the app, is done
    const before = t.deps.database.generation;
    const { status, body } = await health(t);
    assert.is(status, 200);
    assert.is(body.ok, true);
    assert.is(body.code, null);
    assert.equal(body.problems, []);
    assert.match(body.version, /^\d+\.\d+\.\d+/);
    const probe = await t.db.all<{ at: number }>(sql`SELECT at FROM health_probe`);
    assert.is(probe.length, 1, "the probe wrote its row");
    assert.is(t.deps.database.generation, before, "written with { pages: false }");
  } finally {
    t.close();
  }
});

test("disk full (a real 3 MB tmpfs): writes fail with SQLITE_FULL, /healthz says 503 write_failed, a form gets a 503 page with an error id found in the log and on the status page", async () => {
  const disk = smallDisk(3072);
  if (!disk) {
    console.log("  (skipped: cannot mount a tmpfs here; run as root)");
    return;
  }
  const t = await makeTestApp({ env: { DATABASE_URL: `file:${join(disk.dir, "full.db")}`, DISK_MIN_FREE_MB: "0" } });
  try {
    const admin = await signedIn(t, { role: "city_admin" });
    assert.is((await health(t)).status, 200, "healthy before the disk fills");
    // Fill the disk to the last byte.
    try {
      for (let i = 0; ; i++) writeFileSync(join(disk.dir, `filler-${i}`), Buffer.alloc(64 * 1024, 1));
    } catch {
      /* ENOSPC: full */
    }
    try {
      for (let i = 0; i < 20; i++) writeFileSync(join(disk.dir, `crumb-${i}`), Buffer.alloc(1024, 1));
    } catch {
      /* full to the last KB */
    }
    // A big write cannot be made.
    const err = await t.deps.database
      .write((db) => db.run(sql`INSERT INTO settings (key, value) VALUES ('big', ${"x".repeat(512 * 1024)})`))
      .then(() => null, (e) => e);
    assert.ok(err, "the write failed");
    assert.is(t.deps.database.writeHealth.lastFailure?.code, "SQLITE_FULL");
    const { status, body } = await health(t);
    assert.is(status, 503);
    assert.is(body.ok, false);
    assert.is(body.code, "write_failed");
    assert.is(body.reason, copy.ops.health.write_failed);
    // A real form that writes (a failed sign-in is counted) does not fit either.
    const anon = t.client();
    await anon.get(paths.accounts.login);
    const r = await anon.post(paths.accounts.login, { phone: nextPhone(), secret: "wrong password 1" });
    assert.is(r.status, 503, "not saved: 503, not a 500 and not a success");
    assert.match(r.html, copy.errors.storageTitle);
    const id = r.html.match(/错误编号:([\w-]+)/)?.[1];
    assert.ok(id, "the page shows an error id");
    const line = t.logs.map((l) => JSON.parse(l)).find((l) => l.msg === "unhandled" && l.req === id);
    assert.ok(line, "the log line carries the same id");
    assert.is(line.code, "SQLITE_FULL");
    // The status page shows the same verdict and the last errors.
    const page = await admin.get(paths.ops.status);
    assert.is(page.status, 200);
    assert.match(page.html, "write_failed");
    assert.match(page.html, copy.ops.recentErrors);
    // Room again: the probe writes, and once the failure is a minute old the check is healthy again.
    for (let i = 0; ; i++) {
      try {
        unlinkSync(join(disk.dir, `filler-${i}`));
      } catch {
        break;
      }
    }
    t.deps.database.writeHealth.lastFailure!.at -= 61_000;
    const again = await t.app.request("/healthz");
    assert.is(again.status, 200, "healthy when writes work again");
  } finally {
    t.close();
    disk.done();
  }
});

test("the DB file deleted under the running server: 503 db_missing, and writes are refused instead of acknowledged into a deleted file", async () => {
  const t = await makeTestApp();
  try {
    const path = join(t.dir, "test.db");
    unlinkSync(path);
    const { status, body } = await health(t);
    assert.is(status, 503);
    assert.is(body.code, "db_missing");
    assert.match(body.reason, "数据库文件不见了");
    const err = await t.deps.database.write((db) => db.run(sql`INSERT INTO settings (key, value) VALUES ('lost', '1')`)).then(() => null, (e) => e);
    assert.is(err?.code, "DB_MISSING");
    const err2 = await t.deps.database.transaction((tx) => tx.run(sql`INSERT INTO settings (key, value) VALUES ('lost2', '1')`)).then(() => null, (e) => e);
    assert.is(err2?.code, "DB_MISSING");
    // A page that writes answers 503 "not saved", not 200.
    const b = t.client();
    await b.get(paths.accounts.login);
    const r = await b.post(paths.accounts.login, { phone: nextPhone(), secret: "wrong password 1" });
    assert.is(r.status, 503);
    assert.match(r.html, copy.errors.storageTitle);
  } finally {
    t.close();
  }
});

test("the DB file replaced under the running server (another file at the same path): 503 db_replaced", async () => {
  const t = await makeTestApp();
  try {
    const path = join(t.dir, "test.db");
    copyFileSync(path, join(t.dir, "other.db"));
    renameSync(join(t.dir, "other.db"), path);
    const { status, body } = await health(t);
    assert.is(status, 503);
    assert.is(body.code, "db_replaced");
  } finally {
    t.close();
  }
});

test("free disk below DISK_MIN_FREE_MB: 503 disk_low; the status page says so", async () => {
  const t = await makeTestApp({ env: { DISK_MIN_FREE_MB: "9000000" } });
  try {
    const { status, body } = await health(t);
    assert.is(status, 503);
    assert.is(body.code, "disk_low");
    assert.is(body.disk, "low");
    const admin = await signedIn(t, { role: "city_admin" });
    const page = await admin.get(paths.ops.status);
    assert.match(page.html, "disk_low");
  } finally {
    t.close();
  }
});

test("an unhandled error's log line and its 500 page share the request id; every log line of the request carries it", async () => {
  const t = await makeTestApp();
  try {
    t.app.get("/__boom", (c) => {
      c.var.log.info("about to fail");
      throw new Error("boom");
    });
    const res = await t.app.request("/__boom");
    assert.is(res.status, 500);
    const html = await res.text();
    const id = html.match(/错误编号:([\w-]+)/)?.[1];
    assert.ok(id);
    assert.is(res.headers.get("x-request-id"), id);
    const lines = t.logs.map((l) => JSON.parse(l)).filter((l) => l.req === id);
    assert.equal(lines.map((l) => l.msg), ["about to fail", "unhandled", "request"]);
    // The id right after the message, as before; the status page's last errors carry it too.
    assert.equal(Object.keys(lines[1]).slice(0, 4), ["t", "level", "msg", "req"]);
    assert.is(t.deps.recentErrors?.at(-1)?.req, id);
  } finally {
    t.close();
  }
});

test.run();
