// The supervision rules with hand-worked cases.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { inspectionOutcome, inspectionProblems, roadsideTrend, needsRectification, type InspectionDraft } from "../../../src/features/supervision/supervision.domain.ts";

const today = "2026-12-05";

test("an inspection's outcome, every case", () => {
  const cases: [string, Parameters<typeof inspectionOutcome>[0], string][] = [
    ["nothing failed, no deadline", { failedItems: 0, rectifyBy: null, rectifiedAt: null }, "passed"],
    ["failed, deadline in the future", { failedItems: 1, rectifyBy: "2026-12-10", rectifiedAt: null }, "open"],
    ["failed, deadline is today (still in time)", { failedItems: 2, rectifyBy: "2026-12-05", rectifiedAt: null }, "open"],
    ["failed, deadline was yesterday", { failedItems: 1, rectifyBy: "2026-12-04", rectifiedAt: null }, "overdue"],
    ["failed, put right after the deadline", { failedItems: 1, rectifyBy: "2026-12-01", rectifiedAt: 1_764_900_000_000 }, "rectified"],
    ["failed, put right in time", { failedItems: 1, rectifyBy: "2026-12-10", rectifiedAt: 1_764_900_000_000 }, "rectified"],
    ["nothing failed but a deadline set for other findings", { failedItems: 0, rectifyBy: "2026-12-01", rectifiedAt: null }, "overdue"],
    ["failed without a deadline (old record): still open, never overdue", { failedItems: 1, rectifyBy: null, rectifiedAt: null }, "open"],
  ];
  for (const [name, s, want] of cases) assert.is(inspectionOutcome(s, today), want, name);
});

test("what still needs work: open and overdue; not passed nor put right", () => {
  const cases: [Parameters<typeof needsRectification>[0], boolean][] = [
    ["open", true],
    ["overdue", true],
    ["passed", false],
    ["rectified", false],
  ];
  for (const [o, want] of cases) assert.is(needsRectification(o), want, o);
});

const allPass = (): InspectionDraft["items"] => ({
  fire: { passed: true, note: "" },
  shelter: { passed: true, note: "" },
  electricity: { passed: true, note: "" },
  order: { passed: true, note: "" },
  sanitation: { passed: true, note: "" },
});

test("what an inspection record must hold", () => {
  const ok: InspectionDraft = { date: today, items: allPass(), findings: "", rectifyBy: null };
  assert.equal(inspectionProblems(ok, today), {});
  assert.equal(inspectionProblems({ ...ok, date: "2026-12-06" }, today), { date: "future" });
  const failed = { ...ok, items: { ...allPass(), fire: { passed: false, note: "" } } };
  assert.equal(inspectionProblems(failed, today), { note_fire: "failedNoteNeeded", rectifyBy: "deadlineNeeded" });
  const failedWithNote = { ...ok, items: { ...allPass(), fire: { passed: false, note: "灭火器过期" } } };
  assert.equal(inspectionProblems(failedWithNote, today), { rectifyBy: "deadlineNeeded" });
  assert.equal(inspectionProblems({ ...failedWithNote, rectifyBy: "2026-12-04" }, today), { rectifyBy: "deadlineBeforeDate" });
  assert.equal(inspectionProblems({ ...failedWithNote, rectifyBy: "2026-12-05" }, today), {});
});

test("roadside trend: each point by its last count of the month, per county and month", () => {
  const rows = roadsideTrend([
    // County A, point 1 counted twice in October (40 then 30: 30 counts), once in November (20).
    { pointId: 1, countyCode: "411024", date: "2026-10-03", people: 40 },
    { pointId: 1, countyCode: "411024", date: "2026-10-20", people: 30 },
    { pointId: 1, countyCode: "411024", date: "2026-11-18", people: 20 },
    // County A, point 2 only in October.
    { pointId: 2, countyCode: "411024", date: "2026-10-11", people: 12 },
    // County B, one point; its counts given out of order.
    { pointId: 3, countyCode: "411081", date: "2026-11-30", people: 5 },
    { pointId: 3, countyCode: "411081", date: "2026-11-02", people: 9 },
  ]);
  assert.equal(rows, [
    { countyCode: "411024", month: "2026-10", points: 2, people: 42 },
    { countyCode: "411024", month: "2026-11", points: 1, people: 20 },
    { countyCode: "411081", month: "2026-11", points: 1, people: 5 },
  ]);
  assert.equal(roadsideTrend([]), []);
  // Given in any order, the rows come by county, then by month.
  const shuffled = roadsideTrend([
    { pointId: 3, countyCode: "411081", date: "2026-11-02", people: 9 },
    { pointId: 1, countyCode: "411024", date: "2026-11-18", people: 20 },
    { pointId: 1, countyCode: "411024", date: "2026-10-03", people: 40 },
  ]);
  assert.equal(shuffled.map((r) => [r.countyCode, r.month]), [["411024", "2026-10"], ["411024", "2026-11"], ["411081", "2026-11"]]);
});

test.run();
