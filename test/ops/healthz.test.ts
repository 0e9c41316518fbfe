// /healthz: still {"ok":true,...} for the load balancer, now with the free
// space beside the DB file, "low" under 200 MB.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { makeTestApp } from "../helpers/app.ts";
import { diskHealth, diskState, DISK_WARN_BYTES } from "../../src/ops/dbfile.ts";
import { loadMigrations } from "../../src/shared/migrate.ts";

test("healthz reports the DB, the migrations and the disk", async () => {
  const t = await makeTestApp();
  try {
    const res = await t.app.request("/healthz");
    assert.is(res.status, 200);
    const body = await res.json();
    assert.is(body.ok, true);
    assert.is(body.db, "ok");
    assert.is(body.migrations, loadMigrations().length);
    assert.is(body.disk, "ok", "this machine has room");
    assert.type(body.diskFreeMb, "number");
    assert.ok(body.diskFreeMb * 1024 * 1024 >= DISK_WARN_BYTES);
    assert.is(res.headers.get("set-cookie"), null, "no session or CSRF cookie for a health probe");
  } finally {
    t.close();
  }
});

test("the disk check: low under 200 MB (and a warning in the log), unknown for a database server", () => {
  const url = "file:/var/lib/lingong/lingong.db";
  const seen: string[] = [];
  const fs = (free: number) => (dir: string) => (seen.push(dir), { bavail: BigInt(free / 4096), bsize: 4096n });
  const warnings: unknown[] = [];
  const log = { warn: (msg: string, f?: Record<string, unknown>) => void warnings.push([msg, f]) };
  assert.equal(diskHealth(url, log, fs(150 * 1024 * 1024)), { disk: "low", diskFreeMb: 150 });
  assert.equal(warnings, [["disk_low", { diskFreeMb: 150 }]]);
  assert.equal(diskHealth(url, log, fs(500 * 1024 * 1024)), { disk: "ok", diskFreeMb: 500 });
  assert.is(warnings.length, 1);
  assert.equal(seen, ["/var/lib/lingong", "/var/lib/lingong"], "the DB's own directory");
  assert.equal(diskHealth("libsql://db.example.org", log), { disk: "unknown", diskFreeMb: null });
  assert.is(diskState(url, () => { throw new Error("ENOSYS"); }), null, "a runtime without statfs: unknown, not a crash");
});

test.run();
