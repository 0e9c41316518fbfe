// One parse path for every setting (src/shared/settings.ts), used by the core
// config, the hotline's and the desk's settings: defaults when unset or blank,
// and for a clerk's typo one Chinese line naming the variable, what was
// written and what it should be — a ConfigError, never a crash or a stack.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadConfig } from "../../src/config.ts";
import { ConfigError, readSetting, readSettings, intSetting, boolSetting, textSetting, parsedSetting } from "../../src/shared/settings.ts";
import { readHotlineSettings } from "../../src/features/hotline/hotline.settings.ts";
import { readDeskSettings } from "../../src/features/desk/desk.settings.ts";

/** The message a ConfigError carries, or fails the test. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.instance(e, ConfigError);
    return (e as Error).message;
  }
  assert.unreachable("should have been refused");
  return "";
}

test("defaults for unset and blank; values trimmed; true/false in the usual spellings", () => {
  const spec = { n: intSetting("N", 7, 1, 10), b: boolSetting("B", true), p: textSetting("P", "XC", /^[A-Z]{1,5}$/, "应为 1 到 5 个大写字母") };
  assert.equal(readSettings({}, spec), { n: 7, b: true, p: "XC" });
  assert.equal(readSettings({ N: "  ", B: "", P: " " }, spec), { n: 7, b: true, p: "XC" });
  assert.equal(readSettings({ N: " 10 ", B: "OFF", P: "ZZ" }, spec), { n: 10, b: false, p: "ZZ" });
  for (const [raw, want] of [["1", true], ["yes", true], ["True", true], ["on", true], ["0", false], ["no", false], ["FALSE", false]] as const)
    assert.is(readSetting({ B: raw }, boolSetting("B", !want)), want, raw);
});

// [what the clerk typed, variable, value, the words the message must hold]
const typos: [string, Record<string, string>, string, string][] = [
  ["letters for a number", { PORT: "八零八零" }, "PORT", "应为 1 到 65535 之间的整数"],
  ["a decimal", { RETENTION_WORKER_DAYS: "365.5" }, "RETENTION_WORKER_DAYS", "之间的整数"],
  ["out of range", { PAGE_CACHE_SECONDS: "600" }, "PAGE_CACHE_SECONDS", "应为 0 到 300 之间的整数"],
  ["a unit after the number", { BACKUP_KEEP: "30天" }, "BACKUP_KEEP", "之间的整数"],
  ["是 for true", { HTTPS: "是" }, "HTTPS", "应为 true 或 false"],
  ["a bad network", { FAIR_SHARE_STATION_NETWORKS: "10.8.3.0/24,办公室" }, "FAIR_SHARE_STATION_NETWORKS", "不是网段"],
  ["a DB URL without its scheme", { DATABASE_URL: "db/lingong.db" }, "DATABASE_URL", "应以 file:"],
];
for (const [name, env, variable, words] of typos) {
  test(`config, ${name}: a Chinese line naming ${variable} and the value`, () => {
    const m = refusal(() => loadConfig(env));
    assert.match(m, `环境变量 ${variable} 的值 "${env[variable].trim()}" 无效`);
    assert.match(m, words);
    assert.not.match(m, /Error|undefined|NaN|\n/);
  });
}

test("the hotline's and the desk's settings: the same path, the same kind of message", () => {
  const city = "许昌市";
  assert.equal(readHotlineSettings({}, city).prefix, "XC");
  assert.equal(readHotlineSettings({ HOTLINE_CASE_PREFIX: "YL", HOTLINE_BLOCK_PUBLISHING: "no" }, city).blockPublishing, false);
  const cases: [() => unknown, string, string][] = [
    [() => readHotlineSettings({ HOTLINE_BLOCK_PUBLISHING: "maybe" }, city), `环境变量 HOTLINE_BLOCK_PUBLISHING 的值 "maybe" 无效`, "true 或 false"],
    [() => readHotlineSettings({ HOTLINE_CASE_PREFIX: "xc1" }, city), `环境变量 HOTLINE_CASE_PREFIX 的值 "xc1" 无效`, "大写字母"],
    [() => readHotlineSettings({ HOTLINE_DEADLINE_DAYS: "wage_arrears=2,欺诈=5" }, city), `环境变量 HOTLINE_DEADLINE_DAYS 的值 "wage_arrears=2,欺诈=5" 无效`, `其中 "欺诈=5" 不对`],
    [() => readHotlineSettings({ HOTLINE_DEADLINE_DAYS: "fraud=0" }, city), "HOTLINE_DEADLINE_DAYS", "1 到 365"],
    [() => readDeskSettings({ DESK_OLDER_AGE: "五十" }), `环境变量 DESK_OLDER_AGE 的值 "五十" 无效`, "应为 30 到 100 之间的整数"],
    [() => readDeskSettings({ DESK_LONG_WAIT_DAYS: "0" }), `环境变量 DESK_LONG_WAIT_DAYS 的值 "0" 无效`, "应为 1 到 3650 之间的整数"],
  ];
  for (const [f, head, words] of cases) {
    const m = refusal(f);
    assert.match(m, head);
    assert.match(m, words);
  }
  assert.equal(readDeskSettings({ DESK_OLDER_AGE: "55" }), { longWaitDays: 30, olderAge: 55 });
});

test("a setting with its own parser says why in its own words", () => {
  const pairs = parsedSetting("PAIRS", [] as string[], (raw) => (raw.includes("=") ? { ok: true, value: raw.split(",") } : { ok: false, why: "应为 名=值" }));
  assert.equal(readSetting({ PAIRS: "a=1,b=2" }, pairs), ["a=1", "b=2"]);
  assert.is(refusal(() => readSetting({ PAIRS: "ab" }, pairs)), `环境变量 PAIRS 的值 "ab" 无效:应为 名=值`);
});

test.run();
