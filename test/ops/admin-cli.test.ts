// `npm run admin`: each command run as a real child process on a temp DB,
// checked by reading the DB afterwards.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eq, sql } from "drizzle-orm";
import { auditLog, loginThrottle, sessions, setupTokens, users } from "../../db/schema/index.ts";
import { verifySecret, sha256 } from "../../src/shared/crypto.ts";
import { accountKey } from "../../src/shared/throttle.ts";
import { maskPhone } from "../../src/shared/validators.ts";
import type { Deps } from "../../src/shared/context.ts";
import { admin, addAccount, openDeps, tempDir } from "./helpers.ts";

const tmp = tempDir();
const env = { DATABASE_URL: tmp.url, BACKUP_DIR: `${tmp.dir}/backups` };
let deps: Deps;

test.before(async () => {
  deps = await openDeps(tmp.url);
});
test.after(() => {
  deps.database.close();
  tmp.cleanup();
});

const user = async (phone: string) => (await deps.database.db.select().from(users).where(eq(users.phone, phone)))[0];
const audits = async (action: string, subjectId: number) =>
  deps.database.db.select().from(auditLog).where(sql`${auditLog.action} = ${action} AND ${auditLog.subjectId} = ${subjectId}`);
const addSession = (userId: number) =>
  deps.database.write((db) => db.insert(sessions).values({ idHash: sha256(String(Math.random())), userId, createdAt: Date.now(), lastSeenAt: Date.now() }));

test("--help lists every command; an unknown command or a missing argument is a usage error (exit 2)", async () => {
  const [help, unknown, missing] = await Promise.all([admin(["--help"], env), admin(["frobnicate"], env), admin(["reset-password"], env)]);
  assert.is(help.code, 0);
  for (const c of ["setup-link", "reset-password", "disable", "unlock", "list", "migrate", "backup", "restore", "housekeeping"]) {
    assert.match(help.stdout, c);
  }
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, "不认识的命令");
  assert.match(unknown.stderr, "Unknown command");
  assert.is(missing.code, 2);
  assert.match(missing.stderr, "需要手机号");
});

test("setup-link: a working one-time link while there is no city admin; refused once there is one, whatever the flags", async () => {
  const first = await admin(["setup-link"], env);
  assert.is(first.code, 0, first.stderr);
  const link = first.stdout.match(/(http\S+\/setup\?token=(\S+))/);
  assert.ok(link, first.stdout);
  const row = (await deps.database.db.select().from(setupTokens).where(eq(setupTokens.tokenHash, sha256(link![2]))))[0];
  assert.ok(row && row.usedAt === null && row.expiresAt > Date.now(), "the token is live in the DB");

  await addAccount(deps, { role: "city_admin", phone: "13700000001" });
  const refused = await admin(["setup-link"], env);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, "reset-password");
  // Issue #16: --force used to make another live link, i.e. another city admin.
  const forced = await admin(["setup-link", "--force"], env);
  assert.is(forced.code, 1);
  assert.not.match(forced.stdout, "/setup?token=");
  const live = (await deps.database.db.select().from(setupTokens)).filter((r) => r.usedAt === null && r.expiresAt > Date.now());
  assert.is(live.length, 1, "only the first link was ever made, and no new one");
});

test("reset-password: a new password shown once, the old one dead, sessions and lock cleared, audited", async () => {
  const staff = await addAccount(deps, { role: "county_admin", phone: "13700000002", countyCode: "411024", password: "old password 1" });
  await addSession(staff.id);
  await deps.database.write((db) => db.insert(loginThrottle).values({ key: accountKey(staff.phone), failures: 5, windowStart: Date.now(), lockedUntil: Date.now() + 900_000 }));
  const r = await admin(["reset-password", "137-0000-0002"], env);
  assert.is(r.code, 0, r.stderr);
  const password = r.stdout.match(/^ {4}(\S+)$/m)?.[1];
  assert.ok(password && password.length >= 12, r.stdout);
  assert.not.match(r.stdout, staff.phone, "the phone is masked in the output");
  assert.match(r.stdout, maskPhone(staff.phone));
  const after = await user(staff.phone);
  assert.ok(await verifySecret(password!, after.passwordHash));
  assert.not.ok(await verifySecret("old password 1", after.passwordHash));
  assert.is((await deps.database.db.select().from(sessions).where(eq(sessions.userId, staff.id))).length, 0);
  assert.is((await deps.database.db.select().from(loginThrottle).where(eq(loginThrottle.key, accountKey(staff.phone)))).length, 0);
  const [entry] = await audits("account.reset_password", staff.id);
  assert.ok(entry);
  assert.is(entry.actorId, null);
});

test("reset-password refuses workers, unknown numbers and non-numbers with a clear message (exit 1)", async () => {
  await addAccount(deps, { role: "worker", phone: "13700000003" });
  const cases: [string, string][] = [
    ["13700000003", "只能给工作人员和管理员重设"],
    ["13799999999", "没有手机号为 13799999999 的账号"],
    ["12345", "不是 11 位手机号"],
  ];
  const results = await Promise.all(cases.map(([phone]) => admin(["reset-password", phone], env)));
  results.forEach((r, i) => {
    assert.is(r.code, 1, cases[i][0]);
    assert.match(r.stderr, cases[i][1]);
  });
});

test("disable ends the sessions and is audited; a second disable says so; enable undoes it", async () => {
  const staff = await addAccount(deps, { role: "city_admin", phone: "13700000004" });
  await addSession(staff.id);
  const r = await admin(["disable", staff.phone], env);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, "已停用");
  assert.ok((await user(staff.phone)).disabledAt !== null);
  assert.is((await deps.database.db.select().from(sessions).where(eq(sessions.userId, staff.id))).length, 0);
  assert.is((await audits("account.disable", staff.id)).length, 1);
  const again = await admin(["disable", staff.phone], env);
  assert.is(again.code, 0);
  assert.match(again.stdout, "本来就是停用状态");
  assert.is((await audits("account.disable", staff.id)).length, 1, "nothing changed, nothing audited");
  const enabled = await admin(["enable", staff.phone], env);
  assert.is(enabled.code, 0);
  assert.is((await user(staff.phone)).disabledAt, null);
});

test("unlock clears a worker's hard lock after PIN guessing, and is audited", async () => {
  const w = await addAccount(deps, { role: "worker", phone: "13700000005" });
  await deps.database.write((db) =>
    db.insert(loginThrottle).values({ key: accountKey(w.phone), failures: 20, windowStart: Date.now(), lockedUntil: Number.MAX_SAFE_INTEGER }),
  );
  const r = await admin(["unlock", w.phone], env);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, "已解除");
  assert.is((await deps.database.db.select().from(loginThrottle).where(eq(loginThrottle.key, accountKey(w.phone)))).length, 0);
  assert.is((await audits("account.unlock", w.id)).length, 1);
});

test("list shows staff and admins with masked phones (workers only with --all); migrate says it is up to date", async () => {
  const [staffOnly, all, migrate] = await Promise.all([admin(["list"], env), admin(["list", "--all"], env), admin(["migrate"], env)]);
  assert.is(staffOnly.code, 0, staffOnly.stderr);
  assert.match(staffOnly.stdout, "市级管理员");
  assert.match(staffOnly.stdout, maskPhone("13700000001"));
  assert.not.match(staffOnly.stdout, "13700000001", "never the full number");
  assert.match(staffOnly.stdout, "鄢陵县", "a county admin's scope by name");
  assert.match(staffOnly.stdout, "在用");
  assert.not.match(staffOnly.stdout, maskPhone("13700000003"), "no workers without --all");
  assert.match(all.stdout, maskPhone("13700000003"));
  assert.is(migrate.code, 0);
  assert.match(migrate.stdout, "已是最新");
});

test("migrate on an empty file applies every migration; a bad setting stops a command naming the variable", async () => {
  const other = tempDir();
  try {
    const [fresh, bad] = await Promise.all([
      admin(["migrate"], { DATABASE_URL: other.url }),
      admin(["list"], { ...env, RETENTION_WORKER_DAYS: "three years" }),
    ]);
    assert.is(fresh.code, 0, fresh.stderr);
    assert.match(fresh.stdout, "0001_foundation_regions_accounts.sql");
    assert.match(fresh.stdout, "0009_ops_last_seen.sql");
    assert.is(bad.code, 1);
    assert.match(bad.stderr, "RETENTION_WORKER_DAYS");
  } finally {
    other.cleanup();
  }
});

test("housekeeping and status run on demand and report", async () => {
  const hk = await admin(["housekeeping"], env);
  assert.is(hk.code, 0, hk.stderr);
  assert.match(hk.stdout, "个人信息清理完成");
  const entries = await deps.database.db.select().from(auditLog).where(eq(auditLog.action, "housekeeping"));
  assert.is(entries.length, 1);
  assert.is(entries[0].actorId, null);
  const status = await admin(["status"], env);
  assert.is(status.code, 0, status.stderr);
  assert.match(status.stdout, "程序版本: 0.1.0");
  assert.match(status.stdout, "最近一次个人信息清理");
});

test.run();
