// The operations settings read from the environment: defaults, valid values,
// and a bad value stopping the start with the variable's name.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadConfig, ConfigError } from "../../src/config.ts";

test("defaults: backups into ./backups keeping 30; retention 365 / 3×365 / 180 days", () => {
  const c = loadConfig({});
  assert.equal(c.backup, { dir: "backups", keep: 30 });
  assert.equal(c.retention, { postingContactDays: 365, workerDays: 1095, smsDays: 180 });
});

test("values from the environment", () => {
  const c = loadConfig({ BACKUP_DIR: "/var/backups/lingong", BACKUP_KEEP: "0", RETENTION_POSTING_CONTACT_DAYS: "90", RETENTION_WORKER_DAYS: "730", RETENTION_SMS_DAYS: "30" });
  assert.equal(c.backup, { dir: "/var/backups/lingong", keep: 0 });
  assert.equal(c.retention, { postingContactDays: 90, workerDays: 730, smsDays: 30 });
});

test("a bad value is refused with the variable's name and the allowed range", () => {
  const cases: [string, string][] = [
    ["BACKUP_KEEP", "-1"],
    ["BACKUP_KEEP", "many"],
    ["RETENTION_POSTING_CONTACT_DAYS", "7"], // shorter than a posting may run
    ["RETENTION_WORKER_DAYS", "30"], // would wipe seasonal workers between seasons
    ["RETENTION_WORKER_DAYS", "1.5"],
    ["RETENTION_SMS_DAYS", "0"],
  ];
  for (const [name, value] of cases) {
    try {
      loadConfig({ [name]: value });
      assert.unreachable(`${name}=${value}`);
    } catch (e) {
      assert.instance(e, ConfigError, `${name}=${value}`);
      assert.match((e as Error).message, name);
      assert.match((e as Error).message, `"${value}"`);
    }
  }
});

test.run();
