// The training and job fair rules, case by case (no HTTP, no DB).
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  signupRefusal, placeFor, cancelRefusal, promotions, capacityRefusal, sessionFormProblems, sessionDays, markableDays,
  attendanceRefusal, planAttendance, certificateNo, bookingRefusal, bookingCancelRefusal, noShowRefusal,
  fairFormProblems, MAX_SESSION_DAYS, type SessionFacts,
} from "../../../src/features/training/training.domain.ts";
import { csvCell, toCsv } from "../../../src/shared/csv.ts";

const session = (o: Partial<SessionFacts> = {}): SessionFacts => ({
  status: "open",
  startDate: "2026-12-07",
  endDate: "2026-12-11",
  signupDeadline: "2026-12-05",
  capacity: 30,
  confirmedCount: 0,
  ...o,
});

test("sign-up: refused when cancelled, already signed up or past the deadline; a cancelled sign-up may sign up again", () => {
  const cases: [string, SessionFacts, string, Parameters<typeof signupRefusal>[2], ReturnType<typeof signupRefusal>][] = [
    ["open, first time", session(), "2026-11-28", null, null],
    ["on the deadline day", session(), "2026-12-05", null, null],
    ["the day after the deadline", session(), "2026-12-06", null, "deadlinePassed"],
    ["session cancelled", session({ status: "cancelled" }), "2026-11-28", null, "sessionCancelled"],
    ["cancelled wins over everything", session({ status: "cancelled" }), "2026-12-30", "confirmed", "sessionCancelled"],
    ["already confirmed", session(), "2026-11-28", "confirmed", "alreadySignedUp"],
    ["already waiting", session(), "2026-11-28", "waiting", "alreadySignedUp"],
    ["cancelled before, signs up again", session(), "2026-11-28", "cancelled", null],
    ["full session still takes sign-ups (waiting list)", session({ confirmedCount: 30 }), "2026-11-28", null, null],
  ];
  for (const [name, s, today, existing, want] of cases) assert.is(signupRefusal(s, today, existing), want, name);
});

test("a free place confirms, a full session puts people on the waiting list", () => {
  const cases: [number, number, "confirmed" | "waiting"][] = [
    [30, 0, "confirmed"],
    [30, 29, "confirmed"],
    [30, 30, "waiting"],
    [1, 1, "waiting"],
  ];
  for (const [capacity, confirmedCount, want] of cases) assert.is(placeFor({ capacity, confirmedCount }), want, `${confirmedCount}/${capacity}`);
});

test("cancelling: only an active sign-up, up to the first day", () => {
  const cases: [Parameters<typeof cancelRefusal>[0], string, ReturnType<typeof cancelRefusal>][] = [
    ["confirmed", "2026-12-01", null],
    ["waiting", "2026-12-07", null],
    ["confirmed", "2026-12-08", "alreadyStarted"],
    ["cancelled", "2026-12-01", "notActive"],
  ];
  for (const [status, today, want] of cases) assert.is(cancelRefusal(status, { startDate: "2026-12-07" }, today), want, `${status} ${today}`);
});

test("promotions fill the free places from the waiting list, never more than are waiting, never into a cancelled session", () => {
  const cases: [Parameters<typeof promotions>[0], number, number][] = [
    [{ status: "open", capacity: 30, confirmedCount: 29 }, 5, 1],
    [{ status: "open", capacity: 30, confirmedCount: 25 }, 3, 3],
    [{ status: "open", capacity: 30, confirmedCount: 30 }, 3, 0],
    [{ status: "open", capacity: 30, confirmedCount: 29 }, 0, 0],
    [{ status: "cancelled", capacity: 30, confirmedCount: 10 }, 5, 0],
  ];
  for (const [s, waiting, want] of cases) assert.is(promotions(s, waiting), want, JSON.stringify([s, waiting]));
});

test("capacity may not drop below those confirmed", () => {
  assert.is(capacityRefusal(29, 30), "capacityBelowConfirmed");
  assert.is(capacityRefusal(30, 30), null);
  assert.is(capacityRefusal(40, 30), null);
});

test("session form: date order, length, deadline, past start, place for classes in a room", () => {
  const base = { startDate: "2026-12-07", endDate: "2026-12-11", signupDeadline: "2026-12-05", online: false, place: "培训室" };
  const cases: [string, Partial<typeof base>, boolean, Record<string, string>][] = [
    ["all fine", {}, true, {}],
    ["end before start", { endDate: "2026-12-06" }, true, { endDate: "endBeforeStart" }],
    ["a one-day course (end on the start day)", { endDate: "2026-12-07" }, true, {}],
    ["32 days is too long", { endDate: "2027-01-07" }, true, { endDate: "tooManyDays" }],
    ["31 days is fine", { endDate: "2027-01-06" }, true, {}],
    ["deadline after start", { signupDeadline: "2026-12-08" }, true, { signupDeadline: "deadlineAfterStart" }],
    ["deadline on the first day", { signupDeadline: "2026-12-07" }, true, {}],
    ["new session in the past", { startDate: "2026-11-27", signupDeadline: "2026-11-26" }, true, { startDate: "startInPast" }],
    ["new session starting today", { startDate: "2026-11-28", endDate: "2026-11-28", signupDeadline: "2026-11-28" }, true, {}],
    ["an edit may keep a past start", { startDate: "2026-11-27", signupDeadline: "2026-11-26" }, false, {}],
    ["offline needs a place", { place: "  " }, true, { place: "placeRequired" }],
    ["online needs no place", { place: "", online: true }, true, {}],
  ];
  for (const [name, o, isNew, want] of cases) assert.equal(sessionFormProblems({ ...base, ...o }, "2026-11-28", isNew), want, name);
});

test("session days run first to last inclusive, across months; nonsense gives none", () => {
  assert.equal(sessionDays("2026-11-29", "2026-12-02"), ["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]);
  assert.equal(sessionDays("2026-12-07", "2026-12-07"), ["2026-12-07"]);
  assert.equal(sessionDays("2026-12-07", "2026-12-06"), []);
  assert.equal(sessionDays("2026-12-07", "2026-11-06"), [], "an end a month before the start: none (not a loop that never starts)");
  assert.equal(sessionDays("2026-12-31", "2026-01-01"), []);
  assert.equal(sessionDays("2026-02-30", "2026-03-02"), []);
  assert.ok(sessionDays("2026-01-01", "2026-12-31").length <= MAX_SESSION_DAYS + 1);
  assert.equal(markableDays(["2026-11-27", "2026-11-28", "2026-11-29"], "2026-11-28"), ["2026-11-27", "2026-11-28"]);
});

test("attendance is taken once the course has begun, and not for a cancelled one", () => {
  assert.is(attendanceRefusal({ status: "open", startDate: "2026-11-29" }, "2026-11-28"), "notStarted");
  assert.is(attendanceRefusal({ status: "open", startDate: "2026-11-28" }, "2026-11-28"), null);
  assert.is(attendanceRefusal({ status: "cancelled", startDate: "2026-11-20" }, "2026-11-28"), "sessionCancelled");
});

test("an attendance form is accepted only when every value belongs to the roster and a markable day", () => {
  const roster = new Set([11, 12, 13]);
  const days = ["2026-11-27", "2026-11-28"];
  const ok = planAttendance({ ids: ["11", "12"], present: ["11:2026-11-27", "12:2026-11-28", "11:2026-11-27"], done: ["11"] }, roster, days);
  assert.equal(ok, {
    ok: true,
    rows: [
      { signupId: 11, day: "2026-11-27" },
      { signupId: 12, day: "2026-11-28" },
    ],
    pageIds: [11, 12],
    completed: [11],
  });
  const bad: [string, Parameters<typeof planAttendance>[0]][] = [
    ["someone not on the roster", { ids: ["11", "99"], present: [], done: [] }],
    ["a future day", { ids: ["11"], present: ["11:2026-11-29"], done: [] }],
    ["a person not on this page", { ids: ["11"], present: ["12:2026-11-27"], done: [] }],
    ["completion of someone not on this page", { ids: ["11"], present: [], done: ["12"] }],
    ["a mangled value", { ids: ["11"], present: ["11;2026-11-27"], done: [] }],
    ["SQL in a value", { ids: ["11"], present: ["11:2026-11-27' OR 1=1 --"], done: [] }],
    ["a non-numeric id", { ids: ["abc"], present: [], done: [] }],
    // Number() would read these as 11: the whole value must be digits.
    ["an id with a space before it", { ids: [" 11"], present: [], done: [] }],
    ["an id with a space after it", { ids: ["11 "], present: [], done: [] }],
    ["an id in hex", { ids: ["0x0B"], present: [], done: [] }],
    ["a completion id with a space after it", { ids: ["11"], present: [], done: ["11 "] }],
    ["a present value with junk before it", { ids: ["11"], present: ["x11:2026-11-27"], done: [] }],
    ["completions of one on the page and one not", { ids: ["11", "12"], present: [], done: ["11", "13"] }],
  ];
  for (const [name, input] of bad) assert.equal(planAttendance(input, roster, days), { ok: false }, name);
});

test("certificate numbers carry the year, the session and the sign-up", () => {
  assert.is(certificateNo(12, 34, "2026-12-07"), "PX2026-0012-00034");
});

test("CSV: BOM, CRLF, quoting, and formulas kept as text", () => {
  const cases: [string | number | null, string][] = [
    ["王大姐", "王大姐"],
    [12, "12"],
    [null, ""],
    ['说"好"', '"说""好"""'],
    ["a,b", '"a,b"'],
    ["两\n行", '"两\n行"'],
    ["=HYPERLINK(\"http://x\")", '"\'=HYPERLINK(""http://x"")"'],
    ["+86", "'+86"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
  ];
  for (const [v, want] of cases) assert.is(csvCell(v), want, String(v));
  assert.is(toCsv([["姓名", "天数"], ["张三", 3]]), "\uFEFF姓名,天数\r\n张三,3\r\n");
});

test("fair booking: verified employers only, an open future fair, a zone of that fair, once", () => {
  const fair = { status: "open" as const, date: "2026-12-10" };
  const cases: [string, Parameters<typeof bookingRefusal>, ReturnType<typeof bookingRefusal>][] = [
    ["all fine", [fair, "2026-11-28", "verified", true, null], null],
    ["on the day itself", [fair, "2026-12-10", "verified", true, null], null],
    ["pending employer", [fair, "2026-11-28", "pending", true, null], "notVerified"],
    ["rejected employer", [fair, "2026-11-28", "rejected", true, null], "notVerified"],
    ["no employer record", [fair, "2026-11-28", null, true, null], "notVerified"],
    ["cancelled fair", [{ ...fair, status: "cancelled" }, "2026-11-28", "verified", true, null], "fairCancelled"],
    ["past fair", [fair, "2026-12-11", "verified", true, null], "fairPast"],
    ["zone of another fair", [fair, "2026-11-28", "verified", false, null], "noSuchZone"],
    ["already booked", [fair, "2026-11-28", "verified", true, "booked"], "alreadyBooked"],
    ["booked before and did not come", [fair, "2026-11-28", "verified", true, "no_show"], "alreadyBooked"],
    ["booked again after cancelling", [fair, "2026-11-28", "verified", true, "cancelled"], null],
  ];
  for (const [name, args, want] of cases) assert.is(bookingRefusal(...args), want, name);
});

test("giving back a place and recording a no-show depend on the day", () => {
  const fair = { status: "open" as const, date: "2026-12-10" };
  assert.is(bookingCancelRefusal("booked", fair, "2026-12-09"), null);
  assert.is(bookingCancelRefusal("booked", fair, "2026-12-10"), "fairToday");
  assert.is(bookingCancelRefusal("cancelled", fair, "2026-12-01"), "notBooked");
  assert.is(noShowRefusal("booked", fair, "2026-12-09"), "fairNotYet");
  assert.is(noShowRefusal("booked", fair, "2026-12-10"), null);
  assert.is(noShowRefusal("no_show", fair, "2026-12-10"), "notBooked");
  assert.is(noShowRefusal("cancelled", fair, "2026-12-11"), "notBooked");
});

test("a new fair is today or later and has a zone", () => {
  assert.equal(fairFormProblems("2026-11-28", "2026-11-28", 1), {});
  assert.equal(fairFormProblems("2026-11-27", "2026-11-28", 1), { date: "fairInPast" });
  assert.equal(fairFormProblems("2026-12-01", "2026-11-28", 0), { zones: "noZones" });
});

test.run();
