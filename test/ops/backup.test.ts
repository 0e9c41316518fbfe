// `npm run backup` while the real server is busy writing: the copy opens,
// passes integrity_check, is transactionally whole, and holds every write the
// server acknowledged before the backup began.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { LAST_BACKUP, readRecord, type BackupRecord } from "../../src/ops/records.ts";
import { paths } from "../../src/paths.ts";
import { admin, addAccount, openDeps, remoteBrowser, startServer, tempDir, type Server } from "./helpers.ts";
import { waitFor } from "../helpers/wait.ts";

const tmp = tempDir("lingong-backup-");
const env = { DATABASE_URL: tmp.url, BACKUP_DIR: join(tmp.dir, "backups"), BACKUP_KEEP: "2" };
let server: Server;
const ADMIN = { phone: "13700000001", password: "city admin pass 1" };

test.before(async () => {
  const deps = await openDeps(tmp.url);
  await addAccount(deps, { role: "city_admin", ...ADMIN });
  // Some bulk, so that copying takes long enough for writes to land meanwhile.
  await deps.database.write(() =>
    deps.database.client.execute(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) " +
        "INSERT INTO sms_outbox (to_phone, template, params, status, created_at) SELECT '13800000000', 'legacy', printf('%.300c', 'x'), 'sent', 0 FROM n",
    ),
  );
  deps.database.close();
  server = await startServer(env);
});
test.after(async () => {
  await server?.stop();
  tmp.cleanup();
});

test("a backup taken under write load is whole and holds every write acknowledged before it began", async () => {
  const b = remoteBrowser(server);
  await b.login(ADMIN.phone, ADMIN.password);
  await b.get(paths.accounts.adminNew);
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = b.csrf;

  // Writers: new county admin accounts, each a transaction (user + audit entry).
  const acked: { phone: string; at: number }[] = [];
  const failures: string[] = [];
  let seq = 0;
  let stop = false;
  const writer = async () => {
    while (!stop && failures.length === 0) {
      const phone = `136${String(10_000_000 + ++seq).slice(-8)}`;
      const body = new URLSearchParams({ _csrf: csrf, role: "county_admin", name: `管理员${seq}`, phone, countyCode: "411024", password: "a long password", password2: "a long password" });
      const res = await fetch(server.base + paths.accounts.adminNew, { method: "POST", body, headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
      if (res.status === 303 && res.headers.get("location") === paths.accounts.admin) acked.push({ phone, at: performance.now() });
      else failures.push(`${phone}: ${res.status}`);
      await res.arrayBuffer();
    }
  };
  const writers = Array.from({ length: 4 }, writer);
  await waitFor(() => acked.length >= 10 || failures.length > 0, "10 writes acknowledged before the backup");
  assert.equal(failures, [], "writes succeed before the backup");
  assert.ok(acked.length >= 10, "the load is running");

  const backupFile = join(tmp.dir, "under-load.db");
  const began = performance.now();
  const ackedBefore = acked.filter((a) => a.at < began).map((a) => a.phone);
  const result = await admin(["backup", backupFile], env);
  const ended = performance.now();
  // How many writes landed while the backup ran is a fact about this machine's
  // load, not a pass/fail rule (a quick backup on a busy machine may see none).
  const during = acked.filter((a) => a.at > began && a.at < ended).length;
  console.log(`backup under load: ${Math.round(ended - began)} ms, ${ackedBefore.length} writes acknowledged before it, ${during} while it ran`);

  if (result.code !== 0) {
    stop = true;
    await Promise.all(writers);
  }
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, "备份完成");

  const copy = createClient({ url: `file:${backupFile}` });
  try {
    assert.is(String((await copy.execute("PRAGMA integrity_check")).rows[0][0]), "ok");
    const phones = new Set((await copy.execute("SELECT phone FROM users")).rows.map((r) => String(r[0])));
    const missing = ackedBefore.filter((p) => !phones.has(p));
    assert.equal(missing, [], `all ${ackedBefore.length} writes acknowledged before the backup are in it`);
    // Each account and its audit entry were one transaction: the copy has both or neither.
    const made = Number((await copy.execute("SELECT count(*) FROM users WHERE role = 'county_admin'")).rows[0][0]);
    const audited = Number((await copy.execute("SELECT count(*) FROM audit_log WHERE action = 'account.create'")).rows[0][0]);
    assert.is(made, audited);
    assert.is(Number((await copy.execute("SELECT count(*) FROM sms_outbox")).rows[0][0]), 40000);
    // The writers never stopped: more writes are acknowledged than the copy holds (waited for, not timed).
    await waitFor(() => acked.length > made || failures.length > 0, "writes went on after the copy was taken");
    stop = true;
    await Promise.all(writers);
    assert.equal(failures, [], "no write failed while the backup ran or after");
    assert.ok(made < acked.length, "writes went on after the copy was taken");
  } finally {
    stop = true;
    await Promise.all(writers);
    copy.close();
  }

  const deps = await openDeps(tmp.url);
  try {
    const rec = await readRecord<BackupRecord>(deps.database.db, LAST_BACKUP);
    assert.is(rec?.file, "under-load.db", "the status page learns of the backup");
  } finally {
    deps.database.close();
  }
});

test("default names go to BACKUP_DIR, and only the newest BACKUP_KEEP of ours are kept there", async () => {
  mkdirSync(env.BACKUP_DIR, { recursive: true });
  const older = ["lingong-20250101-030000.db", "lingong-20250102-030000.db", "lingong-20250103-030000.db"];
  for (const name of [...older, "notes.txt"]) writeFileSync(join(env.BACKUP_DIR, name), "old");
  const r = await admin(["backup"], env);
  assert.is(r.code, 0, r.stderr);
  const made = r.stdout.match(/lingong-\d{8}-\d{6}\.db/)![0];
  assert.match(r.stdout, "删除了旧备份");
  assert.equal(readdirSync(env.BACKUP_DIR).sort(), [older[2], made, "notes.txt"], "BACKUP_KEEP=2, other files untouched");
  const again = await admin(["backup", join(env.BACKUP_DIR, made)], env);
  assert.is(again.code, 1, "never overwrites");
  assert.match(again.stderr, "已经存在");
  assert.ok(statSync(join(env.BACKUP_DIR, made)).size > 1_000_000);
  assert.is(statSync(join(env.BACKUP_DIR, made)).mode & 0o777, 0o640, "0640 like the timer's, whatever the umask (issue 18)");
});

test.run();
