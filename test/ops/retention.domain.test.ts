// The retention and scheduling rules, as tables of cases.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  cutoffs, housekeepingDue, forgetRefusal, forgottenPhone, isForgotten, backupFileName, backupsToPrune, backupStale, fileStamp,
} from "../../src/ops/retention.domain.ts";
import { dbFilePath } from "../../src/ops/dbfile.ts";
import { normalizeMobile } from "../../src/shared/validators.ts";

const ms = (iso: string) => Date.parse(iso);

test("cutoffs: dates in China time, counted back from today", () => {
  const c = cutoffs(ms("2026-11-28T01:00:00+08:00"), { postingContactDays: 365, workerDays: 1095, smsDays: 180 });
  assert.is(c.postingEndBefore, "2025-11-28");
  assert.is(c.workerActiveSinceDate, "2023-11-29");
  assert.is(c.workerActiveSince, ms("2026-11-28T01:00:00+08:00") - 1095 * 86_400_000);
  assert.is(c.smsBefore, ms("2026-11-28T01:00:00+08:00") - 180 * 86_400_000);
  // 23:30 UTC on the 27th is already the 28th in China.
  assert.is(cutoffs(ms("2026-11-27T23:30:00Z"), { postingContactDays: 1, workerDays: 1, smsDays: 1 }).postingEndBefore, "2026-11-27");
});

test("housekeepingDue: at night after 20 hours, any time after 36, at once if never run", () => {
  const cases: [string | null, string, boolean][] = [
    [null, "2026-11-28T14:00:00+08:00", true],
    ["2026-11-28T03:00:00+08:00", "2026-11-28T14:00:00+08:00", false],
    ["2026-11-27T03:00:00+08:00", "2026-11-28T02:59:00+08:00", true],
    ["2026-11-27T07:30:00+08:00", "2026-11-28T03:00:00+08:00", false], // 19.5 h: not yet
    ["2026-11-27T06:30:00+08:00", "2026-11-28T03:00:00+08:00", true],
    ["2026-11-27T03:00:00+08:00", "2026-11-28T06:00:00+08:00", false], // day time, 27 h
    ["2026-11-27T03:00:00+08:00", "2026-11-28T15:00:00+08:00", true], // 36 h: the box was off at night
    ["2026-11-27T03:00:00+08:00", "2026-11-28T01:59:00+08:00", false],
  ];
  for (const [last, now, due] of cases) assert.is(housekeepingDue(last ? ms(last) : null, ms(now)), due, `${last} → ${now}`);
});

test("forgetRefusal: only workers, only once, not while hired, not while their complaint is open", () => {
  const cases: [{ role: string; phone: string; activeHires: number; openCases: number }, string | null][] = [
    [{ role: "worker", phone: "13812345678", activeHires: 0, openCases: 0 }, null],
    [{ role: "worker", phone: "13812345678", activeHires: 1, openCases: 0 }, "activeHire"],
    [{ role: "worker", phone: "13812345678", activeHires: 0, openCases: 1 }, "openCase"],
    [{ role: "worker", phone: forgottenPhone(7), activeHires: 0, openCases: 0 }, "alreadyForgotten"],
    [{ role: "staff", phone: "13812345678", activeHires: 0, openCases: 0 }, "notWorker"],
    [{ role: "employer", phone: "13812345678", activeHires: 0, openCases: 0 }, "notWorker"],
  ];
  for (const [w, want] of cases) assert.is(forgetRefusal(w), want, JSON.stringify(w));
});

test("a forgotten phone is unique, marked, and never a mobile number anyone can sign in or be texted with", () => {
  assert.is(forgottenPhone(42), "forgotten-42");
  assert.ok(isForgotten(forgottenPhone(42)));
  assert.not.ok(isForgotten("13812345678"));
  assert.is(normalizeMobile(forgottenPhone(13812345678)), null);
  assert.is.not(forgottenPhone(1), forgottenPhone(11));
});

test("backup names sort by age in China time; pruning keeps the newest and never touches other files", () => {
  assert.is(fileStamp(ms("2026-11-27T16:05:09Z")), "20261128-000509");
  assert.is(backupFileName(ms("2026-11-28T09:30:05+08:00")), "lingong-20261128-093005.db");
  const names = ["lingong-20261101-030000.db", "notes.txt", "lingong-20261103-030000.db", "lingong-20261102-030000.db", "lingong.db", "lingong-2026.db"];
  assert.equal(backupsToPrune(names, 2), ["lingong-20261101-030000.db"]);
  assert.equal(backupsToPrune(names, 5), []);
  assert.equal(backupsToPrune(names, 0), [], "0 keeps everything");
  assert.equal(backupsToPrune(names, 1), ["lingong-20261101-030000.db", "lingong-20261102-030000.db"]);
});

test("backupStale: none yet, or older than two days", () => {
  const now = ms("2026-11-28T09:00:00+08:00");
  assert.ok(backupStale(null, now));
  assert.not.ok(backupStale(now - 47 * 3600_000, now));
  assert.ok(backupStale(now - 49 * 3600_000, now));
});

test("dbFilePath: file URLs in their spellings; server URLs have no file", () => {
  const cases: [string, string | null][] = [
    ["file:db/lingong.db", "/srv/app/db/lingong.db"],
    ["file:/var/lib/lingong/lingong.db", "/var/lib/lingong/lingong.db"],
    ["file:///var/lib/lingong/lingong.db", "/var/lib/lingong/lingong.db"],
    ["file://localhost/var/lib/x.db", "/var/lib/x.db"],
    ["file:db/lingong.db?mode=rwc", "/srv/app/db/lingong.db"],
    ["file:/data/%E9%9B%B6%E5%B7%A5.db", "/data/零工.db"],
    ["libsql://db.example.org", null],
    ["http://127.0.0.1:8080", null],
    ["file::memory:", null],
  ];
  for (const [url, want] of cases) assert.is(dbFilePath(url, "/srv/app"), want, url);
});

test.run();
