// `npm run restore FILE`: refused while the server runs; with it stopped, the
// backup goes back in place, the replaced DB is kept, stale -wal/-shm go, and
// the server starts on the restored data. Files that are not whole, not ours
// or from a newer release are refused and the live DB stays as it was.
//
// This test never opens the live DB itself until the end: an open connection
// in this process would (rightly) count as "in use" and refuse the restore.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { paths } from "../../src/paths.ts";
import { admin, remoteBrowser, startServer, tempDir, type Server } from "./helpers.ts";

const tmp = tempDir("lingong-restore-");
const env = { DATABASE_URL: tmp.url, BACKUP_DIR: join(tmp.dir, "backups") };
const ADMIN = { name: "刘主任", phone: "13700000001", password: "city admin pass 1" };
const backupFile = join(tmp.dir, "before.db");
let server: Server | null = null;

test.after(async () => {
  await server?.stop();
  tmp.cleanup();
});

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

async function newCountyAdmin(b: ReturnType<typeof remoteBrowser>, name: string, phone: string) {
  await b.get(paths.accounts.adminNew);
  const r = await b.post(paths.accounts.adminNew, { role: "county_admin", name, phone, countyCode: "411024", password: "a long password", password2: "a long password" });
  assert.is(r.status, 303, `create ${name}`);
}

test("refused while the server runs; done when it is stopped; the server then runs on the backup's data", async () => {
  server = await startServer(env);
  const link = server.stdout().match(/http\S+\/setup\?token=\S+/)?.[0];
  assert.ok(link, "the first start prints the setup link");
  const b = remoteBrowser(server);
  await b.get(new URL(link!).pathname + new URL(link!).search);
  assert.is((await b.post(paths.accounts.setup, { token: new URL(link!).searchParams.get("token")!, ...ADMIN, password2: ADMIN.password })).status, 303);
  await b.login(ADMIN.phone, ADMIN.password);
  await newCountyAdmin(b, "备份前", "13700000002");

  const backup = await admin(["backup", backupFile], env);
  assert.is(backup.code, 0, backup.stderr);
  await newCountyAdmin(b, "备份后", "13700000003");

  const refused = await admin(["restore", backupFile], env);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, "服务似乎还在运行");
  assert.match(refused.stderr, "Stop it first");
  assert.match((await b.get(paths.accounts.admin)).html, "备份后", "the live DB was left alone, the server still serves");

  await server.stop();
  server = null;
  const done = await admin(["restore", backupFile], env);
  assert.is(done.code, 0, done.stderr);
  assert.match(done.stdout, "已恢复数据库");
  const kept = done.stdout.match(/(\S+\.before-restore-\d{8}-\d{6})/)?.[1];
  assert.ok(kept && existsSync(kept), done.stdout);
  assert.not.ok(existsSync(`${tmp.dbPath}-wal`) || existsSync(`${tmp.dbPath}-shm`), "no stale -wal/-shm beside the restored file");
  assert.is(sha(tmp.dbPath), sha(backupFile), "the live DB is now the backup, byte for byte");

  server = await startServer(env);
  const after = remoteBrowser(server);
  await after.login(ADMIN.phone, ADMIN.password);
  const list = (await after.get(paths.accounts.admin)).html;
  assert.match(list, "备份前");
  assert.not.match(list, "备份后", "what came after the backup is gone from the live DB…");
  await server.stop();
  server = null;

  const old = createClient({ url: `file:${kept}` });
  try {
    const names = (await old.execute("SELECT name FROM users")).rows.map((r) => String(r[0]));
    assert.ok(names.includes("备份后"), "…but kept in the copy of the replaced DB");
  } finally {
    old.close();
  }
});

test("a file that is damaged, not a DB, not ours, from a newer release or missing is refused; the live DB is untouched", async () => {
  const garbage = join(tmp.dir, "notes.db");
  writeFileSync(garbage, "这不是数据库 / not a database\n".repeat(200));
  const damaged = join(tmp.dir, "damaged.db");
  const bytes = readFileSync(backupFile);
  bytes.fill(0x5a, 4096 * 2, 4096 * 6); // pages 3–6 overwritten
  writeFileSync(damaged, bytes);
  const foreign = join(tmp.dir, "foreign.db");
  const f = createClient({ url: `file:${foreign}` });
  await f.execute("CREATE TABLE notes (body TEXT)");
  f.close();
  const newer = join(tmp.dir, "newer.db");
  copyFileSync(backupFile, newer);
  const n = createClient({ url: `file:${newer}` });
  await n.execute({ sql: "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", args: ["0999_from_the_future.sql", 1] });
  n.close();

  const before = sha(tmp.dbPath);
  const cases: [string, RegExp][] = [
    [garbage, /不是可用的数据库文件|已损坏/],
    [damaged, /不是可用的数据库文件|已损坏/],
    [foreign, /不是本系统的数据库/],
    [newer, /更新的程序版本/],
    [join(tmp.dir, "nowhere.db"), /找不到文件/],
  ];
  const results = await Promise.all(cases.map(([file]) => admin(["restore", file], env)));
  results.forEach((r, i) => {
    assert.is(r.code, 1, cases[i][0]);
    assert.match(r.stderr, cases[i][1], cases[i][0]);
  });
  assert.is(sha(tmp.dbPath), before);
  const usage = await admin(["restore"], env);
  assert.is(usage.code, 2, "no file given");
});

test("on a new machine (no DB yet, not even its directory) the backup simply goes in place", async () => {
  const target = join(tmp.dir, "new-machine", "lib", "lingong.db");
  const r = await admin(["restore", backupFile], { DATABASE_URL: `file:${target}` });
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout, "另存为", "nothing was replaced, so nothing kept");
  assert.is(sha(target), sha(backupFile));
});

test.run();
