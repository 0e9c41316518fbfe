// The alert rules as tables of cases: the daytime window in Beijing, what a
// reply asks for as people type it on old phones, and the jobs line of the
// text (numbers never cut, the title cut to the room each job has).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ALERT_HOURS, alertsOpen, beijingHour, jobsLine, parseReply, type Reply } from "../../../src/features/alerts/alerts.domain.ts";

test("alerts go out from 08:00 to 19:59 Beijing time, whatever the UTC date", () => {
  assert.equal(ALERT_HOURS, { from: 8, to: 20 });
  const cases: [string, number, boolean][] = [
    ["2026-11-28T00:00:00+08:00", 0, false],
    ["2026-11-28T00:30:00+08:00", 0, false], // the hours after midnight are night
    ["2026-11-28T07:59:59+08:00", 7, false],
    ["2026-11-28T08:00:00+08:00", 8, true],
    ["2026-11-28T12:00:00+08:00", 12, true],
    ["2026-11-28T19:59:59+08:00", 19, true],
    ["2026-11-28T20:00:00+08:00", 20, false],
    ["2026-11-28T23:59:00+08:00", 23, false],
    // The same instants written in UTC: 00:00Z is 08:00 in Beijing, 12:00Z is 20:00.
    ["2026-11-27T23:59:59Z", 7, false],
    ["2026-11-28T00:00:00Z", 8, true],
    ["2026-11-28T11:59:59Z", 19, true],
    ["2026-11-28T12:00:00Z", 20, false],
    ["2026-11-28T16:00:00Z", 0, false], // Beijing's next day has begun
  ];
  for (const [at, hour, open] of cases) {
    const ms = Date.parse(at);
    assert.is(beijingHour(ms), hour, `${at} hour`);
    assert.is(alertsOpen(ms), open, at);
  }
});

test("replies: 报名/BM and a number sign up; TD, T, N, 退订 stop; anything else is other", () => {
  const signUp = (postingId: number): Reply => ({ kind: "signUp", postingId });
  const stop: Reply = { kind: "stop" };
  const other: Reply = { kind: "other" };
  const cases: [string, Reply][] = [
    ["报名1234", signUp(1234)],
    ["报名 1234", signUp(1234)],
    [" 报 名 1234 ", signUp(1234)],
    ["\t报名\n56", signUp(56)],
    ["报名１２３４", signUp(1234)], // full-width digits
    ["报名：1234", signUp(1234)], // full-width colon
    ["报名:1234", signUp(1234)],
    ["报名，1234", signUp(1234)], // full-width comma
    ["报名,1234", signUp(1234)],
    ["报名。1234", signUp(1234)],
    ["报名.1234", signUp(1234)],
    ["报名、1234", signUp(1234)],
    ["报名#1234#", signUp(1234)],
    ["报名+88", signUp(88)],
    ["报名＋88", signUp(88)],
    ["bm77", signUp(77)],
    ["Bm 77", signUp(77)],
    ["ＢＭ７７", signUp(77)], // full-width letters
    ["报名7", signUp(7)],
    ["BM0", signUp(0)], // no posting has number 0; the sign-up step refuses it, not this parser
    ["报名123456789", signUp(123456789)], // nine digits: the most a posting number has
    ["报名1234567890", other], // ten: not a posting number
    ["报名", other],
    ["报名abc", other],
    ["报名12a", other],
    ["我要报名1234", other],
    ["1234", other],
    ["BN1234", other],
    ["TD", stop],
    ["td", stop],
    ["Td", stop],
    ["ＴＤ", stop],
    [" T D ", stop],
    ["TD。", stop],
    ["T", stop],
    ["t", stop],
    ["N", stop],
    ["n", stop],
    ["退订", stop],
    ["退 订", stop],
    ["取消订阅", stop],
    ["不要再发", stop],
    ["TDX", other],
    ["XTD", other],
    ["TD退订", other],
    ["NO", other],
    ["退订吧", other],
    ["请退订", other],
    ["", other],
    ["   ", other],
    ["你好", other],
  ];
  for (const [raw, want] of cases) assert.equal(parseReply(raw), want, JSON.stringify(raw));
});

test("the jobs line: numbers whole, titles cut to each job's share of 35 characters", () => {
  const eight = (title: string, from: number) => Array.from({ length: 8 }, (_, i) => ({ id: from + i, title }));
  const cases: [string, { id: number; title: string }[], string][] = [
    ["no jobs", [], ""],
    ["one job keeps a long title up to 35 characters", [{ id: 7, title: "清洗油烟机擦玻璃" }], "7清洗油烟机擦玻璃"],
    ["spaces and semicolons in a title go (the semicolon parts the jobs)", [{ id: 5, title: "擦 玻璃;搬家  ;; 上楼" }], "5擦玻璃搬家上楼"],
    ["two short ones", [{ id: 1234, title: "擦玻璃" }, { id: 1240, title: "搬家" }], "1234擦玻璃;1240搬家"],
    // Two jobs: (35 − 1) ÷ 2 = 17 each, so 13 characters after a 4-digit number.
    [
      "two long titles, 17 characters each",
      [{ id: 1234, title: "一二三四五六七八九十甲乙丙丁戊" }, { id: 1240, title: "子丑寅卯辰巳午未申酉戌亥天地" }],
      "1234一二三四五六七八九十甲乙丙;1240子丑寅卯辰巳午未申酉戌亥天",
    ],
    // A title exactly as long as its room stays whole.
    ["a title that just fits", [{ id: 1234, title: "一二三四五六七八九十甲乙丙" }, { id: 1, title: "搬家" }], "1234一二三四五六七八九十甲乙丙;1搬家"],
    // Three jobs: (35 − 2) ÷ 3 = 11 each, 5 characters after a 6-digit number.
    [
      "three jobs with 6-digit numbers",
      [{ id: 123456, title: "清洗油烟机和擦玻璃全套" }, { id: 123457, title: "搬家具上五楼" }, { id: 123458, title: "苗木修剪移栽" }],
      "123456清洗油烟机;123457搬家具上五;123458苗木修剪移",
    ],
    // Eight jobs: (35 − 7) ÷ 8 = 3, raised to the floor of 4 characters each.
    ["eight jobs get at least 4 characters each", eight("搬家具上楼", 1), "1搬家具;2搬家具;3搬家具;4搬家具;5搬家具;6搬家具;7搬家具;8搬家具"],
    // A number longer than the share: the number whole, no title at all.
    ["a number longer than the share keeps no title", eight("搬家", 10001), "10001;10002;10003;10004;10005;10006;10007;10008"],
    ["characters outside the BMP count as one", [{ id: 1, title: "😀😀😀😀" }, { id: 2, title: "😀" }, { id: 3, title: "x" }, { id: 4, title: "x" }, { id: 5, title: "x" }, { id: 6, title: "x" }, { id: 7, title: "x" }, { id: 8, title: "x" }], "1😀😀😀;2😀;3x;4x;5x;6x;7x;8x"],
  ];
  for (const [what, jobs, want] of cases) assert.is(jobsLine(jobs), want, what);
  // A shorter text limit: (20 − 1) ÷ 2 = 9 each.
  assert.is(jobsLine([{ id: 12, title: "一二三四五六七八九十" }, { id: 34, title: "甲乙丙丁戊己庚辛壬癸" }], 20), "12一二三四五六七;34甲乙丙丁戊己庚");
});

test.run();
