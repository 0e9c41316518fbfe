// Upgrades: an old DB (only migrations 0001–0002, with data) is brought up to
// date by the normal start (prepare) and keeps its data; a DB from a newer
// release is refused, by the code and by the real server at start.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createClient } from "@libsql/client";
import { loadConfig } from "../../src/config.ts";
import { prepare } from "../../src/app.tsx";
import { jsonLogger } from "../../src/shared/context.ts";
import { migrate, loadMigrations, NewerDatabaseError } from "../../src/shared/migrate.ts";
import { startServer, tempDir } from "./helpers.ts";

const quiet = jsonLogger(() => {}, true);

test("a DB with migrations up to 0002 and data in it is upgraded by prepare(), and every row survives", async () => {
  const tmp = tempDir();
  try {
    const old = createClient({ url: tmp.url });
    const applied = await migrate(old, loadMigrations().slice(0, 2));
    assert.equal(applied, ["0001_foundation_regions_accounts.sql", "0002_gig_market_core.sql"]);
    // Raw SQL: the drizzle schema describes the newest tables, not these.
    await old.executeMultiple(`
      INSERT INTO counties (code, name) VALUES ('411024', '鄢陵县');
      INSERT INTO work_kinds (name) VALUES ('装卸搬运');
      INSERT INTO markets (name, tier, county_code, created_at) VALUES ('鄢陵县零工驿站', 'station', '411024', 1700000000000);
      INSERT INTO users (role, phone, name, created_at) VALUES ('city_admin', '13700000001', '刘主任', 1700000000000);
      INSERT INTO users (role, phone, name, pin_hash, county_code, created_at) VALUES ('worker', '13700000002', '王秀英', 'scrypt$x', '411024', 1700000000000);
      INSERT INTO users (role, phone, name, created_at) VALUES ('employer', '13700000003', '李老板', 1700000000000);
      INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ('h1', 2, 1700000000000, 1700000500000);
      INSERT INTO worker_profiles (user_id, county_code, card_code, created_at, updated_at) VALUES (2, '411024', 'K7QX3M', 1700000000000, 1700000000000);
      INSERT INTO employers (user_id, kind, name, contact_name, contact_phone, county_code, created_at) VALUES (3, 'private', '李老板', '李老板', '13700000003', '411024', 1700000000000);
      INSERT INTO job_postings (employer_id, title, kind_id, form, headcount, start_date, end_date, county_code, contact_name, contact_phone, status, created_at, updated_at)
        VALUES (1, '卸一车水泥', 1, 'gig', 2, '2023-11-20', '2023-11-21', '411024', '李老板', '13700000003', 'filled', 1700000000000, 1700000000000);
      INSERT INTO applications (posting_id, worker_id, status, created_at) VALUES (1, 2, 'confirmed', 1700000100000);
      INSERT INTO hires (application_id, posting_id, employer_id, worker_id, wage_fen, wage_unit, start_date, end_date, place, confirmed_at)
        VALUES (1, 1, 1, 2, 20000, 'day', '2023-11-20', '2023-11-21', '城关镇', 1700000200000);
      INSERT INTO audit_log (at, action) VALUES (1700000000000, 'setup.first_admin');
    `);
    old.close();

    const deps = await prepare({ config: loadConfig({ DATABASE_URL: tmp.url }), log: quiet });
    try {
      const q = async (sql: string) => (await deps.database.client.execute(sql)).rows;
      const names = (await q("SELECT name FROM schema_migrations ORDER BY name")).map((r) => String(r[0]));
      assert.equal(names, loadMigrations().map((m) => m.name), "every migration applied, in order");
      assert.equal((await q("SELECT name, phone FROM users ORDER BY id")).map((r) => `${r[0]}:${r[1]}`), ["刘主任:13700000001", "王秀英:13700000002", "李老板:13700000003"]);
      assert.is(String((await q("SELECT card_code FROM worker_profiles WHERE user_id = 2"))[0][0]), "K7QX3M");
      assert.is(Number((await q("SELECT wage_fen FROM hires WHERE id = 1"))[0][0]), 20000);
      assert.is(String((await q("SELECT title FROM job_postings WHERE id = 1"))[0][0]), "卸一车水泥");
      assert.is(Number((await q("SELECT count(*) FROM audit_log"))[0][0]), 1);
      for (const table of ["check_ins", "user_last_seen"]) {
        assert.is((await q(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '${table}'`)).length, 1, `${table} exists`);
      }
      assert.is(Number((await q("SELECT at FROM user_last_seen WHERE user_id = 2"))[0][0]), 1700000500000, "0009 backfilled the last sign-in from sessions");
      assert.is(String((await q("PRAGMA integrity_check"))[0][0]), "ok");
      assert.is((await q("PRAGMA foreign_key_check")).length, 0);
      assert.ok(Number((await q("SELECT count(*) FROM counties"))[0][0]) > 1, "the region file's counties were added at start");
    } finally {
      deps.database.close();
    }
  } finally {
    tmp.cleanup();
  }
});

test("a DB from a newer release is refused: by migrate(), by prepare(), and by the server, which exits with the message", async () => {
  const tmp = tempDir();
  try {
    const c = createClient({ url: tmp.url });
    await migrate(c);
    await c.execute({ sql: "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", args: ["0999_from_the_future.sql", Date.now()] });
    try {
      await migrate(c);
      assert.unreachable("migrate should refuse");
    } catch (e) {
      assert.instance(e, NewerDatabaseError);
      assert.match((e as Error).message, "0999_from_the_future.sql");
    }
    c.close();
    try {
      await prepare({ config: loadConfig({ DATABASE_URL: tmp.url }), log: quiet });
      assert.unreachable("prepare should refuse");
    } catch (e) {
      assert.instance(e, NewerDatabaseError);
    }
    try {
      const s = await startServer({ DATABASE_URL: tmp.url });
      await s.stop();
      assert.unreachable("the server should not start");
    } catch (e) {
      assert.match((e as Error).message, "server exited with 78", "78: a restart cannot fix it (issue 18)");
      assert.match((e as Error).message, "数据库来自更新的版本");
      assert.not.match((e as Error).message, "at migrate", "a message, not a stack trace");
    }
  } finally {
    tmp.cleanup();
  }
});

test.run();
