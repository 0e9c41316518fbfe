// The hotline's pure rules, as tables of cases.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  transition, nextActions, caseActions, type CaseAction, dueDateFor, defaultDeadlineDays, lateDays, daysBetween,
  parseDeadlineOverrides, casePrefix, formatCaseNumber, parseCaseNumber, nextSeq, normalizeCallerPhone, lastFourMatches,
  canSeeCase, canAssignTo, owedForHire, flagsEmployer, blocksPublishing, intakeProblems, throttleStep, isLocked, hotlineThrottleRules,
  exportRangeProblem, twoYearsAfter, averageDays, monthBefore, isOpen, isUpheld, FALLBACK_PREFIX, PREFIX_PATTERN,
} from "../../../src/features/hotline/hotline.domain.ts";
import { readHotlineSettings } from "../../../src/features/hotline/hotline.settings.ts";
import { normalizeMobile } from "../../../src/shared/validators.ts";
import { lateCases, scopeCases, staffA, countyA, city, worker } from "./rules.cases.ts";
import { caseStatuses, type CaseStatus } from "../../../db/schema/hotline.ts";
import { DAY_MS } from "../../../src/shared/clock.ts";
import { csvCell, toCsv } from "../../../src/shared/csv.ts";

// --- Workflow ---------------------------------------------------------------

const flowCases: [CaseStatus, CaseAction, CaseStatus | string][] = [
  ["accepted", "transfer", "transferred"],
  ["accepted", "start", "skip"],
  ["accepted", "close", "skip"],
  ["accepted", "callback", "skip"],
  ["accepted", "reopen", "notFinished"],
  ["transferred", "transfer", "transferred"],
  ["transferred", "start", "processing"],
  ["transferred", "close", "skip"],
  ["transferred", "callback", "skip"],
  ["processing", "start", "already"],
  ["processing", "transfer", "transferred"],
  ["processing", "close", "closed"],
  ["processing", "callback", "skip"],
  ["processing", "reopen", "notFinished"],
  ["closed", "callback", "visited"],
  ["closed", "reopen", "processing"],
  ["closed", "close", "already"],
  ["closed", "transfer", "finished"],
  ["closed", "start", "finished"],
  ["visited", "reopen", "processing"],
  ["visited", "callback", "already"],
  ["visited", "close", "finished"],
  ["visited", "transfer", "finished"],
];

for (const [from, action, expected] of flowCases) {
  test(`workflow: ${action} from ${from} → ${expected}`, () => {
    const r = transition(from, action);
    if ((caseStatuses as readonly string[]).includes(expected)) {
      assert.equal(r, { ok: true, to: expected });
    } else {
      assert.is(r.ok, false);
      if (!r.ok) {
        assert.is(r.why, expected);
        assert.equal(r.next, nextActions(from), "a refusal names the steps that are open");
      }
    }
  });
}

test("workflow: every status has a way forward, and every pair is decided", () => {
  assert.equal(nextActions("accepted"), ["transfer"]);
  assert.equal(nextActions("transferred"), ["transfer", "start"]);
  assert.equal(nextActions("processing"), ["transfer", "close"]);
  assert.equal(nextActions("closed"), ["callback", "reopen"]);
  assert.equal(nextActions("visited"), ["reopen"]);
  for (const s of caseStatuses) for (const a of caseActions) assert.type(transition(s, a).ok, "boolean");
});

// --- Deadlines ---------------------------------------------------------------

test("deadlines: unpaid wages are the shortest, the others 5 to 15 days", () => {
  const others = Object.entries(defaultDeadlineDays).filter(([k]) => k !== "wage_arrears").map(([, d]) => d);
  assert.ok(others.every((d) => d > defaultDeadlineDays.wage_arrears && d <= 15));
  assert.is(dueDateFor("2026-11-28", "wage_arrears", defaultDeadlineDays), "2026-12-01");
  assert.is(dueDateFor("2026-12-30", "service", defaultDeadlineDays), "2027-01-14");
});

for (const [name, status, dueDate, today, expected] of lateCases) {
  test(`lateness: ${name}`, () => assert.is(lateDays({ status, dueDate }, today), expected));
}

test("days between two dates (the overdue list's order is SQL's alone: hotline.twins.test.ts)", () => {
  assert.is(daysBetween("2026-11-20", "2026-11-28"), 8);
});

test("deadline overrides from the environment", () => {
  assert.equal(parseDeadlineOverrides(undefined), { ok: true, value: {} });
  assert.equal(parseDeadlineOverrides("wage_arrears=2, fraud = 5"), { ok: true, value: { wage_arrears: 2, fraud: 5 } });
  for (const bad of ["wage=2", "fraud=0", "fraud=x", "fraud", "fraud=400"]) assert.is(parseDeadlineOverrides(bad).ok, false, bad);
  const s = readHotlineSettings({ HOTLINE_DEADLINE_DAYS: "wage_arrears=2" }, "许昌市");
  assert.is(s.deadlines.wage_arrears, 2);
  assert.is(s.deadlines.service, defaultDeadlineDays.service);
  assert.is(s.blockPublishing, true);
  assert.is(readHotlineSettings({ HOTLINE_BLOCK_PUBLISHING: "false" }, "许昌市").blockPublishing, false);
  assert.throws(() => readHotlineSettings({ HOTLINE_BLOCK_PUBLISHING: "maybe" }, "许昌市"), /HOTLINE_BLOCK_PUBLISHING/);
  assert.throws(() => readHotlineSettings({ HOTLINE_CASE_PREFIX: "xc1" }, "许昌市"), /HOTLINE_CASE_PREFIX/);
  assert.throws(() => readHotlineSettings({ HOTLINE_DEADLINE_DAYS: "wage=1" }, "许昌市"), /HOTLINE_DEADLINE_DAYS/);
});

// --- Case numbers ---------------------------------------------------------------

test("prefix: from the city's name, or the configured one", () => {
  assert.is(casePrefix("许昌市"), "XC");
  assert.is(casePrefix("平顶山市"), "PDS");
  assert.is(casePrefix("某某市"), "RX");
  assert.is(casePrefix("许昌市", "XCZ"), "XCZ");
  assert.is(casePrefix("许昌市", "bad!"), "XC");
});

test("numbers: formatted for reading out, sequence per day", () => {
  assert.is(formatCaseNumber("XC", "2026-11-28", 42), "XC-20261128-0042");
  assert.is(formatCaseNumber("XC", "2026-11-28", 12345), "XC-20261128-12345");
  assert.is(nextSeq(null), 1);
  assert.is(nextSeq(41), 42);
});

const parseCases: [string, string | null][] = [
  ["XC-20261128-0042", "XC-20261128-0042"],
  ["xc 20261128 0042", "XC-20261128-0042"],
  ["XC202611280042", "XC-20261128-0042"],
  ["ＸＣ－２０２６１１２８－００４２", "XC-20261128-0042"],
  ["XC-20261128-42", null],
  ["XC-20261131-0042", null],
  ["XC-20261128-0000", null],
  ["20261128-0042", null],
  ["XC-2026-11-28-0042", null],
  ["<script>", null],
  ["", null],
  ["X".repeat(100), null],
];
for (const [input, expected] of parseCases) {
  test(`parse case number ${JSON.stringify(input.slice(0, 24))}`, () => assert.is(parseCaseNumber(input), expected));
}

// --- Callers' phones -----------------------------------------------------------------

test("caller phones: mobiles and landlines, last four digits", () => {
  assert.is(normalizeCallerPhone("138 1234 5678", normalizeMobile), "13812345678");
  assert.is(normalizeCallerPhone("0374-2961234", normalizeMobile), "0374-2961234");
  assert.is(normalizeCallerPhone("(0374)2961234", normalizeMobile), "0374-2961234");
  assert.is(normalizeCallerPhone("12345", normalizeMobile), null);
  assert.ok(lastFourMatches("13812345678", "5678"));
  assert.ok(lastFourMatches("0374-2961234", "1234"));
  assert.not.ok(lastFourMatches("13812345678", "1234"));
  assert.not.ok(lastFourMatches(null, "5678"), "anonymous cases never match");
  assert.not.ok(lastFourMatches("13812345678", "678"));
});

// --- Scope ------------------------------------------------------------------------------

for (const [name, user, c, expected] of scopeCases) {
  test(`scope: ${name} → ${expected ? "sees" : "does not see"}`, () => assert.is(canSeeCase(user, c), expected));
}

test("assigning: within the county, station staff only within their station", () => {
  const t = (role: string, marketId: number | null, scopeCounty: string | null, disabled = false) => ({ role, marketId, scopeCounty, disabled });
  assert.ok(canAssignTo(countyA, "411024", t("staff", 2, "411024")));
  assert.ok(canAssignTo(city, "411024", t("county_admin", null, "411024")));
  assert.not.ok(canAssignTo(city, "411024", t("staff", 5, "411081")), "other county");
  assert.not.ok(canAssignTo(countyA, "411024", t("staff", 2, "411024", true)), "disabled");
  assert.not.ok(canAssignTo(countyA, "411024", t("worker", null, "411024")), "not staff");
  assert.ok(canAssignTo(staffA, "411024", t("staff", 1, "411024")));
  assert.not.ok(canAssignTo(staffA, "411024", t("staff", 2, "411024")), "another station");
});

// --- Wage cases ------------------------------------------------------------------------

const owedCases: [string, Parameters<typeof owedForHire>[0], number | null][] = [
  ["three days at 150", { wageFen: 15000, wageUnit: "day", startDate: "2026-11-20", endDate: "2026-11-22" }, 45000],
  ["one day", { wageFen: 20000, wageUnit: "day", startDate: "2026-11-20", endDate: "2026-11-20" }, 20000],
  ["hourly wage: hours unknown", { wageFen: 2500, wageUnit: "hour", startDate: "2026-11-20", endDate: "2026-11-22" }, null],
  ["piece rate", { wageFen: 50, wageUnit: "piece", startDate: "2026-11-20", endDate: "2026-11-22" }, null],
  ["monthly", { wageFen: 300000, wageUnit: "month", startDate: "2026-10-01", endDate: "2026-10-31" }, null],
  ["dates the wrong way round", { wageFen: 15000, wageUnit: "day", startDate: "2026-11-22", endDate: "2026-11-20" }, null],
];
for (const [name, hire, expected] of owedCases) test(`owed for a hire: ${name}`, () => assert.is(owedForHire(hire), expected));

const flagCases: [string, Parameters<typeof flagsEmployer>[0], boolean, boolean][] = [
  ["open wage case", { category: "wage_arrears", status: "accepted", outcome: null }, true, true],
  ["wage case being handled", { category: "wage_arrears", status: "processing", outcome: null }, true, true],
  ["wage case found true", { category: "wage_arrears", status: "closed", outcome: "upheld" }, true, false],
  ["wage case found partly true, visited", { category: "wage_arrears", status: "visited", outcome: "partly_upheld" }, true, false],
  ["wage case found untrue", { category: "wage_arrears", status: "closed", outcome: "unfounded" }, false, false],
  ["open case of another kind", { category: "fraud", status: "accepted", outcome: null }, false, false],
];
for (const [name, c, flag, block] of flagCases) {
  test(`employer: ${name} → flag ${flag}, stop publishing ${block}`, () => {
    assert.is(flagsEmployer(c), flag);
    assert.is(blocksPublishing(c), block);
  });
}

test("intake rules across fields", () => {
  assert.equal(intakeProblems({ category: "wage_arrears", phone: "13812345678" }), { amount: "amountRequired" });
  assert.equal(intakeProblems({ category: "wage_arrears", amount: "100", phone: "13812345678" }), {});
  assert.equal(intakeProblems({ category: "fraud" }), { callerPhone: "phoneRequired" });
  assert.equal(intakeProblems({ category: "fraud", anonymous: true }), {});
  assert.equal(intakeProblems({ category: "fraud", anonymous: true, placeKnown: false }), { countyCode: "countyRequired" });
  assert.equal(intakeProblems({ category: "fraud", anonymous: true, placeKnown: true }), {});
});

// --- Throttle ------------------------------------------------------------------------------

test("throttle: the fifth wrong try locks the case number for an hour, the tenth for the day", () => {
  const rule = hotlineThrottleRules.caseLookup;
  const t0 = Date.parse("2026-11-28T09:00:00+08:00");
  let row = undefined as ReturnType<typeof throttleStep> | undefined;
  for (let i = 1; i <= 4; i++) row = throttleStep(row, t0 + i, rule);
  assert.not.ok(isLocked(row, t0 + 5));
  row = throttleStep(row, t0 + 5, rule);
  assert.ok(isLocked(row, t0 + 6));
  assert.not.ok(isLocked(row, t0 + 5 + 3600_000));
  for (let i = 6; i <= 10; i++) row = throttleStep(row, t0 + 3600_000 + i, rule);
  assert.is(row!.lockedUntil, t0 + 1 + DAY_MS, "locked until the day's window ends");
  assert.ok(isLocked(row, t0 + 20 * 3600_000));
  const fresh = throttleStep(row, t0 + 1 + DAY_MS, rule);
  assert.equal(fresh, { count: 1, windowStart: t0 + 1 + DAY_MS, lockedUntil: null });
});

// --- Export ------------------------------------------------------------------------------

const rangeCases: [string, string, "order" | "tooLong" | null][] = [
  ["2026-01-01", "2026-12-31", null],
  ["2026-01-01", "2026-01-01", null],
  ["2024-11-28", "2026-11-28", null],
  ["2024-11-28", "2026-11-29", "tooLong"],
  ["2026-12-01", "2026-11-30", "order"],
  ["2024-02-29", "2026-02-28", null],
  ["2024-02-29", "2026-03-01", "tooLong"],
];
for (const [from, to, expected] of rangeCases) test(`export range ${from}..${to} → ${expected}`, () => assert.is(exportRangeProblem(from, to), expected));

test("two years after, and the start of the last 12 months", () => {
  assert.is(twoYearsAfter("2024-02-29"), "2026-02-28");
  assert.is(monthBefore("2026-11-28", 11), "2025-12");
  assert.is(monthBefore("2026-01-05", 0), "2026-01");
  assert.is(monthBefore("2026-01-05", 1), "2025-12");
});

test("average days to close", () => {
  assert.is(averageDays([]), null);
  assert.is(averageDays([DAY_MS, 2 * DAY_MS]), 1.5);
});

test("CSV: quoting, formulas defused, BOM and CRLF", () => {
  assert.is(csvCell("许昌"), "许昌");
  assert.is(csvCell('说"好"的'), '"说""好""的"');
  assert.is(csvCell("a,b"), '"a,b"');
  assert.is(csvCell("第一行\n第二行"), '"第一行\n第二行"');
  assert.is(csvCell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  assert.is(csvCell(null), "");
  assert.is(csvCell(12), "12");
  assert.is(toCsv([["编号", "类别"], ["XC-1", "欠薪"]]), "\uFEFF编号,类别\r\nXC-1,欠薪\r\n");
});

// --- Rows added after the Stryker run of 2026-12-05 (mutation testing) -----------

test("deadline overrides: each bad part is named; blanks and stray commas are fine", () => {
  const cases: [string | undefined, ReturnType<typeof parseDeadlineOverrides>][] = [
    ["", { ok: true, value: {} }],
    ["   ", { ok: true, value: {} }],
    ["fraud=5,,", { ok: true, value: { fraud: 5 } }],
    [" , fraud=5 , ", { ok: true, value: { fraud: 5 } }],
    ["fraud =1", { ok: true, value: { fraud: 1 } }],
    ["fraud= 365", { ok: true, value: { fraud: 365 } }],
    ["fraud=5,fraud=6", { ok: true, value: { fraud: 6 } }],
    ["other=15,service=20", { ok: true, value: { other: 15, service: 20 } }],
    ["fraud=366", { ok: false, bad: "fraud=366" }],
    ["fraud=0", { ok: false, bad: "fraud=0" }],
    ["fraud=0365", { ok: false, bad: "fraud=0365" }],
    ["FRAUD=5", { ok: false, bad: "FRAUD=5" }],
    ["x fraud=5", { ok: false, bad: "x fraud=5" }],
    ["fraud=5x", { ok: false, bad: "fraud=5x" }],
    ["fraud=5,wage=2", { ok: false, bad: "wage=2" }],
    ["fraud:5", { ok: false, bad: "fraud:5" }],
  ];
  for (const [raw, want] of cases) assert.equal(parseDeadlineOverrides(raw), want, String(raw));
});

test("days between, open and upheld", () => {
  assert.is(daysBetween("2026-11-28", "2026-11-20"), -8);
  assert.is(daysBetween("2026-12-31", "2027-01-01"), 1);
  assert.is(daysBetween("2026-11-28", "2026-11-28"), 0);
  assert.equal(caseStatuses.filter(isOpen), ["accepted", "transferred", "processing"]);
  const outcomes: [Parameters<typeof isUpheld>[0], boolean][] = [["upheld", true], ["partly_upheld", true], ["unfounded", false], ["unverifiable", false], [null, false]];
  for (const [o, want] of outcomes) assert.is(isUpheld(o), want, String(o));
  assert.is(lateDays({ status: "accepted", dueDate: "2026-11-20" }, "2026-11-28"), 8);
});

test("prefix: the city's name with or without its suffix; a bad configured one is ignored", () => {
  const cases: [string, string | undefined, string][] = [
    ["许昌", undefined, "XC"],
    ["许昌市", "", "XC"],
    ["郑州市", undefined, "ZZ"], // 州 inside the name stays
    ["郑州", undefined, "ZZ"],
    ["三门峡市", undefined, "SMX"],
    ["济源市", undefined, "JY"],
    ["某某地区", undefined, "RX"],
    ["许昌市", "ABCDE", "ABCDE"],
    ["许昌市", "ABCDEF", "XC"],
    ["许昌市", "xc", "XC"],
    ["许昌市", "X", "X"],
    ["许昌市", "1XC", "XC"],
    ["许昌市", "XC1", "XC"],
  ];
  for (const [city, configured, want] of cases) assert.is(casePrefix(city, configured), want, `${city} ${configured}`);
  assert.is(FALLBACK_PREFIX, "RX");
  assert.ok(PREFIX_PATTERN.test("XC") && !PREFIX_PATTERN.test(""));
});

test("case numbers: more ways to type one", () => {
  assert.is(formatCaseNumber("RX", "2026-01-05", 1), "RX-20260105-0001");
  assert.is(nextSeq(undefined), 1);
  assert.is(nextSeq(0), 1);
  const cases: [string, string | null][] = [
    ["xc-20261128-0042", "XC-20261128-0042"],
    ["ｘｃ２０２６１１２８００４２", "XC-20261128-0042"],
    ["XC\u201320261128\u20140042", "XC-20261128-0042"],
    ["XC\u201020261128\u20110042", "XC-20261128-0042"],
    ["XC\u201520261128-0042", null],
    ["XC\t20261128\n0042", "XC-20261128-0042"],
    ["XC20261128-0042", "XC-20261128-0042"],
    ["XC--20261128-0042", null],
    ["XC-\u201320261128-0042", null], // a typed dash beside another is still two dashes
    ["ABCDE-20261128-0042", "ABCDE-20261128-0042"],
    ["ABCDEF-20261128-0042", null],
    ["XC-20261128-123456", "XC-20261128-123456"],
    ["XC-20261128-1234567", null],
    ["XC-20261128-0001", "XC-20261128-0001"],
    ["XC-20260229-0001", null],
    ["XC-20280229-0001", "XC-20280229-0001"],
    ["XC-20261128-0042x", null],
    ["#XC-20261128-0042", null],
    ["XC-20261128-0042" + " ".repeat(24), "XC-20261128-0042"], // 40 characters
    ["XC-20261128-0042" + " ".repeat(25), null], // 41
  ];
  for (const [input, want] of cases) assert.is(parseCaseNumber(input), want, JSON.stringify(input));
  assert.is(parseCaseNumber(undefined as unknown as string), null);
  assert.is(parseCaseNumber(42 as unknown as string), null);
});

test("caller phones: full-width, brackets, and what is no landline", () => {
  const cases: [string, string | null][] = [
    ["０３７４－２９６１２３４", "0374-2961234"],
    ["（0374）2961234", "0374-2961234"],
    ["0374 296 1234", "0374-2961234"],
    ["037429612345", "0374-29612345"],
    ["010-12345678", "010-12345678"],
    ["374-2961234", null],
    ["0374-296123", null],
    ["0374-296123456", null],
    ["x0374-2961234", null],
    ["0374-2961234x", null],
    ["", null],
  ];
  for (const [input, want] of cases) assert.is(normalizeCallerPhone(input, normalizeMobile), want, input);
  assert.is(normalizeCallerPhone("0374-2961234", () => "13800000000"), "13800000000", "a mobile, when there is one, wins");
  const four: [string | null, string, boolean][] = [
    ["13812345678", "56789", false],
    ["13812345678", "５６７８", false],
    ["13812345678", " 5678", false],
    ["", "5678", false],
    ["0374-2961234", "1234", true],
    ["13812345678", "5678", true],
  ];
  for (const [phone, typed, want] of four) assert.is(lastFourMatches(phone, typed), want, `${phone} ${typed}`);
});

test("scope and assigning: the edges", () => {
  const noMarket = { ...staffA, marketId: null };
  const caseNoMarket = { marketId: null, countyCode: "411024", assignedTo: null, createdBy: null };
  assert.is(canSeeCase(noMarket, caseNoMarket), false, "no market on either side is no match");
  assert.is(canSeeCase({ ...countyA, countyCode: "" }, { ...caseNoMarket, countyCode: "" }), false, "a county admin without a county");
  assert.is(canSeeCase({ id: 16, role: "employer", marketId: 1, countyCode: "411024" }, { ...caseNoMarket, marketId: 1, createdBy: 16 }), false);
  assert.is(canSeeCase(noMarket, { ...caseNoMarket, assignedTo: staffA.id }), true);
  const t = (role: string, marketId: number | null, scopeCounty: string | null, disabled = false) => ({ role, marketId, scopeCounty, disabled });
  const cases: [string, Parameters<typeof canAssignTo>[0], Parameters<typeof canAssignTo>[2], boolean][] = [
    ["station staff to their county admin", staffA, t("county_admin", null, "411024"), false],
    ["station staff to a county admin carrying their market's id", staffA, t("county_admin", 1, "411024"), false],
    ["station staff to a disabled colleague", staffA, t("staff", 1, "411024", true), false],
    ["station staff to a colleague of another county", staffA, t("staff", 1, "411081"), false],
    ["to someone with no county", city, t("staff", 1, null), false],
    ["to the city admin", city, t("city_admin", null, "411024"), false],
    ["to an employer", countyA, t("employer", null, "411024"), false],
    ["the city admin to station staff", city, t("staff", 3, "411024"), true],
    ["a county admin to a county admin", countyA, t("county_admin", null, "411024"), true],
  ];
  for (const [what, user, target, want] of cases) assert.is(canAssignTo(user, "411024", target), want, what);
});

test("owed, flags and intake: the edges", () => {
  assert.is(owedForHire({ wageFen: 15000, wageUnit: "day", startDate: "2026-11-21", endDate: "2026-11-20" }), null, "zero days");
  assert.is(owedForHire({ wageFen: 15000, wageUnit: "day", startDate: "2026-11-30", endDate: "2026-12-01" }), 30000);
  const flags: [Parameters<typeof flagsEmployer>[0], boolean, boolean][] = [
    [{ category: "wage_arrears", status: "closed", outcome: null }, false, false],
    [{ category: "wage_arrears", status: "transferred", outcome: null }, true, true],
    [{ category: "fraud", status: "closed", outcome: "upheld" }, false, false],
    [{ category: "wage_arrears", status: "visited", outcome: "unverifiable" }, false, false],
  ];
  for (const [c, flag, block] of flags) {
    assert.is(flagsEmployer(c), flag, JSON.stringify(c));
    assert.is(blocksPublishing(c), block, JSON.stringify(c));
  }
  const intake: [Parameters<typeof intakeProblems>[0], ReturnType<typeof intakeProblems>][] = [
    [{ category: "wage_arrears", amount: "", phone: "1" }, { amount: "amountRequired" }],
    [{ category: "wage_arrears", amount: null, phone: "1" }, { amount: "amountRequired" }],
    [{ category: "wage_arrears", amount: 0, phone: "1" }, {}],
    [{ category: "fraud", amount: "", phone: "" }, { callerPhone: "phoneRequired" }],
    [{ category: "fraud", phone: null, anonymous: false }, { callerPhone: "phoneRequired" }],
    [{ category: "fraud", phone: 0 }, {}],
    [{ category: "wage_arrears" }, { amount: "amountRequired", callerPhone: "phoneRequired" }],
    [{ category: "fraud", phone: "1", placeKnown: undefined }, {}],
  ];
  for (const [x, want] of intake) assert.equal(intakeProblems(x), want, JSON.stringify(x));
});

test("the lookup throttle's rules, written out", () => {
  assert.equal(hotlineThrottleRules, {
    caseLookup: { limit: 5, lockMs: 3_600_000, windowMs: 86_400_000, hardLimit: 10 },
    ipLookup: { limit: 20, lockMs: 3_600_000, windowMs: 3_600_000 },
    report: { limit: 10, lockMs: 3_600_000, windowMs: 3_600_000 },
  });
});

test("two years after, averages and months: more rows", () => {
  const two: [string, string][] = [["2026-11-28", "2028-11-28"], ["2026-01-31", "2028-01-31"], ["2028-02-29", "2030-02-28"], ["2026-02-28", "2028-02-28"]];
  for (const [d, want] of two) assert.is(twoYearsAfter(d), want, d);
  const avg: [number[], number][] = [[[0], 0], [[DAY_MS / 3], 0.3], [[DAY_MS * 1.25], 1.3], [[DAY_MS, 2 * DAY_MS, 4 * DAY_MS], 2.3], [[DAY_MS * 2], 2]];
  for (const [ds, want] of avg) assert.is(averageDays(ds), want, JSON.stringify(ds));
  const months: [string, number, string][] = [["2026-12-05", 0, "2026-12"], ["2026-11-28", 12, "2025-11"], ["2026-11-28", 23, "2024-12"], ["2026-03-15", 2, "2026-01"], ["2026-10-01", 0, "2026-10"]];
  for (const [d, n, want] of months) assert.is(monthBefore(d, n), want, `${d} ${n}`);
});

test("prefix: every city of Henan this build knows", () => {
  const cities: [string, string][] = [
    ["许昌市", "XC"], ["郑州市", "ZZ"], ["开封市", "KF"], ["洛阳市", "LY"], ["平顶山市", "PDS"], ["安阳市", "AY"],
    ["鹤壁市", "HB"], ["新乡市", "XX"], ["焦作市", "JZ"], ["濮阳市", "PY"], ["漯河市", "LH"], ["三门峡市", "SMX"],
    ["南阳市", "NY"], ["商丘市", "SQ"], ["信阳市", "XY"], ["周口市", "ZK"], ["驻马店市", "ZMD"], ["济源市", "JY"],
  ];
  for (const [name, want] of cities) assert.is(casePrefix(name), want, name);
});

test.run();
