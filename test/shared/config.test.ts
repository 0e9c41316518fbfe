// Settings are checked at start; a bad one stops the server with the variable's name.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, ConfigError } from "../../src/config.ts";

test("defaults: port 3000, file:db/lingong.db, Xuchang with 7 counties and 105 townships", () => {
  const c = loadConfig({});
  assert.is(c.port, 3000);
  assert.is(c.databaseUrl, "file:db/lingong.db");
  assert.is(c.region.city.name, "许昌市");
  assert.is(c.region.counties.length, 7);
  assert.is(c.region.townships.length, 105);
  assert.ok(c.region.workKinds.includes("钧瓷制作"));
  assert.is(c.https, false);
});

const bad: [string, Record<string, string>, string][] = [
  ["a port that is not a number", { PORT: "abc" }, "PORT"],
  ["a port out of range", { PORT: "70000" }, "PORT"],
  ["an unknown DB URL scheme", { DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
  ["HTTPS that is not a boolean", { HTTPS: "maybe" }, "HTTPS"],
  ["a hotline with letters", { HOTLINE: "call-me" }, "HOTLINE"],
  ["a staff idle time of 0", { STAFF_IDLE_MINUTES: "0" }, "STAFF_IDLE_MINUTES"],
  ["a missing region file", { REGION_FILE: "/no/such/file.json" }, "REGION_FILE"],
];
for (const [name, env, variable] of bad) {
  test(`${name} stops the start with a message naming ${variable}`, () => {
    try {
      loadConfig(env);
      assert.unreachable("should have thrown");
    } catch (e) {
      assert.instance(e, ConfigError);
      assert.match((e as Error).message, variable);
    }
  });
}

test("a region file with a township in an unknown county is refused", () => {
  const dir = mkdtempSync(join(tmpdir(), "region-"));
  try {
    const file = join(dir, "r.json");
    writeFileSync(
      file,
      JSON.stringify({
        city: { code: "410100", name: "某市" },
        siteName: "某市零工市场",
        hotline: "12333",
        minWage: { hourlyFen: 2000, monthlyFen: 200000 },
        counties: [{ code: "410101", name: "甲区" }],
        townships: [{ code: "410199001", name: "乙街道", countyCode: "410199" }],
        workKinds: ["保洁"],
        brands: [],
      }),
    );
    assert.throws(() => loadConfig({ REGION_FILE: file }), /410199/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
